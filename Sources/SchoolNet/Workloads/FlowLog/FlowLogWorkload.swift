/// Replays a measured flow log open loop: each row becomes one transfer at its logged time
/// with its logged size, across the scenario's network, shared max-min with everything
/// else; its completion time is compared with the same transfer alone on the empty network.
///
/// **Rows**: read once when the scenario is read (``FlowLogRows``, in time order: see
/// ``FlowLogReader``) and shared by every replication; one row is scheduled ahead, its
/// arrival the only event the workload has queued. Memory: the rows (flat arrays) plus
/// O(transfers in flight).
///
/// **Assumptions**: every row is a new connection (DNS, handshakes and a session on each
/// session-limited appliance, unless pure fluid); rows start at the activity's start plus
/// their log time (measured from `startAt`, if set: ``FlowLogStart``); a transfer still running when the simulated day ends counts as
/// `unfinished`; a row refused by a full session table counts as `refused`.
///
/// **Metrics**: `time_p50/p95/p99` (s, request to last byte), `slowdown_p50/p95/p99`
/// (completion ÷ alone, ``aloneTime(bytes:bottleneck:propagation:ceiling:tcp:usesTCP:newConnection:)``),
/// `flows`, `unfinished`, `refused`, `rows_mapped`, `rows_unmapped`, `rows_before_start`; then per school and per
/// service `school:NAME:time_p95`, `school:NAME:slowdown_p95`, `service:NAME:…`, and for
/// nfdump logs `endpoint:NAME:rows`.
///
/// **Per-row records** (``recordsFlows``, off by default): one compact row per replayed row
/// for the per-flow CSV (see FlowLogWorkload+Flows.swift).
///
/// **Validated by**: `FlowLogTests` (max-min on one link, ceiling, processor-sharing order,
/// determinism), `FlowLogNFDumpTests`, `FlowLogFlowTableTests`.
public final class FlowLogWorkload: Workload {
    public let name: String
    public var kind: String { "flowLog" }
    /// The settings.
    public let configuration: FlowLogConfiguration
    let origin: SimTime
    var index = 0
    var rows: FlowLogRows?
    var next = 0
    var pending: FlowLogRecord?
    var binder: FlowLogBinder?
    var readFailure: String?
    // Per transfer slot (tag): alone time, school and service group.
    var alone: [Double] = []
    var schoolOf: [Int32] = []
    var serviceOf: [Int32] = []
    var freeSlots: [Int32] = []
    var times = QuantileSketch(), slowdowns = QuantileSketch()
    var groupTimes: [QuantileSketch] = [], groupSlowdowns: [QuantileSketch] = []
    var started = 0, finished = 0, refused = 0, unrouted = 0
    var ledger: DelayLedger?
    var lineOf: [Int] = [], sourceOf: [NodeID] = [], destinationOf: [NodeID] = []
    /// Told about every finished row (tests); nil by default so that nothing per row is kept.
    public var onCompletion: ((Completion) -> Void)?
    // Per-row records, while ``recordsFlows`` (see FlowLogWorkload+Flows.swift): the table
    // so far, each slot's row in it and transfer, and log names bound to no node.
    var flows: FlowLogFlowTable?
    var rowOfSlot: [Int32] = [], transferOfSlot: [TransferID] = []
    var unboundNames: [String] = [], unboundIndex: [String: Int32] = [:]

    /// One finished row, for ``onCompletion``.
    public struct Completion: Sendable, Equatable {
        /// The row's line in the log.
        public var line: Int
        /// The nodes it ran between.
        public var source: NodeID, destination: NodeID
        /// Request and last-byte times.
        public var requested: SimTime, finished: SimTime
        /// Seconds it would take alone on the empty network.
        public var alone: Double
    }

    /// Creates the workload; log time 0 is `origin` (the activity's start). `rows`: the
    /// log as already read (nil: read when the run starts).
    public init(name: String, configuration: FlowLogConfiguration, origin: SimTime, rows: FlowLogRows? = nil) {
        self.name = name
        self.configuration = configuration
        self.origin = origin
        self.rows = rows
    }

    enum Code: Int32 { case arrival = 0 }

    public func start(in sim: Simulation) {
        index = sim.workloads.firstIndex { $0 === self }!
        binder = FlowLogBinder(topology: sim.network.topology)
        ledger = DelayLedger(entities: sim.network.topology.nodes.count, resources: sim.network.topology.resources.count)
        if rows == nil {
            do { rows = try FlowLogRows.read(configuration) } catch { readFailure = error.description; return }
        }
        readAhead(in: sim)
    }

    /// Takes the next row and schedules its arrival.
    func readAhead(in sim: Simulation) {
        guard let rows, next < rows.count else { pending = nil; return }
        let r = rows[next]
        next += 1
        pending = r
        let at = max(sim.now, origin + r.time)
        sim.schedule(WorkloadEvent(workload: Int32(index), entity: 0, code: Code.arrival.rawValue), at: at)
    }

    public func handle(_ event: WorkloadEvent, in sim: Simulation) {
        guard let r = pending else { return }
        startTransfer(r, in: sim)
        readAhead(in: sim)
    }

    func startTransfer(_ r: FlowLogRecord, in sim: Simulation) {
        guard let s = binder!.bind(r.source), let d = binder!.bind(r.destination) else {
            unrouted += 1
            if flows != nil { record(r, source: endpoint(r.source, in: sim), destination: endpoint(r.destination, in: sim), service: -1, alone: .nan, status: .noRoute, in: sim) }
            return
        }
        let src = binder!.take(s), dst = binder!.take(d)
        guard let route = sim.network.route(from: src, to: dst) else {
            unrouted += 1
            if flows != nil { record(r, source: src.rawValue, destination: dst.rawValue, service: -1, alone: .nan, status: .noRoute, in: sim) }
            return
        }
        var bottleneck = Double.infinity
        for h in route.hops { bottleneck = min(bottleneck, sim.network.solver.capacity(of: h.resource).bitsPerSecond / h.factor) }
        let usesTCP = !configuration.fluid
        let a = Self.aloneTime(bytes: r.bytes, bottleneck: .bitsPerSecond(bottleneck), propagation: route.propagation, ceiling: r.maxRate,
                               tcp: sim.network.tcp, usesTCP: usesTCP, newConnection: true,
                               senderOpens: sim.network.topology.nodes[src.index].kind == .device)
        let b = binder!.bindings
        let school = b[s].school >= 0 ? b[s].school : b[d].school
        let service = r.service.map { binder!.group($0) } ?? (b[s].service >= 0 ? b[s].service : (b[d].service >= 0 ? b[d].service : binder!.group("other")))
        let slot: Int
        if let f = freeSlots.popLast() { slot = Int(f) } else {
            slot = alone.count
            alone.append(0); schoolOf.append(-1); serviceOf.append(-1)
            lineOf.append(0); sourceOf.append(src); destinationOf.append(dst)
        }
        lineOf[slot] = r.line
        sourceOf[slot] = src
        destinationOf[slot] = dst
        alone[slot] = a
        schoolOf[slot] = school
        serviceOf[slot] = service
        let request = TransferRequest(from: src, to: dst, bytes: r.bytes, newConnection: true, tcp: usesTCP,
                                      rateLimit: r.maxRate, tag: Int64(slot) << 24 | Int64(b[s].school >= 0 ? src.rawValue : dst.rawValue) & 0xFF_FFFF)
        do {
            let id = try sim.start(request, for: index)
            started += 1
            if flows != nil {
                record(r, source: src.rawValue, destination: dst.rawValue, service: service, alone: a, status: .unfinished, in: sim)
                recordSlot(slot, transfer: id)
            }
        } catch {
            freeSlots.append(Int32(slot))
            let status: FlowLogFlowTable.Status
            if case .noRoute = error { unrouted += 1; status = .noRoute } else { refused += 1; status = .refused }
            if flows != nil { record(r, source: src.rawValue, destination: dst.rawValue, service: service, alone: a, status: status, in: sim) }
        }
    }

    public func transferFinished(_ outcome: TransferOutcome, tag: Int64, in sim: Simulation) {
        let slot = Int(tag >> 24), entity = Int(tag & 0xFF_FFFF)
        finished += 1
        let t = (outcome.finished - outcome.requested).seconds
        times.record(t)
        let a = alone[slot]
        let slowdown = a > 0 ? t / a : Double.nan
        if !slowdown.isNaN { slowdowns.record(slowdown) }
        for g in [schoolOf[slot], serviceOf[slot]] where g >= 0 {
            while groupTimes.count <= Int(g) { groupTimes.append(QuantileSketch()); groupSlowdowns.append(QuantileSketch()) }
            groupTimes[Int(g)].record(t)
            if !slowdown.isNaN { groupSlowdowns[Int(g)].record(slowdown) }
        }
        ledger?.record(outcome, entity: entity)
        onCompletion?(Completion(line: lineOf[slot], source: sourceOf[slot], destination: destinationOf[slot],
                                 requested: outcome.requested, finished: outcome.finished, alone: a))
        if flows != nil { recordFinished(slot: slot, outcome) }
        freeSlots.append(Int32(slot))
    }

    public func report(in sim: Simulation) -> WorkloadReport {
        func q(_ s: QuantileSketch, _ p: Double) -> Double { s.quantile(p) ?? .nan }
        var metrics = [
            Metric(key: "time_p50", label: "Flow completion time, median", value: q(times, 0.5), unit: "s"),
            Metric(key: "time_p95", label: "Flow completion time, 95th percentile", value: q(times, 0.95), unit: "s"),
            Metric(key: "time_p99", label: "Flow completion time, 99th percentile", value: q(times, 0.99), unit: "s"),
            Metric(key: "slowdown_p50", label: "Slowdown vs. alone on the empty network, median", value: q(slowdowns, 0.5), unit: "ratio"),
            Metric(key: "slowdown_p95", label: "Slowdown, 95th percentile", value: q(slowdowns, 0.95), unit: "ratio"),
            Metric(key: "slowdown_p99", label: "Slowdown, 99th percentile", value: q(slowdowns, 0.99), unit: "ratio"),
            Metric(key: "flows", label: "Flows started", value: Double(started), unit: "count", higherIsBetter: true),
            Metric(key: "unfinished", label: "Flows still running at the end of the day", value: Double(started - finished), unit: "count"),
            Metric(key: "refused", label: "Flows refused by a full session table", value: Double(refused), unit: "count"),
            Metric(key: "rows_mapped", label: "Rows mapped to endpoints", value: Double(started + refused), unit: "count", higherIsBetter: true),
            Metric(key: "rows_unmapped", label: "Rows with no endpoint in the scenario (or no route)", value: Double((rows?.rowsUnmapped ?? 0) + unrouted), unit: "count"),
            Metric(key: "rows_before_start", label: "Rows before startAt (not replayed)", value: Double(rows?.rowsBeforeStart ?? 0), unit: "count"),
        ]
        if let binder {
            let schools = binder.bindings.map(\.school).filter { $0 >= 0 }
            for (g, groupName) in binder.groupNames.enumerated().sorted(by: { $0.element < $1.element }) where g < groupTimes.count {
                let prefix = schools.contains(Int32(g)) ? "school" : "service"
                metrics.append(Metric(key: "\(prefix):\(groupName):time_p95", label: "\(groupName): completion time, 95th percentile", value: q(groupTimes[g], 0.95), unit: "s"))
                metrics.append(Metric(key: "\(prefix):\(groupName):slowdown_p95", label: "\(groupName): slowdown, 95th percentile", value: q(groupSlowdowns[g], 0.95), unit: "ratio"))
            }
        }
        if configuration.format == .nfdump, let rows {
            for (endpoint, rows) in rows.rowsPerEndpoint.sorted(by: { $0.key < $1.key }) {
                metrics.append(Metric(key: "endpoint:\(endpoint):rows", label: "Rows mapped to \(endpoint)", value: Double(rows), unit: "count"))
            }
        }
        if let readFailure {
            metrics.append(Metric(key: "read_error", label: "The log could not be read: \(readFailure)", value: 1, unit: "count"))
        }
        return WorkloadReport(name: name, kind: kind, entities: started, metrics: metrics, delayedBy: ledger?.shares() ?? [])
    }
}
