/// Grouping a session's students into cohorts (``CBTWorkload/Cohorts``).
extension CBTWorkload {
    /// What makes two devices' paths to every server identical: the device's one link
    /// (its upper node, the hops with their airtime factors each way, its propagation) and
    /// the device's own rate ceiling. Devices with another number of links get a key of
    /// their own (never grouped).
    struct PathKey: Hashable {
        var upper: Int32
        var up: [Hop], down: [Hop]
        var propagation: Int64
        var ceiling: Double
        /// -1, or the device itself when it cannot be grouped.
        var loner: Int32

        init(_ device: NodeID, in topology: Topology) {
            let links = topology.adjacency[device.index]
            let node = topology.nodes[device.index]
            ceiling = node.rateCeiling?.bitsPerSecond ?? .infinity
            if links.count == 1, topology.links[links[0].index].lower == device {
                let l = topology.links[links[0].index]
                upper = l.upper.rawValue
                up = l.up
                down = l.down
                propagation = l.propagation.nanoseconds
                loner = -1
            } else {
                upper = -1
                up = []
                down = []
                propagation = 0
                loner = device.rawValue
            }
        }
    }

    /// The cohorts of one session: with `cohorts: "student"` every student alone; with
    /// `"class"` the students whose devices have the same ``PathKey``, in order of their
    /// first member; with a number n, those groups cut into cohorts of at most n in
    /// device order.
    ///
    /// - Returns: per cohort its first member (index in `session.devices`) and its size;
    ///   per member its cohort (index into `cohorts`).
    /// - Complexity: O(devices) expected (hash lookups only; no hash order reaches the result).
    func cohorts(of session: ActivitySession, in topology: Topology) -> (cohorts: [(first: Int, size: Int)], cohortOfMember: [Int]) {
        let n = session.devices.count
        let limit = configuration.cohorts.maximumSize
        guard limit > 1 else {
            return (session.devices.indices.map { ($0, 1) }, Array(0..<n))
        }
        var cohorts: [(first: Int, size: Int)] = []
        var cohortOfMember: [Int] = []
        cohortOfMember.reserveCapacity(n)
        var index: [PathKey: Int] = [:]  // the open cohort per path; looked up only, never iterated
        for (i, d) in session.devices.enumerated() {
            let key = PathKey(d, in: topology)
            if let c = index[key], cohorts[c].size < limit {
                cohorts[c].size += 1
                cohortOfMember.append(c)
            } else {
                index[key] = cohorts.count
                cohortOfMember.append(cohorts.count)
                cohorts.append((i, 1))
            }
        }
        return (cohorts, cohortOfMember)
    }
}
