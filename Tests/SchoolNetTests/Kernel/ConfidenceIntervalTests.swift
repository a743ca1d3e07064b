import Testing
@testable import SchoolNet

@Suite struct ConfidenceIntervalTests {
    /// Replication results 1, 2, 3, 4, 5: x̄ = 3, s² = 10/4 = 2.5, s/√5 = 0.707107,
    /// t_{0.975,4} = 2.776445 → half-width 1.963243 (95 %); t_{0.995,4} = 4.604095 →
    /// 3.255587 (99 %).
    @Test func handComputedInterval() throws {
        let ci = try #require(ConfidenceInterval([1, 2, 3, 4, 5]))
        #expect(ci.mean == 3 && ci.count == 5 && ci.level == 0.95)
        #expect(abs(ci.halfWidth - 1.963243) <= 1e-6)
        #expect(abs(ci.lower - 1.036757) <= 1e-6 && abs(ci.upper - 4.963243) <= 1e-6)
        #expect(ci.contains(4.9) && !ci.contains(5))
        let ci99 = try #require(ConfidenceInterval([1, 2, 3, 4, 5], level: 0.99))
        #expect(abs(ci99.halfWidth - 3.255587) <= 1e-6)
        #expect(ConfidenceInterval([42]) == nil)
    }

    /// Common random numbers: the replications vary a lot (10…18) but the treatment is
    /// consistently ~1 higher. Differences 0.9, 1.1, 1.0, 0.8, 1.2: mean 1.0,
    /// s = √(0.1/4) = 0.158114, half-width 2.776445 · 0.158114/√5 = 0.196324 → significant.
    /// Unpaired, the two 95 % intervals (half-width ≈ 3.93 each) would overlap.
    @Test func pairedDifferenceIsSignificant() throws {
        let baseline = [10.0, 12, 14, 16, 18]
        let treatment = [10.9, 13.1, 15.0, 16.8, 19.2]
        let ab = try #require(PairedComparison(baseline: baseline, treatment: treatment))
        #expect(abs(ab.meanDifference - 1.0) <= 1e-12)
        #expect(abs(ab.difference.halfWidth - 0.196324) <= 1e-6)
        #expect(ab.isSignificant)
        let a = try #require(ConfidenceInterval(baseline))
        let b = try #require(ConfidenceInterval(treatment))
        #expect(a.upper > b.lower)  // independent intervals cannot tell them apart
    }

    /// Differences 1, −1, 0.5, −0.5, 0: mean 0, the interval contains 0 → not significant.
    @Test func pairedDifferenceNotSignificant() throws {
        let ab = try #require(PairedComparison(baseline: [5, 5, 5, 5, 5], treatment: [6, 4, 5.5, 4.5, 5]))
        #expect(ab.meanDifference == 0)
        #expect(!ab.isSignificant)
    }
}
