import Testing
@testable import SchoolNet

@Suite struct TimeWeightedAverageTests {
    /// Signal: 0 on [0, 2) s, 3 on [2, 5) s, a zero-length spike to 100 at 5 s, 1 on
    /// [5, 10) s. ∫ = 0·2 + 3·3 + 1·5 = 14 value·s over 10 s → mean 1.4. The spike is
    /// held for no time: it has no weight and is not the maximum (3 is).
    @Test func handComputedSignal() {
        var w = TimeWeightedAverage()
        w.record(3, at: .seconds(2))
        w.record(100, at: .seconds(5))
        w.record(1, at: .seconds(5))
        let end = SimTime.seconds(10)
        #expect(abs(w.integral(until: end) - 14) < 1e-12)
        #expect(abs(w.mean(until: end) - 1.4) < 1e-12)
        #expect(w.totalTime(until: end) == .seconds(10))
        #expect(w.maximum == 3)
        #expect(w.minimum == 0)
        #expect(w.currentValue == 1)
        // Mid-way through the 3-segment: (0·2 + 3·1)/3 = 1.
        var early = TimeWeightedAverage()
        early.record(3, at: .seconds(2))
        #expect(abs(early.mean(until: .seconds(3)) - 1) < 1e-12)
    }

    /// Warm-up deletion: restarting at 5 s keeps the current value 1, so the mean over
    /// [5, 10) is 1 and the extremes forget the warm-up.
    @Test func restartDropsWarmUp() {
        var w = TimeWeightedAverage(value: 4, at: .seconds(1))
        w.record(1, at: .seconds(5))
        w.restart(at: .seconds(5))
        #expect(w.start == .seconds(5))
        #expect(w.mean(until: .seconds(10)) == 1)
        #expect(w.maximum == 1)
        // An empty window reports the current value.
        #expect(w.mean(until: .seconds(5)) == 1)
    }

    /// Utilisation of a link busy 250 ms of every second for 1 hour is 0.25, with exact
    /// nanosecond weights (7,200 records).
    @Test func periodicUtilisation() {
        var w = TimeWeightedAverage()
        for k in 0..<3600 {
            let second = SimTime.seconds(Double(k))
            w.record(1, at: second)
            w.record(0, at: second + .milliseconds(250))
        }
        #expect(abs(w.mean(until: .seconds(3600)) - 0.25) < 1e-12)
        #expect(w.maximum == 1 && w.minimum == 0)
    }
}
