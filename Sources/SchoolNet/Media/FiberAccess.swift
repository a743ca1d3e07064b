/// A school's fiber access line: dedicated (guaranteed) or best-effort, over PPPoE or IPoE.
///
/// Capacity in a direction at hour h:
///
///     dedicated:    the guaranteed rate (no time-of-day effect)
///     best effort:  nominal × availability(h)
///     over PPPoE:   min(line, the school's share of the termination unit, ``PPPoETermination``)
///     over IPoE:    the line alone (IPoE bypasses the PPPoE termination unit)
///
/// ## Default availability (best effort) — ESTIMATE
/// REFERENCES.md §2 [SURVEY 2021]: from a student device on a direct connection, 151 Mbps down
/// at 08–09 and 139 Mbps at 11–12. Those absolute values include the school LAN, Wi-Fi,
/// device and server, which SchoolNet models separately, so using 151/1000 as the line's
/// share would count those limits twice. Only the **ratio** is taken: 139 / 151 = 0.921,
/// the midday dip of a shared best-effort upstream relative to the early morning. The
/// default profile is 1.0 from 00 to 09 h, 0.921 at 11–14 h (the measured hour, held over
/// the school day's busiest period), linear steps in between (0.974 at 9 h, 0.947 at 10 h,
/// 0.947 at 15 h, 0.974 at 16–18 h), and 0.921 at 19–22 h (residential evening peak
/// assumed no worse than midday; no source), 0.974 at 23 h. The level 1.0 is an
/// assumption; scale the profile (``availability``) for a pessimistic plan.
///
/// **Assumptions**: asymmetric up/down nominal rates allowed; the availability applies to
/// both directions; dedicated lines have no hourly effect.
///
/// **Source**: REFERENCES.md §2 (151/137 at 08–09, 139/129 at 11–12 Mbps; ~95 % of boards use
/// best-effort lines; PPPoE termination units vs IPoE) and §5 (Fiber).
///
/// **Validated by**: `FiberAccessTests.dedicatedIgnoresHour`, `FiberAccessTests.bestEffortProfile`,
/// `FiberAccessTests.pppoeLimitedByTermination`, `FiberAccessTests.ipoeBypassesTermination`.
public struct FiberAccess: Hashable, Sendable, Codable {
    /// The kind of line.
    public enum Service: Hashable, Sendable, Codable {
        /// A bandwidth-guaranteed line.
        case dedicated(downlink: DataRate, uplink: DataRate)
        /// A best-effort line: nominal rates × hourly availability.
        case bestEffort(downlink: DataRate, uplink: DataRate, availability: HourlyProfile)
    }

    /// How sessions reach the ISP.
    public enum Session: Hashable, Sendable, Codable {
        /// IPoE (IPv6 native / IPv4 over IPv6): no PPPoE termination unit in the path.
        case ipoe
        /// PPPoE through a shared network termination unit.
        case pppoe(PPPoETermination)
    }

    /// The line.
    public var service: Service
    /// The session type.
    public var session: Session

    /// Creates a fiber access.
    public init(service: Service, session: Session = .ipoe) {
        self.service = service
        self.session = session
    }

    /// A best-effort 1 Gbps symmetric FTTH line with the default (ESTIMATE) availability.
    public static func bestEffort1G(session: Session = .ipoe) -> FiberAccess {
        FiberAccess(service: .bestEffort(downlink: .gigabitsPerSecond(1), uplink: .gigabitsPerSecond(1),
                                         availability: defaultAvailability), session: session)
    }

    /// **ESTIMATE** derived from REFERENCES.md §2 (see the type's discussion): the fraction of
    /// nominal available by hour on a best-effort line.
    public static let defaultAvailability: HourlyProfile = {
        let dip = 139.0 / 151.0
        let step1 = 1 - (1 - dip) / 3
        let step2 = 1 - 2 * (1 - dip) / 3
        return HourlyProfile([
            1, 1, 1, 1, 1, 1, 1, 1,  // 00–07
            1, step1, step2, dip, dip, dip, dip, step2,  // 08–15
            step1, step1, step1, dip, dip, dip, dip, step1,  // 16–23
        ])
    }()

    /// The line's capacity in `direction` at hour of day `hour`.
    public func capacity(direction: MediaDirection, hour: Int) -> DataRate {
        let line: DataRate
        switch service {
        case let .dedicated(down, up):
            line = direction == .downlink ? down : up
        case let .bestEffort(down, up, availability):
            line = (direction == .downlink ? down : up) * availability.value(hour: hour)
        }
        switch session {
        case .ipoe: return line
        case let .pppoe(unit): return min(line, unit.availableShare(hour: hour))
        }
    }
}
