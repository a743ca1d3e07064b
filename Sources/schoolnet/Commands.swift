import Foundation
import SchoolNet

/// Carries out one parsed command line; returns the exit code.
struct Commands {
    let options: CommandLineOptions
    /// Where reports and tables go: standard output (tests capture it).
    var output: (String) -> Void = { print($0, terminator: "") }
    /// Where messages go ("wrote …", a sweep's points): standard error.
    var messages: (String) -> Void = { printError($0) }

    func run() throws -> Int32 {
        if options.showVersion {
            output("schoolnet \(SchoolNetVersion.current)\n")
            return 0
        }
        switch options.command {
        case .help:
            output(HelpText.text(for: options.helpTopic))
            return 0
        case .completions:
            output(Completions.script(for: options.files[0]))
            return 0
        case .validate:
            let scenario = try source(options.files[0]).scenario(with: overrides())
            _ = ScenarioBuilder(scenario)
            output("ok: \(scenario.file): \(scenario.schools.count) school\(scenario.schools.count == 1 ? "" : "s"), \(scenario.studentCount) students, \(scenario.activities.count) activities\n")
            return 0
        case .explain:
            let src = try source(options.files[0])
            let scenario = try src.scenario(with: overrides())
            try emitText(record(src, scenario).line + "\n" + scenario.explanation(builder: ScenarioBuilder(scenario)), named: "explain.txt")
            return 0
        case .run:
            return try runCommand()
        case .compare:
            return try compareCommand()
        case .sweep:
            return try sweepCommand()
        case .size:
            return try sizeCommand()
        case .merge:
            return try mergeCommand()
        case .generate:
            return try generateCommand()
        }
    }

    func source(_ file: String?) throws -> ScenarioSource {
        guard let file else { return try ScenarioSource(json: DefaultScenario.json, file: "(built-in default: Scenarios/elementary-600.json)") }
        return try ScenarioSource(file: file)
    }

    func overrides() throws -> [ScenarioOverride] {
        try options.sets.map { try ScenarioOverride(parsing: $0) }
    }

    /// A progress line on stderr for runs longer than a couple of seconds.
    func progressReporter(label: String) -> Progress? {
        options.quiet ? nil : Progress(label: label)
    }
}

/// Progress on stderr with an ETA, shown once a run has taken two seconds.
final class Progress: @unchecked Sendable {
    let label: String
    let started = Date()
    var lastPrint = Date.distantPast
    var shown = false
    let lock = NSLock()

    init(label: String) { self.label = label }

    func update(_ fraction: Double) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        let elapsed = now.timeIntervalSince(started)
        guard elapsed > 2, now.timeIntervalSince(lastPrint) > 0.5, fraction > 0 else { return }
        lastPrint = now
        shown = true
        let eta = elapsed / fraction * (1 - fraction)
        FileHandle.standardError.write(Data(String(format: "\r%@: %3.0f %%  elapsed %.0f s, about %.0f s left   ", label, fraction * 100, elapsed, eta).utf8))
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
