/// The result of one case at one scale: deterministic counts, then measurements.
struct CaseResult: Codable, Equatable {
    /// The case name (without `@quick`).
    var name: String
    /// The scale it ran at.
    var scale: BenchScale
    /// The case's one-line summary.
    var summary: String
    /// Simulated events processed (gated exactly by `--compare`).
    var events: UInt64
    /// Flows completed (gated exactly).
    var flows: UInt64
    /// Rate re-solves (gated exactly).
    var resolves: UInt64
    /// How many times the case ran.
    var repeats: Int
    /// Wall time of the measured region over the repeats.
    var wallSeconds: WallStats
    /// `events / wallSeconds.median`.
    var eventsPerSecond: Double
    /// Peak resident set size of the process running the case, in bytes.
    var peakRSSBytes: UInt64?
    /// Resident set size before the case first ran (runtime overhead), in bytes.
    var startRSSBytes: UInt64?
    /// Whether the peak is this case's alone (own process, or a successful reset).
    var peakRSSIsolated: Bool
    /// Case-specific metrics from the median repeat.
    var metrics: [String: Double]

    /// The key of this result in a report: `name` or `name@quick`.
    var key: String { name + scale.keySuffix }
}
