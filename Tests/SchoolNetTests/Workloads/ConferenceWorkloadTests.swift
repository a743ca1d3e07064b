import Testing
@testable import SchoolNet

/// The conference streams against fair shares and path delays.
@Suite struct ConferenceWorkloadTests {
    /// 40 students and a room display (the 41st device) on one WAN link; the lecturer is
    /// sent to the display only, so the uplink carries the 40 cameras.
    /// Streams never drop out of the call unless `dropAfter` is given (drops: `GiveUpTests`).
    static func run(up: DataRate, oneWay: SimDuration, minutes: Double = 2, jitter: Distribution = .constant(0),
                    seed: UInt64 = 1, dropAfter: SimDuration = .zero) -> (ConferenceWorkload, WorkloadReport) {
        let bed = WorkloadTestbed(devices: 41, up: up, down: .gigabitsPerSecond(1), propagation: oneWay)
        let session = ActivitySession(label: "remote", school: "s", classroom: "6-1", devices: Array(bed.devices.prefix(40)),
                                      teacherDevice: bed.devices[40], start: .zero, end: .zero + .minutes(minutes),
                                      startJitter: jitter)
        var c = ConferenceWorkload.Configuration()
        c.downlink = .roomDisplay
        c.dropAfter = dropAfter
        let w = ConferenceWorkload(name: "remote class", configuration: c, sessions: [session], services: bed.services)
        return (w, bed.run(w, until: .minutes(minutes), seed: seed))
    }

    /// 40 × 2.6 Mbps cameras on a 50 Mbps uplink: each gets 50/40 = 1.25 Mbps < 0.9 × 2.6,
    /// so every camera-second is frozen; the display's 1.8 Mbps on a 1 Gbps downlink never
    /// is. freeze_ratio = 40/41 = 97.56 % (every stream is observed for the same seconds;
    /// tolerance 0.01 points for rounding).
    @Test func uplinkTooSmallFreezes() {
        let (w, report) = Self.run(up: .megabitsPerSecond(50), oneWay: .milliseconds(10))
        #expect(abs(report["freeze_ratio"] - 100 * 40.0 / 41) < 0.01, "freeze \(report["freeze_ratio"]) %")
        #expect(w.outcomes.filter(\.upstream).allSatisfy { $0.frozenSeconds == $0.seconds && $0.seconds > 100 })
        // The saturated uplink keeps its 256 kB buffer full: + 256,000 × 8 / 50 Mbps =
        // 40.96 ms of queueing per round trip, so one way ≈ (20 + 40.96) / 2 = 30.5 ms for
        // the cameras (the display's path is idle: 10 ms). Tolerance 1 %: the quantile
        // sketch's relative accuracy is 0.5 %.
        #expect(abs(report["delay_p95"] - 30.48) / 30.48 < 0.01, "delay p95 \(report["delay_p95"]) ms")
    }

    /// The same call on a 200 Mbps uplink: 104 Mbps of cameras fit; nothing freezes.
    @Test func uplinkLargeEnoughDoesNotFreeze() {
        let (_, report) = Self.run(up: .megabitsPerSecond(200), oneWay: .milliseconds(10))
        #expect(report["freeze_ratio"] == 0)
        #expect(report["delay_over_150ms"] == 0)
    }

    /// A 200 ms round trip (100 ms each way) is within G.114's 150 ms one way: delay_p95 ≈
    /// 100 ms and no late seconds. A 320 ms round trip (160 ms one way) makes every second
    /// late. Tolerance 1 % (sketch accuracy 0.5 %; queueing at ≤ 52 % load adds < 1 µs).
    @Test(arguments: [(100.0, 0.0), (160.0, 100.0)])
    func delayReflectsRoundTrip(oneWayMs: Double, expectedLate: Double) {
        let (_, report) = Self.run(up: .megabitsPerSecond(200), oneWay: .milliseconds(oneWayMs))
        #expect(abs(report["delay_p95"] - oneWayMs) / oneWayMs < 0.01, "delay p95 \(report["delay_p95"]) ms")
        #expect(report["delay_over_150ms"] == expectedLate)
    }

    /// Start jitter is the only draw: same seed, identical; another seed, other opening
    /// times and so other observed seconds.
    @Test func sameSeedSameResults() {
        let jitter = Distribution.uniform(low: 0, high: 20)
        let a = Self.run(up: .megabitsPerSecond(50), oneWay: .milliseconds(10), minutes: 1, jitter: jitter, seed: 3)
        let b = Self.run(up: .megabitsPerSecond(50), oneWay: .milliseconds(10), minutes: 1, jitter: jitter, seed: 3)
        let c = Self.run(up: .megabitsPerSecond(50), oneWay: .milliseconds(10), minutes: 1, jitter: jitter, seed: 4)
        #expect(a.0.outcomes == b.0.outcomes && a.1 == b.1)
        #expect(a.0.outcomes != c.0.outcomes)
    }
}
