import Testing
@testable import SchoolNet

@Suite struct UnitsTests {
    @Test func durationConstructorsRoundToNanoseconds() {
        #expect(SimDuration.seconds(1.5).nanoseconds == 1_500_000_000)
        #expect(SimDuration.milliseconds(40).nanoseconds == 40_000_000)
        #expect(SimDuration.minutes(45).nanoseconds == 2_700_000_000_000)
        #expect(SimDuration.seconds(.infinity) == .infinity)
    }

    @Test func bytesOverRateIsDuration() {
        // 10 MB at 100 Mbps = 80 Mbit / 100 Mbit/s = 0.8 s.
        #expect(ByteCount.megabytes(10) / DataRate.megabitsPerSecond(100) == .milliseconds(800))
        #expect(DataRate.megabitsPerSecond(8) * SimDuration.seconds(2) == .megabytes(2))
    }

    @Test func timeArithmetic() {
        let t = SimTime.zero + .seconds(2)
        #expect(t - SimTime.zero == .seconds(2))
        #expect(SimTime.never + .seconds(1) == .never)
    }

    @Test(arguments: [
        (DataRate.gigabitsPerSecond(1).description, "1 Gbps"),
        (DataRate.megabitsPerSecond(300).description, "300 Mbps"),
        (DataRate.kilobitsPerSecond(64).description, "64 kbps"),
        (SimDuration.milliseconds(40).description, "40 ms"),
        (SimDuration.seconds(1.5).description, "1.5 s"),
        (SimDuration.minutes(45).description, "45 min"),
        (ByteCount.megabytes(2).description, "2 MB"),
        (UnitFormat.number(12.345), "12.3"),
        (UnitFormat.number(0.0123), "0.0123"),
    ])
    func descriptions(found: String, expected: String) {
        #expect(found == expected)
    }
}
