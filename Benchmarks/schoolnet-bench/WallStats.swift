/// Wall-time statistics of a case over its repeats, in seconds.
struct WallStats: Codable, Equatable {
    /// The median (mean of the middle two for an even count).
    var median: Double
    /// The fastest repeat.
    var min: Double
    /// The slowest repeat.
    var max: Double

    /// The statistics of `samples` (non-empty).
    init(samples: [Double]) {
        precondition(!samples.isEmpty, "no samples")
        let sorted = samples.sorted()
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }
}
