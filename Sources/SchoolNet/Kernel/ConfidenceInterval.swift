/// A Student-t confidence interval for a mean, from independent replications (or batch
/// means): `x̄ ± t_{(1+level)/2, n−1} · s/√n`.
///
/// The experiments layer reports every result that comes from random draws this way —
/// "p95 item latency 1.42 ± 0.08 s (95 % CI, 10 replications)" — so a planner can see
/// whether more replications are needed before trusting a difference.
///
/// **Assumptions:** the `n` values are independent and identically distributed and their
/// mean is approximately normal (true for replication means by the central limit theorem;
/// with very skewed per-replication values use more replications). Coverage is then the
/// nominal `level`.
///
/// **Source:** A. M. Law, *Simulation Modeling and Analysis*, 5th ed., §9.4.1; t quantiles
/// from ``StudentT``.
///
/// **Validated by:** `ConfidenceIntervalTests`.
public struct ConfidenceInterval: Hashable, Sendable, Codable {
    /// The point estimate (sample mean).
    public var mean: Double
    /// Half the interval width: the interval is `mean ± halfWidth`.
    public var halfWidth: Double
    /// The number of values (replications, batches) behind the estimate.
    public var count: Int
    /// The confidence level, e.g. 0.95.
    public var level: Double

    /// Creates an interval from its parts.
    ///
    /// - Parameters:
    ///   - mean: The point estimate.
    ///   - halfWidth: Half the width, at least 0.
    ///   - count: The number of values behind the estimate.
    ///   - level: The confidence level in (0, 1).
    public init(mean: Double, halfWidth: Double, count: Int, level: Double) {
        precondition(halfWidth >= 0, "ConfidenceInterval: negative half-width \(halfWidth)")
        precondition(level > 0 && level < 1, "ConfidenceInterval: level \(level) not in (0, 1)")
        self.mean = mean
        self.halfWidth = halfWidth
        self.count = count
        self.level = level
    }

    /// The Student-t interval for the mean of the values summarised by `tally`.
    ///
    /// - Parameters:
    ///   - tally: The values (one per replication or batch).
    ///   - level: The confidence level in (0, 1); default 0.95.
    /// - Returns: The interval, or `nil` with fewer than two values (no variance estimate).
    /// - Complexity: O(1) plus one t quantile (see ``StudentT/quantile(_:degreesOfFreedom:)``).
    public init?(_ tally: Tally, level: Double = 0.95) {
        guard let mean = tally.mean, let standardError = tally.standardError else { return nil }
        precondition(level > 0 && level < 1, "ConfidenceInterval: level \(level) not in (0, 1)")
        let t = StudentT.quantile((1 + level) / 2, degreesOfFreedom: Double(tally.count - 1))
        self.init(mean: mean, halfWidth: t * standardError, count: tally.count, level: level)
    }

    /// The Student-t interval for the mean of `values`.
    ///
    /// - Parameters:
    ///   - values: One value per replication or batch.
    ///   - level: The confidence level in (0, 1); default 0.95.
    /// - Returns: The interval, or `nil` with fewer than two values.
    /// - Complexity: O(*n*).
    public init?(_ values: some Sequence<Double>, level: Double = 0.95) {
        self.init(Tally(values), level: level)
    }

    /// The lower end, `mean − halfWidth`.
    public var lower: Double { mean - halfWidth }
    /// The upper end, `mean + halfWidth`.
    public var upper: Double { mean + halfWidth }

    /// The half-width relative to the mean's magnitude (∞ for a zero mean): the usual
    /// stopping criterion for "enough replications" (e.g. ≤ 5 %).
    public var relativeHalfWidth: Double { halfWidth / abs(mean) }

    /// Whether `value` lies in the closed interval.
    ///
    /// - Parameter value: The value to test, e.g. an analytic result.
    /// - Returns: `lower ≤ value ≤ upper`.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}
