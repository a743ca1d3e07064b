/// A transfer or stream in the ``Network``.
public struct TransferID: Hashable, Comparable, Sendable {
    /// Dense index; recycled after the transfer ends.
    public var rawValue: Int32
    /// Creates an identifier.
    public init(_ rawValue: Int) { self.rawValue = Int32(rawValue) }
    /// The index.
    public var index: Int { Int(rawValue) }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// What a workload asks the network to carry.
public struct TransferRequest: Sendable {
    /// Sending node.
    public var source: NodeID
    /// Receiving node.
    public var destination: NodeID
    /// Size; `nil` for an open-ended stream (ended with ``Network/stop(_:now:)``).
    public var bytes: ByteCount?
    /// Whether a new connection is opened (DNS and handshakes, and a session on each
    /// session-limited appliance on the path) or an existing one reused.
    public var newConnection: Bool
    /// Whether TCP terms apply (request RTT, slow start, window). Real-time media
    /// (conference, live class) are paced streams: `false`.
    public var tcp: Bool
    /// The application's own rate limit (a stream's bitrate, a paced upload), or unlimited.
    public var rateLimit: DataRate
    /// Max-min weight.
    public var weight: Double
    /// How many identical transfers this request stands for (a cohort of students with the
    /// same draws on the same path): carried as one flow of weight `copies × weight`, with
    /// `copies ×` the bytes and `copies ×` every per-connection ceiling (rate limit, slow
    /// start, window), holding `copies` sessions on each session-limited appliance. Exact
    /// for the rates, completion time and delay attribution, because weighted max-min gives
    /// k identical flows on one path each 1/k of one flow of weight k (see
    /// `NetworkTests.copiesEqualIdenticalTransfers`); bytes delivered (``Network/stop(_:now:)``)
    /// are the copies' total, a ``TransferOutcome``'s delay is each copy's. Default 1.
    public var copies: Int
    /// Who the transfer serves (a workload's index), for attribution "for whom".
    public var flowClass: Int
    /// Caller data, returned with the outcome.
    public var tag: Int64

    /// Creates a request.
    public init(from source: NodeID, to destination: NodeID, bytes: ByteCount?, newConnection: Bool = false,
                tcp: Bool = true, rateLimit: DataRate = .unlimited, weight: Double = 1, copies: Int = 1, flowClass: Int = 0,
                tag: Int64 = 0) {
        precondition(copies >= 1, "copies must be at least 1")
        self.flowClass = flowClass
        self.copies = copies
        self.source = source
        self.destination = destination
        self.bytes = bytes
        self.newConnection = newConnection
        self.tcp = tcp
        self.rateLimit = rateLimit
        self.weight = weight
        self.tag = tag
    }
}

/// The end of a transfer.
public struct TransferOutcome: Sendable, Equatable {
    /// The transfer (its identifier is free again).
    public var transfer: TransferID
    /// The caller's tag.
    public var tag: Int64
    /// When it was requested.
    public var requested: SimTime
    /// When its last byte arrived.
    public var finished: SimTime
    /// Time spent waiting for an appliance session.
    public var sessionWait: SimDuration
    /// The resource that held the transfer back longest in one stretch, if any.
    public var worstLimiter: ResourceID?
    /// Total seconds resources (not its own ceilings) limited the transfer's rate.
    public var resourceLimitedSeconds: Double
}

/// The network model the workloads drive: topology, routes, the max-min ``FlowSolver``
/// underneath, and the TCP/application terms on top (``TCPParameters``), with
/// session-limited appliances (``SessionLimit``).
///
/// It meets the kernel through two questions: ``nextEventTime`` — the
/// earliest flow completion or TCP timer — and ``advance(to:)``, which processes that
/// event and may return a finished transfer.
///
/// **Queueing delay** (for RTTs; bufferbloat): a resource at load ρ < 1 adds the M/M/1
/// waiting time in segments, ρ/(1−ρ) × segment/C, capped at the standing queue; a saturated
/// resource adds its standing queue (``QueueDiscipline/standingQueue(bufferBits:capacity:fairShare:baseRoundTrip:)``):
/// behind a FIFO the window-limited flows keep the drop-tail buffer nearly full (less the
/// mean of their sawtooth), behind fq_codel at most CoDel's 5 ms target. The pipe of a
/// resource is its capacity times the longest base round trip of the routes crossing it.
/// Every round trip pays it: set-up, request and slow-start rounds are timed with the RTT
/// of the moment.
///
/// **Losses** (TCP terms only): a packet meets a full drop-tail buffer on the path or the
/// return path with the loss rate that holds the long flows there to their fair share
/// (``QueueDiscipline/lossProbability(fairShare:roundTrip:segmentBits:minimumRTO:)``: CUBIC's
/// window and Padhye et al.'s timeouts), drawn from the network's own stream
/// (``init(topology:tcp:bucketWidth:seed:)``). A lost set-up or request round (DNS, SYN,
/// TLS, request) and a lost retransmission cost a retransmission timeout, doubling at each
/// loss of the same packet up to 60 s (RFC 6298 §5.5, §2.5): 1 s before the connection has
/// an RTT sample (DNS and SYN, §2.1) and max(1 s, 3 × RTT) after one (§2.2, §2.4). A
/// slow-start round loses its segments from the first lost one on: one round trip of fast
/// recovery when three new segments follow the loss, else a timeout (a loss early in a
/// round, or in the transfer's last round); past the fair-share window a flow's losses are
/// in its fair share but for its last round (`Network+Losses.swift`). Exchanges behind
/// fq_codel lose nothing. A transfer standing for k copies draws once for all of them.
///
/// **ACK load**: the ACKs of the downloads crossing a link are carried ahead of the flows
/// of its other direction where they can reach 5 % of it (an asymmetric line's uplink); a
/// carrier's queue drains at its line rate, the ACKs counted in its utilisation
/// (`Network+AckLoad.swift`, RFC 3449; validated against ns-3 in `AsymmetricReferenceTests`).
///
/// **Source**: Kleinrock, *Queueing Systems* vol. 1 (M/M/1); REFERENCES.md §7 (Gettys &
/// Nichols, bufferbloat; RFC 6298) and §10 (sawtooth, CUBIC, Mathis et al., CoDel,
/// fq_codel). **Validation**: closed forms in `QueueDisciplineTests` (exact);
/// `BufferbloatReferenceTests` against ns-3 3.44 (Reference/ns3-bufferbloat/).
///
/// **Copies**: the solver's storage has reference semantics (``FlowSolver``, ``Column``):
/// a copy of a network shares the solver's state with the original, so read a copy
/// (``RunResult`` does) but never mutate one; build a new network per simulation.
///
/// **Validated by**: `NetworkTests` (closed-form transfer times, window ceiling,
/// processor-sharing mean, session tables, bottleneck attribution).
public struct Network {
    /// The topology (nodes, links, resources).
    public let topology: Topology
    /// The bandwidth-sharing solver (its observer holds the attribution tallies).
    public internal(set) var solver = FlowSolver()
    /// TCP terms.
    public var tcp: TCPParameters

    // Routes, cached per (source, destination). Only looked up, never iterated.
    var routeIndex = IndexTable()  // source << 32 | destination → route
    var routes: [CachedRoute] = []
    /// Resources of every cached route, forward hops then return hops, route after route
    /// (route `i`'s are `routeResources[routeSpans[i].entries]`), so a round trip reads
    /// one flat array.
    var routeResources: ContiguousArray<Int32> = []
    /// Per cached route, what a round trip, a burst or a set-up reads of it, in one 16-byte
    /// record (a municipality caches tens of thousands of routes: one cache line, not one
    /// per field).
    struct RouteSpan: BitwiseCopyable {
        /// The route's first entry in `routeResources`.
        var start: Int32
        /// Its entries (forward and return hops) and, of those, the forward hops (first).
        var count: Int16, forwardHops: Int8
        /// Whether the sender is a device: it opens the connection (an upload).
        var senderOpens: Bool
        /// One-way propagation delay, seconds.
        var propagation: Double
        /// The route's entries.
        @inline(__always) var entries: Range<Int> { Int(start)..<Int(start) + Int(count) }
        /// Its forward hops' entries.
        @inline(__always) var forwardEntries: Range<Int> { Int(start)..<Int(start) + Int(forwardHops) }
    }
    var routeSpans: ContiguousArray<RouteSpan> = []
    /// Per node, what a transfer's start reads of it, in one record (a national topology
    /// has millions of nodes: one cache line per endpoint).
    struct NodeTraits {
        /// The node's rate ceiling, bits/s (infinite if none).
        var rateCeiling: Double
        /// Its share weights (``Topology/Node/sendingWeight``, ``Topology/Node/receivingWeight``).
        var sendingWeight: Double, receivingWeight: Double
        var isDevice: Bool
    }
    var nodeTraits: ContiguousArray<NodeTraits> = []

    struct CachedRoute {
        var hops: [Hop]
        var returnHops: [Hop]
        var appliances: [Int32]  // session-limited nodes on the path, in order
    }

    /// Buffer size of each resource, bits (for queueing delays).
    let bufferBits: ContiguousArray<Double>
    /// Queue discipline of each resource.
    let discipline: ContiguousArray<QueueDiscipline>
    /// Longest base round trip (propagation both ways) of the cached routes crossing each
    /// resource, seconds: with its capacity, the pipe its window-limited flows fill.
    var baseRoundTrip: ContiguousArray<Double>
    /// The stream packet losses are drawn from.
    var lossStream: RandomStream
    /// Each resource's last loss probability with the fair share and round trip it was
    /// computed for (``QueueDiscipline/lossProbability(fairShare:roundTrip:segmentBits:minimumRTO:)``
    /// solves an equation; transfers starting in the same state ask the same question), or
    /// where only its bounds were needed (`exact` false), those bounds and an estimate: the
    /// next question's hint either way.
    var lossMemo: ContiguousArray<(share: Double, roundTrip: Double, p: Double, lo: Double, hi: Double, exact: Bool)>
    /// Packets lost so far that cost a retransmission timeout (set-up and request rounds,
    /// body rounds that fast retransmit cannot repair, lost retransmissions;
    /// `Network+Losses.swift`).
    public internal(set) var roundsLost = 0

    enum Phase: UInt8 { case free, waitingSession, setup, body }

    // Transfers (structure of arrays, in columns: see the type's note on copies).
    var phase: Column<Phase> = []
    var flow: Column<Int32> = []
    var route: Column<Int32> = []
    var bytes: Column<Double> = []
    var cwnd: Column<Double> = []
    var rtt: Column<Double> = []
    var rateLimit: Column<Double> = []
    var weight: Column<Double> = []
    /// Identical transfers each transfer stands for (``TransferRequest/copies``).
    var copies: Column<Int32> = []
    var tag: Column<Int64> = []
    var flowClass: Column<UInt8> = []
    var requested: Column<Int64> = []
    var usesTCP: Column<Bool> = []
    var newConnection: Column<Bool> = []
    var sessionsHeld: Column<UInt8> = []
    var waitStart: Column<Int64> = []
    var waited: Column<Int64> = []
    var freeTransfers: Column<Int32> = []
    /// Pending TCP timers (end of set-up, end of a slow-start round), by transfer.
    var timers = IndexedHeap()
    /// Transfer behind each solver flow.
    var transferOfFlow: Column<Int32> = []
    /// The device each transfer serves (its node index), or -1 (see ``DeviceActivity``).
    var device: Column<Int32> = []
    /// Devices active per resource, and their peak (a link's design load).
    public private(set) var deviceActivity: DeviceActivity

    // Session tables, by node.
    var sessionsInUse: [Int]
    var sessionQueue: [[Int32]]
    var sessionQueueHead: [Int]
    /// Per node: peak sessions in use, total wait (s), connections refused, connections queued.
    public private(set) var sessionStats: [SessionStats]

    /// Session-table statistics of one appliance.
    public struct SessionStats: Sendable, Equatable {
        /// Peak concurrent sessions.
        public var peak = 0
        /// Connections that had to wait.
        public var queued = 0
        /// Connections refused.
        public var refused = 0
        /// Total time connections waited, seconds.
        public var waitSeconds = 0.0
    }

    /// Scheduled capacity changes (time ns, resource, bits/s), sorted by time then order
    /// of scheduling; `nextCapacityChange` indexes the first pending one.
    var capacityChanges: [(time: Int64, resource: Int32, rate: Double)] = []
    var nextCapacityChange = 0

    /// Contended media: senders per medium and each route's entries (Network+Contention.swift).
    var contention = ContentionState()
    /// ACK loads of asymmetric links: pairs, base capacities, ACK clocks (Network+AckLoad.swift).
    var acks = AckLoadState()

    /// Transfers started and finished so far.
    public private(set) var transfersStarted = 0, transfersFinished = 0

    /// Creates the network for a topology; every resource becomes a solver resource.
    ///
    /// - Parameter seed: the replication's seed, for the packet-loss draws.
    public init(topology: Topology, tcp: TCPParameters = TCPParameters(), bucketWidth: SimDuration = .seconds(1),
                seed: UInt64 = 0) {
        self.topology = topology
        self.tcp = tcp
        bufferBits = ContiguousArray(topology.resources.map { $0.buffer.bits })
        discipline = ContiguousArray(topology.resources.map(\.discipline))
        baseRoundTrip = ContiguousArray(repeating: 0, count: topology.resources.count)
        lossStream = RandomStream(seed: seed).derived("packet losses")
        lossMemo = ContiguousArray(repeating: (.nan, .nan, 0, 0, 0, false), count: topology.resources.count)
        solver.observer.bucketWidth = bucketWidth.nanoseconds
        for r in topology.resources { solver.addResource(capacity: r.capacity) }
        sessionsInUse = Array(repeating: 0, count: topology.nodes.count)
        sessionQueue = Array(repeating: [], count: topology.nodes.count)
        sessionQueueHead = Array(repeating: 0, count: topology.nodes.count)
        sessionStats = Array(repeating: SessionStats(), count: topology.nodes.count)
        contention = ContentionState(topology: topology)
        deviceActivity = DeviceActivity(resources: topology.resources.count, nodes: topology.nodes.count)
        nodeTraits = ContiguousArray(topology.nodes.map {
            NodeTraits(rateCeiling: $0.rateCeiling?.bitsPerSecond ?? .infinity, sendingWeight: $0.sendingWeight,
                       receivingWeight: $0.receivingWeight, isDevice: $0.kind == .device)
        })
        acks = AckLoadState(topology: topology, tcp: tcp)
        if !acks.carrier.isEmpty { updateAckClocks(now: 0) }
    }

    /// The number of transfers in progress (including those waiting for a session).
    public var activeTransfers: Int { transfersStarted - transfersFinished }

    // MARK: - Routes

    /// The cached route between two nodes, computing it on first use.
    ///
    /// - Returns: the route index, or nil if the nodes are not connected.
    mutating func routeID(_ s: NodeID, _ d: NodeID) -> Int32? {
        let key = Int64(s.rawValue) << 32 | Int64(d.rawValue)
        if let r = routeIndex[key] { return r }
        guard let forward = topology.route(from: s, to: d), let back = topology.route(from: d, to: s) else { return nil }
        let appliances = forward.nodes.filter { topology.nodes[$0.index].sessionLimit != nil }.map(\.rawValue)
        precondition(forward.hops.count <= FlowSolver.maxHops && back.hops.count <= FlowSolver.maxHops,
                     "route must have 1…\(FlowSolver.maxHops) hops")
        routes.append(CachedRoute(hops: forward.hops, returnHops: back.hops, appliances: appliances))
        let id = Int32(routes.count - 1)
        routeSpans.append(RouteSpan(start: Int32(routeResources.count), count: Int16(forward.hops.count + back.hops.count),
                                    forwardHops: Int8(forward.hops.count), senderOpens: topology.nodes[s.index].kind == .device,
                                    propagation: forward.propagation.seconds))
        routeResources.append(contentsOf: forward.hops.map(\.resource.rawValue))
        routeResources.append(contentsOf: back.hops.map(\.resource.rawValue))
        let base = 2 * forward.propagation.seconds
        for h in forward.hops + back.hops { baseRoundTrip[h.resource.index] = max(baseRoundTrip[h.resource.index], base) }
        cacheContention(path: forward.nodes)
        routeIndex[key] = id
        return id
    }

    /// The route between two nodes (for reports and tests).
    public mutating func route(from s: NodeID, to d: NodeID) -> (hops: [Hop], propagation: SimDuration)? {
        guard let r = routeID(s, d) else { return nil }
        return (routes[Int(r)].hops, .seconds(routeSpans[Int(r)].propagation))
    }

    /// The queueing delay a resource adds now, seconds (see the type's discussion).
    public func queueingDelay(_ r: ResourceID) -> Double { queueingDelay(index: r.index) }

    @inline(__always)
    func queueingDelay(index r: Int) -> Double {
        var c = solver.capacity[r], ack = 0.0
        // A carrier of ACKs drains at its base capacity, the ACKs part of its load.
        if acks.isCarrier[r] { (c, ack) = (acks.base[r], max(0, acks.carried[r])) }
        guard c > 0 else { return 0 }
        // An idle resource (the return path of a download, mostly) adds nothing: it is not
        // saturated, and M/M/1 at load 0 waits 0 (the zero's sign never reaches a round
        // trip, whose sum starts at +0).
        let load = solver.trueLoad(r)
        if load + ack == 0 { return 0 }
        let level = solver.level[r]
        let standing = discipline[r].standingQueue(bufferBits: bufferBits[r], capacity: c, fairShare: level.isFinite ? level : c,
                                                   baseRoundTrip: baseRoundTrip[r])
        if solver.saturated(r) { return standing }
        let rho = min((load + ack) / c, 0.999_999)
        return min(standing, rho / (1 - rho) * tcp.segmentSize.bits / c)
    }

    /// The probability that a round of route `routeIndex` (a packet each way) meets a
    /// full drop-tail buffer now, given its round trip `rt` (see the type's discussion), as
    /// bounds that a draw narrows to the exact value only when it falls between them
    /// (``LossOdds``): the equation of each resource is solved only for those draws.
    ///
    /// A resource's probability is remembered with the fair share and round trip it was
    /// computed for and reused while both are the same (the same number, as the function is
    /// pure). Also returns the smallest fair share of those resources, bits/s (infinite if
    /// none is saturated), which bounds the slow-start rounds that can lose packets.
    @inline(__always)
    mutating func roundLossProbability(_ routeIndex: Int32, rt: Double) -> (odds: LossOdds, share: Double) {
        var keptLo = 1.0, keptHi = 1.0, smallest = Double.infinity, exact = true
        for k in routeSpans[Int(routeIndex)].entries {
            let r = Int(routeResources[k])
            guard let share = dropTailShare(r) else { continue }
            smallest = min(smallest, share)
            let memo = lossMemo[r]
            if memo.share == share && memo.roundTrip == rt {
                keptLo *= 1 - memo.lo
                keptHi *= 1 - memo.hi
                exact = exact && memo.exact
            } else if let bounds = discipline[r].lossProbabilityBounds(fairShare: share, roundTrip: rt, segmentBits: tcp.segmentSize.bits,
                                                                       minimumRTO: tcp.minimumRTO.seconds, near: memo.p) {
                // A margin far above the solve's few ulps keeps the bounds on either side of its answer.
                let lo = bounds.lo * (1 - 1e-9), hi = min(0.5, bounds.hi * (1 + 1e-9))
                keptLo *= 1 - lo
                keptHi *= 1 - hi
                lossMemo[r] = (share, rt, bounds.estimate, lo, hi, false)
                exact = false
            } else {
                let p = exactLossProbability(r, share: share, rt: rt)
                keptLo *= 1 - p
                keptHi *= 1 - p
            }
        }
        return (LossOdds(lo: 1 - keptLo, hi: 1 - keptHi, exact: exact, route: routeIndex, rt: rt), smallest)
    }

    /// The fair share of resource `r`, bits/s, if it is a saturated drop-tail resource
    /// (its capacity when no group holds it), else nil: the resources that lose packets.
    @inline(__always)
    func dropTailShare(_ r: Int) -> Double? {
        guard discipline[r] == .fifo, solver.saturated(r) else { return nil }
        let level = solver.level[r]
        return level.isFinite ? level : solver.capacity[r]
    }

    /// Resource `r`'s loss probability at fair share `share` and round trip `rt`, solved
    /// from its last answer or estimate, and remembered.
    @inline(__always)
    mutating func exactLossProbability(_ r: Int, share: Double, rt: Double) -> Double {
        let memo = lossMemo[r]
        if memo.exact && memo.share == share && memo.roundTrip == rt { return memo.p }
        let p = discipline[r].lossProbability(fairShare: share, roundTrip: rt, segmentBits: tcp.segmentSize.bits,
                                              minimumRTO: tcp.minimumRTO.seconds, near: memo.p)
        lossMemo[r] = (share, rt, p, p, p, true)
        return p
    }

    /// The probability that a round of a route meets a full drop-tail buffer, known between
    /// `lo` and `hi` (equal once exact): a uniform draw below `lo` is a loss and one at or
    /// above `hi` is not, whatever the exact value; one in between asks for it
    /// (``Network/isLost(_:odds:)``). The decisions are those of the exact probability.
    struct LossOdds {
        var lo: Double, hi: Double, exact: Bool
        let route: Int32, rt: Double
    }

    /// Makes `odds` exact: each saturated drop-tail resource's probability solved (or
    /// remembered), combined in route order as the bounds were. The network must not have
    /// changed since the odds were made.
    mutating func resolve(_ odds: inout LossOdds) {
        var kept = 1.0
        for k in routeSpans[Int(odds.route)].entries {
            let r = Int(routeResources[k])
            guard let share = dropTailShare(r) else { continue }
            kept *= 1 - exactLossProbability(r, share: share, rt: odds.rt)
        }
        odds.lo = 1 - kept
        odds.hi = odds.lo
        odds.exact = true
    }

    /// Whether a packet whose uniform draw is `u` is lost (u < p).
    @inline(__always)
    mutating func isLost(_ u: Double, odds: inout LossOdds) -> Bool {
        if u < odds.lo { return true }
        if u >= odds.hi { return false }
        resolve(&odds)
        return u < odds.lo
    }

    /// The round-trip time of a route now: propagation both ways plus queueing on both paths.
    ///
    /// Inlined: a call from mutating code would otherwise copy the whole network (solver
    /// included, over a kilobyte) to pass it to a non-mutating method.
    @inline(__always)
    func roundTrip(_ routeIndex: Int32) -> Double {
        let span = routeSpans[Int(routeIndex)]
        var q = 0.0
        for k in span.entries { q += queueingDelay(index: Int(routeResources[k])) }
        return 2 * span.propagation + q
    }

    /// The current round-trip time between two nodes, seconds.
    public mutating func roundTripTime(from s: NodeID, to d: NodeID) -> SimDuration? {
        routeID(s, d).map { .seconds(roundTrip($0)) }
    }

    /// Resources' queueing delays remembered over one instant, for callers that read many
    /// round trips through the same few resources at once (a conference samples every
    /// stream of a class each second; they share the cell, the LAN and the access line).
    ///
    /// Valid only while the network does not change: call ``next()`` before each batch of
    /// reads at one instant. The sums are the same additions in the same order as
    /// ``roundTrip(_:)``, so the values are identical.
    struct DelayMemo {
        var delay: [Double] = []
        var stamp: [UInt32] = []
        var current: UInt32 = 1

        /// Forgets every remembered delay (O(1), O(resources) once in 2³² calls).
        mutating func next() {
            current &+= 1
            if current == 0 {
                for i in stamp.indices { stamp[i] = 0 }
                current = 1
            }
        }
    }

    /// The round-trip time of cached route `routeIndex` now, seconds, each resource's
    /// queueing delay computed once per ``DelayMemo/next()``.
    ///
    /// `mutating` though it changes nothing: called on `Simulation.network`, a
    /// non-mutating method would copy the whole network (retaining each of its arrays).
    @inline(__always)
    mutating func roundTrip(_ routeIndex: Int32, memo: inout DelayMemo) -> Double {
        if memo.stamp.count < bufferBits.count {
            memo.delay = Array(repeating: 0, count: bufferBits.count)
            memo.stamp = Array(repeating: 0, count: bufferBits.count)
        }
        let span = routeSpans[Int(routeIndex)]
        var q = 0.0
        for k in span.entries {
            let r = Int(routeResources[k])
            if memo.stamp[r] != memo.current {
                memo.stamp[r] = memo.current
                memo.delay[r] = queueingDelay(index: r)
            }
            q += memo.delay[r]
        }
        return 2 * span.propagation + q
    }

    /// One-way propagation delay of cached route `routeIndex`, seconds.
    func propagation(ofRoute routeIndex: Int32) -> Double { routeSpans[Int(routeIndex)].propagation }

    // MARK: - Transfers

    /// Why a transfer could not start.
    public enum StartError: Error, Equatable {
        /// No route between the nodes.
        case noRoute
        /// An appliance's session table was full and its policy is to refuse.
        case sessionRefused(NodeID)
    }

    /// Starts a transfer or stream.
    ///
    /// A request with ``TransferRequest/copies`` k > 1 needs k sessions on each
    /// session-limited appliance at once (all or nothing: a refusing table refuses the k
    /// connections together, a queueing one admits them together, at most the table's
    /// capacity if k exceeds it) — pessimistic when a table is nearly full, where k
    /// separate connections would partly get through.
    ///
    /// - Returns: its identifier.
    /// - Throws: ``StartError``.
    public mutating func start(_ request: TransferRequest, now: SimTime) throws(StartError) -> TransferID {
        guard let r = routeID(request.source, request.destination) else { throw .noRoute }
        // A refusing appliance refuses before anything is allocated.
        if request.newConnection {
            for a in routes[Int(r)].appliances {
                let limit = topology.nodes[Int(a)].sessionLimit!
                let need = min(request.copies, max(1, limit.capacity))
                if limit.policy == .refuse && sessionsInUse[Int(a)] + need > limit.capacity {
                    sessionStats[Int(a)].refused += request.copies
                    throw .sessionRefused(NodeID(Int(a)))
                }
            }
        }
        let t: Int
        if let free = freeTransfers.popLast() {
            t = Int(free)
        } else {
            t = phase.count
            phase.append(.free); flow.append(-1); route.append(0); bytes.append(0); cwnd.append(0); rtt.append(0)
            rateLimit.append(0); weight.append(1); copies.append(1); tag.append(0); flowClass.append(0); requested.append(0); usesTCP.append(true)
            newConnection.append(false); sessionsHeld.append(0); waitStart.append(0); waited.append(0); device.append(-1)
        }
        route[t] = r
        flow[t] = -1
        let k = Double(request.copies)
        bytes[t] = request.bytes.map { Double($0.bytes) * k } ?? .infinity
        let source = nodeTraits[request.source.index], destination = nodeTraits[request.destination.index]
        rateLimit[t] = min(request.rateLimit.bitsPerSecond, source.rateCeiling, destination.rateCeiling) * k
        // A node's share weights (a proportional-fair cell's equal time) scale its transfers' weight.
        weight[t] = request.weight * k * source.sendingWeight * destination.receivingWeight
        copies[t] = Int32(request.copies)
        tag[t] = request.tag
        flowClass[t] = UInt8(request.flowClass)
        requested[t] = now.nanoseconds
        usesTCP[t] = request.tcp
        newConnection[t] = request.newConnection
        sessionsHeld[t] = 0
        waited[t] = 0
        transfersStarted += 1
        let d = source.isDevice ? request.source : (destination.isDevice ? request.destination : nil)
        device[t] = d.map(\.rawValue) ?? -1
        if let d {
            for k in routeSpans[Int(r)].forwardEntries {
                deviceActivity.began(resource: Int(routeResources[k]), device: d.index, copies: copies[t])
            }
        }
        acquireSessions(t, now: now.nanoseconds)
        return TransferID(t)
    }

    /// Stops a transfer or stream early (abandoned request, stream ended).
    ///
    /// - Returns: the bytes it delivered.
    @discardableResult
    public mutating func stop(_ id: TransferID, now: SimTime) -> ByteCount {
        stopReporting(id, now: now).delivered
    }

    /// Stops a transfer or stream early and reports it like a finished one (its delay
    /// attribution included), so workloads can count streams and abandoned requests in
    /// "who was held back by what".
    ///
    /// - Returns: the outcome (finished = now) and the bytes delivered.
    public mutating func stopReporting(_ id: TransferID, now: SimTime) -> (outcome: TransferOutcome, delivered: ByteCount) {
        let t = id.index
        precondition(phase[t] != .free, "transfer is not active")
        var delivered = ByteCount.zero
        var worst: ResourceID?
        var limitedSeconds = 0.0
        if flow[t] >= 0 {
            let f = FlowID(Int(flow[t]))
            delivered = solver.remove(f, now: now)
            (worst, limitedSeconds) = solver.delay(of: f)
            contend(t, starting: false, now: now.nanoseconds)
            trackAcknowledgements(t, starting: false)
        }
        if phase[t] == .waitingSession {
            // Leave the queue: mark and let the release loop skip it.
            let a = Int(routes[Int(route[t])].appliances[Int(sessionsHeld[t])])
            if let i = sessionQueue[a][sessionQueueHead[a]...].firstIndex(of: Int32(t)) { sessionQueue[a][i] = -1 }
            waited[t] += now.nanoseconds - waitStart[t]
        }
        let outcome = TransferOutcome(transfer: id, tag: tag[t], requested: SimTime(nanoseconds: requested[t]), finished: now,
                                      sessionWait: SimDuration(nanoseconds: waited[t]), worstLimiter: worst,
                                      resourceLimitedSeconds: limitedSeconds)
        finish(t, now: now.nanoseconds)
        updateAckLoads(now: now.nanoseconds)
        return (outcome, delivered)
    }

    /// Bytes a transfer has delivered so far.
    @inline(__always)
    public func delivered(_ id: TransferID, at now: SimTime) -> Double {
        let f = flow[id.index]
        return f >= 0 ? solver.delivered(FlowID(Int(f)), at: now) : 0
    }

    /// The delay attribution of a transfer still running: the resource that has held it
    /// back longest in one stretch so far (nil if none has) and the seconds any resource
    /// limited its rate, as of its last settlement — after the run's
    /// ``finishObservation(at:)``, up to the end of the run. A transfer that has not
    /// started its body (set-up, or waiting for a session) has none.
    ///
    /// - Parameter id: an active transfer.
    /// - Returns: what ``TransferOutcome`` would report if it finished now.
    /// - Complexity: O(1).
    @inline(__always)
    public func delay(of id: TransferID) -> (worst: ResourceID?, resourceLimitedSeconds: Double) {
        let f = flow[id.index]
        return f >= 0 ? solver.delay(of: FlowID(Int(f))) : (nil, 0)
    }

    /// The current rate of a transfer (0 before its body starts).
    @inline(__always)
    public func rate(of id: TransferID) -> DataRate {
        let f = flow[id.index]
        return f >= 0 ? solver.rate(of: FlowID(Int(f))) : .zero
    }

    // MARK: - Events

    /// Schedules a capacity change (a best-effort line's hourly availability, an LTE
    /// sector's public load), applied at `time` before other network events then.
    public mutating func scheduleCapacity(_ r: ResourceID, to rate: DataRate, at time: SimTime) {
        let entry = (time: time.nanoseconds, resource: r.rawValue, rate: rate.bitsPerSecond)
        let i = capacityChanges[nextCapacityChange...].firstIndex { $0.time > time.nanoseconds } ?? capacityChanges.endIndex
        capacityChanges.insert(entry, at: i)
    }

    /// The time of the network's next event: a capacity change, a flow completion or a
    /// TCP timer.
    @inline(__always)
    public var nextEventTime: SimTime {
        var c = solver.nextCompletionTime
        if let m = timers.min { c = min(c, SimTime(nanoseconds: m.key)) }
        if nextCapacityChange < capacityChanges.count {
            c = min(c, SimTime(nanoseconds: capacityChanges[nextCapacityChange].time))
        }
        return c
    }

    /// Processes the network's next event, which must be at `now` (= ``nextEventTime``).
    ///
    /// - Returns: the transfer that finished, if the event was a completion.
    public mutating func advance(to now: SimTime) -> TransferOutcome? {
        if nextCapacityChange < capacityChanges.count && capacityChanges[nextCapacityChange].time <= now.nanoseconds {
            let c = capacityChanges[nextCapacityChange]
            nextCapacityChange += 1
            setBaseCapacity(Int(c.resource), to: c.rate, now: now.nanoseconds)
            updateAckLoads(now: now.nanoseconds)
            return nil
        }
        let timerTime = timers.min?.key ?? .max
        if timerTime <= solver.nextCompletionTime.nanoseconds {
            // The timer stays in the heap while it fires: a transfer that sets its next
            // timer moves it there (one sift instead of a pop and a push); one that sets
            // none has it removed. Every timer lies at least a nanosecond ahead, so a key
            // still at `at` was not set again. The heap orders by (time, transfer), so the
            // order of events does not depend on how it is reached.
            let (t, at) = timers.min!
            precondition(at == now.nanoseconds, "network advanced to the wrong time")
            fireTimer(t, now: at)
            if timers.key(of: t) == at { timers.remove(t) }
            updateAckLoads(now: at)
            return nil
        }
        guard let c = solver.completeNext() else { return nil }
        // Read after completion: the flow's progress is settled up to its end.
        let delay = solver.delay(of: c.flow)
        precondition(c.time == now, "network advanced to the wrong time")
        let t = Int(c.tag)
        flow[t] = -1
        let outcome = TransferOutcome(transfer: TransferID(t), tag: tag[t], requested: SimTime(nanoseconds: requested[t]),
                                      finished: c.time, sessionWait: SimDuration(nanoseconds: waited[t]),
                                      worstLimiter: delay.worst, resourceLimitedSeconds: delay.resourceLimitedSeconds)
        contend(t, starting: false, now: now.nanoseconds)
        trackAcknowledgements(t, starting: false)
        finish(t, now: now.nanoseconds)
        updateAckLoads(now: now.nanoseconds)
        return outcome
    }

    /// Closes every open observation interval at `now` (before reading statistics).
    public mutating func finishObservation(at now: SimTime) {
        solver.settleAll(now: now)
        solver.observer.finish(at: now.nanoseconds)
    }

    // MARK: - Internals

    mutating func acquireSessions(_ t: Int, now: Int64) {
        let apps = routes[Int(route[t])].appliances
        if newConnection[t] {
            while Int(sessionsHeld[t]) < apps.count {
                let a = Int(apps[Int(sessionsHeld[t])])
                let limit = topology.nodes[a].sessionLimit!
                if sessionsInUse[a] + sessionsNeeded(t, limit) > limit.capacity {
                    // Queue (refusing appliances were checked at start).
                    phase[t] = .waitingSession
                    waitStart[t] = now
                    sessionQueue[a].append(Int32(t))
                    sessionStats[a].queued += Int(copies[t])
                    return
                }
                sessionsInUse[a] += sessionsNeeded(t, limit)
                sessionStats[a].peak = max(sessionStats[a].peak, sessionsInUse[a])
                sessionsHeld[t] += 1
            }
        }
        beginSetup(t, now: now)
    }

    /// Sessions transfer `t` takes on an appliance with `limit`: its copies, at most the
    /// table's capacity (a cohort larger than the table takes it whole rather than wait forever).
    func sessionsNeeded(_ t: Int, _ limit: SessionLimit) -> Int {
        copies[t] == 1 ? 1 : min(Int(copies[t]), max(1, limit.capacity))
    }

    /// A timer's delay in nanoseconds: a delay past about 285 years (a link of a few bits
    /// per second) is held there — it never fires within a day — instead of overflowing.
    static func timerNanoseconds(_ seconds: Double) -> Int64 {
        seconds < 9e9 ? Int64((max(0, seconds) * 1e9).rounded()) : 9_000_000_000_000_000_000
    }

    /// Set-up: round trips until the first byte reaches the receiver (``TCPParameters``): the
    /// client's first data leave with the handshake's last ACK; an upload's first byte then
    /// arrives half a round trip later, a download's a whole one (request out, response back).
    mutating func beginSetup(_ t: Int, now: Int64) {
        let rt = roundTrip(route[t])
        rtt[t] = rt
        let span = routeSpans[Int(route[t])]
        var rounds = 0.0
        if usesTCP[t] {
            let opening = newConnection[t] ? tcp.dnsRoundTrips + tcp.handshakeRoundTrips : 0
            rounds = Double(opening) + (span.senderOpens ? 0.5 : 1)
            if !tcp.slowStart && tcp.dnsRoundTrips == 0 && tcp.handshakeRoundTrips == 0 { rounds = 0 }
        }
        // Paced streams and the pure fluid mode pay the one-way propagation once.
        var delay = rounds > 0 ? rounds * rt : span.propagation
        if rounds > 0 && tcp.packetLosses {
            var (odds, share) = roundLossProbability(route[t], rt: rt)
            if odds.hi > 0 {
                // An upload's last half round (its data leave with the handshake's ACK) can be lost too.
                let unsampled = newConnection[t] ? tcp.dnsRoundTrips + min(1, tcp.handshakeRoundTrips) : 0
                delay += lossDelay(t, rounds: Int(rounds.rounded(.up)), unsampled: unsampled, odds: &odds, rt: rt,
                                   fairWindow: share * rt / 8)
            }
        }
        phase[t] = .setup
        timers.update(t, to: now + Self.timerNanoseconds(delay))
    }

    mutating func fireTimer(_ t: Int, now: Int64) {
        switch phase[t] {
        case .setup:
            phase[t] = .body
            startBody(t, now: now)
        case .body:
            slowStartRound(t, now: now)
        default:
            preconditionFailure("timer for a transfer in phase \(phase[t])")
        }
    }

    mutating func startBody(_ t: Int, now: Int64) {
        var firstRound = 0.0
        var ceiling = rateLimit[t]
        var kind = CeilingKind.application
        let slowStart = usesTCP[t] && tcp.slowStart
        if usesTCP[t] {
            let rt = max(rtt[t], 1e-9)
            let k = Double(copies[t])
            let windowRate = Double(tcp.receiveWindow.bytes) * 8 / rt * k
            cwnd[t] = slowStart ? Double(tcp.initialWindow.bytes) : Double(tcp.receiveWindow.bytes)
            // A transfer that fits its first window leaves in one burst.
            let burst = slowStart && bytes[t] / k <= cwnd[t] + 1
            var ssRate = windowRate
            if burst {
                ssRate = burstRate(t)
            } else if slowStart {
                (ssRate, firstRound) = slowStartStep(t, rt: rt, remaining: bytes[t] / k)
            }
            if min(ssRate, windowRate) < ceiling {
                ceiling = min(ssRate, windowRate)
                kind = ssRate < windowRate ? .slowStart : .window
            }
            if burst { cwnd[t] = Double(tcp.receiveWindow.bytes) }
        }
        contend(t, starting: true, now: now)
        let size: ByteCount? = bytes[t].isFinite ? ByteCount(bytes: Int64(bytes[t])) : nil
        // The hops straight from the route table (copying the cached route would retain and
        // release each of its arrays per flow).
        let f = solver.add(hops: routes[Int(route[t])].hops, bytes: size, weight: weight[t], ceiling: DataRate(bitsPerSecond: ceiling),
                           kind: kind, flowClass: Int(flowClass[t]), tag: Int64(t), now: SimTime(nanoseconds: now))
        flow[t] = f.rawValue
        trackAcknowledgements(t, starting: true)
        if slowStart && kind == .slowStart && cwnd[t] < Double(tcp.receiveWindow.bytes) {
            timers.update(t, to: now + Self.timerNanoseconds(firstRound))
        }
    }

    /// The ceiling and length of transfer `t`'s next slow-start step from its window
    /// `cwnd[t]`, with `remaining` bytes (each copy's) left: one round (the window over
    /// ``TCPParameters/roundDuration(window:rtt:)``), or two rounds taken as one step when
    /// that changes nothing on an idle path — both last one RTT (no delayed-ACK timer), the
    /// second's window stays below the receive window, the path's idle rate and the
    /// application's, and the bytes left after the first exceed the second's window (no
    /// burst between them): the step's ceiling carries both windows over 2 RTT (the same
    /// bytes by its end), and `cwnd[t]` becomes the second round's window. Half the timer
    /// events and ceiling changes; under contention a step notices its fair share one round
    /// later at most.
    mutating func slowStartStep(_ t: Int, rt: Double, remaining: Double) -> (rate: Double, duration: Double) {
        let k = Double(copies[t])
        let w = cwnd[t]
        let round = roundDuration(t, rt: rt)
        let next = tcp.grownWindow(w)
        if round == rt && tcp.roundDuration(window: next, rtt: rt) == rt && remaining > w + next + 1
            && next < Double(tcp.receiveWindow.bytes) && next * 8 / rt * k < min(burstRate(t), rateLimit[t]) {
            cwnd[t] = next
            return ((w + next) * 8 / (2 * rt) * k, 2 * rt)
        }
        return (w * 8 / round * k, round)
    }

    /// The rate of a last window's burst for transfer `t`: the path's idle rate (its slowest
    /// hop's capacity ÷ airtime factor, for every copy), a millionth below it so that a lone
    /// burst is held by its own ceiling and does not count as filling the link; competing
    /// flows hold it to its fair share.
    ///
    /// Its hops are read where the next step reads them anyway (one cache miss instead of
    /// two): from the solver's flow once the body has started (the ceiling change), else
    /// from the route's hops (the flow's start). Inlined, as ``roundTrip(_:)`` is: its
    /// callers are mutating.
    @inline(__always)
    func burstRate(_ t: Int) -> Double {
        var c = Double.infinity
        let f = Int(flow[t])
        if f >= 0 {
            let base = f * FlowSolver.maxHops
            for h in base..<base + Int(solver.hopCount[f]) {
                c = min(c, solver.capacity[Int(solver.hopResource[h])] / solver.hopFactor[h])
            }
        } else {
            for h in routes[Int(route[t])].hops { c = min(c, solver.capacity[h.resource.index] / h.factor) }
        }
        return c * (1 - 1e-6) * Double(copies[t])
    }

    /// A slow-start round of transfer `t` (``TCPParameters/roundDuration(window:rtt:)``).
    @inline(__always)
    func roundDuration(_ t: Int, rt: Double) -> Double { tcp.roundDuration(window: cwnd[t], rtt: rt) }

    /// The window of transfer `t` after one slow-start round (``TCPParameters/grownWindow(_:)``).
    @inline(__always)
    func grownWindow(_ t: Int) -> Double { tcp.grownWindow(cwnd[t]) }

    mutating func slowStartRound(_ t: Int, now: Int64) {
        let f = FlowID(Int(flow[t]))
        guard solver.isActive(f) else { return }
        let held = solver.limiter(of: f)
        let rt = max(roundTrip(route[t]), 1e-9)
        rtt[t] = rt
        let windowBytes = Double(tcp.receiveWindow.bytes)
        let nowT = SimTime(nanoseconds: now)
        if case .resource = held {
            // Found its fair share: slow start ends (first loss); the window caps it.
            exitSlowStart(t, f, rt: rt, now: nowT)
            return
        }
        cwnd[t] = grownWindow(t)
        if cwnd[t] >= windowBytes {
            exitSlowStart(t, f, rt: rt, now: nowT)
            return
        }
        // The window holds every byte left: they leave in one burst at the path's rate.
        // The solver's remaining bytes read in place (a call on `solver` from this mutating
        // method would copy the solver to pass it).
        let remaining = (solver.remaining[f.index] - solver.progress(f.index, now: now)) / Double(copies[t])
        if remaining <= cwnd[t] + 1 {  // a byte of slack for rounding
            let windowRate = windowBytes * 8 / rt * Double(copies[t])
            let burst = min(burstRate(t), windowRate)
            let (rate, kind): (Double, CeilingKind) = rateLimit[t] <= burst ? (rateLimit[t], .application)
                : (burst, burst < windowRate ? .slowStart : .window)
            cwnd[t] = windowBytes
            solver.setCeiling(f, to: DataRate(bitsPerSecond: rate), kind: kind, now: nowT)
            return
        }
        let (ssRate, round) = slowStartStep(t, rt: rt, remaining: remaining)
        if ssRate >= rateLimit[t] {
            solver.setCeiling(f, to: DataRate(bitsPerSecond: rateLimit[t]), kind: .application, now: nowT)
            return
        }
        solver.setCeiling(f, to: DataRate(bitsPerSecond: ssRate), kind: .slowStart, now: nowT)
        timers.update(t, to: now + Self.timerNanoseconds(round))
    }

    mutating func exitSlowStart(_ t: Int, _ f: FlowID, rt: Double, now: SimTime) {
        cwnd[t] = Double(tcp.receiveWindow.bytes)
        let windowRate = cwnd[t] * 8 / rt * Double(copies[t])
        if windowRate < rateLimit[t] {
            solver.setCeiling(f, to: DataRate(bitsPerSecond: windowRate), kind: .window, now: now)
        } else {
            solver.setCeiling(f, to: DataRate(bitsPerSecond: rateLimit[t]), kind: .application, now: now)
        }
    }

    mutating func finish(_ t: Int, now: Int64) {
        timers.remove(t)
        // Release sessions in route order, then admit waiting connections.
        let held = Int(sessionsHeld[t])
        let ri = Int(route[t])
        phase[t] = .free
        flow[t] = -1
        sessionsHeld[t] = 0
        freeTransfers.append(Int32(t))
        transfersFinished += 1
        if device[t] >= 0 {
            for k in routeSpans[ri].forwardEntries {
                deviceActivity.ended(resource: Int(routeResources[k]), device: Int(device[t]), copies: copies[t])
            }
            device[t] = -1
        }
        for i in 0..<held {
            let a = Int(routes[ri].appliances[i])
            sessionsInUse[a] -= sessionsNeeded(t, topology.nodes[a].sessionLimit!)
            admitWaiting(at: a, now: now)
        }
    }

    mutating func admitWaiting(at a: Int, now: Int64) {
        let limit = topology.nodes[a].sessionLimit!
        while sessionsInUse[a] < limit.capacity && sessionQueueHead[a] < sessionQueue[a].count {
            let next = Int(sessionQueue[a][sessionQueueHead[a]])
            // First come, first served: a cohort at the head waits until all its sessions are free.
            if next >= 0 && sessionsInUse[a] + sessionsNeeded(next, limit) > limit.capacity { break }
            sessionQueueHead[a] += 1
            if sessionQueueHead[a] > 1024 && sessionQueueHead[a] * 2 > sessionQueue[a].count {
                sessionQueue[a].removeFirst(sessionQueueHead[a])
                sessionQueueHead[a] = 0
            }
            if next < 0 { continue }  // stopped while waiting
            let w = now - waitStart[next]
            waited[next] += w
            sessionStats[a].waitSeconds += Double(w) * 1e-9 * Double(copies[next])
            sessionsInUse[a] += sessionsNeeded(next, limit)
            sessionStats[a].peak = max(sessionStats[a].peak, sessionsInUse[a])
            sessionsHeld[next] += 1
            acquireSessions(next, now: now)
        }
    }
}
