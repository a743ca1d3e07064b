/// An exact sum of `Double`s, read out correctly rounded — so the result does not depend
/// on the order in which terms were added or sums merged.
///
/// A plain floating-point sum is not associative: adding the same replications' totals in
/// another order can change the last bits, and a report that merges per-thread statistics
/// would then differ from run to run. `ExactSum` keeps the running total as a list of
/// non-overlapping partial sums whose exact mathematical sum is the exact sum of the inputs
/// (Shewchuk's expansions, via the error-free "two-sum"); ``value`` rounds that exact sum
/// once, to nearest-even. Equal multisets of inputs therefore give bit-identical values.
///
/// The partials list stays short in practice (a handful of entries for data of similar
/// magnitude; at most about 40 for any `Double`s, since the partials do not overlap).
///
/// **Assumptions:** the inputs and every partial stay finite (no overflow to ±∞).
///
/// **Source:** J. R. Shewchuk, "Adaptive precision floating-point arithmetic and fast
/// robust geometric predicates", Discrete & Computational Geometry 18, 1997; the
/// correctly-rounded read-out follows R. Hettinger's `msum` / CPython's `math.fsum`.
///
/// **Validated by:** `ExactSumTests`.
public struct ExactSum: Sendable {
    /// Non-overlapping partial sums in increasing magnitude; their exact sum is the total.
    private var partials: ContiguousArray<Double> = []

    /// Creates a zero sum.
    public init() {}

    /// Adds `x` exactly.
    ///
    /// - Parameter x: A finite term.
    /// - Complexity: O(*p*), *p* the number of partials (small; see the type discussion).
    public mutating func add(_ x: Double) {
        precondition(x.isFinite, "ExactSum.add(\(x)): not finite")
        var x = x
        var kept = 0
        for k in partials.indices {
            var y = partials[k]
            if abs(x) < abs(y) { swap(&x, &y) }
            let hi = x + y
            let lo = y - (hi - x)  // exact: |x| ≥ |y| (Dekker's fast two-sum)
            if lo != 0 {
                partials[kept] = lo
                kept += 1
            }
            x = hi
        }
        partials.removeSubrange(kept...)
        partials.append(x)
    }

    /// Adds every term of `other` exactly.
    ///
    /// - Parameter other: Another exact sum.
    /// - Complexity: O(*p*·*q*) for *p* and *q* partials.
    public mutating func add(_ other: ExactSum) {
        for x in other.partials { add(x) }
    }

    /// The exact sum, rounded once to the nearest `Double` (ties to even).
    ///
    /// - Complexity: O(*p*).
    public var value: Double {
        var n = partials.count
        guard n > 0 else { return 0 }
        n -= 1
        var hi = partials[n]
        var lo = 0.0
        // Add partials from the top until the sum stops being exact.
        while n > 0 {
            let x = hi
            n -= 1
            let y = partials[n]
            hi = x + y
            let yr = hi - x
            lo = y - yr
            if lo != 0 { break }
        }
        // Round-half-even fix-up: if the rest lies exactly on a tie and the remaining
        // partials push it past, round away (CPython math_fsum).
        if n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)) {
            let y = lo * 2
            let x = hi + y
            let yr = x - hi
            if y == yr { hi = x }
        }
        return hi
    }
}
