import Testing
@testable import SchoolNet

/// Standing queues of a saturated resource, per discipline, against closed forms.
@Suite struct QueueDisciplineTests {
    /// Runs `n` long downloads over 100 Mbps / 20 ms one way with a 1 MB buffer for 3 s and
    /// returns the round-trip time a new exchange would see then.
    static func roundTripUnderLoad(flows n: Int, discipline: QueueDiscipline) -> Double {
        var t = Topology()
        let d = t.addNode("device", kind: .device)
        let s = t.addNode("server", kind: .service)
        t.addDuplexLink("access", lower: d, upper: s, up: .megabitsPerSecond(100), down: .megabitsPerSecond(100),
                        propagation: .milliseconds(20), buffer: .megabytes(1), discipline: discipline)
        var net = Network(topology: t)
        for k in 0..<n {
            _ = try! net.start(TransferRequest(from: s, to: d, bytes: .gigabytes(10), tag: Int64(k)), now: .zero)
        }
        while net.nextEventTime <= .seconds(3) { _ = net.advance(to: net.nextEventTime) }
        return net.roundTripTime(from: d, to: s)!.seconds
    }

    /// FIFO: N window-limited long flows keep the 1 MB drop-tail buffer full, so every round
    /// trip crossing it pays buffer / capacity = 8 Mbit / 100 Mbps = 80 ms on top of the
    /// 40 ms propagation: 120 ms, whatever N.
    @Test(arguments: [1, 4, 16])
    func fifoStandingQueue(flows: Int) {
        let rtt = Self.roundTripUnderLoad(flows: flows, discipline: .fifo)
        #expect(abs(rtt - 0.120) < 1e-9, "RTT \(rtt) s, closed form 0.120 s")
    }

    /// fq_codel: a short exchange below its fair share sees only CoDel's 5 ms target, not the
    /// buffer: 40 + 5 = 45 ms, against 120 ms behind the same buffer served FIFO.
    @Test(arguments: [1, 16])
    func fqCodelIsolatesShortFlow(flows: Int) {
        let rtt = Self.roundTripUnderLoad(flows: flows, discipline: .fqCodel)
        #expect(abs(rtt - 0.045) < 1e-9, "RTT \(rtt) s, closed form 0.045 s")
    }
}
