/// A value for each hour of the day (24 values, hour 0 = 00:00–01:00 local time).
///
/// Used for time-of-day effects: the fraction of a public LTE cell used by the public, the
/// share of a best-effort fiber line available to the school, the fraction of PPPoE
/// subscribers active. The profile is a step function: the value for hour `h` holds from
/// `h:00` to `h:59:59`.
///
/// **Assumptions**: simulated time zero is local midnight of the scenario's first day, so
/// `SimTime` maps to the hour of day by `(t / 1 h) mod 24`. The scenario layer owns any
/// other origin and should then call ``value(hour:)`` directly.
///
/// **Source**: each default names its own source where it is built.
///
/// **Validated by**: `HourlyProfileTests`.
public struct HourlyProfile: Hashable, Sendable, Codable {
    /// The 24 values, index = hour of day.
    public let values: [Double]

    /// Creates a profile from exactly 24 values.
    ///
    /// - Parameter values: one value per hour, index 0 = 00:00–01:00.
    /// - Precondition: `values.count == 24` and every value is finite.
    public init(_ values: [Double]) {
        precondition(values.count == 24, "HourlyProfile needs 24 values, got \(values.count)")
        precondition(values.allSatisfy { $0.isFinite }, "HourlyProfile values must be finite")
        self.values = values
    }

    /// A profile with the same value at every hour.
    public static func constant(_ value: Double) -> HourlyProfile {
        HourlyProfile(Array(repeating: value, count: 24))
    }

    /// The value for hour of day `hour` (taken modulo 24, so 25 is 01:00 of the next day).
    public func value(hour: Int) -> Double {
        let h = ((hour % 24) + 24) % 24
        return values[h]
    }

    /// The value at simulated instant `time` (time zero = local midnight; see Assumptions).
    public func value(at time: SimTime) -> Double {
        let hourNs: Int64 = 3_600_000_000_000
        let hour = Int((time.nanoseconds / hourNs) % 24)
        return value(hour: hour)
    }

    /// True when every value lies in `0...1` (for fraction profiles).
    public var isFraction: Bool { values.allSatisfy { (0...1).contains($0) } }
}
