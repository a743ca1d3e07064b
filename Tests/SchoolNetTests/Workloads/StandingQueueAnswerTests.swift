import Testing
@testable import SchoolNet

/// A speaking answer lost to a standing queue, by hand: the mechanism of the speaking-test
/// scenario reduced to one student and one bulk upload.
@Suite struct StandingQueueAnswerTests {
    /// One student and one uploading device behind an access line of 1 Mbps up and 1 Gbps
    /// down, 5 ms one way, with a 1.5 MB buffer per direction served by `discipline`. From
    /// t = 50 s the other device uploads 1 GB; the student logs in at 0, gets one speaking
    /// item, records for 100 s and uploads 100 kB on a new connection (no reuse, no retry,
    /// no stall timer, 30 s timeout).
    static func run(_ discipline: QueueDiscipline) -> CBTWorkload.StudentOutcome {
        var t = Topology()
        let server = t.addNode("server", kind: .service)
        let sw = t.addNode("switch", kind: .switch)
        t.addDuplexLink("access", lower: sw, upper: server, up: .megabitsPerSecond(1), down: .gigabitsPerSecond(1),
                        propagation: .milliseconds(5), queue: QueueSpec(buffer: .bytes(.megabytes(1.5)), discipline: discipline))
        let devices = (0..<2).map { i in
            let d = t.addNode("device-\(i)", kind: .device)
            t.addDuplexLink("nic-\(i)", lower: d, upper: sw, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1))
            return d
        }
        let services = CBTWorkloadTests.services(server)
        var c = CBTWorkload.Configuration()
        c.items = 1
        c.speakingItems = 1
        c.speakingUploadSize = .constant(100_000)
        c.itemSize = .constant(10_000)
        c.thinkTime = .constant(100)
        c.loginRoundTrips = 1
        c.connectionReuse = false
        c.retries = 0
        c.stallTimeout = .zero
        c.autosaveEvery = .zero
        let sim = Simulation(network: Network(topology: t), seed: 1)
        let cbt = CBTWorkload(name: "speaking", configuration: c, sessions: [CBTWorkloadTests.session("9-1", [devices[0]])],
                              services: services)
        sim.add(cbt)
        let upload = ActivitySession(label: "update", school: "school", classroom: "8-1", devices: [devices[1]],
                                     start: .zero + .seconds(50), end: .seconds(600), startJitter: .constant(0))
        sim.add(BulkWorkload(name: "bulk", configuration: .init(size: .gigabytes(1), upload: true, service: .update),
                             sessions: [upload], services: services))
        sim.run(until: .seconds(600))
        return cbt.outcomes[0]
    }

    /// FIFO: the bulk upload alone keeps the 1 Mbps uplink's 1.5 MB buffer (12 s) nearly full:
    /// 12 − 0.3 × (12 + 0.01) / 2 = 10.1985 s, so a round trip is 10.2085 s. The answer's
    /// new connection needs DNS, TCP, TLS and the request, 4 rounds = 40.8 s before its first
    /// byte: past the 30 s timeout, and with no retry the one answer is lost (1 of 1
    /// students). Behind fq_codel the same rounds take 4 × 10 ms and the 100 kB upload
    /// shares the uplink (0.5 Mbps, 1.6 s): saved.
    @Test func standingQueueLosesTheAnswer() {
        let fifo = Self.run(.fifo)
        #expect(fifo.answersGiven == 1)
        #expect(fifo.lostAnswers == 1, "FIFO: \(fifo)")
        let fq = Self.run(.fqCodel)
        #expect(fq.answersGiven == 1)
        #expect(fq.lostAnswers == 0, "fq_codel: \(fq)")
    }
}
