import Foundation
import Testing
import SchoolNet
@testable import schoolnet

/// Report files are written whole or not at all: a write that fails keeps the earlier
/// file and leaves no temporary file; a real `schoolnet` process killed with SIGTERM
/// while it writes leaves no temporary file, and every report is either the earlier
/// complete one or the new complete one.
@Suite(.serialized) struct AtomicOutputTests {
    /// The built `schoolnet` executable: beside the test bundle, else in `.build/debug`.
    static var executable: String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["SCHOOLNET_EXECUTABLE"] { candidates.append(env) }
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        candidates.append(bundleDir.appendingPathComponent("schoolnet").path)
        candidates.append(bundleDir.deletingLastPathComponent().appendingPathComponent("schoolnet").path)
        for b in Bundle.allBundles { candidates.append(b.bundleURL.deletingLastPathComponent().appendingPathComponent("schoolnet").path) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/schoolnet").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A temporary folder, removed by `clean()`.
    struct Folder {
        let path: String
        init() throws {
            path = (NSTemporaryDirectory() as NSString).appendingPathComponent("schoolnet-atomic-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        subscript(name: String) -> String { (path as NSString).appendingPathComponent(name) }
        func clean() { try? FileManager.default.removeItem(atPath: path) }
        /// Names in `sub` that are temporary files (or the old generator's `.partial`).
        func temporaries(_ sub: String = "") -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: sub.isEmpty ? path : self[sub])) ?? [])
                .filter { $0.contains(".tmp-") || $0.hasSuffix(".partial") }
        }
    }

    /// The small scenario of `ShardMergeTests` over three hours: a quick simulation with
    /// a large utilisation table (tens of MB in the long layout with three replications).
    static let scenario = ShardMergeTests.scenario.replacingOccurrences(of: "\"end\": \"09:05\"", with: "\"end\": \"12:00\"")

    @Test func aFailedWriteKeepsTheEarlierFileAndLeavesNoTemporaryFile() throws {
        let dir = try Folder()
        defer { dir.clean() }
        try OutputFile.write("complete\n", to: dir["r.csv"])
        struct DiskFull: Error {}
        #expect(throws: DiskFull.self) {
            try OutputFile.write(to: dir["r.csv"]) { file in
                file.write(String(repeating: "x", count: 3 << 20))
                throw DiskFull()
            }
        }
        #expect(try String(contentsOfFile: dir["r.csv"], encoding: .utf8) == "complete\n")
        #expect(dir.temporaries().isEmpty)
        // A folder that is not there: a loud error naming the file.
        #expect(throws: OutputError.self) { try OutputFile.write("x", to: dir["missing/r.csv"]) }
        var pending = try OutputFile(path: dir["p.csv"])
        #expect(OutputFile.pending.contains(pending.temporaryPath))
        pending.abandon()
        #expect(!OutputFile.pending.contains(pending.temporaryPath) && dir.temporaries().isEmpty)
    }

    /// Runs `schoolnet` with `arguments`; sends SIGTERM as soon as a temporary file appears
    /// in `watch`. Returns whether it was killed mid-write.
    static func runAndKillWhileWriting(_ arguments: [String], watch: Folder, sub: String) throws -> (killed: Bool, process: Process) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(executable, "build schoolnet first (swift build)"))
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        var killed = false
        while p.isRunning {
            if !watch.temporaries(sub).isEmpty {
                kill(p.processIdentifier, SIGTERM)
                killed = true
                break
            }
            usleep(200)
        }
        p.waitUntilExit()
        return (killed, p)
    }

    @Test func aRunKilledWhileWritingLeavesNoTemporaryFileAndKeepsCompleteReports() throws {
        guard Self.executable != nil else { Issue.record("schoolnet executable not found beside the tests; run swift build"); return }
        let dir = try Folder()
        defer { dir.clean() }
        try Self.scenario.write(toFile: dir["long.json"], atomically: true, encoding: .utf8)
        let args = [dir["long.json"], "-r", "3", "--layout", "long", "--format", "json,csv", "--jobs", "2", "-q"]
        let names = ["result.json", "result.csv", "utilisation.csv"]
        // The earlier complete reports (seed 1), and what a complete run with seed 9 writes.
        for (seed, out) in [("1", "out"), ("9", "new")] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: Self.executable!)
            p.arguments = ["run"] + args + ["--seed", seed, "--out", dir[out]]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0 || p.terminationStatus == 3)
        }
        let old = names.map { FileManager.default.contents(atPath: dir["out/\($0)"]) }
        let new = names.map { FileManager.default.contents(atPath: dir["new/\($0)"]) }
        #expect(old.allSatisfy { $0 != nil } && old != new)
        var killedOnce = false
        for _ in 0..<4 where !killedOnce {
            let (killed, p) = try Self.runAndKillWhileWriting(["run"] + args + ["--seed", "9", "--out", dir["out"]], watch: dir, sub: "out")
            if killed && p.terminationStatus == 128 + SIGTERM { killedOnce = true }
            #expect(dir.temporaries("out").isEmpty, "temporary files left: \(dir.temporaries("out"))")
            for (i, name) in names.enumerated() {
                let now = FileManager.default.contents(atPath: dir["out/\(name)"])
                #expect(now == old[i] || now == new[i], "\(name) is neither the earlier nor a complete new report")
            }
        }
        #expect(killedOnce, "the run finished before it could be killed while writing")
    }

    @Test func generateKilledWhileWritingLeavesNothingPartial() throws {
        guard Self.executable != nil else { Issue.record("schoolnet executable not found beside the tests; run swift build"); return }
        let dir = try Folder()
        defer { dir.clean() }
        let (killed, p) = try Self.runAndKillWhileWriting(["generate", "flowlog", "--flows", "3000000", "--schools", "2", "--out", dir["log.json"]],
                                                          watch: dir, sub: "")
        #expect(killed && p.terminationStatus == 128 + SIGTERM)
        #expect(dir.temporaries().isEmpty, "left behind: \(dir.temporaries())")
        #expect(!FileManager.default.fileExists(atPath: dir["log.csv"]) && !FileManager.default.fileExists(atPath: dir["log.json"]))
    }
}
