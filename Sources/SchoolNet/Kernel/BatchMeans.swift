/// A confidence interval for the steady-state mean from one long run, by batch means, in
/// bounded memory.
///
/// Successive observations of a simulation (sojourn times of consecutive flows, queue
/// lengths) are correlated, so the naive `s/√n` understates the error — badly: for an
/// AR(1) signal with φ = 0.9 by a factor √19 ≈ 4.4. Batch means groups consecutive
/// observations into batches long enough to be nearly independent and builds the
/// Student-t interval from the batch means.
///
/// The batch size need not be known in advance (dynamic batch means): the run keeps between
/// `minimumBatchCount` and `2 · minimumBatchCount` full batches; when the upper limit is
/// reached, neighbouring batches are merged pairwise and the batch size doubles. Memory is
/// `O(minimumBatchCount)` whatever the run length. Observations in the current, incomplete
/// batch (fewer than ``batchSize``) are left out of the interval.
///
/// **Assumptions:** the warm-up has already been discarded (start recording after it);
/// batches of the final size are long compared with the correlation time of the output.
/// With 20–40 batches the t interval's coverage is close to nominal once batches are about
/// ten correlation times long.
///
/// **Source:** A. M. Law, *Simulation Modeling and Analysis*, 5th ed., §9.5.3 (batch
/// means); the doubling scheme follows Y. Yeh, B. W. Schmeiser, "Simulation output
/// analysis via dynamic batch means", Proc. Winter Simulation Conference, 2000.
///
/// **Validated by:** `BatchMeansTests`.
public struct BatchMeans: Sendable {
    /// The fewest full batches kept once the run is long enough (the interval's degrees of
    /// freedom are at least `minimumBatchCount − 1`).
    public let minimumBatchCount: Int
    /// The number of observations per full batch (a power of two).
    public private(set) var batchSize = 1
    /// The number of observations recorded.
    public private(set) var count = 0
    private var batchSums: ContiguousArray<Double> = []
    private var currentSum = 0.0
    private var currentCount = 0

    /// Creates an empty batch-means estimator.
    ///
    /// - Parameter minimumBatchCount: Batches kept at least (default 20, at least 2); up to
    ///   twice as many are kept between doublings.
    public init(minimumBatchCount: Int = 20) {
        precondition(minimumBatchCount >= 2, "BatchMeans: minimumBatchCount must be at least 2")
        self.minimumBatchCount = minimumBatchCount
        batchSums.reserveCapacity(2 * minimumBatchCount)
    }

    /// Records the next observation of the output sequence.
    ///
    /// - Parameter x: The observation; must not be NaN.
    /// - Complexity: O(1) amortised (a pairwise merge of `2·minimumBatchCount` sums every
    ///   time the batch size doubles).
    public mutating func record(_ x: Double) {
        precondition(!x.isNaN, "BatchMeans.record(NaN)")
        count += 1
        currentSum += x
        currentCount += 1
        guard currentCount == batchSize else { return }
        batchSums.append(currentSum)
        currentSum = 0
        currentCount = 0
        if batchSums.count == 2 * minimumBatchCount {
            for k in 0..<minimumBatchCount {
                batchSums[k] = batchSums[2 * k] + batchSums[2 * k + 1]
            }
            batchSums.removeLast(minimumBatchCount)
            batchSize *= 2
        }
    }

    /// The number of full batches.
    public var batchCount: Int { batchSums.count }

    /// The means of the full batches, oldest first.
    public var batchMeanValues: [Double] { batchSums.map { $0 / Double(batchSize) } }

    /// The Student-t interval for the steady-state mean from the full batches' means.
    ///
    /// - Parameter level: The confidence level in (0, 1); default 0.95.
    /// - Returns: The interval with `batchCount − 1` degrees of freedom, or `nil` with
    ///   fewer than two full batches.
    /// - Complexity: O(``batchCount``).
    public func confidenceInterval(level: Double = 0.95) -> ConfidenceInterval? {
        ConfidenceInterval(batchMeanValues, level: level)
    }
}
