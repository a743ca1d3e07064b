import Testing
@testable import SchoolNet

@Suite struct BatchMeansTests {
    /// With 2 batches minimum (4 slots), recording 1…16: batches double at 4, 8 and 16
    /// observations, leaving two batches of 8: means 4.5 and 12.5, grand mean 8.5.
    @Test func batchesDoubleDeterministically() throws {
        var b = BatchMeans(minimumBatchCount: 2)
        for x in 1...16 { b.record(Double(x)) }
        #expect(b.batchSize == 8 && b.batchCount == 2 && b.count == 16)
        #expect(b.batchMeanValues == [4.5, 12.5])
        let ci = try #require(b.confidenceInterval())
        #expect(ci.mean == 8.5)
        // s = 4√2, s/√2 = 4, t_{0.975,1} = 12.706205.
        #expect(abs(ci.halfWidth - 4 * 12.706205) <= 1e-5)
        // A partial batch is left out.
        b.record(1000)
        #expect(try #require(b.confidenceInterval()).mean == 8.5)
    }

    /// Coverage on an AR(1) process X = 5 + 0.9·(X₋₁ − 5) + ε (ε ~ N(0, 1)), stationary
    /// start, 10,000 observations per run, 100 runs with seeds 1…100. The lag-k correlation
    /// is 0.9^k, so Var(x̄) ≈ 19·σ²/n: the naive i.i.d. interval is √19 ≈ 4.4× too narrow and
    /// covers the true mean 5 only ≈ 35 % of the time. Batch means (20–40 batches of ≥ 256)
    /// should cover ≈ 95 %. Thresholds: ≥ 85 % (binomial s.d. at 95 % over 100 runs is
    /// 2.2 %, so 85 % is 4.5 s.d. below) and naive ≤ 60 %.
    @Test func coverageOnAutocorrelatedOutput() throws {
        var batchCovered = 0
        var naiveCovered = 0
        let runs = 100
        for seed in 1...UInt64(runs) {
            var g = StatisticsTestGenerator(seed: seed)
            let phi = 0.9
            var x = 5 + g.nextNormal() / (1 - phi * phi).squareRoot()
            var batches = BatchMeans()
            var naive = Tally()
            for _ in 0..<10_000 {
                x = 5 + phi * (x - 5) + g.nextNormal()
                batches.record(x)
                naive.record(x)
            }
            #expect(batches.batchCount >= 20 && batches.batchCount < 40)
            if try #require(batches.confidenceInterval()).contains(5) { batchCovered += 1 }
            if try #require(ConfidenceInterval(naive)).contains(5) { naiveCovered += 1 }
        }
        #expect(batchCovered >= 85, "batch means covered \(batchCovered) of \(runs)")
        #expect(naiveCovered <= 60, "naive interval covered \(naiveCovered) of \(runs)")
    }
}
