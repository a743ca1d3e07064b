/// An instant of simulated time: integer nanoseconds since the start of the simulation.
///
/// An instant plus a ``SimDuration`` is an instant; two instants differ by a duration.
/// The simulation clock starts at ``zero``; scenario clocks (e.g. 08:30) are mapped onto it
/// by the scenario layer.
public struct SimTime: Hashable, Comparable, Sendable, Codable {
    /// Nanoseconds since the start of the simulation.
    public var nanoseconds: Int64

    /// Creates the instant `nanoseconds` after the start.
    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The start of the simulation.
    public static let zero = SimTime(nanoseconds: 0)
    /// An instant later than every event, used as "never".
    public static let never = SimTime(nanoseconds: .max)

    /// The instant `value` seconds after the start.
    @inlinable public static func seconds(_ value: Double) -> SimTime {
        SimTime(nanoseconds: SimDuration.seconds(value).nanoseconds)
    }

    /// Seconds since the start, as a `Double`.
    @inlinable public var seconds: Double { Double(nanoseconds) * 1e-9 }

    @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.nanoseconds < b.nanoseconds }
    /// The instant `d` after `t`; saturates at ``never``.
    @inlinable public static func + (t: SimTime, d: SimDuration) -> SimTime {
        let (sum, overflow) = t.nanoseconds.addingReportingOverflow(d.nanoseconds)
        return overflow ? (d.nanoseconds > 0 ? .never : SimTime(nanoseconds: .min)) : SimTime(nanoseconds: sum)
    }
    /// The instant `d` before `t`.
    @inlinable public static func - (t: SimTime, d: SimDuration) -> SimTime {
        SimTime(nanoseconds: t.nanoseconds - d.nanoseconds)
    }
    /// The duration from `b` to `a`.
    @inlinable public static func - (a: SimTime, b: SimTime) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds - b.nanoseconds)
    }
    @inlinable public static func += (t: inout SimTime, d: SimDuration) { t = t + d }
}

extension SimTime: CustomStringConvertible {
    /// The instant as `t=12.5 s`.
    public var description: String { self == .never ? "never" : "t=\((self - SimTime.zero).description)" }
}
