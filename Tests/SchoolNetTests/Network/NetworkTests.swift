import Testing
@testable import SchoolNet

/// The TCP/application terms and the network around the solver, against closed forms.
@Suite struct NetworkTests {
    /// device —(access, rate, one-way prop)— server.
    static func line(rate: DataRate, oneWay: SimDuration, buffer: ByteCount = .kilobytes(256)) -> (Topology, NodeID, NodeID) {
        var t = Topology()
        let d = t.addNode("device", kind: .device)
        let s = t.addNode("server", kind: .service)
        t.addDuplexLink("access", lower: d, upper: s, up: rate, down: rate, propagation: oneWay, buffer: buffer)
        return (t, d, s)
    }

    /// Runs the network alone until no event is left; returns outcomes by tag.
    static func drain(_ net: inout Network) -> [Int64: TransferOutcome] {
        var out: [Int64: TransferOutcome] = [:]
        while net.nextEventTime != .never {
            if let o = net.advance(to: net.nextEventTime) { out[o.tag] = o }
        }
        return out
    }

    /// A 50 kB item over a 40 ms RTT on an idle 1 Gbps line, new connection:
    /// (DNS 1 + TCP 1 + TLS 1 + request 1) RTT = 160 ms, then slow start from IW10
    /// (14,600 B) with an ACK every second segment: a round of 10 segments, the window grows
    /// to 15 segments (21,900 B) and a second round sends them (36,500 B after 2 RTT); the
    /// window grows to 22 segments (32,120 B), which holds the 13,500 B left: they leave in
    /// one burst, at the receive window's ceiling 4 MiB / 40 ms = 838.9 Mbps (below the
    /// line's 1 Gbps): 0.129 ms. Total 6 × 40 ms + 0.129 ms = 240.129 ms — several round
    /// trips, though the bytes alone would take 0.4 ms.
    @Test func shortTransferClosedForm() {
        let (topo, d, s) = Self.line(rate: .gigabitsPerSecond(1), oneWay: .milliseconds(20))
        var net = Network(topology: topo)
        _ = try! net.start(TransferRequest(from: s, to: d, bytes: .kilobytes(50), newConnection: true, tag: 1), now: .zero)
        let o = Self.drain(&net)[1]!
        let rtt = 0.040
        let expected = 4 * rtt + 2 * rtt + (50_000.0 - 36_500) * 8 / (4 * 1_048_576 * 8 / rtt)
        #expect(abs(expected - TCPParameters().idleTransferTime(bytes: 50_000, rate: 1e9, rtt: rtt, newConnection: true,
                                                                 senderOpens: false)) < 1e-12)
        #expect(abs(o.finished.seconds - expected) < 20e-6, "took \(o.finished.seconds) s, closed form \(expected) s")
        // A reused connection skips DNS and handshakes: 3 RTT less.
        var net2 = Network(topology: topo)
        _ = try! net2.start(TransferRequest(from: s, to: d, bytes: .kilobytes(50), tag: 2), now: .zero)
        let o2 = Self.drain(&net2)[2]!
        #expect(abs(o2.finished.seconds - (expected - 3 * rtt)) < 20e-6)
        // The device uploads the same 50 kB: its data leave with the handshake's last ACK and
        // reach the server half a round trip later, instead of a request's whole round trip.
        var net3 = Network(topology: topo)
        _ = try! net3.start(TransferRequest(from: d, to: s, bytes: .kilobytes(50), newConnection: true, tag: 3), now: .zero)
        let o3 = Self.drain(&net3)[3]!
        #expect(abs(o3.finished.seconds - (expected - 0.5 * rtt)) < 20e-6, "took \(o3.finished.seconds) s")
    }

    /// Delayed-ACK timer: an initial window of one segment is acknowledged only when the
    /// receiver's 200 ms timer fires, so the first round lasts RTT + 200 ms; the window then
    /// grows to 2 segments, whose ACK leaves at once. 3 × 1460 B downloaded over a 40 ms RTT
    /// on a reused connection: request 1 RTT, round 1 (1 segment) 240 ms, then the 2 segments
    /// left fit the window and leave in one burst (at the receive window's 838.9 Mbps):
    /// 0.04 + 0.24 + 2920 × 8 / 838.9 Mbps.
    @Test func delayedAckTimerHoldsASingleSegment() {
        let (topo, d, s) = Self.line(rate: .gigabitsPerSecond(1), oneWay: .milliseconds(20))
        var tcp = TCPParameters()
        tcp.initialWindow = .bytes(1460)
        var net = Network(topology: topo, tcp: tcp)
        _ = try! net.start(TransferRequest(from: s, to: d, bytes: .bytes(3 * 1460), tag: 1), now: .zero)
        let o = Self.drain(&net)[1]!
        let expected = 0.04 + 0.24 + 2920.0 * 8 / (4 * 1_048_576 * 8 / 0.04)
        #expect(abs(o.finished.seconds - expected) < 20e-6, "took \(o.finished.seconds) s, closed form \(expected) s")
        #expect(abs(tcp.idleTransferTime(bytes: 3 * 1460, rate: 1e9, rtt: 0.04, newConnection: false, senderOpens: false)
                    - expected) < 1e-12)
        // An ACK for every segment: the window doubles per round, and a one-segment window
        // is acknowledged at once.
        tcp.segmentsPerAck = 1
        #expect(tcp.grownWindow(14_600) == 29_200)
        #expect(tcp.roundDuration(window: 1460, rtt: 0.04) == 0.04)
    }

    /// Window ceiling: 4 MiB receive window, 20 ms RTT, 10 Gbps line: a long flow is held at
    /// window/RTT = 4 × 1,048,576 × 8 / 0.02 = 1.678 Gbps (the line is far from full).
    /// At 2 ms RTT window/RTT would be 16.8 Gbps, so the 10 Gbps line holds it instead.
    @Test func windowCeiling() {
        for (oneWay, expectedRate, byWindow) in [(10.0, 4 * 1_048_576 * 8 / 0.020, true), (1.0, 10e9, false)] {
            let (topo, d, s) = Self.line(rate: .gigabitsPerSecond(10), oneWay: .milliseconds(oneWay), buffer: .bytes(1))
            var net = Network(topology: topo)
            let id = try! net.start(TransferRequest(from: s, to: d, bytes: .gigabytes(10), tag: 1), now: .zero)
            // Run 2 s of events (slow start is over in < 20 rounds).
            while net.nextEventTime <= .seconds(2) { _ = net.advance(to: net.nextEventTime) }
            let r = net.rate(of: id).bitsPerSecond
            #expect(abs(r - expectedRate) / expectedRate < 1e-3, "rate \(r) vs \(expectedRate)")
            let limiter = net.solver.limiter(of: FlowID(Int(net.flow[id.index])))
            #expect(byWindow ? limiter == .ceiling(.window) : limiter == .resource(ResourceID(1)))
        }
    }

    /// Processor sharing (M/G/1-PS): Poisson arrivals at load ρ = 0.8 on C = 100 Mbps, mean
    /// size 10 MB ⇒ mean transfer time = E[S]/(C(1−ρ)) = 0.8 s / 0.2 = 4.0 s, for any size
    /// distribution (Kleinrock 1976, insensitivity). Pure fluid mode (no TCP terms).
    /// Checked over 10 independent replications of 20,000 transfers: the 99 % Student-t
    /// interval must contain 4.0 and the grand mean lie within 5 %.
    @Test(arguments: ["exponential", "bounded Pareto"])
    func processorSharingMeanIsInsensitive(sizes: String) {
        let meanBytes = 10e6
        let dist: Distribution
        if sizes == "exponential" {
            dist = .exponential(mean: meanBytes)
        } else {
            // α = 1.5, H/L = 10⁴, L scaled so the mean is 10 MB.
            let unit = Distribution.boundedPareto(alpha: 1.5, low: 1, high: 1e4)
            let l = meanBytes / unit.mean
            dist = .boundedPareto(alpha: 1.5, low: l, high: 1e4 * l)
        }
        var means = Tally()
        for rep in 0..<10 {
            let (topo, d, s) = Self.line(rate: .megabitsPerSecond(100), oneWay: .zero)
            var net = Network(topology: topo, tcp: .fluid, bucketWidth: .zero)
            var rng = RandomStream(seed: 77).derived(sizes).derived(rep)
            let lambda = 0.8 * 100e6 / 8 / meanBytes  // arrivals per second
            var nextArrival = SimTime.zero + .seconds(Distribution.exponential(mean: 1 / lambda).sample(using: &rng))
            var started = 0, done = 0
            var sum = 0.0
            let n = 20_000
            while done < n {
                let tn = net.nextEventTime
                if started < n && nextArrival <= tn {
                    let size = max(1, dist.sample(using: &rng).rounded())
                    _ = try! net.start(TransferRequest(from: s, to: d, bytes: .bytes(Int64(size)), tcp: true, tag: 0), now: nextArrival)
                    started += 1
                    nextArrival += .seconds(Distribution.exponential(mean: 1 / lambda).sample(using: &rng))
                } else if let o = net.advance(to: tn) {
                    sum += (o.finished - o.requested).seconds
                    done += 1
                }
            }
            means.record(sum / Double(n))
        }
        let ci = ConfidenceInterval(means, level: 0.99)!
        #expect(ci.contains(4.0), "\(sizes): \(ci.mean) ± \(ci.halfWidth)")
        #expect(abs(ci.mean - 4.0) / 4.0 < 0.05, "\(sizes): mean \(ci.mean)")
    }

    /// A cohort: k identical transfers (same path, bytes, connection, start) are exactly one
    /// transfer with `copies: k`. Five devices share one Wi-Fi medium (airtime factor 1.5)
    /// behind a 100 Mbps uplink that a long competing download (weight 1) also crosses; each
    /// device fetches 400 kB on a new connection, slow start on. Zero buffers keep the RTT
    /// at the propagation delay, so the per-flow RTTs cannot differ by the order in which
    /// simultaneous slow-start rounds are processed. Expected: every one of the five ends
    /// when the cohort's transfer ends, with the same delay attribution; the competitor ends
    /// at the same time either way; the uplink's limited flow-seconds count the cohort 5
    /// times (within 100 ns: completion times are whole nanoseconds, rounded per flow).
    @Test func copiesEqualIdenticalTransfers() {
        func run(cohort: Bool) -> (members: [TransferOutcome], competitor: TransferOutcome, limited: Double, wifi: Double) {
            var t = Topology()
            let server = t.addNode("server", kind: .service)
            let ap = t.addNode("ap", kind: .accessPoint)
            let other = t.addNode("other", kind: .device)
            let uplink = t.addDuplexLink("uplink", lower: ap, upper: server, up: .megabitsPerSecond(100),
                                         down: .megabitsPerSecond(100), propagation: .milliseconds(10), buffer: .zero)
            let air = t.addResource("air", capacity: .megabitsPerSecond(200), buffer: .zero)
            t.addLink("other", lower: other, upper: ap, propagation: .milliseconds(1), up: [Hop(air)], down: [Hop(air)])
            let devices = (0..<5).map { i in
                let d = t.addNode("d\(i)", kind: .device)
                t.addLink("d\(i)", lower: d, upper: ap, propagation: .milliseconds(1), up: [Hop(air, factor: 1.5)],
                          down: [Hop(air, factor: 1.5)])
                return d
            }
            var net = Network(topology: t)
            _ = try! net.start(TransferRequest(from: server, to: other, bytes: .megabytes(3), tag: 99), now: .zero)
            if cohort {
                _ = try! net.start(TransferRequest(from: server, to: devices[0], bytes: .kilobytes(400), newConnection: true,
                                                   copies: 5, tag: 0), now: .zero)
            } else {
                for (i, d) in devices.enumerated() {
                    _ = try! net.start(TransferRequest(from: server, to: d, bytes: .kilobytes(400), newConnection: true,
                                                       tag: Int64(i)), now: .zero)
                }
            }
            let out = Self.drain(&net)
            let down = t.links[uplink.index].down[0].resource
            net.finishObservation(at: out.values.map(\.finished).max()!)
            let members = cohort ? Array(repeating: out[0]!, count: 5) : (0..<5).map { out[Int64($0)]! }
            return (members, out[99]!, net.solver.observer.limitedFlowSeconds[down.index],
                    net.solver.observer.limitedFlowSeconds[air.index])
        }
        let a = run(cohort: false), b = run(cohort: true)
        for (x, y) in zip(a.members, b.members) {
            #expect(abs(x.finished.seconds - y.finished.seconds) < 1e-6, "\(x.finished) vs \(y.finished)")
            #expect(x.worstLimiter == y.worstLimiter)
            #expect(abs(x.resourceLimitedSeconds - y.resourceLimitedSeconds) < 1e-6)
        }
        #expect(abs(a.competitor.finished.seconds - b.competitor.finished.seconds) < 1e-6)
        #expect(a.limited > 0 && abs(a.limited - b.limited) <= 1e-7, "\(a.limited) vs \(b.limited)")
        #expect(abs(a.wifi - b.wifi) <= 1e-7)
    }

    /// A cohort of k takes k sessions at once: on a table of 5, a cohort of 3 gets in and a
    /// second cohort of 3 is refused as a whole (3 refusals) or waits until the first ends
    /// (3 queued, peak 3); a cohort of 8 takes the whole table rather than wait forever.
    @Test func copiesTakeSessionsTogether() {
        for policy in [SessionLimit.Policy.queue, .refuse] {
            var t = Topology()
            let d = t.addNode("device", kind: .device)
            let fw = t.addNode("proxy", kind: .appliance, sessionLimit: SessionLimit(capacity: 5, policy: policy))
            let s = t.addNode("server", kind: .service)
            t.addDuplexLink("lan", lower: d, upper: fw, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1))
            t.addDuplexLink("wan", lower: fw, upper: s, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1))
            var net = Network(topology: t)
            var refused = 0
            for i in 0..<2 {
                do {
                    _ = try net.start(TransferRequest(from: s, to: d, bytes: .kilobytes(100), newConnection: true, copies: 3,
                                                      tag: Int64(i)), now: .zero)
                } catch {
                    refused += 1
                }
            }
            let outcomes = Self.drain(&net)
            let stats = net.sessionStats[fw.index]
            if policy == .queue {
                #expect(refused == 0 && outcomes.count == 2 && stats.queued == 3 && stats.peak == 3)
                #expect(outcomes[1]!.sessionWait == outcomes[0]!.finished - .zero)
            } else {
                #expect(refused == 1 && outcomes.count == 1 && stats.refused == 3 && stats.peak == 3)
            }
            _ = try! net.start(TransferRequest(from: s, to: d, bytes: .kilobytes(100), newConnection: true, copies: 8, tag: 7),
                               now: .seconds(10))
            #expect(Self.drain(&net)[7] != nil && net.sessionStats[fw.index].peak == 5)
        }
    }

    /// A session table of 10 and 20 simultaneous new connections: with `queue`, ten wait
    /// for the first ten to end; with `refuse`, ten are refused.
    @Test func sessionTableQueuesOrRefuses() {
        for policy in [SessionLimit.Policy.queue, .refuse] {
            var t = Topology()
            let d = t.addNode("device", kind: .device)
            let fw = t.addNode("proxy", kind: .appliance, sessionLimit: SessionLimit(capacity: 10, policy: policy))
            let s = t.addNode("server", kind: .service)
            t.addDuplexLink("lan", lower: d, upper: fw, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1), propagation: .milliseconds(1))
            t.addDuplexLink("wan", lower: fw, upper: s, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1), propagation: .milliseconds(4))
            var net = Network(topology: t)
            var refused = 0
            for i in 0..<20 {
                do {
                    _ = try net.start(TransferRequest(from: s, to: d, bytes: .kilobytes(100), newConnection: true, tag: Int64(i)), now: .zero)
                } catch {
                    #expect(error == .sessionRefused(fw))
                    refused += 1
                }
            }
            let outcomes = Self.drain(&net)
            if policy == .queue {
                #expect(refused == 0 && outcomes.count == 20)
                #expect(net.sessionStats[fw.index].queued == 10 && net.sessionStats[fw.index].peak == 10)
                let waits = outcomes.values.filter { $0.sessionWait > .zero }
                #expect(waits.count == 10)
                #expect(net.sessionStats[fw.index].waitSeconds > 0)
            } else {
                #expect(refused == 10 && outcomes.count == 10)
                #expect(net.sessionStats[fw.index].refused == 10)
            }
        }
    }

    /// Ten classroom links of 300 Mbps, 40 bulk downloads each, feeding a school uplink.
    /// With a 1 Gbps uplink the uplink limits every flow (1 Gbps / 400 < 300 Mbps / 40), so
    /// it is ranked first by limited flow-seconds; with 10 Gbps the classroom links are.
    @Test(arguments: [(1.0, true), (10.0, false)])
    func attributionRanksTheBottleneck(uplinkGbps: Double, uplinkFirst: Bool) {
        var t = Topology()
        let internet = t.addNode("internet", kind: .internet)
        let school = t.addNode("school", kind: .router)
        t.addDuplexLink("uplink", lower: school, upper: internet, up: .gigabitsPerSecond(uplinkGbps),
                        down: .gigabitsPerSecond(uplinkGbps), propagation: .milliseconds(5))
        var devices: [NodeID] = []
        for c in 0..<10 {
            let room = t.addNode("class-\(c)", kind: .switch)
            t.addDuplexLink("class-\(c) link", lower: room, upper: school, up: .megabitsPerSecond(300), down: .megabitsPerSecond(300))
            for s in 0..<40 {
                let dev = t.addNode("class-\(c)/dev-\(s)", kind: .device)
                t.addDuplexLink("class-\(c)/dev-\(s) nic", lower: dev, upper: room, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1))
                devices.append(dev)
            }
        }
        var net = Network(topology: t)
        for (i, d) in devices.enumerated() {
            _ = try! net.start(TransferRequest(from: internet, to: d, bytes: .megabytes(50), tag: Int64(i)), now: .zero)
        }
        _ = Self.drain(&net)
        let obs = net.solver.observer
        let ranked = obs.limitedFlowSeconds.indices.sorted { obs.limitedFlowSeconds[$0] > obs.limitedFlowSeconds[$1] }
        let top = t.resources[ranked[0]].name
        if uplinkFirst {
            #expect(top == "uplink ↓", "top was \(top)")
        } else {
            #expect(top.hasPrefix("class-") && top.hasSuffix("link ↓"), "top was \(top)")
        }
        #expect(net.solver.invariantViolations().isEmpty)
    }
}
