/// How large a benchmark case runs.
///
/// `.full` is the committed ladder (release build, quiet machine); `.quick` is the CI
/// size (seconds in total). Each scale has its own baseline entries — quick ones are
/// keyed `NAME@quick` — because a case's counts depend on its size.
enum BenchScale: String, Sendable, Codable {
    /// The committed ladder.
    case full
    /// The CI size: `--quick`.
    case quick

    /// The suffix that keys this scale's entries in a report or baseline: "" or "@quick".
    var keySuffix: String { self == .quick ? "@quick" : "" }
}

/// What one run of a benchmark case reports.
///
/// The counts (`events`, `flows`, `resolves`) must be deterministic — the same on every
/// run and machine — because `--compare` gates on them exactly (STYLE.md §14). Anything
/// measured (times, rates) goes in `measuredSeconds` and `metrics`, which are reported,
/// never gated.
struct CaseMeasurement: Sendable {
    /// Simulated events processed.
    var events: UInt64
    /// Flows completed; 0 where the case has no flows.
    var flows: UInt64 = 0
    /// Max-min rate re-solves; 0 where the case has no solver.
    var resolves: UInt64 = 0
    /// Seconds spent in the region the case timed itself (to exclude set-up such as
    /// building a scenario or pre-filling a queue); `nil` lets the harness time the whole
    /// `run` call.
    var measuredSeconds: Double? = nil
    /// Case-specific numbers (`nsPerHold`, `pending`, …). Written with sorted keys;
    /// values must be finite. The report takes them from the median repeat.
    var metrics: [String: Double] = [:]
}

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
