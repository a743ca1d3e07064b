import Foundation
import Testing
import SchoolNet
@testable import schoolnet

/// Every subcommand honours --format and --out; every output records the scenario as run;
/// exit codes follow the help's table (3 when a target is missed anywhere).
@Suite struct OutputFormatTests {
    typealias Folder = ShardMergeTests.Folder

    @Test func everyOutputRecordsTheScenarioAsRun() throws {
        let dir = try Folder()
        defer { dir.clean() }
        let r = try ShardMergeTests.schoolnet(["run", dir["exp.json"], "-r", "2", "--set", "schools[0].access.down=2 Gbps", "--format", "text,json,csv,html",
                                               "--out", dir["o"]])
        let line = "As run: \(dir["exp.json"]) --set 'schools[0].access.down=2 Gbps' · seed 1 · 2 replications · schoolnet \(SchoolNetVersion.current)"
        #expect(r.output.split(separator: "\n")[1] == line[...])
        #expect(try String(contentsOfFile: dir["o/result.txt"], encoding: .utf8) == r.output)
        let json = try String(contentsOfFile: dir["o/result.json"], encoding: .utf8)
        #expect(json.contains(#""schools[0].access.down=2 Gbps""#) && json.contains(#""version": "\#(SchoolNetVersion.current)""#))
        #expect(try String(contentsOfFile: dir["o/result.html"], encoding: .utf8).contains("2 Gbps&#39; · seed 1"))
        let csv = try String(contentsOfFile: dir["o/result.csv"], encoding: .utf8)
        #expect(csv.contains("# --set schools[0].access.down=2 Gbps\r\n"))
        let rows = csv.split(separator: "\r\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("\u{FEFF}#") }
        #expect(rows[0].hasPrefix("replication,seed,") && rows[0].contains("bulk.time_p95 (s)"))
        #expect(rows.map { $0.split(separator: ",").first.map(String.init) ?? "" } == ["replication", "1", "2", "mean", "ci95_half_width", "target"])
        let util = try String(contentsOfFile: dir["o/utilisation.csv"], encoding: .utf8)
        #expect(util.contains("replication,time (HH:MM:SS),") && util.contains("\r\n2,09:"))
        // Long layout: one value per row.
        _ = try ShardMergeTests.schoolnet(["run", dir["exp.json"], "-r", "2", "--format", "csv", "--layout", "long", "--out", dir["l"], "-q"])
        #expect(try String(contentsOfFile: dir["l/utilisation.csv"], encoding: .utf8).contains("replication,time (HH:MM:SS),resource,utilisation (fraction)\r\n"))
        #expect(try String(contentsOfFile: dir["l/result.csv"], encoding: .utf8).contains("replication,seed,activity,kind,metric,unit,value,ci95_half_width,target,passed\r\n"))
    }

    @Test func sweepAndSizeWriteEveryFormat() throws {
        let dir = try Folder()
        defer { dir.clean() }
        let vary = "schools[0].access.down=5 Mbps,10 Mbps"
        let s = try ShardMergeTests.schoolnet(["sweep", dir["exp.json"], "--vary", vary, "-r", "1", "--format", "text,csv,json,html", "--out", dir["s"]])
        #expect(s.code == 3)  // every point misses the bulk target
        for ext in ["txt", "csv", "json", "html"] { #expect(FileManager.default.fileExists(atPath: dir["s/sweep.\(ext)"]), "sweep.\(ext)") }
        #expect(try String(contentsOfFile: dir["s/sweep.csv"], encoding: .utf8).contains(#"point,"schools[0].access.down","bulk.time_p95 (s)""#))
        #expect(try String(contentsOfFile: dir["s/sweep.json"], encoding: .utf8).contains(#""schema": "schoolnet.sweep/1""#))
        #expect(try String(contentsOfFile: dir["s/sweep.html"], encoding: .utf8).contains("<svg"))
        let z = try ShardMergeTests.schoolnet(["size", dir["exp.json"], "--vary", vary, "-r", "1", "--format", "csv,json,html", "--out", dir["z"], "-q"])
        #expect(z.code == 3)
        for ext in ["csv", "json", "html"] { #expect(FileManager.default.fileExists(atPath: dir["z/size.\(ext)"]), "size.\(ext)") }
    }

    /// `--seed N` and `--set seed=N` run the same replications: every report is the same
    /// bytes but for the line recording the command (which names the option given).
    @Test func seedOptionAndSetSeedAgree() throws {
        let dir = try Folder()
        defer { dir.clean() }
        let option = try ShardMergeTests.schoolnet(["run", dir["exp.json"], "-r", "2", "--seed", "5", "--format", "text,csv,json", "--out", dir["a"]])
        let set = try ShardMergeTests.schoolnet(["run", dir["exp.json"], "-r", "2", "--set", "seed=5", "--format", "text,csv,json", "--out", dir["b"]])
        #expect(option.code == set.code)
        let a = option.output.split(separator: "\n", omittingEmptySubsequences: false)
        let b = set.output.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(a[1].hasSuffix("· seed 5 · 2 replications · schoolnet \(SchoolNetVersion.current)"))
        #expect(b[1].hasSuffix("· seed 5 · 2 replications · schoolnet \(SchoolNetVersion.current)"))
        #expect(a.count == b.count && a.indices.allSatisfy { $0 == 1 || a[$0] == b[$0] })
        // The CSV's rows (comment lines record the command) and the JSON's runs.
        func rows(_ dir: String) throws -> [Substring] {
            try String(contentsOfFile: dir + "/result.csv", encoding: .utf8).split(separator: "\r\n")
                .filter { !$0.hasPrefix("#") && !$0.hasPrefix("\u{FEFF}#") }
        }
        #expect(try rows(dir["a"]) == rows(dir["b"]))
        func runs(_ dir: String) throws -> Substring {
            let json = try String(contentsOfFile: dir + "/result.json", encoding: .utf8)
            return json[try #require(json.range(of: #""runs""#)).lowerBound...]
        }
        #expect(try runs(dir["a"]) == runs(dir["b"]))
    }
}
