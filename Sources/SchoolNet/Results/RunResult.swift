/// Everything one simulation run found, as plain data: per link
/// direction, per session table and per workload, plus the bottleneck ranking "what gives
/// way first, when, for whom, and what fixes it".
///
/// Built once from a finished ``Simulation``; the renderers (``TextReport``, ``JSONReport``,
/// ``CSVReport``, ``HTMLReport``) and the replication summary (``MultiRunResult``) read only
/// this value, never the simulation, so results can be kept, compared and printed later.
///
/// Times inside are offsets from the start of the run (``SimDuration``); ``clockStart`` is
/// the time of day the run's zero stands for (e.g. 08:00), which reports add when they
/// print clock times.
///
/// **Validated by:** `RunResultTests`.
public struct RunResult: Sendable, Equatable {
    /// The scenario's name.
    public var scenarioName: String
    /// A one-line description of the scenario.
    public var description: String
    /// The seed of this run.
    public var seed: UInt64
    /// Time of day at simulated time zero (e.g. 8 h for 08:00).
    public var clockStart: SimDuration
    /// The simulated period (the run covered [0, duration]).
    public var duration: SimDuration
    /// Width of a utilisation bucket (the time step of the series).
    public var bucketWidth: SimDuration
    /// Events processed (workload and network events).
    public var eventsProcessed: UInt64
    /// Every resource, in topology order.
    public var resources: [ResourceResult]
    /// Every session-limited node, in topology order.
    public var sessionTables: [SessionTableResult]
    /// Every workload's report, by workload index.
    public var workloads: [WorkloadReport]
    /// The bottleneck ranking, most delay first (see ``Bottleneck``).
    public var bottlenecks: [Bottleneck]
    /// Per-row records of the flow-log replays that kept them
    /// (``FlowLogWorkload/recordsFlows``), in workload order; empty otherwise. Rendered by
    /// ``CSVReport/flows(_:byteOrderMark:to:)``; not part of the JSON result.
    public var flowLogs: [FlowLogFlowTable] = []
    /// The timetable's periods, as clock times, for the time axes of the HTML report
    /// (empty when the scenario has no timetable).
    public var periods: [Period] = []

    /// A timetable period: its name and clock times.
    public struct Period: Sendable, Equatable, Codable {
        /// The period's name, e.g. `"2"`.
        public var name: String
        /// Start and end, clock times (time of day).
        public var start: SimDuration, end: SimDuration

        /// Creates a period.
        public init(name: String, start: SimDuration, end: SimDuration) {
            self.name = name
            self.start = start
            self.end = end
        }
    }

    /// Creates a result from its parts (for tests and for results read back from files).
    public init(scenarioName: String, description: String, seed: UInt64, clockStart: SimDuration,
                duration: SimDuration, bucketWidth: SimDuration, eventsProcessed: UInt64,
                resources: [ResourceResult], sessionTables: [SessionTableResult], workloads: [WorkloadReport]) {
        self.scenarioName = scenarioName
        self.description = description
        self.seed = seed
        self.clockStart = clockStart
        self.duration = duration
        self.bucketWidth = bucketWidth
        self.eventsProcessed = eventsProcessed
        self.resources = resources
        self.sessionTables = sessionTables
        self.workloads = workloads
        self.bottlenecks = Bottleneck.rank(resources: resources, sessionTables: sessionTables, workloads: workloads)
    }

    /// Reads the results of a finished simulation.
    ///
    /// Call after ``Simulation/run(until:progress:)`` (which closes the observer's open
    /// intervals). Asks every workload for its report.
    ///
    /// - Parameters:
    ///   - simulation: The finished simulation.
    ///   - scenarioName: The scenario's name, for reports.
    ///   - description: A one-line description, for reports.
    ///   - seed: The seed the run used (normally `simulation.seed`).
    ///   - clockStart: The time of day at simulated time zero, e.g. `.hours(8)`.
    ///   - kinds: The kind of each link, by resource group (link name), as the scenario
    ///     builder knows it; groups not listed are classified by
    ///     ``ResourceKind/classify(group:name:)``.
    /// - Complexity: O(resources × (buckets + workloads) + nodes).
    public init(simulation: Simulation, scenarioName: String, description: String, seed: UInt64,
                clockStart: SimDuration, kinds: [String: ResourceKind] = [:]) {
        let network = simulation.network
        let topology = network.topology
        let observer = network.solver.observer
        let end = simulation.endTime
        let workloadCount = simulation.workloads.count
        let resources = topology.resources.indices.map { r in
            let res = topology.resources[r]
            let kind = kinds[res.group] ?? ResourceKind.classify(group: res.group, name: res.name)
            var result = ResourceResult(r, topology: topology, observer: observer, end: end, workloads: workloadCount,
                                        kind: kind, peakDevices: network.deviceActivity.peak[r])
            if let a = network.peakAckLoad(on: ResourceID(r)) {
                result.acknowledgements = .init(load: DataRate(bitsPerSecond: a.load), lineCapacity: DataRate(bitsPerSecond: a.capacity))
                if res.discipline == .fifo && a.capacity > 0 { result.fullBufferDelay = res.buffer.bits / a.capacity }
            }
            return result
        }
        self.init(scenarioName: scenarioName, description: description, seed: seed, clockStart: clockStart,
                  duration: end - .zero, bucketWidth: SimDuration(nanoseconds: observer.bucketWidth),
                  eventsProcessed: simulation.eventsProcessed, resources: resources,
                  sessionTables: SessionTableResult.all(in: network),
                  workloads: simulation.workloads.map { $0.report(in: simulation) })
        flowLogs = simulation.workloads.compactMap { ($0 as? FlowLogWorkload)?.flowTable(in: simulation) }
    }

    /// The resource an entry of the ranking refers to, if it is a link.
    ///
    /// - Parameter b: An entry of ``bottlenecks``.
    /// - Returns: The resource, or nil for a session table.
    public func resource(of b: Bottleneck) -> ResourceResult? {
        if case .resource(let i) = b.source { return resources[i] }
        return nil
    }

    /// Whether every metric with a target met it (metrics without a target or value are
    /// not counted).
    public var allTargetsMet: Bool {
        workloads.allSatisfy { $0.metrics.allSatisfy { $0.passed != false } }
    }
}
