/// The identity of a simulated entity as a 64-bit key, built from its position — a school's
/// index, a class's grade and ordinal in that grade, a device's index in its class — never
/// from names.
///
/// Random streams derive from (replication seed, entity key) with
/// ``RandomStream/derived(key:)``: renaming a school changes nothing but its name, and
/// adding a class changes no other class's draws (the class's key is its grade and its
/// ordinal within the grade, so only classes after it in the same grade move).
///
/// - Complexity: ``appending(_:)`` is O(1), two SplitMix64 rounds.
public struct EntityKey: Hashable, Sendable {
    /// The mixed key.
    public let value: UInt64

    /// The key of a top-level entity family, e.g. `EntityKey(tag: 1)` for devices.
    public init(tag: UInt64) { value = SplitMix64.mix(tag &+ 0x9E37_79B9_7F4A_7C15) }

    init(value: UInt64) { self.value = value }

    /// The key of a numbered child (school 3, grade 6, class 2, device 17).
    public func appending(_ part: Int) -> EntityKey {
        EntityKey(value: SplitMix64.mix(value ^ SplitMix64.mix(UInt64(bitPattern: Int64(part)) &+ 0xD1B5_4A32_D192_ED03)))
    }
}
