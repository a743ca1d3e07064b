/// An A/B comparison of two configurations run with common random numbers: the confidence
/// interval of the paired differences `treatmentᵢ − baselineᵢ`, and whether it excludes 0.
///
/// With common random numbers, replication `i` of both configurations sees the same
/// arrivals and draws (the same entity streams), so most of the run-to-run noise cancels
/// in the difference and the paired interval is much narrower than two independent ones —
/// that is what makes "local breakout lowers p95 by 0.3 s" detectable in 10 replications.
/// The interval is the Student-t interval of the differences with `n − 1` degrees of
/// freedom (the paired-t approach); it is valid with or without common random numbers, as
/// long as the pairs are independent of one another.
///
/// **Source:** A. M. Law, *Simulation Modeling and Analysis*, 5th ed., §10.2.1 (paired-t
/// confidence interval) and §11.2 (common random numbers).
///
/// **Validated by:** `ConfidenceIntervalTests`.
public struct PairedComparison: Hashable, Sendable, Codable {
    /// The confidence interval of the mean difference `treatment − baseline`.
    public var difference: ConfidenceInterval

    /// Compares paired results of a baseline and a treatment configuration.
    ///
    /// - Parameters:
    ///   - baseline: One result per replication for configuration A.
    ///   - treatment: The results for configuration B, in the same replication order
    ///     (replication `i` of both used the same seeds); the same count as `baseline`.
    ///   - level: The confidence level in (0, 1); default 0.95.
    /// - Returns: The comparison, or `nil` with fewer than two pairs.
    /// - Complexity: O(*n*).
    public init?(baseline: [Double], treatment: [Double], level: Double = 0.95) {
        precondition(
            baseline.count == treatment.count,
            "PairedComparison: \(baseline.count) baseline vs \(treatment.count) treatment results")
        guard let interval = ConfidenceInterval(zip(treatment, baseline).map { $0 - $1 }, level: level) else {
            return nil
        }
        difference = interval
    }

    /// The estimated mean difference `treatment − baseline`.
    public var meanDifference: Double { difference.mean }

    /// Whether the difference is statistically significant at the interval's level: 0 lies
    /// outside the confidence interval.
    public var isSignificant: Bool { !difference.contains(0) }
}
