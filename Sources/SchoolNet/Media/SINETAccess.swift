/// A school's path over SINET: its access line to the prefecture's SINET node, then the
/// 400 Gbps inter-node backbone.
///
///     capacity = min(access line, backbone) × VPN efficiency
///     one-way propagation = 5 µs/km × (access distance + backbone distance)
///
/// **Assumptions**: the backbone is never the bottleneck for one school's flows but is kept
/// in the min for completeness (and for region-scale scenarios that aggregate schools
/// through one node); propagation at ≈ 2/3 c in fiber, 5 µs/km one way (1 ms RTT per
/// 100 km); route length = distance (no detour factor; pass the fiber route length if
/// known); symmetric line.
///
/// **Source**: REFERENCES.md §5 (SINET6: 400 Gbps between prefecture nodes, Okinawa 100 Gbps,
/// schools at 1–10 Gbps over a line plus VPN; ≈ 1 ms RTT per 100 km [COMPUTED]).
///
/// **Validated by**: `SINETAccessTests.capacityIsMinTimesVPN`, `SINETAccessTests.propagation`.
public struct SINETAccess: Hashable, Sendable, Codable {
    /// The school's line to its SINET node (1–10 Gbps).
    public var accessLine: DataRate
    /// The inter-node backbone (400 Gbps; 100 Gbps for Okinawa).
    public var backbone: DataRate
    /// Route length from the school to its SINET node, km.
    public var accessDistanceKm: Double
    /// The tunnel over the access line.
    public var vpn: VPNEncapsulation
    /// The path MTU of the access line.
    public var mtu: ByteCount

    /// Creates a SINET access.
    public init(
        accessLine: DataRate, backbone: DataRate = .gigabitsPerSecond(400), accessDistanceKm: Double = 20,
        vpn: VPNEncapsulation = .ipsecTunnelAESGCM, mtu: ByteCount = .bytes(1500)
    ) {
        precondition(accessLine.bitsPerSecond > 0 && backbone.bitsPerSecond > 0 && accessDistanceKm >= 0)
        self.accessLine = accessLine
        self.backbone = backbone
        self.accessDistanceKm = accessDistanceKm
        self.vpn = vpn
        self.mtu = mtu
    }

    /// One-way propagation in fiber: 5 µs per km.
    public static func propagationDelay(distanceKm: Double) -> SimDuration {
        .microseconds(5 * distanceKm)
    }

    /// The capacity for inner (school) packets, each direction.
    public var capacity: DataRate { min(accessLine, backbone) * vpn.efficiency(mtu: mtu) }

    /// The one-way propagation delay from the school to a destination `backboneDistanceKm`
    /// beyond its SINET node (0 for a service at the node).
    public func oneWayDelay(backboneDistanceKm: Double = 0) -> SimDuration {
        Self.propagationDelay(distanceKm: accessDistanceKm + backboneDistanceKm)
    }
}
