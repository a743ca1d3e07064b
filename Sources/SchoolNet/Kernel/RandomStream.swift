/// A seeded pseudo-random stream: xoshiro256** (Blackman & Vigna 2018), seeded through
/// SplitMix64.
///
/// Streams are derived from (scenario seed, entity path) — for example
/// `RandomStream(seed: 42).derived("school 3").derived("class 2-1").derived(17)` — by
/// hashing the path with a fixed function (FNV-1a 64, then SplitMix64), never Swift's
/// per-process `Hasher`. Adding or removing an entity therefore never changes another
/// entity's draws: each entity's stream depends only on the seed and its own path, which
/// gives common random numbers across A/B comparisons.
///
/// - Complexity: ``next()`` is O(1), a handful of shifts and multiplies.
public struct RandomStream: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64
    /// The 64-bit key this stream was seeded from (seed mixed with its path).
    public let key: UInt64

    /// A root stream for a scenario seed.
    public init(seed: UInt64) {
        self.init(key: SplitMix64.mix(seed ^ 0x5C4F_4F4C_4E45_5400))  // "SCHOOLNET"-ish salt
    }

    @usableFromInline init(key: UInt64) {
        self.key = key
        var sm = SplitMix64(state: key)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }  // the all-zero state is a fixed point
    }

    /// The stream of a named child entity; independent of every sibling's name.
    public func derived(_ name: String) -> RandomStream {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in name.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return RandomStream(key: SplitMix64.mix(key ^ SplitMix64.mix(h)))
    }

    /// The stream of a numbered child entity (student 17, replication 3).
    public func derived(_ index: Int) -> RandomStream {
        RandomStream(key: SplitMix64.mix(key ^ SplitMix64.mix(UInt64(bitPattern: Int64(index)) &+ 0x9E37_79B9_7F4A_7C15)))
    }

    /// The stream of an entity known by a 64-bit identity key (see ``EntityKey``).
    public func derived(key identity: UInt64) -> RandomStream {
        RandomStream(key: SplitMix64.mix(key ^ SplitMix64.mix(identity ^ 0x243F_6A88_85A3_08D3)))
    }

    /// The next 64 random bits.
    @inlinable public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1], safe for `log`.
    @inlinable public mutating func nextOpenUnit() -> Double {
        Double((next() >> 11) + 1) * 0x1.0p-53
    }

    @inlinable func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used to seed and to mix keys.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator state.
    public var state: UInt64
    /// Creates a generator with the given state.
    public init(state: UInt64) { self.state = state }
    /// The next 64 bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }
    /// The SplitMix64 finaliser: a bijective 64-bit mixer.
    @inlinable public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
