import Foundation
import Testing
@testable import SchoolNet

@Suite struct QuantileSketchTests {
    /// The exact sample quantile the sketch's bound refers to: rank ⌊p·(n − 1)⌋ (0-based)
    /// of the sorted values.
    static func exactQuantile(_ sorted: [Double], _ p: Double) -> Double {
        sorted[Int((p * Double(sorted.count - 1)).rounded(.down))]
    }

    static let probabilities = [0, 0.001, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1]

    /// 10⁶ lognormal latencies (median 200 ms, σ = 1: p99 ≈ 2 s) — the shape of item
    /// download times. Every estimate, p50/p95/p99 included, must be within the documented
    /// relative error α = 0.5 % of the exact sorted quantile (plus 10⁻⁹ for the rounding of
    /// log/exp at bucket edges); mean, min and max are exact.
    @Test(arguments: [1 as UInt64, 2])
    func lognormalQuantilesWithinRelativeError(seed: UInt64) throws {
        var g = StatisticsTestGenerator(seed: seed)
        var sketch = QuantileSketch()
        var values: [Double] = []
        values.reserveCapacity(1_000_000)
        for _ in 0..<1_000_000 {
            let x = g.nextLognormal(mu: (0.2 as Double).logNatural, sigma: 1)
            values.append(x)
            sketch.record(x)
        }
        values.sort()
        let alpha = sketch.relativeAccuracy
        #expect(alpha == 0.005)
        for p in Self.probabilities {
            let exact = Self.exactQuantile(values, p)
            let estimate = try #require(sketch.quantile(p))
            let relativeError = abs(estimate - exact) / exact
            #expect(relativeError <= alpha * (1 + 1e-9), "p = \(p): estimate \(estimate), exact \(exact)")
        }
        #expect(sketch.quantile(0) == values.first)
        #expect(sketch.quantile(1) == values.last)
        #expect(sketch.count == 1_000_000)
        #expect(sketch.min == values.first && sketch.max == values.last)
        var exactSum = ExactSum()
        for x in values { exactSum.add(x) }
        #expect(sketch.mean == exactSum.value / 1e6)
        #expect(sketch.isCollapsed == false)
        // About 230 buckets per decade over ~4.3 decades, well inside the cap.
        #expect(sketch.allocatedBucketCount <= 2 * sketch.maximumBucketCount)
    }

    /// Merging sketches of three parts, in any order and grouping, gives exactly (`==`) the
    /// sketch of the union — counts, exact mean, min, max and every quantile.
    @Test func mergeEqualsSketchOfUnion() throws {
        var g = StatisticsTestGenerator(seed: 7)
        let xs = (0..<30_000).map { k in k % 10 == 0 ? 0 : g.nextLognormal(mu: 0, sigma: 2) }
        let union = sketch(xs)
        let a = sketch(xs[0..<5_000])
        let b = sketch(xs[5_000..<21_000])
        let c = sketch(xs[21_000...])
        let orders = [
            a.merging(b).merging(c), c.merging(b).merging(a), b.merging(a.merging(c)),
            QuantileSketch().merging(c).merging(a).merging(b),
        ]
        for merged in orders {
            #expect(merged == union)
            #expect(merged.mean == union.mean)
            for p in Self.probabilities { #expect(merged.quantile(p) == union.quantile(p)) }
        }
        #expect(union.zeroCount == 3_000)
    }

    /// Zero and values at or below `minimumValue` go to the zero bucket and read back as 0.
    /// A cohort of k identical students records its latency once with count k; the sketch
    /// must be `==` to k separate records (same buckets, count, zero count, min, max and an
    /// exactly equal sum — 0.1 × 3 is not 0.3 in binary, so the sum needs the fma term), and
    /// give the same quantiles. Values mix zeros, tiny values and awkward decimals.
    @Test func recordWithCountEqualsRepeatedRecords() {
        let samples: [(Double, Int)] = [(0.1, 3), (0, 5), (1e-12, 2), (2.7, 33), (0.1, 1), (123.456, 7), (0.3, 0), (1e-3, 40)]
        var weighted = QuantileSketch(), repeated = QuantileSketch()
        for (x, n) in samples {
            weighted.record(x, count: n)
            for _ in 0..<n { repeated.record(x) }
        }
        #expect(weighted == repeated)
        #expect(weighted.count == 91)
        #expect(weighted.sum == repeated.sum)
        for p in Self.probabilities { #expect(weighted.quantile(p) == repeated.quantile(p)) }
    }

    @Test func zerosAndTinyValues() {
        var s = QuantileSketch()
        for _ in 0..<50 { s.record(0) }
        for _ in 0..<30 { s.record(1e-12) }
        for _ in 0..<20 { s.record(2.0) }
        #expect(s.count == 100 && s.zeroCount == 80)
        #expect(s.quantile(0.5) == 0)
        #expect(s.quantile(0.79) == 0)
        let p90 = s.quantile(0.9)!
        #expect(abs(p90 - 2) <= 2 * s.relativeAccuracy)
        #expect(s.quantile(1) == 2)
        #expect(QuantileSketch().quantile(0.5) == nil && QuantileSketch().mean == nil)
    }

    /// Memory cap: with only 64 buckets (range γ⁶⁴ ≈ 1.9) and values spread over 1…1000,
    /// the lowest buckets collapse. The top quantiles keep the bound, storage stays within
    /// 2 × 64 counters, and the result does not depend on insertion order or merging.
    @Test func collapseKeepsUpperQuantilesAndIsOrderIndependent() throws {
        let xs = (0..<2_000).map { k in pow(1000, Double(k) / 1999) }  // 1 … 1000, log-uniform
        let ascending = sketch(xs, maximumBucketCount: 64)
        let descending = sketch(xs.reversed(), maximumBucketCount: 64)
        var shuffled = xs
        var g = StatisticsTestGenerator(seed: 3)
        for i in shuffled.indices.reversed() { shuffled.swapAt(i, Int(g.next() % UInt64(i + 1))) }
        let mixed = sketch(shuffled, maximumBucketCount: 64)
        let halves = sketch(shuffled[..<700], maximumBucketCount: 64)
            .merging(sketch(shuffled[700...], maximumBucketCount: 64))
        #expect(ascending.isCollapsed)
        #expect(ascending == descending && ascending == mixed && ascending == halves)
        #expect(ascending.allocatedBucketCount <= 128)
        #expect(descending.allocatedBucketCount <= 128 && mixed.allocatedBucketCount <= 128)
        for p in [0.95, 0.99, 0.999] {
            let exact = Self.exactQuantile(xs, p)
            let estimate = try #require(ascending.quantile(p))
            #expect(abs(estimate - exact) / exact <= 0.005 * (1 + 1e-9), "p = \(p)")
        }
        #expect(ascending.min == 1 && ascending.max == 1000)
    }

    /// A jump far beyond the window (1 → 10¹⁰ is ≈ 2,300 buckets, cap 64) folds every
    /// earlier bucket into the new floor, in either order; min and max stay exact.
    @Test func jumpBeyondWindowFoldsEverythingBelow() {
        let up = sketch([1, 2, 1e10], maximumBucketCount: 64)
        let down = sketch([1e10, 2, 1], maximumBucketCount: 64)
        #expect(up == down && up.isCollapsed)
        #expect(up.quantile(0) == 1 && up.quantile(1) == 1e10)
        #expect(up.allocatedBucketCount <= 128)
    }

    private func sketch(_ xs: some Sequence<Double>, maximumBucketCount: Int = 2048) -> QuantileSketch {
        var s = QuantileSketch(maximumBucketCount: maximumBucketCount)
        for x in xs { s.record(x) }
        return s
    }
}

@Suite struct ExactSumTests {
    /// 10¹⁶ + 1 + 1 = 10¹⁶ + 2 exactly (representable); naive left-to-right summation
    /// rounds each 10¹⁶ + 1 back to 10¹⁶ (ties to even) and returns 10¹⁶.
    /// 10¹⁰⁰ + 1 − 10¹⁰⁰ = 1; ten 0.1s make 1.0 (the correctly rounded sum).
    @Test(arguments: [
        ([1e16, 1, 1], 1e16 + 2),
        ([1e100, 1, -1e100], 1),
        (Array(repeating: 0.1, count: 10), 1.0),
        ([], 0),
    ] as [([Double], Double)])
    func correctlyRounded(terms: [Double], expected: Double) {
        var s = ExactSum()
        for x in terms { s.add(x) }
        #expect(s.value == expected)
    }

    /// Any permutation and any split into merged parts give the same bits.
    @Test func orderIndependent() {
        var g = StatisticsTestGenerator(seed: 11)
        let xs = (0..<500).map { _ in g.nextLognormal(mu: 0, sigma: 8) * (g.nextUniform() < 0.5 ? -1 : 1) }
        var forward = ExactSum()
        for x in xs { forward.add(x) }
        var backward = ExactSum()
        for x in xs.reversed() { backward.add(x) }
        var left = ExactSum()
        var right = ExactSum()
        for x in xs[..<123] { left.add(x) }
        for x in xs[123...] { right.add(x) }
        right.add(left)
        #expect(forward.value == backward.value)
        #expect(forward.value == right.value)
    }
}

extension Double {
    fileprivate var logNatural: Double { Foundation.log(self) }
}
