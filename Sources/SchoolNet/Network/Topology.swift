/// The network as the scenario describes it: nodes, links between them, and the capacity
/// resources the links use; plus static routes between nodes.
///
/// A full-duplex cable is one link owning two resources (one per direction, named
/// `"NAME ↑"` for the lower-to-upper direction and `"NAME ↓"` back). A shared half-duplex
/// medium (a Wi-Fi cell's airtime) is one resource that several links — one per client —
/// use in both directions, each with its client's airtime factor (see ``Hop``). Links
/// are added lower node first (device side, then internet side), which fixes what "up"
/// means.
///
/// Routes are shortest paths by hop count (breadth-first, neighbours in link order, so ties
/// are broken the same way every run) in the school → access → aggregation → destination
/// tree or DAG, computed once per (source, destination) and cached by ``Network``.
public struct Topology: Sendable {
    /// What a node is; reports and validation use it.
    public enum NodeKind: String, Sendable, CaseIterable {
        case device, accessPoint, `switch`, router, appliance, gateway, service, internet
    }

    /// A node.
    public struct Node: Sendable {
        /// Unique name, e.g. `"school-3/class-2-1/student-17"`.
        public var name: String
        /// What the node is.
        public var kind: NodeKind
        /// Concurrent-session limit of an appliance (firewall, proxy, UTM), if any.
        public var sessionLimit: SessionLimit?
        /// A rate limit applied to every transfer from or to this node (a SIM throttled
        /// after its monthly data cap), if any.
        public var rateCeiling: DataRate?
        /// Factor on the max-min weight of every transfer this node sends (1 unless a
        /// scheduler gives the node a larger or smaller share: see ``setShareWeights(_:sending:receiving:)``).
        public var sendingWeight: Double = 1
        /// The same for every transfer this node receives.
        public var receivingWeight: Double = 1
    }

    /// A capacity constraint.
    public struct Resource: Sendable {
        /// Name shown in reports, e.g. `"school-3 access ↑"`.
        public var name: String
        /// Capacity.
        public var capacity: DataRate
        /// Buffer in front of it (for queueing delay), e.g. a router's port buffer.
        public var buffer: ByteCount
        /// How the buffer is served when the resource is saturated.
        public var discipline: QueueDiscipline = .fifo
        /// The link (or medium) this resource belongs to, for grouping in reports.
        public var group: String
    }

    /// A link between two nodes.
    public struct Link: Sendable {
        /// Name, e.g. `"school-3 access"`.
        public var name: String
        /// Lower (device-side) end.
        public var lower: NodeID
        /// Upper (internet-side) end.
        public var upper: NodeID
        /// One-way propagation delay.
        public var propagation: SimDuration
        /// Resources used going up (lower → upper).
        public var up: [Hop]
        /// Resources used going down (upper → lower).
        public var down: [Hop]
    }

    /// A route: the hops a flow crosses and the one-way propagation delay.
    public struct Route: Sendable, Equatable {
        /// Resources crossed, in order.
        public var hops: [Hop]
        /// Nodes visited, source first.
        public var nodes: [NodeID]
        /// One-way propagation delay, summed over links.
        public var propagation: SimDuration
    }

    /// All nodes, by ``NodeID``.
    public private(set) var nodes: [Node] = []
    /// All resources, by ``ResourceID``.
    public private(set) var resources: [Resource] = []
    /// All links, by ``LinkID``.
    public private(set) var links: [Link] = []
    /// Links touching each node, in link order.
    public private(set) var adjacency: [[LinkID]] = []
    /// Shared media whose capacity depends on how many senders contend (see
    /// ``setContention(_:capacities:)``).
    public internal(set) var contendedMedia: [ContendedMedium] = []
    /// The resources of ``contendedMedia``, for a constant-time check that each has one table.
    var contendedResources = Set<Int32>()
    /// Each node's link towards the internet (the first link where it is the lower end),
    /// or -1; and whether every node has at most one (a tree, routed by walking up).
    var upLink: [Int32] = []
    var isTree = true

    /// Creates an empty topology.
    public init() {}

    /// Adds a node.
    @discardableResult
    public mutating func addNode(_ name: String, kind: NodeKind, sessionLimit: SessionLimit? = nil) -> NodeID {
        nodes.append(Node(name: name, kind: kind, sessionLimit: sessionLimit, rateCeiling: nil))
        adjacency.append([])
        upLink.append(-1)
        return NodeID(nodes.count - 1)
    }

    /// Adds a resource (a shared medium, or one used by several links).
    @discardableResult
    public mutating func addResource(_ name: String, capacity: DataRate, buffer: ByteCount = .kilobytes(256),
                                     discipline: QueueDiscipline = .fifo, group: String? = nil) -> ResourceID {
        resources.append(Resource(name: name, capacity: capacity, buffer: buffer, discipline: discipline,
                                  group: group ?? name))
        return ResourceID(resources.count - 1)
    }

    /// Adds a resource with a queue whose buffer may be given as time at `capacity`.
    @discardableResult
    public mutating func addResource(_ name: String, capacity: DataRate, queue: QueueSpec, group: String? = nil) -> ResourceID {
        addResource(name, capacity: capacity, buffer: queue.buffer.bytes(at: capacity), discipline: queue.discipline, group: group)
    }

    /// Adds a link using the given hops in each direction.
    @discardableResult
    public mutating func addLink(_ name: String, lower: NodeID, upper: NodeID, propagation: SimDuration = .zero,
                                 up: [Hop], down: [Hop]) -> LinkID {
        links.append(Link(name: name, lower: lower, upper: upper, propagation: propagation, up: up, down: down))
        let id = LinkID(links.count - 1)
        if upLink[lower.index] >= 0 { isTree = false } else { upLink[lower.index] = id.rawValue }
        adjacency[lower.index].append(id)
        adjacency[upper.index].append(id)
        return id
    }

    /// Adds a full-duplex link with its own resource in each direction.
    ///
    /// - Parameters:
    ///   - name: the link's name; resources are `"NAME ↑"` and `"NAME ↓"`.
    ///   - up: capacity lower → upper.
    ///   - down: capacity upper → lower.
    ///   - buffer: the buffer in front of each direction.
    ///   - discipline: how each direction's buffer is served.
    @discardableResult
    public mutating func addDuplexLink(_ name: String, lower: NodeID, upper: NodeID, up: DataRate, down: DataRate,
                                       propagation: SimDuration = .zero, buffer: ByteCount = .kilobytes(256),
                                       discipline: QueueDiscipline = .fifo) -> LinkID {
        let u = addResource(name + " ↑", capacity: up, buffer: buffer, discipline: discipline, group: name)
        let d = addResource(name + " ↓", capacity: down, buffer: buffer, discipline: discipline, group: name)
        return addLink(name, lower: lower, upper: upper, propagation: propagation, up: [Hop(u)], down: [Hop(d)])
    }

    /// Adds a full-duplex link whose two directions each have `queue` (a buffer given as
    /// time is converted at each direction's capacity).
    @discardableResult
    public mutating func addDuplexLink(_ name: String, lower: NodeID, upper: NodeID, up: DataRate, down: DataRate,
                                       propagation: SimDuration = .zero, queue: QueueSpec) -> LinkID {
        let u = addResource(name + " ↑", capacity: up, queue: queue, group: name)
        let d = addResource(name + " ↓", capacity: down, queue: queue, group: name)
        return addLink(name, lower: lower, upper: upper, propagation: propagation, up: [Hop(u)], down: [Hop(d)])
    }

    /// Sets a resource's capacity (while the scenario is built).
    mutating func setCapacity(_ r: ResourceID, _ c: DataRate) {
        resources[r.index].capacity = c
    }

    /// Limits every transfer from or to `node` to `rate` (a throttled SIM).
    public mutating func setRateCeiling(_ node: NodeID, _ rate: DataRate) {
        nodes[node.index].rateCeiling = rate
    }

    /// Scales the max-min weight of every transfer from `node` by `sending` and of every
    /// transfer to it by `receiving` (a proportional-fair radio cell's equal time shares:
    /// ``LTECell/shareWeight(cqi:meanRate:direction:)``).
    ///
    /// - Precondition: both weights are finite and positive.
    public mutating func setShareWeights(_ node: NodeID, sending: Double, receiving: Double) {
        precondition(sending > 0 && sending.isFinite && receiving > 0 && receiving.isFinite, "share weights must be positive")
        nodes[node.index].sendingWeight = sending
        nodes[node.index].receivingWeight = receiving
    }

    /// Sets the airtime factor of every hop of `link` in both directions (a device's radio
    /// link quality, drawn per replication).
    ///
    /// - Parameters:
    ///   - link: the link.
    ///   - up: the factor of its upward hops.
    ///   - down: the factor of its downward hops.
    public mutating func setFactors(_ link: LinkID, up: Double, down: Double) {
        precondition(up > 0 && up.isFinite && down > 0 && down.isFinite, "hop factor must be positive")
        for h in links[link.index].up.indices { links[link.index].up[h].factor = up }
        for h in links[link.index].down.indices { links[link.index].down[h].factor = down }
    }

    /// The node named `name`, if any.
    public func node(named name: String) -> NodeID? {
        nodes.firstIndex { $0.name == name }.map { NodeID($0) }
    }

    /// The shortest route (by links) from `source` to `destination`, or nil if none.
    ///
    /// - Complexity: O(depth) in a tree (every node with at most one upward link: walk up
    ///   from both ends to the lowest common ancestor); O(nodes + links) breadth-first
    ///   search otherwise.
    public func route(from source: NodeID, to destination: NodeID) -> Route? {
        if source == destination { return nil }
        return isTree ? treeRoute(from: source, to: destination) : breadthFirstRoute(from: source, to: destination)
    }

    /// Breadth-first shortest path (neighbours in link order).
    func breadthFirstRoute(from source: NodeID, to destination: NodeID) -> Route? {
        var previous = [Int32](repeating: -1, count: nodes.count)  // link index used to reach
        var seen = [Bool](repeating: false, count: nodes.count)
        var queue = [source.index]
        seen[source.index] = true
        var head = 0
        while head < queue.count {
            let n = queue[head]; head += 1
            if n == destination.index { break }
            for l in adjacency[n] {
                let link = links[l.index]
                let other = link.lower.index == n ? link.upper.index : link.lower.index
                if !seen[other] {
                    seen[other] = true
                    previous[other] = l.rawValue
                    queue.append(other)
                }
            }
        }
        guard seen[destination.index] else { return nil }
        var hops: [Hop] = []
        var path: [NodeID] = [destination]
        var propagation = SimDuration.zero
        var n = destination.index
        while n != source.index {
            let link = links[Int(previous[n])]
            let from = link.lower.index == n ? link.upper.index : link.lower.index
            // Traversed from `from` to `n`: up if from is the lower end.
            let used = link.lower.index == from ? link.up : link.down
            hops.insert(contentsOf: used, at: 0)
            propagation += link.propagation
            path.insert(NodeID(from), at: 0)
            n = from
        }
        return Route(hops: hops, nodes: path, propagation: propagation)
    }

    /// The unique path in a tree: up from the source to the lowest common ancestor, then
    /// down to the destination.
    func treeRoute(from source: NodeID, to destination: NodeID) -> Route? {
        func ancestors(_ n: Int) -> [(node: Int, link: Int32)] {  // (node, link used to reach it from below)
            var out = [(n, Int32(-1))]
            var cur = n
            while upLink[cur] >= 0 {
                let l = upLink[cur]
                cur = links[Int(l)].upper.index
                out.append((cur, l))
                if out.count > nodes.count { return out }  // defensive: a cycle of up-links
            }
            return out
        }
        let up = ancestors(source.index)
        let down = ancestors(destination.index)
        guard let meetInDown = down.firstIndex(where: { d in up.contains { $0.node == d.node } }) else { return nil }
        let meet = down[meetInDown].node
        let meetInUp = up.firstIndex { $0.node == meet }!
        var hops: [Hop] = []
        var path: [NodeID] = []
        var propagation = SimDuration.zero
        for i in 0...meetInUp {
            path.append(NodeID(up[i].node))
            if i > 0 {
                let link = links[Int(up[i].link)]
                hops.append(contentsOf: link.up)
                propagation += link.propagation
            }
        }
        var i = meetInDown
        while i > 0 {
            let link = links[Int(down[i].link)]
            hops.append(contentsOf: link.down)
            propagation += link.propagation
            path.append(NodeID(down[i - 1].node))
            i -= 1
        }
        return Route(hops: hops, nodes: path, propagation: propagation)
    }
}

/// A concurrent-session table of an appliance (firewall / UTM / proxy).
///
/// **Assumptions**: a transfer that opens a new connection through the appliance holds
/// `sessionsPerConnection` entries from the start of its set-up to its end (a reused
/// connection holds none: its session was counted when it was opened). When the table is
/// full, a new connection either waits in FIFO order for a free entry or is refused at once.
/// **Source**: REFERENCES.md §2 (vendor note that proxies/UTMs limit concurrent sessions and
/// that some cloud services open > 100 sessions per device).
public struct SessionLimit: Sendable, Equatable {
    /// What happens to a connection that finds the table full.
    public enum Policy: String, Sendable, CaseIterable {
        /// Wait (FIFO) for a free entry.
        case queue
        /// Fail at once; the application may retry.
        case refuse
    }
    /// Table size.
    public var capacity: Int
    /// Policy when full.
    public var policy: Policy
    /// Creates a limit.
    public init(capacity: Int, policy: Policy) {
        self.capacity = capacity
        self.policy = policy
    }
}
