/// A bit rate, in bits per second (SI prefixes: 1 Mbps = 10⁶ bit/s).
///
/// Link capacities, flow rates and ceilings travel as `DataRate`; the `Double` inside is
/// for model arithmetic only. Only meaningful operators exist: `ByteCount / DataRate` is a
/// ``SimDuration`` and `DataRate * SimDuration` a ``ByteCount``.
public struct DataRate: Hashable, Comparable, Sendable, Codable {
    /// The rate in bits per second.
    public var bitsPerSecond: Double

    /// Creates a rate of `bitsPerSecond` bit/s.
    @inlinable public init(bitsPerSecond: Double) { self.bitsPerSecond = bitsPerSecond }

    /// No throughput.
    public static let zero = DataRate(bitsPerSecond: 0)
    /// Unlimited, used for "no ceiling".
    public static let unlimited = DataRate(bitsPerSecond: .infinity)

    @inlinable public static func bitsPerSecond(_ v: Double) -> DataRate { DataRate(bitsPerSecond: v) }
    @inlinable public static func kilobitsPerSecond(_ v: Double) -> DataRate { DataRate(bitsPerSecond: v * 1e3) }
    @inlinable public static func megabitsPerSecond(_ v: Double) -> DataRate { DataRate(bitsPerSecond: v * 1e6) }
    @inlinable public static func gigabitsPerSecond(_ v: Double) -> DataRate { DataRate(bitsPerSecond: v * 1e9) }

    /// The rate in Mbit/s.
    @inlinable public var megabitsPerSecond: Double { bitsPerSecond / 1e6 }
    /// The rate in bytes per second.
    @inlinable public var bytesPerSecond: Double { bitsPerSecond / 8 }

    @inlinable public static func < (a: DataRate, b: DataRate) -> Bool { a.bitsPerSecond < b.bitsPerSecond }
    @inlinable public static func + (a: DataRate, b: DataRate) -> DataRate { DataRate(bitsPerSecond: a.bitsPerSecond + b.bitsPerSecond) }
    @inlinable public static func - (a: DataRate, b: DataRate) -> DataRate { DataRate(bitsPerSecond: a.bitsPerSecond - b.bitsPerSecond) }
    @inlinable public static func * (a: DataRate, k: Double) -> DataRate { DataRate(bitsPerSecond: a.bitsPerSecond * k) }
    @inlinable public static func * (k: Double, a: DataRate) -> DataRate { DataRate(bitsPerSecond: a.bitsPerSecond * k) }
    @inlinable public static func / (a: DataRate, k: Double) -> DataRate { DataRate(bitsPerSecond: a.bitsPerSecond / k) }
    /// The ratio of two rates (e.g. utilisation = load / capacity).
    @inlinable public static func / (a: DataRate, b: DataRate) -> Double { a.bitsPerSecond / b.bitsPerSecond }
    /// The bytes carried at this rate over `d`.
    @inlinable public static func * (a: DataRate, d: SimDuration) -> ByteCount {
        ByteCount(bytes: Int64((a.bytesPerSecond * d.seconds).rounded()))
    }
}

extension DataRate: CustomStringConvertible {
    /// A readable form: `"1 Gbps"`, `"300 Mbps"`, `"64 kbps"`.
    public var description: String {
        let b = bitsPerSecond
        if b.isInfinite { return "unlimited" }
        let a = abs(b)
        if a >= 1e9 { return "\(UnitFormat.number(b / 1e9)) Gbps" }
        if a >= 1e6 { return "\(UnitFormat.number(b / 1e6)) Mbps" }
        if a >= 1e3 { return "\(UnitFormat.number(b / 1e3)) kbps" }
        return "\(UnitFormat.number(b)) bps"
    }
}
