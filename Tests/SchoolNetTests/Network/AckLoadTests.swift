import Testing
@testable import SchoolNet

/// The ACK load of an asymmetric link (Network+AckLoad.swift), by hand.
@Suite struct AckLoadTests {
    /// TCP terms whose window never holds a flow back (the uplink's full buffer would).
    static var wide: TCPParameters {
        var p = TCPParameters()
        p.receiveWindow = .gigabytes(1)
        return p
    }

    /// client —(down / up, 5 ms, a 100 kB FIFO each way)— server, with `tcp`.
    static func line(down: DataRate, up: DataRate, tcp: TCPParameters = wide)
        -> (net: Network, client: NodeID, server: NodeID, up: ResourceID, down: ResourceID) {
        var t = Topology()
        let client = t.addNode("client", kind: .device)
        let server = t.addNode("server", kind: .service)
        t.addDuplexLink("line", lower: client, upper: server, up: up, down: down, propagation: .milliseconds(5),
                        queue: QueueSpec(buffer: .bytes(.kilobytes(100))))
        return (Network(topology: t, tcp: tcp, seed: 1), client, server, ResourceID(0), ResourceID(1))
    }

    /// Runs the network's events up to `end`.
    static func run(_ net: inout Network, until end: SimTime) {
        while net.nextEventTime <= end { _ = net.advance(to: net.nextEventTime) }
    }

    /// The ratio of the defaults: one 58-byte ACK per two 1518-byte frames.
    @Test func ratioOfTheDefaults() {
        #expect(abs(TCPParameters().ackRatio - 58.0 / 3036) < 1e-12)
        #expect(TCPParameters.fluid.ackLoad == false)
    }

    /// A download filling 100 Mbit/s sends 1.91 Mbit/s of ACKs up a 4 Mbit/s uplink: an
    /// upload gets the 2.09 Mbit/s left (to the 1 % tolerance of the fixed point).
    @Test func uploadGetsWhatTheAcksLeave() throws {
        var (net, client, server, up, _) = Self.line(down: .megabitsPerSecond(100), up: .megabitsPerSecond(4))
        let d = try net.start(TransferRequest(from: server, to: client, bytes: .gigabytes(10), newConnection: true), now: .zero)
        let u = try net.start(TransferRequest(from: client, to: server, bytes: .gigabytes(10), newConnection: true), now: .zero)
        Self.run(&net, until: .zero + .seconds(20))
        let ratio = TCPParameters().ackRatio
        let down = net.rate(of: d).bitsPerSecond, upload = net.rate(of: u).bitsPerSecond
        #expect(abs(down - 100e6) < 1e3)
        #expect(abs(net.ackLoad(on: up) - ratio * 100e6) <= 0.01 * 4e6)
        #expect(abs(upload - (4e6 - ratio * 100e6)) <= 0.01 * 4e6)
        // The uplink's queue drains at its 4 Mbit/s: a full 100 kB buffer is 0.2 s, not the
        // 0.38 s of the capacity the ACKs leave.
        #expect(net.queueingDelay(up) <= 0.2 + 1e-9 && net.queueingDelay(up) > 0.15)
    }

    /// An uplink that cannot carry the ACKs clocks the downloads: 1 Mbit/s carries the ACKs
    /// of 0.99 / 0.0191 = 51.8 Mbit/s, and an upload keeps the 1 % floor.
    @Test func downloadsAreAckClocked() throws {
        var (net, client, server, _, _) = Self.line(down: .megabitsPerSecond(100), up: .megabitsPerSecond(1))
        let d = try net.start(TransferRequest(from: server, to: client, bytes: .gigabytes(10), newConnection: true), now: .zero)
        let u = try net.start(TransferRequest(from: client, to: server, bytes: .gigabytes(10), newConnection: true), now: .zero)
        Self.run(&net, until: .zero + .seconds(20))
        let clock = 1e6 * (1 - Network.ackLoadTolerance) / TCPParameters().ackRatio
        #expect(abs(net.rate(of: d).bitsPerSecond - clock) < 1e3)
        #expect(abs(net.rate(of: u).bitsPerSecond - Network.ackLoadTolerance * 1e6) < 1e3)
    }

    /// Behind fq_codel, ten downloads' ACK flows (each needing 0.19 Mbit/s) and five uploads
    /// share a 2 Mbit/s uplink max-min: 0.133 Mbit/s each, so the ACK flows get ten shares
    /// (1.33 Mbit/s), the downloads are clocked to 1.33 / 0.0191 = 69.9 Mbit/s and the
    /// uploads get five shares.
    @Test func fairQueueingSharesTheUplinkWithAckFlows() throws {
        var t = Topology()
        let client = t.addNode("client", kind: .device)
        let server = t.addNode("server", kind: .service)
        t.addDuplexLink("line", lower: client, upper: server, up: .megabitsPerSecond(2), down: .megabitsPerSecond(100),
                        propagation: .milliseconds(5), queue: QueueSpec(buffer: .bytes(.megabytes(1)), discipline: .fqCodel))
        var net = Network(topology: t, tcp: Self.wide, seed: 1)
        var downloads: [TransferID] = [], uploads: [TransferID] = []
        for _ in 0..<10 {
            downloads.append(try net.start(TransferRequest(from: server, to: client, bytes: .gigabytes(10), newConnection: true), now: .zero))
        }
        for _ in 0..<5 {
            uploads.append(try net.start(TransferRequest(from: client, to: server, bytes: .gigabytes(10), newConnection: true), now: .zero))
        }
        Self.run(&net, until: .zero + .seconds(30))
        var down = 0.0, up = 0.0
        for d in downloads { down += net.rate(of: d).bitsPerSecond }
        for u in uploads { up += net.rate(of: u).bitsPerSecond }
        let ratio = TCPParameters().ackRatio
        #expect(abs(down - 2e6 * 10 / 15 / ratio) <= 0.01 * down, "downloads \(down)")
        #expect(abs(up - 2e6 * 5 / 15) <= 0.02 * 2e6, "uploads \(up)")
    }

    /// A symmetric line, the fluid mode and `ackLoad = false` carry no ACK load.
    @Test func noAckLoadWhereNotSignificantOrOff() throws {
        var off = Self.wide
        off.ackLoad = false
        for (down, upRate, tcp) in [(100.0, 100.0, Self.wide), (100, 4, TCPParameters.fluid), (100, 4, off)] {
            var (net, client, server, up, _) = Self.line(down: .megabitsPerSecond(down), up: .megabitsPerSecond(upRate), tcp: tcp)
            _ = try net.start(TransferRequest(from: server, to: client, bytes: .gigabytes(10), newConnection: true), now: .zero)
            let u = try net.start(TransferRequest(from: client, to: server, bytes: .gigabytes(10), newConnection: true), now: .zero)
            Self.run(&net, until: .zero + .seconds(20))
            #expect(net.ackLoad(on: up) == 0)
            #expect(abs(net.rate(of: u).bitsPerSecond - upRate * 1e6) < 1e3)
        }
    }

    /// A paced stream down the line sends no TCP ACKs: its rate is left out.
    @Test func pacedStreamsSendNoAcks() throws {
        var (net, client, server, up, _) = Self.line(down: .megabitsPerSecond(100), up: .megabitsPerSecond(4))
        _ = try net.start(TransferRequest(from: server, to: client, bytes: nil, tcp: false, rateLimit: .megabitsPerSecond(50)),
                          now: .zero)
        Self.run(&net, until: .zero + .seconds(5))
        #expect(net.ackLoad(on: up) == 0)
    }
}
