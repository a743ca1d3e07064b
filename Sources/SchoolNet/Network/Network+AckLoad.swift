/// TCP acknowledgements on the return path: the ACK load of an asymmetric link.
///
/// A download's ACKs travel back over the other direction of every link it crosses. With
/// delayed ACKs the receiver sends one ACK of headers and framing per two full segments,
/// ``TCPParameters/ackRatio`` of the download's rate (1.91 % with the defaults). On a
/// symmetric link that is noise; on an asymmetric one it is not: 974 Mbit/s of downloads on a
/// 1 Gbit/s / 20 Mbit/s line send about 18.6 Mbit/s of ACKs, nearly the whole uplink
/// (RFC 3449's normalized bandwidth ratio, REFERENCES.md §10).
///
/// **Model**: for each link, a resource of one direction (the *carrier*) is paired with a
/// resource of the other (the *source*) when the source's flows could send a significant
/// ACK load over it — `ackRatio × capacity(source) > ackLoadSignificance (5 %) ×
/// capacity(carrier)` — and every link that crosses the source crosses the carrier the
/// other way (then every flow through the source sends its ACKs over the carrier). The
/// carrier's ACK load is `ackRatio ×` the rate of the TCP flows crossing the source (the
/// source's load less its flows without TCP terms). ACKs are small and not
/// congestion-controlled: they are carried ahead of the elastic flows (a FIFO carries the
/// share their arrival rate claims, and an uplink kept full by ACKs drops the uploads'
/// segments), so the elastic flows on the carrier share `capacity − ACK load`, keeping at
/// least ``ackLoadTolerance`` of it. When the ACKs the source's flows need exceed what the
/// carrier can carry, those flows are ACK-clocked: the source's capacity is at most
/// `capacity(carrier) × (1 − ackLoadTolerance) / ackRatio`. Behind fq_codel each of the k
/// TCP connections through the source is one ACK flow next to the m connections of the
/// carrier: an ACK flow within its fair share `capacity / (k + m)` is sparse and served
/// whole; when they need more, the k ACK flows get k shares and their downloads are clocked
/// to `k / (k + m) × capacity / ackRatio` (connections counted with their copies). The
/// capacity the other mechanisms set (the scenario's, a scheduled change, a contended
/// medium's level) is the *base*; the solver sees the effective capacity.
///
/// The ACK load depends on the rates it changes, so it is a fixed-point iteration: after
/// each network event the ACK load of every pair is recomputed from the solver's loads
/// (O(pairs) behind a FIFO, independent of the number of flows; O(connections on the pair)
/// behind fq_codel; a network without pairs costs one comparison), and the carrier's
/// capacity is set again (one ``FlowSolver/setCapacity(_:to:now:)``) only when the ACK load
/// moved by more than ``ackLoadTolerance`` (1 %) of its base capacity — at most
/// ``ackLoadPasses`` passes per event. A carrier's queue drains at its
/// base capacity (``Network/queueingDelay(_:)`` counts the ACK load in its utilisation).
///
/// **Assumptions**: routes are symmetric (a tree); every flow crossing a source is a TCP
/// download whose receiver delays its ACKs, except flows without TCP terms (paced
/// streams), whose rate is left out; a flow's rate is taken as its rate on the line (the
/// ACK ratio counts headers and framing on both sides); ACK loads below
/// ``ackLoadSignificance`` of a carrier (a symmetric link's 1.9 %) are neglected; a medium
/// crossed both ways (a Wi-Fi cell's airtime) carries no ACK load: its ACKs take no airtime
/// and make no receiving station a contender (RFC 3449 §3.2's MAC interactions are not
/// modelled); the downloads' ACKs are not thinned (ACK filtering or decimation, RFC 3449
/// §5.2; CoDel's drops of ACKs under fq_codel); the ACK load follows the downloads'
/// instantaneous rate, so on a strongly asymmetric line a short burst (a login response in
/// slow start at 1 Gbps over a 5 Mbps uplink) fills the uplink for the burst's duration and
/// puts the exchanges crossing it behind its standing queue, where a real FIFO holds only
/// the burst's few ACKs: pessimistic for short exchanges next to short downloads (a
/// five-student login over 1 Gbps / 5 Mbps took 0.31 s instead of 0.07 s).
///
/// **Source**: RFC 3449 §2.1, §3.1, §3.3 (REFERENCES.md §10). **Validation**:
/// `AsymmetricReferenceTests` against ns-3 3.44 (Reference/ns3-asymmetric/): ten CUBIC
/// downloads and zero, one or five uploads over 100 Mbit/s down / 2 Mbit/s up, drop-tail
/// 1 × and 10 × BDP and fq_codel. Downloads within 20 % (worst −15.9 %, fq_codel with five
/// uploads, where ns-3's CoDel thins the ACKs; +4–8 % elsewhere, payload against line
/// rate); uploads within 0.2 Mbit/s (worst +0.18 Mbit/s behind a 5,000-byte FIFO, where
/// ns-3's uploads lose most segments to a buffer full of ACKs). `AckLoadTests` checks the
/// closed forms.
extension Network {
    /// The ACK-load pairs and the capacities they set.
    struct AckLoadState {
        /// ``TCPParameters/ackRatio``.
        var ratio = 0.0
        /// Per pair: the resource carrying the ACKs, the resource whose flows send them, and
        /// the ACK load applied (bits/s).
        var carrier: [Int32] = []
        var source: [Int32] = []
        var applied: [Double] = []
        /// Per pair: the most the source's flows can be acknowledged for over the carrier
        /// (bits/s).
        var pairClock: [Double] = []
        /// Per resource: whether a pair carries ACKs over it or takes them from it.
        var isCarrier: ContiguousArray<Bool> = []
        var isSource: [Bool] = []
        /// Per resource: the capacity the other mechanisms set (bits/s), the ACK load carried
        /// ahead (bits/s) and the ACK clock (the most its flows can be acknowledged for).
        var base: ContiguousArray<Double> = []
        var carried: ContiguousArray<Double> = []
        var clock: [Double] = []
        /// Per resource: the largest ACK load carried and the base capacity then (bits/s).
        var peak: [Double] = []
        var baseAtPeak: [Double] = []
        /// Per source: the transfers without TCP terms crossing it.
        var unacknowledged: [[Int32]] = []
        /// The distinct sources in increasing order, and per resource the pairs it is the
        /// source of (in pair order); fixed at set-up, so a carrier's capacity change walks
        /// them without building, sorting or scanning.
        var sources: [Int32] = []
        var pairsOfSource: [[Int32]] = []

        init() {}

        init(topology: Topology, tcp: TCPParameters) {
            let n = topology.resources.count
            isCarrier = ContiguousArray(repeating: false, count: n)
            guard tcp.ackLoad else { return }
            ratio = tcp.ackRatio
            let capacity = topology.resources.map(\.capacity.bitsPerSecond)
            // The links crossing each resource, by direction.
            var upLinks = Array(repeating: [Int](), count: n), downLinks = Array(repeating: [Int](), count: n)
            for (l, link) in topology.links.enumerated() {
                for h in link.up { upLinks[h.resource.index].append(l) }
                for h in link.down { downLinks[h.resource.index].append(l) }
            }
            func crossesBack(_ source: Int, _ carrier: Int) -> Bool {
                upLinks[source].allSatisfy { topology.links[$0].down.contains { $0.resource.index == carrier } }
                    && downLinks[source].allSatisfy { topology.links[$0].up.contains { $0.resource.index == carrier } }
            }
            var seen = Set<Int64>()
            for link in topology.links {
                for (forward, back) in [(link.down, link.up), (link.up, link.down)] {
                    for s in forward.map(\.resource.index) {
                        for c in back.map(\.resource.index) where c != s {
                            guard ratio * capacity[s] > Network.ackLoadSignificance * capacity[c] else { continue }
                            guard seen.insert(Int64(c) << 32 | Int64(s)).inserted, crossesBack(s, c) else { continue }
                            carrier.append(Int32(c))
                            source.append(Int32(s))
                            applied.append(0)
                            pairClock.append(.infinity)
                        }
                    }
                }
            }
            guard !carrier.isEmpty else { return }
            isSource = Array(repeating: false, count: n)
            for p in carrier.indices {
                isCarrier[Int(carrier[p])] = true
                isSource[Int(source[p])] = true
            }
            base = ContiguousArray(capacity)
            carried = ContiguousArray(repeating: 0, count: n)
            clock = Array(repeating: .infinity, count: n)
            peak = Array(repeating: 0, count: n)
            baseAtPeak = Array(repeating: 0, count: n)
            unacknowledged = Array(repeating: [], count: n)
            sources = Array(Set(source)).sorted()
            pairsOfSource = Array(repeating: [], count: n)
            for p in source.indices { pairsOfSource[Int(source[p])].append(Int32(p)) }
        }

        /// Whether resource `r` belongs to a pair.
        @inline(__always)
        func tracks(_ r: Int) -> Bool { !carrier.isEmpty && (isCarrier[r] || isSource[r]) }

        /// The capacity the solver sees for resource `r` of a pair.
        func effectiveCapacity(_ r: Int) -> Double {
            let b = base[r]
            return min(max(Network.ackLoadTolerance * b, b - carried[r]), clock[r])
        }
    }

    /// The share of a carrier's capacity its ACK load must be able to reach for the pair to
    /// be modelled: 5 % (a symmetric link's ACKs, 1.9 %, are left out).
    public static let ackLoadSignificance = 0.05
    /// The relative change of a carrier's ACK load (of its base capacity) above which its
    /// capacity is set again; also the share the elastic flows keep under a full ACK load.
    public static let ackLoadTolerance = 0.01
    /// Passes of the fixed-point iteration per network event.
    static let ackLoadPasses = 4

    /// Sets resource `r`'s base capacity (the scenario's, a scheduled change, a contended
    /// medium's level); the solver sees it less the ACK load of a carrier.
    mutating func setBaseCapacity(_ r: Int, to c: Double, now: Int64) {
        guard acks.tracks(r) else {
            solver.setCapacity(ResourceID(r), to: DataRate(bitsPerSecond: c), now: SimTime(nanoseconds: now))
            return
        }
        acks.base[r] = c
        if acks.isCarrier[r] { updateAckClocks(now: now) }
        applyAckCapacity(r, now: now)
    }

    /// Sets every pair's ACK clock from its carrier's base capacity (all of it but the
    /// elastic flows' floor; a fair-queued carrier's share is set with its ACK load).
    mutating func updateAckClocks(now: Int64) {
        for p in acks.carrier.indices {
            acks.pairClock[p] = acks.base[Int(acks.carrier[p])] * (1 - Self.ackLoadTolerance) / acks.ratio
        }
        for s in acks.sources { applyAckClock(Int(s), now: now) }
    }

    /// Sets source `s`'s ACK clock, the least of its pairs'.
    mutating func applyAckClock(_ s: Int, now: Int64) {
        var clock = Double.infinity
        for p in acks.pairsOfSource[s] { clock = min(clock, acks.pairClock[Int(p)]) }
        if clock != acks.clock[s] {
            acks.clock[s] = clock
            applyAckCapacity(s, now: now)
        }
    }

    /// The connections on resource `r` (a transfer standing for k copies counts k), those
    /// with TCP terms only if `tcpOnly`.
    func connections(on r: Int, tcpOnly: Bool) -> Int {
        var n = 0
        for e in solver.resourceEntries[r] {
            let t = Int(solver.tag[Int(e >> 4)])
            if !tcpOnly || usesTCP[t] { n += Int(copies[t]) }
        }
        return n
    }

    /// Gives the solver resource `r`'s effective capacity, if it changed.
    mutating func applyAckCapacity(_ r: Int, now: Int64) {
        let c = acks.effectiveCapacity(r)
        if c != solver.capacity[r] {
            solver.setCapacity(ResourceID(r), to: DataRate(bitsPerSecond: c), now: SimTime(nanoseconds: now))
        }
    }

    /// Counts transfer `t`'s flow in its sources' flows without TCP terms (`starting`) or no
    /// longer.
    @inline(__always)
    mutating func trackAcknowledgements(_ t: Int, starting: Bool) {
        if usesTCP[t] || acks.carrier.isEmpty { return }
        for h in routes[Int(route[t])].hops where acks.isSource[h.resource.index] {
            let s = h.resource.index
            if starting {
                acks.unacknowledged[s].append(Int32(t))
            } else if let i = acks.unacknowledged[s].firstIndex(of: Int32(t)) {
                acks.unacknowledged[s].swapAt(i, acks.unacknowledged[s].count - 1)
                acks.unacknowledged[s].removeLast()
            }
        }
    }

    /// Recomputes the ACK load of every pair and moves the carriers' capacities that moved
    /// by more than the tolerance (the fixed-point iteration of the extension's discussion).
    @inline(__always)
    mutating func updateAckLoads(now: Int64) {
        if acks.carrier.isEmpty { return }
        updateAckLoadsSlow(now: now)
    }

    @inline(never)
    mutating func updateAckLoadsSlow(now: Int64) {
        for _ in 0..<Self.ackLoadPasses {
            var moved = false
            for p in acks.carrier.indices {
                let s = Int(acks.source[p]), c = Int(acks.carrier[p])
                var load = solver.trueLoad(s)
                for t in acks.unacknowledged[s] where flow[Int(t)] >= 0 {
                    load -= solver.currentRate(Int(flow[Int(t)]))
                }
                var a = acks.ratio * max(0, load)
                if discipline[c] == .fqCodel {
                    // Fair queueing: the k ACK flows and the m flows of the carrier share it
                    // max-min; ACK flows needing more than a share each are held to it, and
                    // their downloads clocked to k shares.
                    var clock = acks.base[c] * (1 - Self.ackLoadTolerance) / acks.ratio
                    let k = connections(on: s, tcpOnly: true), m = connections(on: c, tcpOnly: false)
                    if k > 0 && m > 0 {
                        let share = acks.base[c] * Double(k) / Double(k + m)
                        clock = min(clock, share / acks.ratio)
                        a = min(a, share)
                    }
                    if !(abs(clock - acks.pairClock[p]) <= Self.ackLoadTolerance * min(clock, acks.pairClock[p])) {
                        acks.pairClock[p] = clock
                        applyAckClock(s, now: now)
                        moved = true
                    }
                }
                if abs(a - acks.applied[p]) > Self.ackLoadTolerance * acks.base[c] {
                    acks.carried[c] += a - acks.applied[p]
                    acks.applied[p] = a
                    if acks.carried[c] > acks.peak[c] { (acks.peak[c], acks.baseAtPeak[c]) = (acks.carried[c], acks.base[c]) }
                    applyAckCapacity(c, now: now)
                    moved = true
                }
            }
            if !moved { return }
        }
    }

    /// The ACK load carried on resource `r` now, bits/s (0 for a resource without one).
    public func ackLoad(on r: ResourceID) -> Double {
        acks.isCarrier[r.index] ? max(0, acks.carried[r.index]) : 0
    }

    /// The largest ACK load resource `r` carried ahead of its elastic flows and its base
    /// capacity then (bits/s), or nil if it never carried one.
    public func peakAckLoad(on r: ResourceID) -> (load: Double, capacity: Double)? {
        guard acks.isCarrier[r.index], acks.peak[r.index] > 0 else { return nil }
        return (acks.peak[r.index], acks.baseAtPeak[r.index])
    }

    /// The capacity resource `r` drains its queue at: its base capacity (the ACKs it
    /// carries included).
    public func baseCapacity(_ r: ResourceID) -> Double {
        acks.tracks(r.index) ? acks.base[r.index] : solver.capacity[r.index]
    }
}
