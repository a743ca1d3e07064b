/// Video on demand: a DASH-like adaptive player per device that downloads segments from the
/// video CDN, chooses each segment's bitrate from its buffer level, and plays in real time
/// from when `startupSegments` segments are buffered until the session ends.
///
/// Per player: at `session.start` + start jitter the student presses play; segment 0 is
/// requested on a new connection, every later one on the same connection, one at a time.
/// Each segment is `ladder[rung] × segmentDuration` bytes, its rung chosen by BBA-0 from
/// the buffer level when it is requested (``Configuration/nextRung(buffer:previous:)``).
/// Playback starts once `startupSegments` segments are buffered; the buffer then drains at
/// one second of content per second. When it empties the player stalls (rebuffers) until
/// `startupSegments` segments are buffered again. Downloads pause while the buffer plus one
/// segment would exceed `maxBuffer`. At `session.end` the player stops.
///
/// **Giving up** (hls.js-like fragment loading): a segment attempt with no byte after
/// `firstByteTimeout`, or not loaded after `loadTimeout`, is abandoned and retried at once
/// on a new connection; after `fragmentRetries` retries the player stops with an error for
/// the rest of the session (the student sees a failed video; the remaining time counts as
/// stalled once playback had started).
///
/// **Metrics**: `startup_p95` (s, press to first frame; a player that never starts counts
/// the whole window, censored), `rebuffer_ratio` (% of time after the first frame spent
/// stalled; the startup wait is in `startup_p95`, not here), `mean_bitrate` (Mbps, the
/// time average of the played segments' bitrates over playing time), `switches_per_min`
/// (changes of rung between consecutive played segments, per minute after the first frame),
/// `fragments_failed` (segment attempts abandoned), `gave_up` (% of players that stopped
/// with an error).
///
/// **Assumptions**: the content is longer than the session; segments are exactly
/// `ladder[rung] × segmentDuration` bytes (CBR encoding); one segment in flight per player;
/// the first segment of a session is at the lowest rung (BBA's buffer is empty); a
/// connection refused by a session table is retried on a new connection after 1 s; the
/// only random draw is the start jitter, from the player's own stream.
///
/// **Source**: Huang et al., "A Buffer-Based Approach to Rate Adaptation", SIGCOMM 2014
/// (BBA-0); ladder REFERENCES.md §3 (YouTube, NHK for School); other defaults in
/// ``Configuration``.
///
/// **Validated by**: `VideoWorkloadTests` (`ampleLinkStartupClosedForm`,
/// `crowdedLinkRebuffersAtBottomRung`, `gigabitLinkPlaysTopRung`, `sameSeedSameResults`).
public final class VideoWorkload: Workload {
    /// The label in reports; also names the players' random streams.
    public let name: String
    /// Always `"video"`.
    public var kind: String { "video" }
    /// The player parameters.
    public let configuration: Configuration
    /// Who watches, when.
    public let sessions: [ActivitySession]
    /// Where the video CDN is.
    public let services: ServiceDirectory

    /// What happened to one player, for tests and per-device reports.
    public struct PlayerOutcome: Sendable, Equatable {
        /// Press-to-first-frame time, seconds; nil if playback never started.
        public var startup: Double?
        /// Seconds played, and seconds stalled after the first frame.
        public var playedSeconds = 0.0, stalledSeconds = 0.0
        /// ∫ played bitrate dt, megabits.
        public var playedMegabits = 0.0
        /// Rung changes between consecutive played segments.
        public var switches = 0
        /// Rungs of the segments downloaded, in order.
        public var rungs: [Int] = []
        /// Segment attempts abandoned (no first byte, or too slow).
        public var failedAttempts = 0
        /// Whether the player stopped with an error after its retries ran out.
        public var gaveUp = false
    }

    /// Per-player outcomes (sessions in order, devices in order).
    public var outcomes: [PlayerOutcome] { players.map(\.outcome) }

    /// Event codes.
    enum Code: Int32 { case press, bufferEmpty, resumeDownload, sessionEnd, fragmentCheck }

    /// One player's state.
    struct Player {
        /// The device, its session's end, and when play was pressed.
        var device: NodeID, end: SimTime, pressed: SimTime
        /// The segment in flight, its rung, and whether a connection to the CDN is open.
        var transfer: TransferID?, inFlightRung = 0, connected = false
        /// Content seconds played; when playback was last accounted.
        var position = 0.0, accounted = SimTime.zero
        /// Playing (not stalled, not starting), and past the first frame.
        var playing = false, started = false, done = false
        /// Highest segment whose playback began (−1 before the first frame), and its rung.
        var playingSegment = -1, playingRung = 0
        /// Segments downloaded and the last one's rung: `outcome.rungs.count` and `.last`,
        /// kept beside the playback state so that accounting, which runs at every player
        /// event, does not reach into the rung list (a cache miss per player at scale).
        var fetched = 0, lastRung = 0
        /// The pending buffer-empty and resume events.
        var emptyToken: EventToken?, resumeToken: EventToken?
        /// The segment attempt's check, its serial (stale checks carry an old one), its
        /// start, and the retries used for the current segment.
        var checkToken: EventToken?, checkSerial: Int32 = 0, attemptStart = SimTime.zero, retries = 0
        /// What the reports see.
        var outcome = PlayerOutcome()
    }

    /// Every player.
    var players: [Player] = []
    /// This workload's index in the simulation (set by ``start(in:)``).
    var index: Int32 = -1
    /// Which resources delayed which player.
    var ledger = DelayLedger(entities: 0, resources: 0)

    /// Creates the workload.
    ///
    /// - Parameters:
    ///   - name: the label in reports; also names the random streams.
    ///   - configuration: the player parameters (must have no ``Configuration/problems``).
    ///   - sessions: who watches, when.
    ///   - services: the video CDN node.
    public init(name: String, configuration: Configuration, sessions: [ActivitySession], services: ServiceDirectory) {
        precondition(configuration.problems.isEmpty, "invalid video configuration: \(configuration.problems)")
        self.name = name
        self.configuration = configuration
        self.sessions = sessions
        self.services = services
    }

    /// Creates the players and schedules each press of play and each session end.
    public func start(in sim: Simulation) {
        index = SessionRoster.index(of: self, in: sim)
        let roster = SessionRoster(sessions: sessions, rng: sim.rng, kind: "video", name: name)
        players = roster.entities.map { Player(device: $0.device, end: sessions[$0.session].end, pressed: $0.start) }
        ledger = DelayLedger(entities: players.count, resources: sim.network.topology.resources.count)
        for p in players.indices where players[p].pressed < players[p].end {
            sim.schedule(event(p, .press), at: max(players[p].pressed, sim.now))
            sim.schedule(event(p, .sessionEnd), at: max(players[p].end, sim.now))
        }
    }

    /// An event of this workload for player `p`.
    func event(_ p: Int, _ code: Code, aux: Int32 = 0) -> WorkloadEvent {
        WorkloadEvent(workload: index, entity: Int32(p), code: code.rawValue, aux: aux)
    }

    /// Seconds of content buffered and not yet played.
    func buffer(_ p: Int) -> Double {
        Self.buffer(of: players[p], segmentDuration: configuration.segmentDuration.seconds)
    }

    /// Seconds of content a player has buffered and not yet played.
    static func buffer(of player: Player, segmentDuration d: Double) -> Double {
        Double(player.fetched) * d - player.position
    }

    /// Runs `body` on player `p`'s state in place: one access to `players` for several
    /// fields, where each `players[p].field` is a dynamic exclusivity check (a class's
    /// property) and a uniqueness check of the array. `body` must not touch `players`.
    @inline(__always)
    func withPlayer<R>(_ p: Int, _ body: (inout Player) -> R) -> R { body(&players[p]) }

    /// Runs one player event.
    public func handle(_ event: WorkloadEvent, in sim: Simulation) {
        let p = Int(event.entity)
        guard !players[p].done else { return }
        account(p, to: sim.now)
        switch Code(rawValue: event.code)! {
        case .press:
            players[p].pressed = sim.now
            requestSegment(p, in: sim)
        case .bufferEmpty:
            players[p].emptyToken = nil
            if buffer(p) <= 1e-6 { players[p].playing = false }
        case .resumeDownload:
            players[p].resumeToken = nil
            requestSegment(p, in: sim)
        case .sessionEnd:
            players[p].done = true
            players[p].playing = false
            if let t = players[p].transfer { sim.stop(t) }
            players[p].transfer = nil
            for token in [players[p].emptyToken, players[p].resumeToken, players[p].checkToken].compactMap({ $0 }) { sim.cancel(token) }
        case .fragmentCheck:
            guard event.aux == players[p].checkSerial, let t = players[p].transfer else { return }
            players[p].checkToken = nil
            let c = configuration
            let deadline = players[p].attemptStart + c.loadTimeout
            if deadline > sim.now && sim.network.delivered(t, at: sim.now) > 0 {
                players[p].checkToken = sim.schedule(self.event(p, .fragmentCheck, aux: players[p].checkSerial), at: deadline)
                return
            }
            sim.stop(t)
            withPlayer(p) { player in
                player.transfer = nil
                player.connected = false
                player.outcome.failedAttempts += 1
                player.retries += 1
            }
            if players[p].retries > c.fragmentRetries {
                // The player stops with an error: the rest of the session is a failed video.
                withPlayer(p) { player in
                    player.outcome.gaveUp = true
                    player.playing = false
                    player.done = true
                }
                for token in [players[p].emptyToken, players[p].resumeToken].compactMap({ $0 }) { sim.cancel(token) }
                if players[p].started { players[p].outcome.stalledSeconds += (players[p].end - sim.now).seconds }
            } else {
                requestSegment(p, in: sim, retry: true)
            }
        }
    }

    /// A segment arrived: buffer it, start or resume playback, and fetch or pause.
    public func transferFinished(_ outcome: TransferOutcome, tag: Int64, in sim: Simulation) {
        let p = Int(tag)
        ledger.record(outcome, entity: p)
        account(p, to: sim.now)
        let d = configuration.segmentDuration.seconds
        let startupLevel = Double(configuration.startupSegments) * d - 1e-9
        let now = sim.now
        if let token = players[p].checkToken { sim.cancel(token) }
        let (level, playing, emptyToken) = withPlayer(p) { player in
            player.transfer = nil
            player.checkToken = nil
            player.retries = 0
            player.connected = true
            player.outcome.rungs.append(player.inFlightRung)
            player.fetched += 1
            player.lastRung = player.inFlightRung
            let level = Self.buffer(of: player, segmentDuration: d)
            if !player.playing && level >= startupLevel {
                player.playing = true
                if !player.started {
                    player.started = true
                    player.outcome.startup = (now - player.pressed).seconds
                }
            }
            return (level, player.playing, player.emptyToken)
        }
        if playing {
            if let t = emptyToken { sim.cancel(t) }
            players[p].emptyToken = sim.schedule(event(p, .bufferEmpty), after: .seconds(level))
        }
        let excess = level + d - configuration.maxBuffer.seconds
        if excess > 0 {
            players[p].resumeToken = sim.schedule(event(p, .resumeDownload), after: .seconds(excess))
        } else {
            requestSegment(p, in: sim)
        }
    }

    /// Requests the next segment at the rung BBA-0 picks now (a retry keeps the rung of the
    /// abandoned attempt).
    func requestSegment(_ p: Int, in sim: Simulation, retry: Bool = false) {
        let player = players[p]  // one read; shares the rung list, which is not written here
        guard !player.done, sim.now < player.end else { return }
        let rung = retry ? player.inFlightRung : player.fetched == 0
            ? 0
            : configuration.nextRung(buffer: Self.buffer(of: player, segmentDuration: configuration.segmentDuration.seconds),
                                     previous: player.lastRung)
        let bytes = configuration.ladder[rung] * configuration.segmentDuration
        let request = TransferRequest(from: services.videoCDN, to: player.device, bytes: bytes,
                                      newConnection: !player.connected, tag: Int64(p))
        do {
            let t = try sim.start(request, for: Int(index))
            withPlayer(p) { $0.inFlightRung = rung; $0.transfer = t; $0.attemptStart = sim.now; $0.checkSerial &+= 1 }
            let c = configuration
            let first = c.firstByteTimeout > .zero && c.firstByteTimeout < c.loadTimeout ? c.firstByteTimeout : c.loadTimeout
            players[p].checkToken = sim.schedule(event(p, .fragmentCheck, aux: players[p].checkSerial), after: first)
        } catch {
            withPlayer(p) { $0.inFlightRung = rung; $0.connected = false }
            players[p].resumeToken = sim.schedule(event(p, .resumeDownload), after: .seconds(1))
        }
    }
}
