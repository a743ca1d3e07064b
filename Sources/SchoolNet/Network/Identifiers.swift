/// A capacity constraint in the network: one direction of a full-duplex link, a shared
/// half-duplex medium (a Wi-Fi cell's airtime), or an endpoint's capacity. The flow solver
/// shares each resource's capacity among the flows that use it.
public struct ResourceID: Hashable, Comparable, Sendable, Codable {
    /// Dense index into the solver's and topology's arrays.
    public var rawValue: Int32
    /// Creates an identifier from its index.
    @inlinable public init(_ rawValue: Int) { self.rawValue = Int32(rawValue) }
    @inlinable public var index: Int { Int(rawValue) }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A node of the topology: a device, access point, switch, router, appliance, gateway or
/// service endpoint.
public struct NodeID: Hashable, Comparable, Sendable {
    /// Dense index into the topology's node array.
    public var rawValue: Int32
    /// Creates an identifier from its index.
    @inlinable public init(_ rawValue: Int) { self.rawValue = Int32(rawValue) }
    @inlinable public var index: Int { Int(rawValue) }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A link of the topology (which owns one or two ``ResourceID``s).
public struct LinkID: Hashable, Comparable, Sendable {
    /// Dense index into the topology's link array.
    public var rawValue: Int32
    /// Creates an identifier from its index.
    @inlinable public init(_ rawValue: Int) { self.rawValue = Int32(rawValue) }
    @inlinable public var index: Int { Int(rawValue) }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// A flow in the solver. Identifiers are recycled after a flow ends.
public struct FlowID: Hashable, Comparable, Sendable {
    /// Dense index into the solver's flow arrays.
    public var rawValue: Int32
    /// Creates an identifier from its index.
    @inlinable public init(_ rawValue: Int) { self.rawValue = Int32(rawValue) }
    @inlinable public var index: Int { Int(rawValue) }
    @inlinable public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One hop of a route: the resource used and how much of it one bit of the flow consumes.
///
/// The factor is 1 for ordinary links. For a shared radio medium it is the ratio of the
/// medium's reference rate to this client's effective rate, so a slow Wi-Fi client uses
/// more airtime per bit (the rate anomaly) — see the Media layer.
public struct Hop: Hashable, Sendable {
    /// The resource crossed.
    public var resource: ResourceID
    /// Capacity consumed per unit of flow rate (> 0).
    public var factor: Double
    /// Creates a hop.
    public init(_ resource: ResourceID, factor: Double = 1) {
        precondition(factor > 0 && factor.isFinite, "hop factor must be positive")
        self.resource = resource
        self.factor = factor
    }
}
