/// Background use of the network by every device of a session, in one of three modes:
///
/// - `web`: cloud documents and the web — a loop of request (an object from the cloud
///   office, lognormal size) and think time. Metric `response_p95` (s).
/// - `textbook`: digital textbook page turns — a loop of spread download (2 MB) and
///   reading time. Metrics `page_p95` (s) and `page_over_3s` (% of turns slower than the
///   3 s target).
/// - `update`: an OS/app update storm — one download (1 GB) per device from the update
///   server, at the session start (or `updateAfter` later) plus jitter, optionally
///   rate-limited per device. Metrics `update_completion` (% of devices done by the
///   session end) and `update_p50` (s, median request-to-last-byte time; NaN when fewer
///   than half finished).
///
/// Every request is one TCP transfer: the device's first on a new connection, later ones
/// on the same connection. Times run from request to last byte. At the session end
/// requests in flight are stopped; a stopped web or textbook request is recorded with the
/// time it had waited (a lower bound), an update counts as not done.
///
/// **Assumptions**: one request in flight per device; sizes and think times are drawn
/// from separate per-device streams (so a slow response never shifts a later size); a
/// connection refused by a session table is retried after a think time; the update server
/// is not a content cache (Apple's advice, REFERENCES.md §2, is modelled by pointing the
/// directory's `updateServer` at an on-site node).
///
/// **Source**: REFERENCES.md §3 (textbook spread 2 MB in 3 s, MEXT 2021 guidebook); REFERENCES.md
/// §2 (update storms named in the 2023 CBT; iPadOS ~1 GB, anecdote); web defaults are
/// ESTIMATEs (``Configuration/init(mode:)``).
///
/// **Validated by**: `BackgroundWorkloadTests` (`textbookCrowdMissesTarget`,
/// `textbookAloneMeetsTarget`, `updateStormClosedForm`, `rateLimitedUpdateDoesNotFinish`,
/// `webSameSeedSameResults`).
public final class BackgroundWorkload: Workload {
    /// The label in reports; also names the random streams.
    public let name: String
    /// Always `"background"`.
    public var kind: String { configuration.mode.rawValue }
    /// The parameters.
    public let configuration: Configuration
    /// Which devices, when.
    public let sessions: [ActivitySession]
    /// Where the cloud office and the update server are.
    public let services: ServiceDirectory

    /// What one device did.
    public struct DeviceOutcome: Sendable, Equatable {
        /// Requests finished, and their total time, seconds.
        public var finished = 0, seconds = 0.0
        /// Bytes requested in total (finished or not).
        public var bytesRequested: Int64 = 0
    }

    /// Per-device outcomes, sessions in order, devices in order.
    public var outcomes: [DeviceOutcome] { devices.map(\.outcome) }

    /// Event codes.
    enum Code: Int32 { case request, sessionEnd }

    /// One device's state.
    struct Device {
        /// The device and its session's end.
        var node: NodeID, end: SimTime
        /// Size and think-time streams.
        var sizeRNG: RandomStream, thinkRNG: RandomStream
        /// The request in flight and when it was made; whether a connection is open.
        var transfer: TransferID?, requested = SimTime.zero, connected = false, done = false
        /// What the reports see.
        var outcome = DeviceOutcome()
    }

    /// Every device.
    var devices: [Device] = []
    /// This workload's index in the simulation.
    var index: Int32 = -1
    /// Response (web) or page (textbook) times, seconds, and how many exceeded the target.
    var times = QuantileSketch(), overTarget = 0
    /// Which resources delayed which device.
    var ledger = DelayLedger(entities: 0, resources: 0)

    /// Creates the workload.
    ///
    /// - Parameters:
    ///   - name: the label in reports; also names the random streams.
    ///   - configuration: the parameters (must have no ``Configuration/problems``).
    ///   - sessions: which devices, when.
    ///   - services: the cloud office and update server nodes.
    public init(name: String, configuration: Configuration, sessions: [ActivitySession], services: ServiceDirectory) {
        precondition(configuration.problems.isEmpty, "invalid background configuration: \(configuration.problems)")
        self.name = name
        self.configuration = configuration
        self.sessions = sessions
        self.services = services
    }

    /// The server of the mode.
    var server: NodeID { configuration.mode == .update ? services.updateServer : services.cloudOffice }

    /// Creates the devices and schedules their first requests and session ends.
    public func start(in sim: Simulation) {
        index = SessionRoster.index(of: self, in: sim)
        let roster = SessionRoster(sessions: sessions, rng: sim.rng, kind: "background", name: name)
        devices = roster.entities.map {
            Device(node: $0.device, end: sessions[$0.session].end, sizeRNG: $0.rng.derived("size"), thinkRNG: $0.rng.derived("think"))
        }
        ledger = DelayLedger(entities: devices.count, resources: sim.network.topology.resources.count)
        let delay = configuration.mode == .update ? configuration.updateAfter : .zero
        for (e, entity) in roster.entities.enumerated() where entity.start + delay < devices[e].end {
            sim.schedule(event(e, .request), at: max(entity.start + delay, sim.now))
            sim.schedule(event(e, .sessionEnd), at: max(devices[e].end, sim.now))
        }
    }

    /// An event of this workload for device `e`.
    func event(_ e: Int, _ code: Code) -> WorkloadEvent {
        WorkloadEvent(workload: index, entity: Int32(e), code: code.rawValue)
    }

    /// Makes a request, or stops the device at its session end.
    public func handle(_ event: WorkloadEvent, in sim: Simulation) {
        let e = Int(event.entity)
        guard !devices[e].done else { return }
        switch Code(rawValue: event.code)! {
        case .request:
            let bytes = ByteCount(bytes: Int64(max(1, configuration.objectSize.sample(using: &devices[e].sizeRNG).rounded())))
            let request = TransferRequest(from: server, to: devices[e].node, bytes: bytes,
                                          newConnection: !devices[e].connected, rateLimit: configuration.rateLimit,
                                          tag: Int64(e))
            devices[e].requested = sim.now
            devices[e].outcome.bytesRequested += bytes.bytes
            do {
                devices[e].transfer = try sim.start(request, for: Int(index))
            } catch {
                devices[e].connected = false
                think(e, in: sim)
            }
        case .sessionEnd:
            devices[e].done = true
            if let t = devices[e].transfer {
                sim.stop(t)
                devices[e].transfer = nil
                if configuration.mode != .update { record((sim.now - devices[e].requested).seconds) }
            }
        }
    }

    /// A request finished: record it, then think and request again (web, textbook).
    public func transferFinished(_ outcome: TransferOutcome, tag: Int64, in sim: Simulation) {
        let e = Int(tag)
        ledger.record(outcome, entity: e)
        devices[e].transfer = nil
        devices[e].connected = true
        let seconds = (outcome.finished - outcome.requested).seconds
        devices[e].outcome.finished += 1
        devices[e].outcome.seconds += seconds
        if configuration.mode == .update {
            devices[e].done = true
            times.record(seconds)
        } else {
            record(seconds)
            think(e, in: sim)
        }
    }

    /// Records a response or page time.
    func record(_ seconds: Double) {
        times.record(seconds)
        if seconds > configuration.pageTarget.seconds { overTarget += 1 }
    }

    /// Schedules device `e`'s next request after a think time, if before its session end.
    func think(_ e: Int, in sim: Simulation) {
        let t = sim.now + .seconds(max(0, configuration.thinkTime.sample(using: &devices[e].thinkRNG)))
        if t < devices[e].end { sim.schedule(event(e, .request), at: t) }
    }

    /// The metrics of the mode and the delay ledger's ranking.
    public func report(in sim: Simulation) -> WorkloadReport {
        let metrics: [Metric]
        switch configuration.mode {
        case .web:
            metrics = [Metric(key: "response_p95", label: "Response time, 95th percentile",
                              value: times.quantile(0.95) ?? .nan, unit: "s")]
        case .textbook:
            metrics = [
                Metric(key: "page_p95", label: "Page turn time, 95th percentile", value: times.quantile(0.95) ?? .nan, unit: "s"),
                Metric(key: "page_over_3s", label: "Page turns slower than the target",
                       value: times.count > 0 ? 100 * Double(overTarget) / Double(times.count) : .nan, unit: "%"),
            ]
        case .update:
            let n = devices.count, done = times.count
            // The median over all devices, unfinished ones counting as infinitely slow.
            let p50 = n > 0 && 2 * done >= n ? (times.quantile(Double(n) / Double(2 * done)) ?? .nan) : .nan
            metrics = [
                Metric(key: "update_completion", label: "Devices updated by the session end",
                       value: n > 0 ? 100 * Double(done) / Double(n) : .nan, unit: "%", higherIsBetter: true),
                Metric(key: "update_p50", label: "Update time, median over devices", value: p50, unit: "s"),
            ]
        }
        return WorkloadReport(name: name, kind: kind, entities: devices.count, metrics: metrics, delayedBy: ledger.shares())
    }
}
