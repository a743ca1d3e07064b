import Foundation
import Testing
import SchoolNet
@testable import schoolnet

/// Command-line conventions: `--name=value`, `--version`, help topics, completion scripts,
/// refusals of options that would be ignored, and the `--help` text of every subcommand
/// (snapshot files in `Snapshots/help-COMMAND.txt`; a changed text writes
/// `help-COMMAND.txt.actual` beside it — move it over after review).
@Suite struct CommandLineConventionsTests {
    static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    @Test(arguments: CommandLineOptions.Command.allCases)
    func helpOfEverySubcommandMatchesItsSnapshot(command: CommandLineOptions.Command) throws {
        let o = try CommandLineOptions.parse(command == .help ? ["--help"] : [command.rawValue, "--help"])
        #expect(o.command == .help)
        let text = HelpText.text(for: o.helpTopic)
        let file = Self.snapshots.appendingPathComponent("help-\(command.rawValue).txt")
        let expected = try? String(contentsOf: file, encoding: .utf8)
        if expected != text { try text.write(to: file.appendingPathExtension("actual"), atomically: true, encoding: .utf8) }
        #expect(expected == text, "help of \(command.rawValue) changed: see \(file.path).actual")
        if command != .help { #expect(HelpText.overview.contains("schoolnet \(command.rawValue)"), "\(command.rawValue) missing from the overview") }
    }

    @Test func equalsFormAndVersion() throws {
        let o = try CommandLineOptions.parse(["run", "a.json", "--replications=3", "--format=json,csv", "--set=schools[0].access.down=2 Gbps",
                                              "--layout=long", "--out=o"])
        #expect(o.replications == 3 && o.formats == [.json, .csv] && o.sets == ["schools[0].access.down=2 Gbps"] && o.layout == .long)
        #expect(o.outDirectory == "o")
        var printed = ""
        let v = Commands(options: try CommandLineOptions.parse(["--version"]), output: { printed += $0 }, messages: { _ in })
        #expect(try v.run() == 0 && printed == "schoolnet \(SchoolNetVersion.current)\n")
    }

    @Test(arguments: [
        (["help", "foo"], #"no help on "foo" (topics: run, validate, explain, compare, sweep, size, merge, generate, completions, help)"#),
        (["run", "--vary", "k=1,2"], "--vary applies to sweep and size only; run runs one scenario: use --set KEY=VALUE, or schoolnet sweep FILE --vary KEY=V1,V2,… for a row per value"),
        (["run", "--format", ""], #"--format needs at least one of text, json, csv, html (comma-separated), e.g. --format text,html; found """#),
        (["run", "--format", "json,"], #"--format expects text, json, csv or html (comma-separated), found """#),
        (["completions", "tcsh"], "completions takes one shell: schoolnet completions bash|zsh|fish"),
        (["run", "--layout", "tall"], #"--layout expects wide or long, found "tall""#),
        (["validate", "a.json", "--format", "json"], "--format does not apply to validate: it prints text only"),
    ])
    func refusals(args: [String], message: String) {
        #expect(throws: UsageError(message)) { try CommandLineOptions.parse(args) }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameEveryCommandAndOption(shell: String) throws {
        var script = ""
        let c = Commands(options: try CommandLineOptions.parse(["completions", shell]), output: { script += $0 }, messages: { _ in })
        #expect(try c.run() == 0)
        for name in CommandLineOptions.Command.allCases.map(\.rawValue) { #expect(script.contains(name)) }
        for option in CommandLineOptions.knownOptions { #expect(script.contains(shell == "fish" ? "-l " + option.dropFirst(2) : option), "\(option)") }
    }

    /// Bad `--set` / `--vary` paths name the file and the option, with a "did you mean";
    /// a missing object is created where the schema has it.
    @Test func setPathsNameFileAndOption() throws {
        let src = try ScenarioSource(json: ShardMergeTests.scenario, file: "exp.json")
        #expect(throws: ExperimentError(#"exp.json: --set schol[0].access.down: key path "schol" does not exist in the scenario (a list cannot be created by --set); did you mean "schools"?"#)) {
            try src.scenario(with: [try ScenarioOverride(parsing: "schol[0].access.down=1 Gbps")])
        }
        do {
            _ = try src.scenario(with: [try ScenarioOverride(path: "schools[0].acess.down", value: "1 Gbps", option: "--vary")])
            Issue.record("accepted a misspelt key")
        } catch {
            #expect("\(error)" == #"exp.json (with --vary schools[0].acess.down=1 Gbps): schools[0].acess: unknown key; did you mean "access"?"#)
        }
        _ = try src.scenario(with: [try ScenarioOverride(parsing: "tcp.initialWindow=10 kB")])
    }

    @Test func unitsAreNormalisedAndByteRatesMeanBytes() throws {
        #expect(try UnitParsing.rate("１ Ｇｂｐｓ").bitsPerSecond == 1e9)
        #expect(try UnitParsing.rate("１　Gbps").bitsPerSecond == 1e9)
        #expect(try UnitParsing.duration("４０ ms") == .nanoseconds(40_000_000))
        #expect(try UnitParsing.rate("1 GB/s").bitsPerSecond == 8e9)
        #expect(try UnitParsing.rate("12.5 MB/s").bitsPerSecond == 100e6)
        #expect(throws: UnitParseError(expected: #"a bit rate (GBps would be bytes per second: 1 GBps = 8 Gbps; write "8 Gbps" or "1 GB/s")"#, found: #""1 GBps""#)) {
            try UnitParsing.rate("1 GBps")
        }
        // Never a suggestion across bits and bytes.
        do { _ = try UnitParsing.rate("1 GB/z"); Issue.record("accepted") } catch let e as UnitParseError {
            #expect(e.suggestion == "1 GB/s")
        }
    }

    @Test func otherFormatsAreNamed() throws {
        let dir = NSTemporaryDirectory() + "schoolnet-formats-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text, format) in [("s.yaml", "name: x\n", "YAML"), ("s.toml", "name = \"x\"\n", "TOML"), ("s.csv", "name,type\na,b\n", "a CSV table"),
                                     ("s.txt", "name: x\nschools:\n", "YAML")] {
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
            #expect(throws: ScenarioError(file: dir + "/" + name, kind: .invalid("scenario files are JSON; this looks like \(format). Convert it to JSON (see Scenarios/README.md and the examples in Scenarios/)"))) {
                try ScenarioSource(file: dir + "/" + name)
            }
        }
    }
}
