/// A bulk download or upload per device: every student fetches (or sends) one object of a
/// given size at the session start plus jitter — pre-delivery of materials, a start-of-test
/// storm, a class saving a video to the cloud.
///
/// **Assumptions**: one TCP transfer per device on a new connection; no retries.
/// **Metrics**: `time_p50`, `time_p95`, `time_max` (s, request to last byte), `unfinished`
/// (count still running when the session ends; they are stopped then, and count in the
/// time percentiles at their time so far, so an overload never improves a percentile).
/// **Validated by**: `ScenarioBuilderTests`.
public final class BulkWorkload: Workload {
    /// Settings.
    public struct Configuration: Sendable, Equatable {
        /// Bytes per device.
        public var size: ByteCount
        /// Upload (device → service) rather than download.
        public var upload: Bool
        /// Which service.
        public var service: ServiceSpec.Role
    }

    public let name: String
    public var kind: String { "bulk" }
    let configuration: Configuration
    let sessions: [ActivitySession]
    let services: ServiceDirectory
    var index = 0
    var devices: [(session: Int, device: NodeID)] = []
    var running: [TransferID?] = []
    /// When each device's transfer was requested.
    var requestedAt: [SimTime] = []
    var times = QuantileSketch()
    var unfinished = 0
    var ledger: DelayLedger?

    /// Creates the workload.
    public init(name: String, configuration: Configuration, sessions: [ActivitySession], services: ServiceDirectory) {
        self.name = name
        self.configuration = configuration
        self.sessions = sessions
        self.services = services
    }

    enum Code: Int32 { case begin = 0, sessionEnd = 1 }

    public func start(in sim: Simulation) {
        index = sim.workloads.firstIndex { $0 === self }!
        ledger = DelayLedger(entities: sessions.reduce(0) { $0 + $1.devices.count }, resources: sim.network.topology.resources.count)
        for (s, session) in sessions.enumerated() {
            var rng = session.identity.map { sim.rng.derived("bulk").derived(key: $0.value) } ?? sim.rng.derived(name).derived(session.label)
            for d in session.devices {
                let e = devices.count
                devices.append((s, d))
                running.append(nil)
                requestedAt.append(.zero)
                let offset = max(0, session.startJitter.sample(using: &rng))
                sim.schedule(WorkloadEvent(workload: Int32(index), entity: Int32(e), code: Code.begin.rawValue),
                             at: session.start + .seconds(offset))
            }
            sim.schedule(WorkloadEvent(workload: Int32(index), entity: Int32(s), code: Code.sessionEnd.rawValue), at: session.end)
        }
    }

    func serviceNode() -> NodeID {
        switch configuration.service {
        case .cbt: return services.cbtServer
        case .identity: return services.identityProvider
        case .video: return services.videoCDN
        case .conference: return services.conferenceRelay
        case .update: return services.updateServer
        case .office: return services.cloudOffice
        }
    }

    public func handle(_ event: WorkloadEvent, in sim: Simulation) {
        switch Code(rawValue: event.code)! {
        case .begin:
            let e = Int(event.entity)
            if sim.now >= sessions[devices[e].session].end { return }
            let device = devices[e].device
            let server = serviceNode()
            let req = TransferRequest(from: configuration.upload ? device : server, to: configuration.upload ? server : device,
                                      bytes: configuration.size, newConnection: true, tag: Int64(e))
            requestedAt[e] = sim.now
            running[e] = try? sim.start(req, for: index)
        case .sessionEnd:
            let s = Int(event.entity)
            for e in devices.indices where devices[e].session == s {
                if let t = running[e] {
                    sim.stop(t)
                    running[e] = nil
                    unfinished += 1
                    times.record((sim.now - requestedAt[e]).seconds)
                }
            }
        }
    }

    public func transferFinished(_ outcome: TransferOutcome, tag: Int64, in sim: Simulation) {
        let e = Int(tag)
        running[e] = nil
        times.record((outcome.finished - outcome.requested).seconds)
        ledger?.record(outcome, entity: e)
    }

    public func report(in sim: Simulation) -> WorkloadReport {
        WorkloadReport(name: name, kind: kind, entities: devices.count, metrics: [
            Metric(key: "time_p50", label: "Transfer time, median", value: times.quantile(0.5) ?? .nan, unit: "s"),
            Metric(key: "time_p95", label: "Transfer time, 95th percentile", value: times.quantile(0.95) ?? .nan, unit: "s"),
            Metric(key: "time_max", label: "Transfer time, slowest", value: times.max ?? .nan, unit: "s"),
            Metric(key: "unfinished", label: "Transfers unfinished at the end of the period", value: Double(unfinished), unit: "count"),
        ], delayedBy: ledger?.shares() ?? [])
    }

    /// The scenario entry for `"activity": "bulk"`.
    public static let activityKind = ActivityKind(
        name: "bulk",
        summary: "every device downloads (or uploads) one object at the start: pre-delivery, a start-of-test storm",
        metrics: ["time_p50", "time_p95", "time_max", "unfinished"],
        read: { r in
            let c = try r.finishing { r in
                Configuration(size: try r.bytes("size", expected: "a size such as \"20 MB\""),
                              upload: try r.bool("upload", default: false, source: "download unless set"),
                              service: try r.read("service", as: .choice, default: ServiceSpec.Role.office, source: "cloud office unless set"))
            }
            return { name, sessions, services in BulkWorkload(name: name, configuration: c, sessions: sessions, services: services) }
        })
}
