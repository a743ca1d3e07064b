/// A running summary of observations: count, mean, variance, minimum and maximum, in
/// constant memory.
///
/// Use a tally for per-observation statistics whose distribution shape is not needed
/// (bytes per flow, retries per student), and across replications for the per-run means
/// that feed a ``ConfidenceInterval``.
///
/// The mean and the sum of squared deviations are updated with Welford's recurrence, which
/// avoids the catastrophic cancellation of the textbook `Σx² − n·x̄²` formula; two tallies
/// combine with the pairwise update of Chan, Golub and LeVeque, so replications run in
/// parallel can be summarised exactly as if they had been one stream.
///
/// **Accuracy:** the relative error of ``variance`` is bounded by about `n·ε·κ`, where `ε`
/// is the `Double` unit round-off and `κ = √(1 + x̄²/s²)` the condition number of the data
/// (Chan, Golub, LeVeque 1983); the naive one-pass formula's bound is `n·ε·κ²`.
///
/// **Determinism:** ``merge(_:)`` is commutative bit for bit (`a.merging(b) == b.merging(a)`)
/// but, like any floating-point sum, not associative; combine replications in a fixed order
/// (replication index) for byte-identical results.
///
/// **Source:** B. P. Welford, "Note on a method for calculating corrected sums of squares
/// and products", Technometrics 4(3), 1962; T. F. Chan, G. H. Golub, R. J. LeVeque,
/// "Updating formulae and a pairwise algorithm for computing sample variances", Stanford
/// CS report STAN-CS-79-773, 1979.
///
/// **Validated by:** `TallyTests`.
public struct Tally: Hashable, Sendable {
    /// The number of observations recorded.
    public private(set) var count: Int = 0
    /// The running mean (0 while empty).
    var runningMean: Double = 0
    /// The running sum of squared deviations from the mean, `Σ(x − x̄)²`.
    var sumOfSquaredDeviations: Double = 0
    var smallest: Double = .infinity
    var largest: Double = -.infinity

    /// Creates an empty tally.
    public init() {}

    /// Creates a tally of `values`.
    ///
    /// - Parameter values: The observations, recorded in sequence order.
    /// - Complexity: O(*n*).
    public init(_ values: some Sequence<Double>) {
        for x in values { record(x) }
    }

    /// Records one observation.
    ///
    /// - Parameter x: The observed value; must not be NaN.
    /// - Complexity: O(1).
    public mutating func record(_ x: Double) {
        precondition(!x.isNaN, "Tally.record(NaN)")
        count += 1
        let delta = x - runningMean
        runningMean += delta / Double(count)
        sumOfSquaredDeviations += delta * (x - runningMean)
        if x < smallest { smallest = x }
        if x > largest { largest = x }
    }

    /// Adds the observations summarised by `other`, as if they had been recorded here.
    ///
    /// With `n = nₐ + n_b` and `δ = x̄_b − x̄ₐ`: `x̄ = (nₐx̄ₐ + n_b x̄_b)/n` and
    /// `M₂ = M₂ₐ + M₂_b + δ²·nₐn_b/n` (Chan, Golub, LeVeque 1979). The weighted form of the
    /// mean is used (rather than `x̄ₐ + δ·n_b/n`) because it is symmetric in its operands.
    ///
    /// - Parameter other: Another tally.
    /// - Complexity: O(1).
    public mutating func merge(_ other: Tally) {
        guard other.count > 0 else { return }
        guard count > 0 else {
            self = other
            return
        }
        let na = Double(count)
        let nb = Double(other.count)
        let n = na + nb
        let delta = other.runningMean - runningMean
        runningMean = (na * runningMean + nb * other.runningMean) / n
        sumOfSquaredDeviations =
            (sumOfSquaredDeviations + other.sumOfSquaredDeviations) + delta * delta * (na * nb / n)
        count += other.count
        smallest = Swift.min(smallest, other.smallest)
        largest = Swift.max(largest, other.largest)
    }

    /// The tally of this tally's observations and `other`'s.
    ///
    /// - Parameter other: Another tally.
    /// - Returns: The combined tally; see ``merge(_:)``.
    /// - Complexity: O(1).
    public func merging(_ other: Tally) -> Tally {
        var result = self
        result.merge(other)
        return result
    }

    /// The arithmetic mean, or `nil` if nothing was recorded.
    public var mean: Double? { count > 0 ? runningMean : nil }

    /// The sum of the observations (`n·x̄`), 0 if nothing was recorded.
    public var sum: Double { runningMean * Double(count) }

    /// The unbiased sample variance `Σ(x − x̄)²/(n − 1)`, or `nil` with fewer than two
    /// observations.
    public var variance: Double? {
        count > 1 ? Swift.max(0, sumOfSquaredDeviations) / Double(count - 1) : nil
    }

    /// The population variance `Σ(x − x̄)²/n`, or `nil` if nothing was recorded.
    public var populationVariance: Double? {
        count > 0 ? Swift.max(0, sumOfSquaredDeviations) / Double(count) : nil
    }

    /// The sample standard deviation (square root of ``variance``), or `nil` with fewer
    /// than two observations.
    public var standardDeviation: Double? { variance.map { $0.squareRoot() } }

    /// The standard error of the mean, `s/√n`, or `nil` with fewer than two observations.
    public var standardError: Double? { variance.map { ($0 / Double(count)).squareRoot() } }

    /// The smallest observation, or `nil` if nothing was recorded.
    public var min: Double? { count > 0 ? smallest : nil }

    /// The largest observation, or `nil` if nothing was recorded.
    public var max: Double? { count > 0 ? largest : nil }
}
