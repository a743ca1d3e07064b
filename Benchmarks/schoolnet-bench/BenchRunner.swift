import Foundation

/// Runs benchmark cases, either in this process or each in a child process of its own.
///
/// **Isolation.** Peak RSS (`VmHWM`) is a per-process maximum, so by default the harness
/// re-executes itself as `schoolnet-bench --single CASE --repeats N [--quick]`; the child
/// runs the case's repeats and prints one ``CaseResult`` as JSON on stdout, so each peak
/// is the case's own (plus the runtime's few MiB, shown as `startRSSBytes`).
struct BenchRunner {
    /// Runs per case.
    let repeats: Int
    /// The scale to run at.
    let scale: BenchScale

    /// Runs `benchCase` `repeats` times in this process.
    ///
    /// The counts must be identical on every repeat (they are deterministic by contract);
    /// metrics come from the repeat whose wall time is the (lower) median. Peak RSS is
    /// read after the first repeat, so it does not grow with `--repeats`.
    ///
    /// - Parameter resetPeak: try to reset the process's peak RSS first (`--in-process`).
    /// - Throws: ``BenchError/caseFailed(name:reason:)`` if the counts vary between repeats.
    func runHere(_ benchCase: BenchCase, resetPeak: Bool) throws(BenchError) -> CaseResult {
        let isolated = resetPeak ? PeakMemory.resetPeak() : true
        let startRSS = PeakMemory.currentResidentBytes()
        var runs: [(measurement: CaseMeasurement, seconds: Double)] = []
        var peak: UInt64?
        for _ in 0..<repeats {
            let stopwatch = Stopwatch()
            let m = benchCase.run(scale)
            let outer = stopwatch.elapsedSeconds
            runs.append((m, m.measuredSeconds ?? outer))
            // The peak after the first repeat: later repeats can only add memory the
            // allocator kept from earlier ones, which would make the peak depend on --repeats.
            if peak == nil { peak = PeakMemory.peakResidentBytes() }
        }
        let first = runs[0].measurement
        for (m, _) in runs where (m.events, m.flows, m.resolves) != (first.events, first.flows, first.resolves) {
            throw .caseFailed(
                name: benchCase.name,
                reason: "counts differ between repeats (events \(first.events) vs \(m.events), flows \(first.flows) vs \(m.flows), resolves \(first.resolves) vs \(m.resolves)): the case is not deterministic")
        }
        for (key, value) in first.metrics where !value.isFinite {
            throw .caseFailed(name: benchCase.name, reason: "metric \(key) is \(value)")
        }
        let wall = WallStats(samples: runs.map(\.seconds))
        let medianRun = runs.sorted { $0.seconds < $1.seconds }[(runs.count - 1) / 2]
        return CaseResult(
            name: benchCase.name, scale: scale, summary: benchCase.summary,
            events: first.events, flows: first.flows, resolves: first.resolves,
            repeats: repeats, wallSeconds: wall,
            eventsPerSecond: wall.median > 0 ? Double(first.events) / wall.median : 0,
            peakRSSBytes: peak, startRSSBytes: startRSS,
            peakRSSIsolated: isolated, metrics: medianRun.measurement.metrics)
    }

    /// Runs `benchCase` in a child process (this executable with `--single`).
    ///
    /// - Throws: ``BenchError/caseFailed(name:reason:)`` if the child cannot start, exits
    ///   non-zero, dies on a signal, or prints something that is not a ``CaseResult``.
    func runInChild(_ benchCase: BenchCase) throws(BenchError) -> CaseResult {
        let process = Process()
        process.executableURL = Self.executableURL
        process.arguments = ["--single", benchCase.name, "--repeats", String(repeats)] + (scale == .quick ? ["--quick"] : [])
        let pipe = Pipe()
        process.standardOutput = pipe  // stderr is inherited: a crash message reaches the user
        do { try process.run() } catch {
            throw .caseFailed(name: benchCase.name, reason: "cannot start \(Self.executableURL.path): \(error)")
        }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit else {
            throw .caseFailed(name: benchCase.name, reason: "child killed by signal \(process.terminationStatus)")
        }
        guard process.terminationStatus == 0 else {
            throw .caseFailed(name: benchCase.name, reason: "child exited with status \(process.terminationStatus)")
        }
        do { return try JSONDecoder().decode(CaseResult.self, from: output) } catch {
            throw .caseFailed(name: benchCase.name, reason: "unreadable child output: \(error)")
        }
    }

    /// This executable, resolved through `/proc/self/exe` where available.
    static let executableURL: URL = {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }()
}
