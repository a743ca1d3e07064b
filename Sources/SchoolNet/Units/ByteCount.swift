/// An amount of data in bytes (SI prefixes: 1 MB = 10⁶ bytes; binary ones spelled `MiB`).
public struct ByteCount: Hashable, Comparable, Sendable, Codable {
    /// The amount in bytes.
    public var bytes: Int64

    /// Creates an amount of `bytes` bytes.
    @inlinable public init(bytes: Int64) { self.bytes = bytes }

    /// No data.
    public static let zero = ByteCount(bytes: 0)

    @inlinable public static func bytes(_ v: Int64) -> ByteCount { ByteCount(bytes: v) }
    @inlinable public static func kilobytes(_ v: Double) -> ByteCount { ByteCount(bytes: Int64((v * 1e3).rounded())) }
    @inlinable public static func megabytes(_ v: Double) -> ByteCount { ByteCount(bytes: Int64((v * 1e6).rounded())) }
    @inlinable public static func gigabytes(_ v: Double) -> ByteCount { ByteCount(bytes: Int64((v * 1e9).rounded())) }
    @inlinable public static func kibibytes(_ v: Double) -> ByteCount { ByteCount(bytes: Int64((v * 1024).rounded())) }
    @inlinable public static func mebibytes(_ v: Double) -> ByteCount { ByteCount(bytes: Int64((v * 1_048_576).rounded())) }

    /// The amount in bits, as a `Double`.
    @inlinable public var bits: Double { Double(bytes) * 8 }

    @inlinable public static func < (a: ByteCount, b: ByteCount) -> Bool { a.bytes < b.bytes }
    @inlinable public static func + (a: ByteCount, b: ByteCount) -> ByteCount { ByteCount(bytes: a.bytes + b.bytes) }
    @inlinable public static func - (a: ByteCount, b: ByteCount) -> ByteCount { ByteCount(bytes: a.bytes - b.bytes) }
    @inlinable public static func += (a: inout ByteCount, b: ByteCount) { a = a + b }
    @inlinable public static func * (a: ByteCount, k: Int) -> ByteCount { ByteCount(bytes: a.bytes * Int64(k)) }
    /// The time to carry this amount at `rate` (``SimDuration/infinity`` at zero rate).
    @inlinable public static func / (a: ByteCount, rate: DataRate) -> SimDuration {
        rate.bitsPerSecond > 0 ? .seconds(a.bits / rate.bitsPerSecond) : .infinity
    }
    /// The rate that carries this amount in `d`.
    @inlinable public static func / (a: ByteCount, d: SimDuration) -> DataRate {
        DataRate(bitsPerSecond: a.bits / d.seconds)
    }
}

extension ByteCount: CustomStringConvertible {
    /// A readable form: `"2 MB"`, `"50 kB"`, `"1.2 GB"`.
    public var description: String {
        let b = Double(bytes)
        let a = abs(b)
        if a >= 1e9 { return "\(UnitFormat.number(b / 1e9)) GB" }
        if a >= 1e6 { return "\(UnitFormat.number(b / 1e6)) MB" }
        if a >= 1e3 { return "\(UnitFormat.number(b / 1e3)) kB" }
        return "\(bytes) B"
    }
}
