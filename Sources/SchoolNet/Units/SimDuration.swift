/// A span of simulated time, in integer nanoseconds.
///
/// Kept apart from ``SimTime`` (an instant), as SwiftNIO keeps `TimeAmount` apart from
/// `NIODeadline`: an instant plus a duration is an instant, two instants differ by a
/// duration, and two instants cannot be added. Integer nanoseconds make event order exact
/// and platform independent; `Int64` covers ±292 years.
///
/// Constructors spell the unit: `.seconds(1.5)`, `.milliseconds(40)`, `.minutes(45)`.
/// Fractional inputs are rounded to the nearest nanosecond.
public struct SimDuration: Hashable, Comparable, Sendable, Codable {
    /// The length of the span in nanoseconds.
    public var nanoseconds: Int64

    /// Creates a duration of exactly `nanoseconds` nanoseconds.
    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The empty duration.
    public static let zero = SimDuration(nanoseconds: 0)
    /// The largest representable duration, used as "never".
    public static let infinity = SimDuration(nanoseconds: .max)

    /// A duration of `value` nanoseconds.
    @inlinable public static func nanoseconds(_ value: Int64) -> SimDuration { SimDuration(nanoseconds: value) }
    /// A duration of `value` microseconds, rounded to the nearest nanosecond.
    @inlinable public static func microseconds(_ value: Double) -> SimDuration { .seconds(value / 1e6) }
    /// A duration of `value` milliseconds, rounded to the nearest nanosecond.
    @inlinable public static func milliseconds(_ value: Double) -> SimDuration { .seconds(value / 1e3) }
    /// A duration of `value` minutes, rounded to the nearest nanosecond.
    @inlinable public static func minutes(_ value: Double) -> SimDuration { .seconds(value * 60) }
    /// A duration of `value` hours, rounded to the nearest nanosecond.
    @inlinable public static func hours(_ value: Double) -> SimDuration { .seconds(value * 3600) }

    /// A duration of `value` seconds, rounded to the nearest nanosecond.
    ///
    /// Values beyond the `Int64` range (including +∞) saturate to ``infinity``; NaN and
    /// negative infinity are programmer errors.
    @inlinable public static func seconds(_ value: Double) -> SimDuration {
        precondition(!value.isNaN, "SimDuration.seconds(NaN)")
        let ns = (value * 1e9).rounded()
        if ns >= 9.2e18 { return .infinity }
        precondition(ns > -9.2e18, "SimDuration out of range: \(value) s")
        return SimDuration(nanoseconds: Int64(ns))
    }

    /// The duration in seconds, as a `Double` (for arithmetic inside a model).
    @inlinable public var seconds: Double { Double(nanoseconds) * 1e-9 }
    /// The duration in milliseconds, as a `Double`.
    @inlinable public var milliseconds: Double { Double(nanoseconds) * 1e-6 }

    @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds &+ b.nanoseconds)
    }
    @inlinable public static func - (a: SimDuration, b: SimDuration) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds &- b.nanoseconds)
    }
    @inlinable public static func += (a: inout SimDuration, b: SimDuration) { a = a + b }
    @inlinable public static func -= (a: inout SimDuration, b: SimDuration) { a = a - b }
    /// Scales a duration, rounding to the nearest nanosecond.
    @inlinable public static func * (a: SimDuration, k: Double) -> SimDuration { .seconds(a.seconds * k) }
    /// Scales a duration by a whole number exactly.
    @inlinable public static func * (a: SimDuration, k: Int) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds * Int64(k))
    }
    /// The ratio of two durations.
    @inlinable public static func / (a: SimDuration, b: SimDuration) -> Double {
        Double(a.nanoseconds) / Double(b.nanoseconds)
    }
}

extension SimDuration: CustomStringConvertible {
    /// A readable form in the largest unit that keeps it short: `"40 ms"`, `"1.5 s"`, `"45 min"`.
    public var description: String {
        if self == .infinity { return "∞" }
        let s = seconds
        let a = abs(s)
        if a == 0 { return "0 s" }
        if a < 1e-6 { return "\(nanoseconds) ns" }
        if a < 1e-3 { return "\(UnitFormat.number(s * 1e6)) µs" }
        if a < 1 { return "\(UnitFormat.number(s * 1e3)) ms" }
        if a < 120 { return "\(UnitFormat.number(s)) s" }
        if a < 7200 { return "\(UnitFormat.number(s / 60)) min" }
        return "\(UnitFormat.number(s / 3600)) h"
    }
}
