import Foundation

/// A bounded-memory estimator of quantiles (p50, p95, p99) of non-negative values —
/// latencies in seconds, transfer sizes — with a guaranteed relative error, mergeable
/// across replications.
///
/// Values are counted in logarithmic buckets (DDSketch): with `γ = (1 + α)/(1 − α)`,
/// bucket `i` holds the values in `(γ^(i−1), γ^i]`, so `i = ⌈log_γ x⌉`, and is represented
/// by `2γ^i/(γ + 1)`, which lies within a factor `1 ± α` of every value in the bucket.
///
/// **Error bound:** for `0 ≤ p ≤ 1`, ``quantile(_:)`` returns `x̂` with
/// `|x̂ − x_(k)| ≤ α·x_(k)`, where `x_(k)` is the exact sample quantile of rank
/// `k = ⌊p·(n − 1)⌋` (0-based, in sorted order), provided that `x_(k)` is above
/// ``minimumValue`` and its bucket has not been collapsed (below). The default
/// `α = 0.005` gives 0.5 % — comfortably inside the 1 % that capacity decisions need — with
/// `γ ≈ 1.01005`, i.e. about 230 buckets per decade. Estimates are clamped to the exact
/// ``min`` and ``max``, which only moves them towards the truth; `quantile(0)` and
/// `quantile(1)` are exact.
///
/// **Zero and tiny values:** values `≤ minimumValue` (default 10⁻⁹: one nanosecond, when
/// the unit is seconds) — including 0 — are counted in a separate zero bucket and reported
/// as 0 (clamped to ``min``): an absolute error of at most `minimumValue`.
///
/// **Memory:** buckets live in one contiguous array of counts plus an index offset, grown
/// as needed — not a `Dictionary`, so nothing depends on hash order. At most
/// `maximumBucketCount` (default 2,048) consecutive bucket indices are kept, covering a
/// dynamic range of `γ^2048 ≈ 8·10⁸` (from 1 µs to 14 min, say). If the values span more,
/// the *lowest* buckets are collapsed into the lowest kept one, so the upper quantiles that
/// service targets are set on keep their guarantee; only quantiles that fall in the
/// collapsed bucket lose it (see ``isCollapsed``). Storage never exceeds
/// `2 · maximumBucketCount` counts (16 KiB at the default), plus a short exact-sum list.
///
/// **Determinism:** counts are integers, ``min`` and ``max`` are exact, the sum behind
/// ``mean`` is an ``ExactSum``, and the collapse rule depends only on the largest bucket
/// index seen (everything below `maxIndex − maximumBucketCount + 1` is folded into it). So
/// a sketch's contents depend only on the multiset of values recorded: merging
/// replications in any order and grouping gives an identical (`==`) sketch.
///
/// **Source:** C. Masson, J. E. Rim, H. K. Lee, "DDSketch: a fast and fully-mergeable
/// quantile sketch with relative-error guarantees", PVLDB 12(12), 2019.
///
/// **Validated by:** `QuantileSketchTests`.
public struct QuantileSketch: Sendable {
    /// The relative accuracy α of the quantile estimates.
    public let relativeAccuracy: Double
    /// Values at or below this are counted as zero.
    public let minimumValue: Double
    /// The largest number of consecutive buckets kept before the lowest are collapsed.
    public let maximumBucketCount: Int

    private let gamma: Double
    private let logGamma: Double
    private let inverseLogGamma: Double

    /// Counts; `bins[k]` is the count of bucket index `offset + k`.
    private var bins: ContiguousArray<Int> = []
    private var offset = 0
    /// Lowest and highest non-empty bucket index (meaningful when `bucketedCount > 0`).
    private var minIndex = 0
    private var maxIndex = 0
    private var bucketedCount = 0

    /// The number of values recorded.
    public private(set) var count = 0
    /// The number of values at or below ``minimumValue`` (including zeros).
    public private(set) var zeroCount = 0
    /// Whether some low buckets were collapsed to respect ``maximumBucketCount``; if so,
    /// quantiles at the bottom of the distribution may exceed the error bound.
    public private(set) var isCollapsed = false
    private var smallest = Double.infinity
    private var largest = -Double.infinity
    private var total = ExactSum()

    /// Creates an empty sketch.
    ///
    /// - Parameters:
    ///   - relativeAccuracy: α in (0, 1); default 0.005 (0.5 %).
    ///   - minimumValue: Values at or below this count as zero; default 10⁻⁹.
    ///   - maximumBucketCount: Consecutive buckets kept before collapsing the lowest;
    ///     default 2,048 (as in the DDSketch reference implementations), at least 2.
    public init(relativeAccuracy: Double = 0.005, minimumValue: Double = 1e-9, maximumBucketCount: Int = 2048) {
        precondition(relativeAccuracy > 0 && relativeAccuracy < 1, "QuantileSketch: α must be in (0, 1)")
        precondition(minimumValue > 0 && minimumValue.isFinite, "QuantileSketch: minimumValue must be positive")
        precondition(maximumBucketCount >= 2, "QuantileSketch: maximumBucketCount must be at least 2")
        self.relativeAccuracy = relativeAccuracy
        self.minimumValue = minimumValue
        self.maximumBucketCount = maximumBucketCount
        gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
        logGamma = log(gamma)
        inverseLogGamma = 1 / logGamma
    }

    /// Records one value.
    ///
    /// - Parameter x: A finite, non-negative value.
    /// - Complexity: O(1) amortised (a bucket array may grow or collapse).
    public mutating func record(_ x: Double) {
        precondition(x >= 0 && x.isFinite, "QuantileSketch.record(\(x)): must be finite and ≥ 0")
        count += 1
        total.add(x)
        if x < smallest { smallest = x }
        if x > largest { largest = x }
        if x <= minimumValue {
            zeroCount += 1
        } else {
            add(count: 1, at: bucketIndex(x))
        }
    }

    /// Records `n` copies of one value (a cohort of `n` identical students), exactly as
    /// `n` calls of ``record(_:)`` would: the sketch afterwards is `==` to that one.
    ///
    /// The sum gains `n·x` exactly: the product is split into its rounded value and the
    /// rounding error (`fma`), both added to the ``ExactSum``.
    ///
    /// - Parameters:
    ///   - x: A finite, non-negative value.
    ///   - n: How many times it occurred (≥ 0, below 2⁵³).
    /// - Complexity: O(1) amortised.
    public mutating func record(_ x: Double, count n: Int) {
        precondition(x >= 0 && x.isFinite, "QuantileSketch.record(\(x)): must be finite and ≥ 0")
        precondition(n >= 0 && n < (1 << 53), "QuantileSketch.record: count must be in 0..<2⁵³")
        if n == 0 { return }
        if n == 1 { record(x); return }
        count += n
        let m = Double(n)
        let product = x * m
        total.add(product)
        total.add((-product).addingProduct(x, m))  // x·m − product, exact (fused multiply-add)
        if x < smallest { smallest = x }
        if x > largest { largest = x }
        if x <= minimumValue {
            zeroCount += n
        } else {
            add(count: n, at: bucketIndex(x))
        }
    }

    /// Adds the values summarised by `other`, as if they had been recorded here.
    ///
    /// The result depends only on the union of the recorded values, not on merge order.
    ///
    /// - Parameter other: A sketch with the same ``relativeAccuracy``, ``minimumValue`` and
    ///   ``maximumBucketCount``.
    /// - Complexity: O(*b*) amortised, *b* the number of `other`'s buckets.
    public mutating func merge(_ other: QuantileSketch) {
        precondition(
            relativeAccuracy == other.relativeAccuracy && minimumValue == other.minimumValue
                && maximumBucketCount == other.maximumBucketCount,
            "QuantileSketch.merge: sketches have different parameters")
        guard other.count > 0 else { return }
        count += other.count
        zeroCount += other.zeroCount
        total.add(other.total)
        smallest = Swift.min(smallest, other.smallest)
        largest = Swift.max(largest, other.largest)
        isCollapsed = isCollapsed || other.isCollapsed
        guard other.bucketedCount > 0 else { return }
        // Highest first, so the collapse floor rises once rather than bucket by bucket.
        for i in stride(from: other.maxIndex, through: other.minIndex, by: -1) {
            let n = other.bins[i - other.offset]
            if n > 0 { add(count: n, at: i) }
        }
    }

    /// The sketch of this sketch's values and `other`'s.
    ///
    /// - Parameter other: A sketch with the same parameters.
    /// - Returns: The merged sketch; see ``merge(_:)``.
    /// - Complexity: O(*b*) amortised.
    public func merging(_ other: QuantileSketch) -> QuantileSketch {
        var result = self
        result.merge(other)
        return result
    }

    /// An estimate of the `p`-quantile, within the relative error bound of the type
    /// discussion of the exact sample quantile of rank `⌊p·(n − 1)⌋`.
    ///
    /// - Parameter p: The probability, in `0...1` (0.5 for the median, 0.95 for p95).
    /// - Returns: The estimate, or `nil` if nothing was recorded.
    /// - Complexity: O(*b*), *b* the number of buckets (at most ``maximumBucketCount``).
    public func quantile(_ p: Double) -> Double? {
        precondition(p >= 0 && p <= 1, "QuantileSketch.quantile(\(p)): p must be in 0...1")
        guard count > 0 else { return nil }
        let rank = Int((p * Double(count - 1)).rounded(.down))
        if rank == 0 { return smallest }
        if rank == count - 1 { return largest }
        var estimate = 0.0
        var cumulative = zeroCount
        if rank >= cumulative {
            for i in minIndex...maxIndex {
                cumulative += bins[i - offset]
                if cumulative > rank {
                    estimate = representativeValue(i)
                    break
                }
            }
        }
        return Swift.min(Swift.max(estimate, smallest), largest)
    }

    /// The exact arithmetic mean, or `nil` if nothing was recorded.
    public var mean: Double? { count > 0 ? total.value / Double(count) : nil }

    /// The exact sum of the recorded values (correctly rounded).
    public var sum: Double { total.value }

    /// The exact smallest value, or `nil` if nothing was recorded.
    public var min: Double? { count > 0 ? smallest : nil }

    /// The exact largest value, or `nil` if nothing was recorded.
    public var max: Double? { count > 0 ? largest : nil }

    /// The number of bucket counters currently allocated (for memory accounting).
    public var allocatedBucketCount: Int { bins.count }

    // MARK: - Buckets

    /// `⌈log_γ x⌉` for `x > minimumValue`.
    private func bucketIndex(_ x: Double) -> Int {
        Int((log(x) * inverseLogGamma).rounded(.up))
    }

    /// `2γ^i/(γ + 1)`: within a factor `1 ± α` of every value in `(γ^(i−1), γ^i]`.
    private func representativeValue(_ i: Int) -> Double {
        2 * exp(Double(i) * logGamma) / (gamma + 1)
    }

    /// Adds `n` values to bucket `index`, keeping only the top `maximumBucketCount`
    /// indices: everything below `floor = maxIndex − maximumBucketCount + 1` is counted
    /// at `floor`.
    private mutating func add(count n: Int, at index: Int) {
        guard bucketedCount > 0 else {
            minIndex = index
            maxIndex = index
            reserve(index, index)
            bins[index - offset] += n
            bucketedCount = n
            return
        }
        let newMax = Swift.max(maxIndex, index)
        let floor = newMax - maximumBucketCount + 1
        // If the maximum rose, buckets that fell below the window are folded into `floor`.
        var folded = 0
        if minIndex < floor {
            for i in minIndex...Swift.min(floor - 1, maxIndex) {
                folded += bins[i - offset]
                bins[i - offset] = 0
            }
            isCollapsed = true
        }
        var target = index
        if target < floor {
            target = floor
            isCollapsed = true
        }
        let newMin = Swift.min(Swift.max(minIndex, floor), target)
        reserve(newMin, newMax)
        minIndex = newMin
        maxIndex = newMax
        if folded > 0 { bins[floor - offset] += folded }
        bins[target - offset] += n
        bucketedCount += n
    }

    /// Ensures the storage covers the indices `low...high`, reallocating with slack (at
    /// most half the window on each side, and never below the collapse floor).
    private mutating func reserve(_ low: Int, _ high: Int) {
        if !bins.isEmpty && low >= offset && high < offset + bins.count { return }
        let span = high - low + 1
        let slack = Swift.min(Swift.max(16, span / 2), maximumBucketCount / 2)
        let newLow = Swift.max(low - slack, high - maximumBucketCount + 1)
        let newHigh = high + slack
        var newBins = ContiguousArray(repeating: 0, count: newHigh - newLow + 1)
        // Buckets below `newLow` are empty: it is not below the collapse floor.
        if bucketedCount > 0 && Swift.max(minIndex, newLow) <= maxIndex {
            for i in Swift.max(minIndex, newLow)...maxIndex {
                newBins[i - newLow] = bins[i - offset]
            }
        }
        bins = newBins
        offset = newLow
    }
}

extension QuantileSketch: Equatable {
    /// Two sketches are equal when they have the same parameters and summarise the same
    /// counts per bucket, count, zero count, exact minimum, maximum and sum — regardless of
    /// how their storage happens to be laid out.
    public static func == (a: QuantileSketch, b: QuantileSketch) -> Bool {
        guard a.relativeAccuracy == b.relativeAccuracy, a.minimumValue == b.minimumValue,
            a.maximumBucketCount == b.maximumBucketCount, a.count == b.count, a.zeroCount == b.zeroCount,
            a.isCollapsed == b.isCollapsed, a.bucketedCount == b.bucketedCount, a.total.value == b.total.value
        else { return false }
        guard a.count > 0 else { return true }
        guard a.smallest == b.smallest, a.largest == b.largest else { return false }
        guard a.bucketedCount > 0 else { return true }
        guard a.minIndex == b.minIndex, a.maxIndex == b.maxIndex else { return false }
        for i in a.minIndex...a.maxIndex where a.bins[i - a.offset] != b.bins[i - b.offset] { return false }
        return true
    }
}
