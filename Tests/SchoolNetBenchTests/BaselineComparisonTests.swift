import Testing
@testable import schoolnet_bench

/// The regression rule of Benchmarks/README.md: counts exact; time flagged only beyond
/// 1.25× with non-overlapping min–max; memory beyond 1.25× and 8 MiB.
@Suite struct BaselineComparisonTests {
    func result(events: UInt64 = 100, wall: [Double], peakMiB: UInt64 = 20) -> CaseResult {
        CaseResult(
            name: "c", scale: .quick, summary: "", events: events, flows: 2, resolves: 3, repeats: wall.count,
            wallSeconds: WallStats(samples: wall), eventsPerSecond: 0, peakRSSBytes: peakMiB << 20,
            startRSSBytes: nil, peakRSSIsolated: true, metrics: [:])
    }

    /// Same counts, same times: nothing flagged; the key carries the scale.
    @Test func identicalIsClean() {
        let c = BaselineComparison(current: result(wall: [1, 1.1, 1.2]), baseline: result(wall: [1, 1.1, 1.2]))
        #expect(c.key == "c@quick" && c.countMismatches.isEmpty && c.timeVerdict == .same && !c.memoryGrew)
        #expect(c.timeRatio == 1)
    }

    /// A count that moves by one is a mismatch, named with both values.
    @Test func countMismatchIsNamed() {
        let c = BaselineComparison(current: result(events: 101, wall: [1]), baseline: result(wall: [1]))
        #expect(c.countMismatches == ["c@quick: events 101 ≠ baseline 100"])
    }

    /// Median 1.5× but ranges overlap (one noisy baseline repeat at 1.6 s): not flagged.
    @Test func overlappingRangesAreNoise() {
        let c = BaselineComparison(current: result(wall: [1.4, 1.5, 1.6]), baseline: result(wall: [0.9, 1.0, 1.6]))
        #expect(c.timeRatio == 1.5 && c.timeVerdict == .same)
    }

    /// Median 1.5× and current min 1.4 s > baseline max 1.1 s: slower; the mirror is faster.
    @Test func disjointRangesBeyondThresholdAreFlagged() {
        let slow = result(wall: [1.4, 1.5, 1.6]), base = result(wall: [0.9, 1.0, 1.1])
        #expect(BaselineComparison(current: slow, baseline: base).timeVerdict == .slower)
        #expect(BaselineComparison(current: base, baseline: slow).timeVerdict == .faster)
    }

    /// 1.2× with disjoint ranges is within the 1.25× threshold.
    @Test func belowThresholdIsNotFlagged() {
        let c = BaselineComparison(current: result(wall: [1.19, 1.2, 1.21]), baseline: result(wall: [0.99, 1.0, 1.01]))
        #expect(c.timeVerdict == .same)
    }

    /// 20 → 30 MiB is 1.5× and +10 MiB: flagged; 20 → 27 MiB is +7 MiB: not.
    @Test func memoryNeedsRatioAndSlack() {
        #expect(BaselineComparison(current: result(wall: [1], peakMiB: 30), baseline: result(wall: [1])).memoryGrew)
        #expect(!BaselineComparison(current: result(wall: [1], peakMiB: 27), baseline: result(wall: [1])).memoryGrew)
    }

    /// Median of an even count is the mean of the middle two.
    @Test func wallStats() {
        let w = WallStats(samples: [4, 1, 3, 2])
        #expect(w.median == 2.5 && w.min == 1 && w.max == 4)
    }
}
