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

    /// `compare` writes its difference table in each format asked for (and only those), next
    /// to each side's reports; the exit code is unchanged: 3 when either side misses a target
    /// (B's 10 Mbps line misses the bulk target), 0 when neither does.
    @Test func compareWritesEveryFormat() throws {
        let dir = try Folder()
        defer { dir.clean() }
        let slow = ShardMergeTests.scenario.replacingOccurrences(of: #""down": "100 Mbps""#, with: #""down": "10 Mbps""#)
        try slow.write(toFile: dir["slow.json"], atomically: true, encoding: .utf8)
        let c = try ShardMergeTests.schoolnet(["compare", dir["exp.json"], dir["slow.json"], "-r", "2", "--format", "text,csv,json,html",
                                               "--out", dir["c"]])
        #expect(c.code == 3)
        for name in ["compare.txt", "compare.csv", "compare.json", "compare.html", "A.json", "B.json", "A.csv", "B.html"] {
            #expect(FileManager.default.fileExists(atPath: dir["c/\(name)"]), "\(name)")
        }
        #expect(try String(contentsOfFile: dir["c/compare.txt"], encoding: .utf8) == c.output)

        let csv = try String(contentsOfFile: dir["c/compare.csv"], encoding: .utf8)
        #expect(ShardMergeTests.contents(dir["c/compare.csv"])?.prefix(3) == Data([0xEF, 0xBB, 0xBF]))  // the byte-order mark
        #expect(csv.contains("# A as run: \(dir["exp.json"]) · seed 1 · 2 replications"))
        let rows = csv.split(separator: "\r\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("\u{FEFF}#") }
        #expect(rows[0] == "activity,kind,metric,unit,a_mean,a_ci95_half_width,b_mean,b_ci95_half_width,b_minus_a,b_minus_a_ci95_low,b_minus_a_ci95_high,significant,better")
        let bulk = try #require(rows.first { $0.hasPrefix(#""bulk",bulk,"bulk.time_p95 (s)","s","#) })
        #expect(bulk.hasSuffix(",true,A"))  // B's slower line is significantly worse
        #expect(bulk.split(separator: ",").count == 13)

        let data = try #require(FileManager.default.contents(atPath: dir["c/compare.json"]))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["schema"] as? String == CompareReport.schema)
        #expect(json["pairs"] as? Int == 2)
        #expect(((json["a"] as? [String: Any])?["run"] as? [String: Any])?["file"] as? String == dir["exp.json"])
        #expect(((json["b"] as? [String: Any])?["run"] as? [String: Any])?["file"] as? String == dir["slow.json"])
        let metrics = try #require(json["metrics"] as? [[String: Any]])
        let time = try #require(metrics.first { $0["workload"] as? String == "bulk" && $0["key"] as? String == "time_p95" })
        for field in ["unit", "a_mean", "a_ci95_half_width", "b_mean", "b_ci95_half_width", "b_minus_a", "b_minus_a_ci95_low",
                      "b_minus_a_ci95_high", "significant", "better", "higher_is_better", "target"] {
            #expect(time[field] != nil, "\(field)")
        }
        #expect(time["unit"] as? String == "s" && time["significant"] as? Bool == true && time["better"] as? String == "A")
        let low = try #require(time["b_minus_a_ci95_low"] as? Double), diff = try #require(time["b_minus_a"] as? Double)
        #expect(low > 0 && low <= diff)

        let html = try String(contentsOfFile: dir["c/compare.html"], encoding: .utf8)
        #expect(html.contains("<table class=\"qoe compare\">") && html.contains("<caption class=\"caption\">Each row is one metric"))
        #expect(html.contains("Noto Sans CJK JP") && html.contains("<tr class=\"a-better\">"))

        // Only the formats asked for; the long layout; both sides passing: exit 0.
        let j = try ShardMergeTests.schoolnet(["compare", dir["exp.json"], dir["exp.json"], "-r", "2", "--format", "csv", "--layout", "long",
                                               "--out", dir["j"], "-q"])
        #expect(j.code == 0)
        for ext in ["txt", "json", "html"] { #expect(!FileManager.default.fileExists(atPath: dir["j/compare.\(ext)"]), "compare.\(ext)") }
        #expect(try String(contentsOfFile: dir["j/compare.csv"], encoding: .utf8).contains("\r\nactivity,kind,metric,unit,statistic,value\r\n"))
    }

    /// `size --students` on a board whose schools are listed in a CSV file resizes the list's
    /// first row; `--set` and `--vary` reach its keys as `schools[0].…`. Every student
    /// downloads 1 MB at 09:00, p95 ≤ 10 s: 20 students need 160 Mbit, 16 s at 10 Mbps
    /// (fails), 8 s at 20 Mbps (passes).
    @Test func sizeByStudentsResizesTheFirstRowOfACSVSchoolList() throws {
        let dir = try Folder()
        defer { dir.clean() }
        try """
        {"name": "board", "day": {"start": "09:00", "end": "09:02"}, "replications": 1, "schools": {"csv": "schools.csv"},
         "activities": [{"activity": "bulk", "jitter": "0 s", "settings": {"size": "1 MB"}}], "targets": {"bulk.time_p95": "<= 10 s"}}
        """.write(toFile: dir["board.json"], atomically: true, encoding: .utf8)
        try "name,grades,classesPerGrade,students,access.type,access.down\r\nes,1,1,10,fiber,1 Gbps\r\n"
            .write(toFile: dir["schools.csv"], atomically: true, encoding: .utf8)
        let z = try ShardMergeTests.schoolnet(["size", dir["board.json"], "--students", "20", "--set", "schools[0].access.service=dedicated",
                                               "--vary", "schools[0].access.down=10 Mbps,20 Mbps", "--format", "json", "--out", dir["z"], "-q"])
        #expect(z.code == 0)
        let json = try String(contentsOfFile: dir["z/size.json"], encoding: .utf8)
        #expect(json.contains(#""chosen": "20 Mbps""#) && json.contains(#""simulated_students": 20"#), "\(json)")
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
