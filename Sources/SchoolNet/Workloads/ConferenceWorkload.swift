/// A remote class or video conference: real-time paced streams through the conferencing
/// relay — the lecturer down to every device (or to the room display only) and each
/// student's camera up — that need their rate every second.
///
/// Each stream is an open-ended paced transfer (`tcp: false`, `bytes: nil`, `rateLimit` =
/// its need): it gets min(need, fair share) and never more. Streams open at the session
/// start (students' own streams at the start plus their jitter) and are stopped at the
/// session end. Once a second (one periodic event per session) every stream's bytes
/// delivered in the past interval are compared with its need: below `freezeThreshold` ×
/// need the interval is **frozen**. The stream's **one-way delay** is sampled at the same
/// time as half the route's current round-trip time (propagation plus queueing,
/// ``Network/roundTripTime(from:to:)``).
///
/// A stream frozen for `dropAfter` without a break **drops** out of the call: it is
/// stopped, its seconds count as frozen until it **rejoins** on a new stream
/// `rejoinAfter` later (if the session is still on).
///
/// **Metrics**: `freeze_ratio` (% of stream-seconds frozen, dropped time included),
/// `delay_p95` (ms, over stream-second samples), `delay_over_150ms` (% of samples above
/// `delayLimit`, 150 ms by default, whatever the limit the key keeps its name), `drops`
/// (count of streams dropped).
///
/// **Assumptions**: constant-bitrate streams (no adaptation: a codec that lowers its rate
/// shows up here as frozen seconds, which is what a class sees); the relay forwards one
/// lecturer stream per receiver (no multicast); the first interval of a stream starts when
/// its first bit can arrive (start plus one-way propagation); queueing splits evenly
/// between the directions; a stream refused by a session table is frozen for the whole
/// session; the only random draw is each student's start jitter, from its own stream.
/// Streams never finish; each is reported to the delay ledger when it closes (with the
/// resource that held it back longest), so `delayedBy` names what froze whom.
///
/// **Source**: REFERENCES.md §3 (Zoom, Teams, Meet, MEXT rates; ITU-T G.114 one-way delay).
///
/// **Validated by**: `ConferenceWorkloadTests` (`uplinkTooSmallFreezes`,
/// `uplinkLargeEnoughDoesNotFreeze`, `delayReflectsRoundTrip`, `sameSeedSameResults`).
public final class ConferenceWorkload: Workload {
    /// The label in reports; also names the random streams.
    public let name: String
    /// Always `"conference"`.
    public var kind: String { "conference" }
    /// The call parameters.
    public let configuration: Configuration
    /// Which classes join, when.
    public let sessions: [ActivitySession]
    /// Where the conferencing relay is.
    public let services: ServiceDirectory

    /// What one stream experienced.
    public struct StreamOutcome: Sendable, Equatable {
        /// Whether it is a student's camera (device → relay) rather than the lecturer's.
        public var upstream: Bool
        /// Seconds observed, and seconds frozen.
        public var seconds = 0.0, frozenSeconds = 0.0
        /// Times it dropped out of the call.
        public var drops = 0
    }

    /// Per-stream outcomes, sessions in order.
    public var outcomes: [StreamOutcome] { streams.map(\.outcome) }

    /// Event codes: `open` (entity = stream), `tick` and `close` (entity = session).
    enum Code: Int32 { case open, tick, close }

    /// One stream's state.
    struct Stream {
        /// Sender, receiver, need, and session.
        var source: NodeID, destination: NodeID, rate: DataRate, session: Int, opens: SimTime
        /// The transfer, and whether the network refused it or it dropped out of the call.
        var transfer: TransferID?, refused = false, dropped = false
        /// Seconds frozen without a break.
        var frozenRun = 0.0
        /// The network's cached route (−1 before the stream opens or if there is none).
        var route: Int32 = -1
        /// Start of the current interval, and the bytes delivered up to it.
        var from = SimTime.never, bytes = 0.0
        /// What the reports see.
        var outcome: StreamOutcome
    }

    /// Every stream; `sessionStreams[s]` is session s's range.
    var streams: [Stream] = []
    /// Which resource held each participant's streams back most (recorded when they close).
    var ledger = DelayLedger(entities: 0, resources: 0)
    /// The participant (a device in the call: a student's, or the teacher's or room
    /// display) each stream belongs to, indexing ``ledger``; and how many there are.
    var participantOf: [Int32] = [], participants = 0
    /// Each session's streams.
    var sessionStreams: [Range<Int>] = []
    /// This workload's index in the simulation.
    var index: Int32 = -1
    /// One-way delay samples, ms, and how many exceeded the limit.
    var delays = QuantileSketch(), late = 0
    /// Queueing delays remembered within one tick (every stream of a class crosses the
    /// same cell, LAN and access line).
    var delayMemo = Network.DelayMemo()

    /// Creates the workload.
    ///
    /// - Parameters:
    ///   - name: the label in reports; also names the random streams.
    ///   - configuration: the call parameters (must have no ``Configuration/problems``).
    ///   - sessions: which classes join, when.
    ///   - services: the conferencing relay node.
    public init(name: String, configuration: Configuration, sessions: [ActivitySession], services: ServiceDirectory) {
        precondition(configuration.problems.isEmpty, "invalid conference configuration: \(configuration.problems)")
        self.name = name
        self.configuration = configuration
        self.sessions = sessions
        self.services = services
    }

    /// Lays out every session's streams and schedules their opening, ticks and close.
    public func start(in sim: Simulation) {
        index = SessionRoster.index(of: self, in: sim)
        let roster = SessionRoster(sessions: sessions, rng: sim.rng, kind: "conference", name: name)
        let c = configuration, relay = services.conferenceRelay
        streams.removeAll()
        sessionStreams.removeAll()
        participantOf.removeAll()
        participants = 0
        var e = 0
        for (s, session) in sessions.enumerated() {
            let first = streams.count
            func add(_ from: NodeID, _ to: NodeID, _ rate: DataRate, _ opens: SimTime, up: Bool) {
                streams.append(Stream(source: from, destination: to, rate: rate, session: s, opens: opens,
                                      outcome: StreamOutcome(upstream: up)))
                participantOf.append(Int32(participants))
            }
            if c.downlink != .none, let teacher = session.teacherDevice {
                add(relay, teacher, c.downRate, session.start, up: false)
                participants += 1
            }
            for _ in session.devices {
                let entity = roster.entities[e]
                e += 1
                let before = streams.count
                if c.downlink == .everyDevice { add(relay, entity.device, c.downRate, entity.start, up: false) }
                if c.studentsUp { add(entity.device, relay, c.upRate, entity.start, up: true) }
                if streams.count > before { participants += 1 }
            }
            sessionStreams.append(first..<streams.count)
            guard session.end > session.start else { continue }
            sim.schedule(event(s, .tick), at: max(session.start + .seconds(1), sim.now))
            sim.schedule(event(s, .close), at: max(session.end, sim.now))
        }
        for i in streams.indices where streams[i].opens < sessions[streams[i].session].end {
            sim.schedule(event(i, .open), at: max(streams[i].opens, sim.now))
        }
        ledger = DelayLedger(entities: participants, resources: sim.network.topology.resources.count)
    }

    /// An event of this workload.
    func event(_ entity: Int, _ code: Code) -> WorkloadEvent {
        WorkloadEvent(workload: index, entity: Int32(entity), code: code.rawValue)
    }

    /// Opens a stream, samples every stream of a session, or closes a session.
    public func handle(_ event: WorkloadEvent, in sim: Simulation) {
        let k = Int(event.entity)
        switch Code(rawValue: event.code)! {
        case .open:
            let s = streams[k]
            let request = TransferRequest(from: s.source, to: s.destination, bytes: nil, tcp: false, rateLimit: s.rate,
                                          tag: Int64(k))
            let route = sim.network.routeID(s.source, s.destination)
            streams[k].route = route ?? -1
            streams[k].from = sim.now + .seconds(route.map { sim.network.propagation(ofRoute: $0) } ?? 0)
            if streams[k].dropped && sim.now > streams[k].from {  // the dropped time since the last sample
                let gap = (sim.now - streams[k].from).seconds
                streams[k].outcome.seconds += gap
                streams[k].outcome.frozenSeconds += gap
            }
            streams[k].dropped = false
            streams[k].refused = false
            streams[k].frozenRun = 0
            streams[k].bytes = 0
            do { streams[k].transfer = try sim.start(request, for: Int(index)) } catch { streams[k].refused = true }
        case .tick:
            sampleSession(k, in: sim)
            if sim.now + .seconds(1) <= sessions[k].end { sim.schedule(self.event(k, .tick), after: .seconds(1)) }
        case .close:
            sampleSession(k, in: sim)  // the last (partial) interval
            for i in sessionStreams[k] {
                if let t = streams[i].transfer { ledger.record(sim.stopReporting(t), entity: Int(participantOf[i])) }
                streams[i].transfer = nil
                streams[i].from = .never  // closed: no more samples
            }
        }
    }

    /// Samples every stream of session `k` (``sample(_:memo:in:)``), in stream order.
    ///
    /// The streams and the delay memo are moved out of the class for the loop (one access
    /// each, not several per stream); each resource's queueing delay is computed once per
    /// tick; equal consecutive delays — the streams of a class cross the same resources —
    /// are recorded as one run, which leaves the sketch exactly as the separate records
    /// would (``QuantileSketch/record(_:count:)``).
    func sampleSession(_ k: Int, in sim: Simulation) {
        var local: [Stream] = [], memo = Network.DelayMemo()
        swap(&local, &streams)
        swap(&memo, &delayMemo)
        defer {
            swap(&local, &streams)
            swap(&memo, &delayMemo)
        }
        memo.next()
        var runValue = 0.0, runCount = 0
        let limit = configuration.delayLimit.seconds
        for i in sessionStreams[k] {
            let oneWay = sample(&local[i], memo: &memo, in: sim)
            let drop = configuration.dropAfter
            if drop > .zero && local[i].frozenRun >= drop.seconds - 1e-9, let t = local[i].transfer {
                ledger.record(sim.stopReporting(t), entity: Int(participantOf[i]))
                local[i].transfer = nil
                local[i].dropped = true
                local[i].outcome.drops += 1
                if sim.now + configuration.rejoinAfter < sessions[k].end {
                    sim.schedule(event(i, .open), after: configuration.rejoinAfter)
                }
            }
            guard let oneWay else { continue }
            if oneWay > limit { late += 1 }
            let ms = oneWay * 1e3
            if runCount > 0 && ms == runValue {
                runCount += 1
            } else {
                if runCount > 0 { delays.record(runValue, count: runCount) }
                runValue = ms
                runCount = 1
            }
        }
        if runCount > 0 { delays.record(runValue, count: runCount) }
    }

    /// Compares stream `s`'s bytes since the last sample with its need, and samples its
    /// one-way delay. Does nothing before the stream's first bit can arrive or after it
    /// closed.
    ///
    /// - Returns: the one-way delay, seconds, if one was sampled.
    func sample(_ s: inout Stream, memo: inout Network.DelayMemo, in sim: Simulation) -> Double? {
        let now = sim.now
        guard now > s.from else { return nil }
        let window = (now - s.from).seconds
        s.outcome.seconds += window
        guard let t = s.transfer else {
            if s.refused || s.dropped { s.outcome.frozenSeconds += window }
            s.from = now
            return nil
        }
        let delivered = sim.network.delivered(t, at: now)
        if delivered - s.bytes < configuration.freezeThreshold * s.rate.bytesPerSecond * window {
            s.outcome.frozenSeconds += window
            s.frozenRun += window
        } else {
            s.frozenRun = 0
        }
        s.bytes = delivered
        s.from = now
        // The round trip in whole nanoseconds, as ``Network/roundTripTime(from:to:)`` gives it.
        return SimDuration.seconds(sim.network.roundTrip(s.route, memo: &memo)).seconds / 2
    }

    /// Streams finish only by being stopped, so nothing arrives here.
    public func transferFinished(_ outcome: TransferOutcome, tag: Int64, in sim: Simulation) {}

    /// The conference metrics: `freeze_ratio`, `delay_p95`, `delay_over_150ms`.
    public func report(in sim: Simulation) -> WorkloadReport {
        var seconds = 0.0, frozen = 0.0, drops = 0
        for s in streams {
            seconds += s.outcome.seconds
            frozen += s.outcome.frozenSeconds
            drops += s.outcome.drops
        }
        let metrics = [
            Metric(key: "freeze_ratio", label: "Stream-seconds frozen (below need)",
                   value: seconds > 0 ? 100 * frozen / seconds : .nan, unit: "%"),
            Metric(key: "delay_p95", label: "One-way delay, 95th percentile", value: delays.quantile(0.95) ?? .nan, unit: "ms"),
            Metric(key: "delay_over_150ms", label: "Stream-seconds with one-way delay over the limit (ITU-T G.114)",
                   value: delays.count > 0 ? 100 * Double(late) / Double(delays.count) : .nan, unit: "%"),
            Metric(key: "drops", label: "Streams dropped out of the call", value: Double(drops), unit: "count"),
        ]
        return WorkloadReport(name: name, kind: kind, entities: participants, metrics: metrics, delayedBy: ledger.shares())
    }
}
