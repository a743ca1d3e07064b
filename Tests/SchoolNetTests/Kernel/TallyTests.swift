import Testing
@testable import SchoolNet

@Suite struct TallyTests {
    /// Reference: mean by summation, variance by the two-pass formula Σ(x − x̄)²/(n − 1).
    static func twoPass(_ xs: [Double]) -> (mean: Double, variance: Double) {
        let mean = xs.reduce(0, +) / Double(xs.count)
        let ss = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, ss / Double(xs.count - 1))
    }

    /// Fixed data with a large offset: the textbook one-pass formula Σx² − n·x̄² loses every
    /// digit here (x² ≈ 10¹⁸, deviations² ≈ 10¹), Welford keeps them.
    /// Deviations −6, −3, 3, 6 → Σ = 90, s² = 90/3 = 30.
    @Test func largeOffsetMatchesHandComputedVariance() throws {
        let t = Tally([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16])
        #expect(t.count == 4)
        #expect(try #require(t.mean) == 1e9 + 10)
        #expect(abs(try #require(t.variance) - 30) < 1e-6)
        #expect(abs(try #require(t.populationVariance) - 22.5) < 1e-6)
        #expect(t.min == 1e9 + 4)
        #expect(t.max == 1e9 + 16)
    }

    /// Welford agrees with two-pass to 1e-12 (relative) on 1,000 fixed pseudo-random values.
    @Test(arguments: [1 as UInt64, 2, 3])
    func welfordMatchesTwoPass(seed: UInt64) throws {
        var g = StatisticsTestGenerator(seed: seed)
        let xs = (0..<1000).map { _ in 50 + 10 * g.nextNormal() }
        let t = Tally(xs)
        let reference = Self.twoPass(xs)
        #expect(abs(try #require(t.mean) - reference.mean) <= 1e-12 * abs(reference.mean))
        #expect(abs(try #require(t.variance) - reference.variance) <= 1e-12 * reference.variance)
        #expect(t.min == xs.min())
        #expect(t.max == xs.max())
        #expect(abs(t.sum - xs.reduce(0, +)) <= 1e-12 * abs(xs.reduce(0, +)))
    }

    /// Chan et al.: a tally of A merged with a tally of B equals the tally of A ++ B
    /// (count, min, max exactly; mean and variance to 1e-12 relative), for splits at the
    /// ends (empty halves) and in the middle.
    @Test(arguments: [0, 1, 137, 500, 999, 1000])
    func mergeEqualsSinglePass(split: Int) throws {
        var g = StatisticsTestGenerator(seed: 42)
        let xs = (0..<1000).map { _ in 1e6 + g.nextNormal() }
        let whole = Tally(xs)
        let a = Tally(xs[..<split])
        let b = Tally(xs[split...])
        let merged = a.merging(b)
        #expect(merged.count == whole.count)
        #expect(merged.min == whole.min)
        #expect(merged.max == whole.max)
        #expect(abs(try #require(merged.mean) - whole.mean!) <= 1e-12 * whole.mean!)
        #expect(abs(try #require(merged.variance) - whole.variance!) <= 1e-9 * whole.variance!)
        // Commutative bit for bit, so parallel replications merge deterministically.
        #expect(a.merging(b) == b.merging(a))
    }

    @Test func emptyAndSingleObservation() {
        var t = Tally()
        #expect(t.mean == nil && t.variance == nil && t.min == nil && t.max == nil)
        #expect(t.sum == 0)
        t.record(3)
        #expect(t.mean == 3 && t.variance == nil && t.populationVariance == 0)
        #expect(t.standardError == nil)
    }
}

@Suite struct CounterTests {
    /// 30 events in one minute is 0.5 events/s; merging adds counts.
    @Test func rateAndMerge() {
        var c = Counter()
        for _ in 0..<20 { c.increment() }
        var other = Counter()
        other.increment(by: 10)
        c.merge(other)
        #expect(c.count == 30)
        #expect(c.ratePerSecond(over: .minutes(1)) == 0.5)
    }
}
