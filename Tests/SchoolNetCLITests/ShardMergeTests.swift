import Foundation
import Testing
import SchoolNet
@testable import schoolnet

/// Scale-out: a run or sweep split with `--shard i/n` and put together
/// with `schoolnet merge` prints and writes byte-identical reports, with the same exit
/// code, as the unsharded command; merge refuses a missing shard or another scenario.
///
/// The scenario is `ExperimentTests`' small one (40 students, 5 minutes; well under a
/// second per run in a debug build), written to a fresh temporary folder per test.
@Suite struct ShardMergeTests {
    static let scenario = """
    {"name": "exp", "day": {"start": "09:00", "end": "09:05"}, "replications": 3,
     "schools": [{"name": "es", "grades": 1, "classesPerGrade": 2, "studentsPerClass": 20,
                  "access": {"type": "fiber", "service": "dedicated", "down": "100 Mbps"}}],
     "activities": [{"activity": "bulk", "jitter": "20 s", "settings": {"size": "5 MB"}},
                    {"activity": "cbt", "settings": {"items": 5, "thinkTime": {"mean": "20 s", "cv": 0.5}}}],
     "targets": {"bulk.time_p95": "<= 10 s"}}
    """

    /// A temporary folder holding `exp.json`, removed by `clean()`.
    struct Folder {
        let path: String
        init() throws {
            path = (NSTemporaryDirectory() as NSString).appendingPathComponent("schoolnet-shard-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try ShardMergeTests.scenario.write(toFile: self["exp.json"], atomically: true, encoding: .utf8)
        }
        subscript(name: String) -> String { (path as NSString).appendingPathComponent(name) }
        func clean() { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Runs a command line as `schoolnet` would; returns its exit code, standard output and
    /// messages.
    static func schoolnet(_ arguments: [String]) throws -> (code: Int32, output: String, messages: String) {
        var output = "", messages = ""
        let commands = Commands(options: try CommandLineOptions.parse(arguments), output: { output += $0 },
                                messages: { messages += $0 + "\n" })
        let code = try commands.run()
        return (code, output, messages)
    }

    static func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// Replications split over three shards (4 over 3: shards of 2, 1 and 1 runs; 2 over 3:
    /// the third shard is empty), merged: text, JSON, CSV and HTML reports are the same
    /// bytes as the unsharded run's, and so is the exit code (the 20 Mbps line misses the
    /// bulk target: exit 3).
    @Test(arguments: [(4, "100 Mbps"), (2, "20 Mbps")])
    func shardedThenMergedRunIsByteIdentical(replications: Int, line: String) throws {
        let dir = try Folder()
        defer { dir.clean() }
        let common = [dir["exp.json"], "-r", "\(replications)", "--set", "schools[0].access.down=\(line)", "--jobs", "2"]
        let whole = try Self.schoolnet(["run"] + common + ["--format", "text,json,csv,html", "--out", dir["whole"]])
        var lines: [String] = []
        for i in 1...3 {
            let shard = try Self.schoolnet(["run"] + common + ["--shard", "\(i)/3", "--out", dir["shards"]])
            #expect(shard.code == 0)
            lines.append(shard.output)
        }
        let n = Shard(index: 1, count: 3).units(of: replications).count
        #expect(lines[0] == "shard 1/3: \(n) run\(n == 1 ? "" : "s") written to \(dir["shards/shard-1-of-3.json"])\n")
        let merged = try Self.schoolnet(["merge", dir["shards/shard-3-of-3.json"], dir["shards/shard-1-of-3.json"],
                                         dir["shards/shard-2-of-3.json"], "--format", "text,json,csv,html", "--out", dir["merged"]])
        #expect(merged.code == whole.code && whole.code == (line == "20 Mbps" ? 3 : 0))
        #expect(merged.output == whole.output && whole.output.contains("What gives way first"))
        for ext in ["json", "csv", "html"] {
            let a = Self.contents(dir["whole/result.\(ext)"]), b = Self.contents(dir["merged/result.\(ext)"])
            #expect(a != nil && a == b, "result.\(ext) differs")
        }
        #expect(try String(contentsOfFile: dir["merged/result.json"], encoding: .utf8).contains("\"replications\": \(replications)"))
    }

    /// A sweep of 2 line speeds × 2 replications (4 units: point 1 replications 0, 1, then
    /// point 2's) over three shards, merged: the same table, byte for byte.
    @Test func shardedThenMergedSweepIsByteIdentical() throws {
        let dir = try Folder()
        defer { dir.clean() }
        let common = ["sweep", dir["exp.json"], "--vary", "schools[0].access.down=20 Mbps,200 Mbps", "-r", "2",
                      "--set", "schools[0].studentsPerClass=15", "--jobs", "2", "--quiet"]
        let whole = try Self.schoolnet(common.filter { $0 != "--quiet" })
        for i in 1...3 { #expect(try Self.schoolnet(common + ["--shard", "\(i)/3", "--out", dir["shards"]]).code == 0) }
        let merged = try Self.schoolnet(["merge"] + (1...3).map { dir["shards/shard-\($0)-of-3.json"] })
        #expect(merged.code == whole.code && whole.code == 3)  // the 20 Mbps point misses the bulk target
        #expect(merged.output == whole.output)
        #expect(whole.output.contains("schools[0].studentsPerClass=15, schools[0].access.down=200 Mbps"))
    }

    /// Merge refuses a set with a shard missing, and shards of another seed, naming the file.
    @Test func mergeRefusesAMissingShardOrAnotherScenario() throws {
        let dir = try Folder()
        defer { dir.clean() }
        for (seed, out) in [("1", "a"), ("2", "b")] {
            for i in 1...2 {
                _ = try Self.schoolnet(["run", dir["exp.json"], "-r", "2", "--seed", seed, "--shard", "\(i)/2", "--out", dir[out], "-q"])
            }
        }
        #expect(throws: ExperimentError("missing shard 2/2: merge needs all 2 shard files of the job, each once")) {
            try Self.schoolnet(["merge", dir["a/shard-1-of-2.json"]])
        }
        let a1 = dir["a/shard-1-of-2.json"], b2 = dir["b/shard-2-of-2.json"]
        #expect(throws: ExperimentError(#"\#(b2) and \#(a1) are shards of different jobs: scenario "exp", seed 2, 2 replications vs scenario "exp", seed 1, 2 replications"#)) {
            try Self.schoolnet(["merge", a1, b2])
        }
        #expect(try Self.schoolnet(["merge", a1, dir["a/shard-2-of-2.json"], "-q"]).code == 0)
    }
}
