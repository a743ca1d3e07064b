import Foundation
import Testing

/// Every command the README shows is run, with the built `schoolnet`, and must exit 0 (every
/// target met) or 3 (ran; a target missed) within its time budget.
///
/// Commands: each line of each ```` ```sh ```` block (a `\` continues a line; comment lines are
/// skipped), then each `` `schoolnet …` `` in the planner table. They run one after the other,
/// each in `bash -c`, in a scratch folder where `Scenarios/` and `Tests/` are the repository's
/// and `schoolnet` on the PATH is the executable under test; `swift run -c release schoolnet`
/// is that same program. Not run, each for its reason (``notRun``): the toolchain's own
/// `swift build` and `swift test` (the build under test, and this suite), `apt-get install`
/// (root and network) and the PATH line (the test sets the PATH itself); the screenshot
/// script runs when Chromium is installed.
///
/// Takes as long as the commands do in a debug build: about a minute of CPU (the default
/// scenario and the ten-school board dominate), longer on a busy machine.
@Suite(.serialized) struct ReadmeCommandsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The longest one command may take (a debug build on a busy shared machine).
    static let budget: TimeInterval = 600

    /// Lines the test does not run, by their start, and why.
    static let notRun: [(prefix: String, why: String)] = [
        ("swift build", "builds SchoolNet: the test runs the build it belongs to"),
        ("swift test", "runs this test suite"),
        ("apt-get install", "installs system packages (root and network)"),
        ("export PATH=", "the test puts the executable under test on the PATH itself"),
    ]

    /// A command and the README line it is on.
    struct Command: CustomStringConvertible {
        var line: Int
        var text: String
        var description: String { "README.md:\(line): \(text)" }
    }

    /// The commands of the README's ```sh blocks and planner table, in order.
    static func commands(in readme: String) -> [Command] {
        var out: [Command] = []
        var inBlock = false, pending = "", pendingLine = 0
        var tableCommands: [Command] = []
        var inPlannerSection = false
        for (i, raw) in readme.components(separatedBy: "\n").enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("```") {
                inBlock = !inBlock && line == "```sh"  // a ```text block's lines are not commands
                continue
            }
            if inBlock {
                if pending.isEmpty && (line.isEmpty || line.hasPrefix("#")) { continue }
                if pending.isEmpty { pendingLine = i + 1 }
                if line.hasSuffix("\\") { pending += String(line.dropLast()).trimmingCharacters(in: .whitespaces) + " "; continue }
                out.append(Command(line: pendingLine, text: pending + line))
                pending = ""
                continue
            }
            if line.hasPrefix("## ") { inPlannerSection = line == "## What a planner can ask" }
            if inPlannerSection && line.hasPrefix("|") {
                let parts = line.components(separatedBy: "`")
                for k in stride(from: 1, to: parts.count, by: 2) where parts[k].hasPrefix("schoolnet ") {
                    tableCommands.append(Command(line: i + 1, text: parts[k]))
                }
            }
        }
        return out + tableCommands
    }

    @Test func theReaderFindsBlocksAndTableCommands() {
        let text = "## What a planner can ask\n| q | `schoolnet run a.json`, `schoolnet explain a.json` |\n## Other\n| `schoolnet no` |\n"
            + "```sh\n# comment\nschoolnet run \\\n  --set 'x=1'   # why\n```\n```text\nnot run\n```\n"
        #expect(Self.commands(in: text).map(\.text) == ["schoolnet run --set 'x=1'   # why", "schoolnet run a.json", "schoolnet explain a.json"])
        #expect(Self.commands(in: text).map(\.line) == [7, 2, 2])
    }

    @Test func everyScenarioFileTheReadmeNamesExists() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let names = readme.components(separatedBy: CharacterSet(charactersIn: " `'(),")).filter { $0.hasPrefix("Scenarios/") && $0.count > 10 }
        #expect(!names.isEmpty)
        for name in Set(names) {
            #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(name).path), "README names \(name), which does not exist")
        }
    }

    @Test func everyReadmeCommandRunsAndExits0Or3() throws {
        guard let executable = AtomicOutputTests.executable else {
            Issue.record("schoolnet executable not found beside the tests; run swift build")
            return
        }
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let commands = Self.commands(in: readme)
        #expect(commands.count >= 15, "found only \(commands.count) commands")
        let dir = try AtomicOutputTests.Folder()
        defer { dir.clean() }
        let fm = FileManager.default
        for link in ["Scenarios", "Tests"] {
            try fm.createSymbolicLink(atPath: dir[link], withDestinationPath: Self.root.appendingPathComponent(link).path)
        }
        try fm.createDirectory(atPath: dir["bin"], withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: dir["bin/schoolnet"], withDestinationPath: executable)
        let hasChromium = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { fm.isExecutableFile(atPath: "\($0)/chromium") }
        var ran = 0
        for command in commands {
            if let skip = Self.notRun.first(where: { command.text.hasPrefix($0.prefix) }) {
                print("not run (\(skip.why)): \(command)")
                continue
            }
            if command.text.hasPrefix("Tests/Scripts/screenshot-report.sh") && !hasChromium {
                print("not run (Chromium is not installed): \(command)")
                continue
            }
            let text = command.text.replacingOccurrences(of: "swift run -c release schoolnet", with: "schoolnet")
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", text]
            p.currentDirectoryURL = URL(fileURLWithPath: dir.path)
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = dir["bin"] + ":" + (env["PATH"] ?? "/usr/bin:/bin")
            p.environment = env
            _ = fm.createFile(atPath: dir["stdout"], contents: nil)
            _ = fm.createFile(atPath: dir["stderr"], contents: nil)
            p.standardOutput = FileHandle(forWritingAtPath: dir["stdout"])
            p.standardError = FileHandle(forWritingAtPath: dir["stderr"])
            let start = Date()
            try p.run()
            while p.isRunning && Date().timeIntervalSince(start) < Self.budget { usleep(50_000) }
            let seconds = Date().timeIntervalSince(start)
            if p.isRunning {
                p.terminate()
                p.waitUntilExit()
                Issue.record("\(command): still running after \(Int(Self.budget)) s")
                continue
            }
            p.waitUntilExit()
            ran += 1
            let status = p.terminationStatus
            let stderr = (try? String(contentsOfFile: dir["stderr"], encoding: .utf8)) ?? ""
            print(String(format: "%5.1f s  exit %d  %@", seconds, status, command.description))
            #expect(status == 0 || status == 3, "\(command): exit \(status)\n\(stderr.suffix(2000))")
        }
        #expect(ran >= 12, "ran only \(ran) commands")
        // What the commands promise to write.
        for file in ["tuesday/flows.csv", "shards/shard-4-of-4.json", "merged/result.json", "merged/result.html"] {
            #expect(fm.fileExists(atPath: dir[file]), "\(file) was not written")
        }
    }
}
