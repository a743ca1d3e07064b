/// A PPPoE network termination unit (NTE) shared by many subscribers.
///
/// The unit's capacity is shared equally by the subscribers active at the same time; the
/// school is one more active session, so its share in hour h is
///
///     share(h) = capacity / (subscribers × activeFraction(h) + 1)
///
/// **Assumptions**: equal (max-min) sharing among active sessions, each of which would use
/// more than its share; the school's traffic is one session. The default subscriber count
/// (5,000) is inside REFERENCES.md §5's "several thousand to ~10,000" range; the default active-fraction
/// profile is an **ESTIMATE** with no measured source: 0.002 at night, 0.004 in school
/// hours, 0.01 in the evening peak (20–23 h) — giving ≈ 91 Mbps at night, ≈ 48 Mbps in
/// school hours and ≈ 20 Mbps in the evening from a 1 Gbps unit. Override per scenario.
///
/// **Source**: REFERENCES.md §2 (PPPoE: one 1 Gbps unit shared by several thousand to ~10,000
/// subscribers; units added by subscriber count, not traffic [ESTIMATE, JAIPA 2018]).
///
/// **Validated by**: `FiberAccessTests.pppoeLimitedByTermination`.
public struct PPPoETermination: Hashable, Sendable, Codable {
    /// The unit's capacity.
    public var capacity: DataRate
    /// Subscribers terminated on the unit.
    public var subscribers: Int
    /// The fraction of subscribers active in each hour.
    public var activeFraction: HourlyProfile

    /// Creates a unit (defaults: 1 Gbps, 5,000 subscribers, ``defaultActiveFraction``).
    public init(
        capacity: DataRate = .gigabitsPerSecond(1), subscribers: Int = 5_000,
        activeFraction: HourlyProfile = PPPoETermination.defaultActiveFraction
    ) {
        precondition(subscribers >= 0 && activeFraction.isFraction)
        self.capacity = capacity
        self.subscribers = subscribers
        self.activeFraction = activeFraction
    }

    /// **ESTIMATE**, no measured source (see the type's discussion).
    public static let defaultActiveFraction = HourlyProfile([
        0.002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.002, 0.004,  // 00–07
        0.004, 0.004, 0.004, 0.004, 0.004, 0.004, 0.004, 0.004,  // 08–15
        0.004, 0.004, 0.004, 0.006, 0.01, 0.01, 0.01, 0.01,  // 16–23
    ])

    /// The capacity available to the school's session in hour `hour`.
    public func availableShare(hour: Int) -> DataRate {
        capacity / (Double(subscribers) * activeFraction.value(hour: hour) + 1)
    }
}
