import Testing
@testable import SchoolNet

/// Replication summaries and A/B comparisons over ``TestSchool`` runs.
@Suite struct MultiRunResultTests {
    /// Five replications with seed-dependent start offsets: every metric gets a mean equal
    /// to the mean of its run values and a Student-t interval; the uplink tops the ranking
    /// in every replication (it carries three classes against one).
    @Test func replicationsGiveIntervalsAndRankingStability() {
        let runs = (1...5).map { TestSchool.run(seed: UInt64($0), jitter: true) }
        let multi = MultiRunResult(runs: runs)
        #expect(multi.replications == 5)
        let p95 = multi.metric("Lesson B", "download_p95")!
        let values = runs.map { $0.workloads[1].metrics[2].value }
        #expect(p95.values == values)
        #expect(abs(p95.mean - values.reduce(0, +) / 5) < 1e-12)
        let ci = ConfidenceInterval(values)!
        #expect(p95.interval == ci)
        #expect(multi.rankingStability.first?.name == "uplink ↓")
        #expect(multi.rankingStability.first?.first == 5)
        // A single run has no interval.
        #expect(MultiRunResult(runs[0]).metrics.allSatisfy { $0.interval == nil })
    }

    /// Common random numbers: B downloads 5 MB instead of 10 MB with the same seeds, so
    /// every download is faster — significant in every time metric even with 3 pairs;
    /// A against itself differs by exactly zero (an interval of width 0 contains 0).
    @Test func comparisonPairsReplications() {
        let seeds: [UInt64] = [11, 12, 13]
        let a = MultiRunResult(runs: seeds.map { TestSchool.run(seed: $0, jitter: true) })
        let b = MultiRunResult(runs: seeds.map { TestSchool.run(seed: $0, jitter: true, megabytes: 5) })
        let ab = Comparison(baseline: a, treatment: b)
        let mean = ab.metrics.first { $0.workload == "Lesson A" && $0.metric.key == "download_mean" }!
        #expect(mean.isSignificant && mean.treatmentIsBetter == true, "\(String(describing: mean.difference))")
        #expect(mean.treatmentMean < mean.baselineMean)
        let same = Comparison(baseline: a, treatment: a)
        #expect(same.metrics.allSatisfy { !$0.isSignificant && $0.treatmentIsBetter == nil })
        #expect(ab.pairs == 3)
    }
}
