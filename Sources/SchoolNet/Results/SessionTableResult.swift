/// What one session-limited node (a firewall, proxy or UTM appliance, or a server with a
/// connection limit) did during a run: how close its session table came to the limit and
/// how many new connections had to wait or were refused.
///
/// A full session table delays users without any link being full, so the bottleneck
/// ranking lists it beside the links (see ``Bottleneck``).
public struct SessionTableResult: Sendable, Equatable, Codable {
    /// Index of the node in the topology (`NodeID.rawValue`).
    public var node: Int
    /// The node's name, e.g. `"board DC firewall"`.
    public var name: String
    /// The node's kind (`appliance`, `service`, …).
    public var nodeKind: String
    /// The concurrent-session limit.
    public var limit: Int
    /// What happens at the limit: `queue` or `refuse`.
    public var policy: String
    /// Peak concurrent sessions.
    public var peak: Int
    /// Connections that had to wait for a free session.
    public var queued: Int
    /// Connections refused.
    public var refused: Int
    /// Total time connections waited for a session, summed over connections.
    public var waitSeconds: Double

    /// Creates a session-table result from its parts.
    public init(node: Int, name: String, nodeKind: String, limit: Int, policy: String, peak: Int, queued: Int,
                refused: Int, waitSeconds: Double) {
        self.node = node
        self.name = name
        self.nodeKind = nodeKind
        self.limit = limit
        self.policy = policy
        self.peak = peak
        self.queued = queued
        self.refused = refused
        self.waitSeconds = waitSeconds
    }

    /// The seconds of delay one refused connection counts for in the ranking: a refusal
    /// costs the user at least a retry, which is not measured here, so it counts as a
    /// nominal 1 s — enough to rank a refusing table above an idle one, no more.
    public static let refusalPenaltySeconds = 1.0

    /// The ranking key: wait-seconds plus ``refusalPenaltySeconds`` per refusal.
    public var delayScore: Double { waitSeconds + Double(refused) * Self.refusalPenaltySeconds }

    /// The session tables of every session-limited node of a finished network, in node order.
    ///
    /// - Parameter network: The network after the run.
    /// - Returns: One result per node with a ``SessionLimit``.
    static func all(in network: Network) -> [SessionTableResult] {
        network.topology.nodes.indices.compactMap { n in
            let node = network.topology.nodes[n]
            guard let limit = node.sessionLimit else { return nil }
            let s = network.sessionStats[n]
            return SessionTableResult(node: n, name: node.name, nodeKind: node.kind.rawValue, limit: limit.capacity,
                                      policy: limit.policy.rawValue, peak: s.peak, queued: s.queued,
                                      refused: s.refused, waitSeconds: s.waitSeconds)
        }
    }
}
