/// How an LTE device joins its sector in the topology: its link with the airtime factor of
/// its CQI each way, and the share weights that make the max-min split proportional fair
/// (equal time; see ``LTECell``).
///
/// **Assumptions**: a device's CQI is the same in both directions; the mean rate the share
/// weights divide by is the expectation over the scenario's CQI mix (not over the devices
/// drawn), so a device's weight depends only on its own CQI.
///
/// **Validated by**: `LTECellTests.solverGivesEqualTime`, `LTECellTests.shareWeights`,
/// `LTEScenarioKeysTests.builderSetsShareWeights`.
struct LTESectorLink {
    /// The sector's cell.
    var cell: LTECell
    /// The sector node (the devices' upper end).
    var sector: NodeID
    /// The sector's uplink and downlink resources.
    var uplink: ResourceID, downlink: ResourceID
    /// Mean single-device rate over the CQI mix, per direction.
    var meanUp: DataRate, meanDown: DataRate

    /// Prepares the hookup for a cell, its sector and a CQI mix (CQI → relative frequency).
    init(cell: LTECell, sector: NodeID, uplink: ResourceID, downlink: ResourceID, mix: [Int: Double]) {
        self.cell = cell
        self.sector = sector
        self.uplink = uplink
        self.downlink = downlink
        meanUp = cell.meanRate(over: mix, direction: .uplink)
        meanDown = cell.meanRate(over: mix, direction: .downlink)
    }

    /// Adds device `name` at `cqi`: its node, its link `"NAME LTE"` to the sector and its
    /// share weights.
    ///
    /// - Returns: the device's node.
    func addDevice(_ name: String, cqi: Int, to topology: inout Topology) -> NodeID {
        let d = topology.addNode(name, kind: .device)
        let o = outcome(cqi: cqi)
        topology.addLink(name + " LTE", lower: d, upper: sector,
                         up: [Hop(uplink, factor: o.upFactor)], down: [Hop(downlink, factor: o.downFactor)])
        topology.setShareWeights(d, sending: o.sendingWeight, receiving: o.receivingWeight)
        return d
    }

    /// A device's link at `cqi`: the airtime factors of its hops and its share weights.
    func outcome(cqi: Int) -> DeviceLinkDraw.Outcome {
        DeviceLinkDraw.Outcome(upFactor: cell.airtimeFactor(cqi: cqi, direction: .uplink),
                               downFactor: cell.airtimeFactor(cqi: cqi, direction: .downlink),
                               sendingWeight: cell.shareWeight(cqi: cqi, meanRate: meanUp, direction: .uplink),
                               receivingWeight: cell.shareWeight(cqi: cqi, meanRate: meanDown, direction: .downlink),
                               cqi: cqi)
    }
}
