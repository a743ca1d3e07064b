/// What one run of a benchmark case reports.
///
/// The counts (`events`, `flows`, `resolves`) must be deterministic — the same on every
/// run and machine — because `--compare` gates on them exactly. Anything
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
