/// Per-row records of a replay (``FlowLogFlowTable``), kept only when asked for.
///
/// Each row the workload sees appends one compact row; a started row's slot remembers its
/// row and transfer until it finishes, when its last-byte time and worst limiter
/// (``TransferOutcome/worstLimiter``) are filled in. Rows still running at the end take
/// their limiter so far from ``Network/delay(of:)``.
///
/// **Validated by**: `FlowLogFlowTableTests`.
extension FlowLogWorkload {
    /// Whether to keep one record per row for ``flowTable(in:)`` (off by default: a replay
    /// otherwise keeps nothing per row). Set it before the run starts.
    public var recordsFlows: Bool {
        get { flows != nil }
        set {
            precondition(started == 0 && refused == 0 && unrouted == 0, "recordsFlows set after the replay started")
            flows = newValue ? FlowLogFlowTable(activity: name) : nil
        }
    }

    /// Turns on ``recordsFlows`` for every flow-log replay of `sim` (before it runs).
    ///
    /// - Parameter sim: a simulation not yet run.
    public static func recordFlows(in sim: Simulation) {
        for case let w as FlowLogWorkload in sim.workloads { w.recordsFlows = true }
    }

    /// Every row replayed so far, in log (line) order, or nil when ``recordsFlows`` is off.
    ///
    /// Call after the run (``Simulation/run(until:progress:)`` settles every transfer at
    /// the end, so a row still running gets its limiter up to the end).
    ///
    /// - Parameter sim: the simulation the workload ran in.
    /// - Returns: the table.
    /// - Complexity: O(rows log rows) (rows are nearly in line order already).
    public func flowTable(in sim: Simulation) -> FlowLogFlowTable? {
        guard var table = flows else { return nil }
        for (slot, row) in rowOfSlot.enumerated() where row >= 0 {
            table.rows[Int(row)].limiter = sim.network.delay(of: transferOfSlot[slot]).worst?.rawValue ?? -1
        }
        // Lines are unique, so this order is total.
        table.rows.sort { $0.line < $1.line }
        let topology = sim.network.topology
        table.endpointNames = topology.nodes.map(\.name) + unboundNames
        table.groupNames = binder?.groupNames ?? []
        table.resourceNames = topology.resources.map(\.name)
        return table
    }

    /// Appends a row (requested now).
    func record(_ r: FlowLogRecord, source: Int32, destination: Int32, service: Int32, alone: Double,
                status: FlowLogFlowTable.Status, in sim: Simulation) {
        flows!.rows.append(FlowLogFlowTable.Row(line: r.line, source: source, destination: destination, service: service,
                                                bytes: r.bytes, requested: sim.now, finished: sim.now, alone: alone,
                                                limiter: -1, status: status))
    }

    /// Remembers that `slot` carries the row just appended, as transfer `id`.
    func recordSlot(_ slot: Int, transfer id: TransferID) {
        while rowOfSlot.count <= slot { rowOfSlot.append(-1); transferOfSlot.append(TransferID(0)) }
        rowOfSlot[slot] = Int32(flows!.rows.count - 1)
        transferOfSlot[slot] = id
    }

    /// Fills in the row `slot` carried.
    func recordFinished(slot: Int, _ outcome: TransferOutcome) {
        let row = Int(rowOfSlot[slot])
        rowOfSlot[slot] = -1
        flows!.rows[row].finished = outcome.finished
        flows!.rows[row].limiter = outcome.worstLimiter?.rawValue ?? -1
        flows!.rows[row].status = .finished
    }

    /// The endpoint index of a log name that bound to no node (after the topology's nodes).
    func endpoint(_ name: String, in sim: Simulation) -> Int32 {
        if let n = binder?.nodeByName[name] { return n.rawValue }
        if let i = unboundIndex[name] { return i }
        let i = Int32(sim.network.topology.nodes.count + unboundNames.count)
        unboundNames.append(name)
        unboundIndex[name] = i
        return i
    }
}
