/// One benchmark case: a name, a one-line summary, and a closure that runs it once.
///
/// Cases are values registered in ``BenchRegistry/all``; each family lives in a file of
/// its own (`KernelCases.swift`, later `NetworkCases.swift`, …). The harness calls `run`
/// `--repeats` times, in a child process of its own so that its peak RSS is its own.
///
/// ```swift
/// extension BenchCase {
///     static let networkCases: [BenchCase] = [
///         BenchCase("one-classroom", "40 devices, one AP, CBT login burst") { scale in
///             let students = scale == .quick ? 40 : 400
///             var sim = Simulation(scenario: .classroom(students: students), seed: 1)
///             sim.run(until: .seconds(600))
///             return CaseMeasurement(events: sim.eventsProcessed,
///                                    flows: sim.flowsCompleted,
///                                    resolves: sim.rateResolves)
///         },
///     ]
/// }
/// ```
struct BenchCase: Sendable {
    /// Unique name: lower-case words joined by `-` (`hold-1e5`, `school-day`).
    let name: String
    /// One line saying what is simulated and how large it is.
    let summary: String
    /// Whether `--quick` (CI) runs this case; national-scale cases may opt out.
    let runsInQuick: Bool
    /// Runs the case once at a scale and returns its measurement.
    let run: @Sendable (BenchScale) -> CaseMeasurement

    /// Creates a case.
    ///
    /// - Parameters:
    ///   - name: unique name, as typed after `--cases`.
    ///   - summary: one line for `--list` and the JSON report.
    ///   - quick: whether `--quick` runs it (its `run` then receives `.quick`).
    ///   - run: runs the case once; must give the same counts on every call.
    init(
        _ name: String, _ summary: String, quick: Bool = true,
        run: @escaping @Sendable (BenchScale) -> CaseMeasurement
    ) {
        self.name = name
        self.summary = summary
        self.runsInQuick = quick
        self.run = run
    }
}
