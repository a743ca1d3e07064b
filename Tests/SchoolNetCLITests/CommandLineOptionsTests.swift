import Testing
import SchoolNet
@testable import schoolnet

@Suite struct CommandLineOptionsTests {
    @Test func noArgumentsPrintsHelpAndRunRunsTheBuiltInScenario() throws {
        #expect(try CommandLineOptions.parse([]).command == .help)
        let o = try CommandLineOptions.parse(["run"])
        #expect(o.command == .run && o.files.isEmpty && o.formats == [.text])
    }

    @Test func parsesCommonOptions() throws {
        let o = try CommandLineOptions.parse(["run", "city.json", "--seed", "7", "-r", "5", "--jobs", "2", "--format", "json,html",
                                              "--out", "out", "--set", "schools[0].access.down=2 Gbps", "--quiet"])
        #expect(o.files == ["city.json"] && o.seed == 7 && o.replications == 5 && o.jobs == 2)
        #expect(o.formats == [.json, .html] && o.outDirectory == "out" && o.quiet)
        #expect(o.sets == ["schools[0].access.down=2 Gbps"])
    }

    /// Sizing by school size: the counts, the class-size cap and the share of days.
    @Test func parsesSizingBySchoolSize() throws {
        let o = try CommandLineOptions.parse(["size", "s.json", "--vary", "k=1,2", "--students", "60, 280,1400",
                                              "--class-size", "40", "--days-share", "95 %"])
        #expect(o.students == [60, 280, 1400] && o.classSize == 40 && o.daysShare == 0.95)
        #expect(throws: UsageError(#"--students expects comma-separated student counts from 1 to 1000000, e.g. 60,280,770,1400; found "0""#)) {
            _ = try CommandLineOptions.parse(["size", "s.json", "--vary", "k=1", "--students", "0"])
        }
        #expect(throws: UsageError(#"--days-share expects a percentage above 0 and at most 100, e.g. 95 or "95 %"; found "120""#)) {
            _ = try CommandLineOptions.parse(["size", "s.json", "--vary", "k=1", "--days-share", "120"])
        }
        #expect(throws: UsageError("--students, --class-size and --days-share apply to size only")) {
            _ = try CommandLineOptions.parse(["run", "--students", "60"])
        }
        #expect(throws: UsageError("--class-size applies with --students (the classes of each school size)")) {
            _ = try CommandLineOptions.parse(["size", "s.json", "--vary", "k=1", "--class-size", "35"])
        }
    }

    @Test func aBareScenarioFileRunsIt() throws {
        #expect(try CommandLineOptions.parse(["city.json"]).command == .run)
    }

    @Test(arguments: [
        (["rnu"], #"unknown command "rnu"; did you mean "run"? (commands: run, validate, explain, compare, sweep, size, merge, generate, completions, help)"#),
        (["run", "--sed", "3"], #"unknown option "--sed"; did you mean "--seed"?"#),
        (["run", "--seed", "x"], #"--seed expects a whole number from 0 to 2147483647, found "x""#),
        (["run", "--format", "pdf"], #"--format expects text, json, csv or html (comma-separated), found "pdf""#),
        (["validate"], "validate takes one scenario file"),
        (["compare", "a.json"], "compare takes two scenario files: schoolnet compare A.json B.json"),
        (["size", "a.json"], #"size needs --vary KEY=V1,V2,… (e.g. --vary schools[0].access.down="500 Mbps,1 Gbps")"#),
        (["run", "--jobs"], "--jobs needs a value"),
        (["run", "--shard", "0/4"], #"--shard expects i/n, shard i of n, numbered from 1 (1 ≤ i ≤ n ≤ 100000), e.g. --shard 2/8; found "0/4""#),
        (["size", "a.json", "--vary", "k=1,2", "--shard", "1/2"],
         "--shard applies to run and sweep only (size stops at the first option that passes, so its runs are not known in advance)"),
        (["compare", "a.json", "b.json", "--shard", "1/2"], "--shard applies to run and sweep only"),
        (["run", "--shard", "1/2", "--format", "json"], "--shard writes a shard file, not reports: give --format to schoolnet merge"),
        (["merge"], "merge takes the shard files: schoolnet merge OUT/shard-*.json [--out DIR] [--format LIST]"),
        (["merge", "s.json", "--seed", "2"],
         "merge takes the scenario and settings from the shards; --seed, --replications, --set, --vary and --shard do not apply"),
    ])
    func mistakesGetPreciseMessages(args: [String], message: String) {
        #expect(throws: UsageError(message)) { try CommandLineOptions.parse(args) }
    }

    /// Golden text: the overview help is what users read first.
    @Test func helpOverviewSnapshot() throws {
        let o = try CommandLineOptions.parse(["--help"])
        #expect(o.command == .help && o.helpTopic == nil)
        let text = HelpText.text(for: nil)
        #expect(text.hasPrefix("schoolnet — network capacity simulator for school connectivity\n"))
        #expect(text.contains("schoolnet run [SCENARIO.json]     simulate (no file: the built-in 600-student elementary school)"))
        #expect(text.contains("0 ran, all targets met (or none set)\n  3 ran, a target missed anywhere"))
        #expect(try CommandLineOptions.parse(["size", "--help"]).helpTopic == .size)
        #expect(text.contains("--shard I/N         run and sweep: run only shard I of N (numbered from 1), write OUT/shard-I-of-N.json"))
    }

    @Test func parsesShardsAndMerge() throws {
        let o = try CommandLineOptions.parse(["sweep", "city.json", "--vary", "k=1,2", "--shard", "3/8"])
        #expect(o.shard == Shard(index: 3, count: 8) && !o.formatGiven)
        let m = try CommandLineOptions.parse(["merge", "a.json", "b.json", "--format", "json", "--out", "out"])
        #expect(m.command == .merge && m.files == ["a.json", "b.json"] && m.formats == [.json])
        #expect(try CommandLineOptions.parse(["help", "merge"]).helpTopic == .merge)
        #expect(HelpText.text(for: .merge).contains("--shard $SLURM_ARRAY_TASK_ID/8"))
    }
}
