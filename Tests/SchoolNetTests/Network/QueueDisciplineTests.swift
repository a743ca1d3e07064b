import Foundation
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

    /// FIFO: N window-limited long flows keep the 1 MB drop-tail buffer (8 Mbit / 100 Mbps =
    /// 80 ms) nearly full: each flow holds 1/N of the windows, buffer + pipe = 80 + 40 ms,
    /// and a loss takes (1 − 0.7) of one flow's window, so the queue averages
    /// 80 − 0.3 × (1/N) × 120 / 2 = 80 − 18/N ms. A new exchange's round trip is the 40 ms of
    /// propagation plus that: 102 ms for one flow, 115.5 ms for 4, 118.875 ms for 16.
    @Test(arguments: [1, 4, 16])
    func fifoStandingQueue(flows: Int) {
        let rtt = Self.roundTripUnderLoad(flows: flows, discipline: .fifo)
        let expected = 0.040 + 0.080 - 0.018 / Double(flows)
        #expect(abs(rtt - expected) < 1e-9, "RTT \(rtt) s, closed form \(expected) s")
    }

    /// fq_codel: a short exchange below its fair share is served ahead of the backlog and
    /// sees no standing queue: 40 ms, against 102–119 ms behind the same buffer served FIFO.
    @Test(arguments: [1, 16])
    func fqCodelIsolatesShortFlow(flows: Int) {
        let rtt = Self.roundTripUnderLoad(flows: flows, discipline: .fqCodel)
        #expect(abs(rtt - 0.040) < 1e-9, "RTT \(rtt) s, closed form 0.040 s")
    }

    /// The loss rate of a full drop-tail buffer solves Padhye et al.'s rate equation with
    /// CUBIC's window: at the returned p, 1 / (RTT / W(p) + T₀ min(1, 3√(3p/8)) p (1 + 32p²))
    /// equals the fair share in segments per second. 1460-byte segments, 100 ms, 1 Mbps
    /// (8.56 segments per round trip): the Reno-friendly window governs, and the timeouts
    /// (T₀ = 1 s) bring p below Mathis's 1.5 × (11,680 / 100,000)² = 2.046 %. At a 600 ms
    /// round trip and 0.4 Mbps (20.5 segments) the cubic window governs, and p is above
    /// Mathis's 0.356 %. Capped at 1/2; none behind fq_codel.
    @Test func lossProbabilitySolvesTheRateEquation() {
        func rate(_ p: Double, rtt: Double) -> Double {
            let cubic = pow(0.4 * 3.7 / 1.2, 0.25) * pow(rtt, 0.75) / pow(p, 0.75)
            let window = max((1.5 / p).squareRoot(), cubic)
            return 1 / (rtt / window + max(1, rtt) * min(1, 3 * (3 * p / 8).squareRoot()) * p * (1 + 32 * p * p))
        }
        let p = QueueDiscipline.fifo.lossProbability(fairShare: 1e6, roundTrip: 0.1, segmentBits: 11_680)
        #expect(abs(rate(p, rtt: 0.1) / (1e6 / 11_680) - 1) < 1e-9)
        #expect(p < 1.5 * 0.1168 * 0.1168 && p > 0.01, "p \(p)")
        let long = QueueDiscipline.fifo.lossProbability(fairShare: 4e5, roundTrip: 0.6, segmentBits: 11_680)
        #expect(abs(rate(long, rtt: 0.6) / (4e5 / 11_680) - 1) < 1e-9)
        #expect(long > 1.5 * pow(11_680 / (0.6 * 4e5), 2), "p \(long)")
        #expect(QueueDiscipline.fifo.lossProbability(fairShare: 1e3, roundTrip: 0.1, segmentBits: 11_680) == 0.5)
        #expect(QueueDiscipline.fqCodel.lossProbability(fairShare: 1e3, roundTrip: 0.1, segmentBits: 11_680) == 0)
    }

    /// The bounds computed from a hint without solving hold the solved answer strictly
    /// between them (round trips 20 ms–1 s, fair shares 50 kbps–50 Mbps, hints from 0.5 to
    /// 2 times the answer: beyond ±8 % the bracket follows the secant root), their estimate
    /// within 2 % of it; none for a hint outside (10⁻¹², ½) or behind fq_codel.
    @Test func lossProbabilityBoundsHoldTheAnswer() {
        var bounded = 0, cases = 0
        for rtt in [0.02, 0.1, 0.4, 1.0] {
            for share in [5e4, 5e5, 5e6, 5e7] {
                let p = QueueDiscipline.fifo.lossProbability(fairShare: share, roundTrip: rtt, segmentBits: 11_680)
                guard p > 1e-12 && p < 0.5 else { continue }
                for scale in [0.5, 0.94, 0.99, 1.0, 1.01, 1.06, 2.0] {
                    cases += 1
                    guard let b = QueueDiscipline.fifo.lossProbabilityBounds(fairShare: share, roundTrip: rtt, segmentBits: 11_680,
                                                                             near: min(0.49, p * scale)) else { continue }
                    bounded += 1
                    #expect(b.lo < p && p < b.hi, "rtt \(rtt), share \(share), hint ×\(scale): \(b.lo) < \(p) < \(b.hi)")
                    #expect(b.lo <= b.estimate && b.estimate <= b.hi)
                    // A hint for the next question: well inside the ±8 % its bounds span.
                    #expect(abs(b.estimate / p - 1) < 0.02, "estimate \(b.estimate), answer \(p)")
                }
                #expect(QueueDiscipline.fifo.lossProbabilityBounds(fairShare: share, roundTrip: rtt, segmentBits: 11_680,
                                                                  near: 1e-13) == nil)
            }
        }
        #expect(bounded > cases * 9 / 10, "cases with bounds: \(bounded) of \(cases)")
        #expect(QueueDiscipline.fqCodel.lossProbabilityBounds(fairShare: 1e6, roundTrip: 0.1, segmentBits: 11_680, near: 0.01) == nil)
    }

    /// A packet's fate from the bounds of a route's loss probability is the fate the exact
    /// probability gives: draws below, inside and above the bounds, each decided from
    /// fresh bounds (the resource's remembered answer kept only as a hint) against u < p;
    /// the same question asked again reuses the bounds it remembered.
    @Test func lossOddsDecideAsTheExactProbability() {
        var t = Topology()
        let d = t.addNode("device", kind: .device)
        let s = t.addNode("server", kind: .service)
        t.addDuplexLink("access", lower: d, upper: s, up: .megabitsPerSecond(10), down: .megabitsPerSecond(10),
                        propagation: .milliseconds(10), buffer: .kilobytes(64), discipline: .fifo)
        var net = Network(topology: t, seed: 7)
        for k in 0..<20 { _ = try! net.start(TransferRequest(from: s, to: d, bytes: .gigabytes(10), tag: Int64(k)), now: .zero) }
        while net.nextEventTime <= .seconds(5) { _ = net.advance(to: net.nextEventTime) }
        let route = net.routeID(s, d)!
        let rt = net.roundTrip(route)
        var exact = net.roundLossProbability(route, rt: rt).odds
        net.resolve(&exact)
        let p = exact.lo
        #expect(p > 0.001 && p < 0.5, "p \(p)")
        var inside = 0
        for factor in [0.5, 0.9, 0.97, 0.99, 0.999, 1.0, 1.001, 1.01, 1.03, 1.1, 2.0] {
            for r in net.lossMemo.indices { net.lossMemo[r].share = .nan }  // forgotten: its answer only a hint
            var odds = net.roundLossProbability(route, rt: rt).odds
            #expect(!odds.exact && odds.lo < p && p < odds.hi)
            let u = p * factor
            if u >= odds.lo && u < odds.hi { inside += 1 }
            #expect(net.isLost(u, odds: &odds) == (u < p), "u = \(factor) p")
        }
        for r in net.lossMemo.indices { net.lossMemo[r].share = .nan }
        let first = net.roundLossProbability(route, rt: rt).odds, again = net.roundLossProbability(route, rt: rt).odds
        #expect(!again.exact && again.lo == first.lo && again.hi == first.hi)
        #expect(inside >= 5, "draws that needed the exact value: \(inside)")
    }

    /// Lost set-up rounds cost retransmission timeouts: 20 flows share a 10 Mbps FIFO with a
    /// 64 kB buffer (fair share 500 kbps, RTT ≈ 20 + 51 ms, 3 segments per round trip, where
    /// timeouts hold the flows to their share at p ≈ 3.5 % per packet), and 50 new connections opened across it (4 rounds
    /// each, and a tail) lose more than 10 packets to timeouts and take half a second longer on
    /// average; the same exchanges behind fq_codel lose none.
    @Test func lostRoundsCostTimeouts() {
        func run(_ discipline: QueueDiscipline) -> (lost: Int, meanSeconds: Double) {
            var t = Topology()
            let d = t.addNode("device", kind: .device)
            let s = t.addNode("server", kind: .service)
            t.addDuplexLink("access", lower: d, upper: s, up: .megabitsPerSecond(10), down: .megabitsPerSecond(10),
                            propagation: .milliseconds(10), buffer: .kilobytes(64), discipline: discipline)
            var net = Network(topology: t, seed: 7)
            for k in 0..<20 {
                _ = try! net.start(TransferRequest(from: s, to: d, bytes: .gigabytes(10), tag: Int64(k)), now: .zero)
            }
            while net.nextEventTime <= .seconds(5) { _ = net.advance(to: net.nextEventTime) }
            var total = 0.0, done = 0
            for k in 0..<50 {
                _ = try! net.start(TransferRequest(from: s, to: d, bytes: .bytes(100), newConnection: true, tag: Int64(1000 + k)),
                                   now: .zero + .seconds(5))
            }
            while done < 50 {
                if let o = net.advance(to: net.nextEventTime), o.tag >= 1000 {
                    total += (o.finished - o.requested).seconds
                    done += 1
                }
            }
            return (net.roundsLost, total / 50)
        }
        let fifo = run(.fifo), fq = run(.fqCodel)
        #expect(fifo.lost > 10, "rounds lost behind FIFO: \(fifo.lost)")
        #expect(fq.lost == 0)
        #expect(fifo.meanSeconds > fq.meanSeconds + 0.3, "FIFO \(fifo.meanSeconds) s, fq_codel \(fq.meanSeconds) s")
    }

    /// A round's losses are correlated as at a full drop-tail buffer (Padhye et al.): with
    /// p = 0.1 a draw u puts the first loss after ⌊log(1 − u) / log 0.9⌋ segments that
    /// arrive, the rest of the round is lost with it, and the ACKs of those that arrived
    /// release 1.5 new segments each (slow start, an ACK per two), at most what is left.
    @Test func firstLossOfARound() {
        var t = Topology()
        let d = t.addNode("device", kind: .device), s = t.addNode("server", kind: .service)
        t.addDuplexLink("access", lower: d, upper: s, up: .megabitsPerSecond(10), down: .megabitsPerSecond(10),
                        propagation: .milliseconds(10))
        var net = Network(topology: t, seed: 1)
        var odds = Network.LossOdds(lo: 0.1, hi: 0.1, exact: true, route: 0, rt: 0.1)
        var keep = Network.KeepLogs(odds)
        // 1 − 0.9 = 0.1 > 0.05: the first segment is lost, none arrives.
        #expect(net.firstLossReleases(0.05, among: 10, left: 11, growth: 1.5, odds: &odds, keep: &keep) == 0)
        // 1 − 0.9² = 0.19 ≤ 0.25 < 1 − 0.9³ = 0.271: two arrive and release three (DupThresh) …
        #expect(net.firstLossReleases(0.25, among: 10, left: 11, growth: 1.5, odds: &odds, keep: &keep) == 3)
        // … or the one segment left.
        #expect(net.firstLossReleases(0.25, among: 10, left: 1, growth: 1.5, odds: &odds, keep: &keep) == 1)
        // 1 − 0.9¹¹ = 0.686 < 0.7 < 1 − 0.9¹² = 0.718: eleven arrive; a round of eleven loses none.
        #expect(net.firstLossReleases(0.7, among: 11, left: 5, growth: 1.5, odds: &odds, keep: &keep) == nil)
        #expect(net.firstLossReleases(0.7, among: 12, left: 5, growth: 1.5, odds: &odds, keep: &keep) == 5)
        // Bounds that straddle p decide alike, asking for the exact value only when they differ.
        var bounded = Network.LossOdds(lo: 0.09, hi: 0.11, exact: false, route: 0, rt: 0.1)
        var keepBounded = Network.KeepLogs(bounded)
        #expect(net.firstLossReleases(0.05, among: 10, left: 11, growth: 1.5, odds: &bounded, keep: &keepBounded) == 0)
        #expect(!bounded.exact)
        // Repairs: three released segments raise the duplicate ACKs of fast retransmit (one
        // round trip); fewer leave the loss to the retransmission timeout.
        var sure = Network.LossOdds(lo: 0, hi: 0, exact: true, route: 0, rt: 0.1)
        let lostBefore = net.roundsLost
        #expect(net.recovery(released: 3, rt: 0.1, rto: 1, odds: &sure) == 0.1)
        #expect(net.recovery(released: 2, rt: 0.1, rto: 1, odds: &sure) == 1)
        #expect(net.roundsLost == lostBefore + 1)
    }
}
