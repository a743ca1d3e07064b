/// A map from `Int64` keys to `Int32` values (dense indices) for hot paths: open
/// addressing with linear probing, a fixed multiplicative hash, and backward-shift deletion.
///
/// Stands in for `Dictionary<Int64, Int32>` where the key is already an index pair (a route's
/// source and destination, a resource and a group), looked up on every event: a lookup is a
/// multiply, a shift and usually one probe, where the standard dictionary runs SipHash. It
/// offers what those uses need — `table[key]` to read, `table[key] = value` to insert or
/// replace, `table[key] = nil` to remove, and `count` — and no iteration, so no order can
/// reach events, sums or output. The hash needs no per-process seed: keys are
/// the simulator's own indices, not outside input.
///
/// Slots are ``Column``s (reference semantics, no copy-on-write checks): a copy of a table
/// shares its slots with the original, so never mutate two copies.
///
/// **Validated by**: `IndexTableTests` (against a dictionary, with growth and removal).
///
/// - Complexity: reading, inserting and removing are O(1) expected (the table keeps at most
///   half its slots full); memory 12 bytes per slot, never shrinking.
struct IndexTable {
    /// Keys by slot, or ``empty``.
    private var keys: Column<Int64>
    private var values: Column<Int32>
    /// 64 − log₂(slot count): the hash keeps the product's top bits.
    private var shift: UInt64
    /// The number of keys held.
    private(set) var count = 0

    /// The slot marker for "no key"; not a valid key.
    static let empty = Int64.min

    /// Creates an empty table.
    init() {
        keys = Column(repeating: Self.empty, count: 16)
        values = Column(repeating: 0, count: 16)
        shift = 64 - 4
    }

    @inline(__always)
    private func home(_ key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot holding `key`, or nil.
    private func slot(of key: Int64) -> Int? {
        let mask = keys.count - 1
        var i = home(key)
        while true {
            let k = keys[i]
            if k == key { return i }
            if k == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    /// The value for `key`; assigning nil removes it.
    subscript(key: Int64) -> Int32? {
        get { value(forKey: key) }
        set {
            precondition(key != Self.empty, "IndexTable: reserved key")
            if let v = newValue { insert(key, v) } else { remove(key) }
        }
    }

    /// The lookup, kept out of line: a caller's body stays small enough to inline, which
    /// matters for the solver's non-mutating helpers (a call that is not inlined copies the
    /// whole solver to pass it).
    @inline(never)
    private func value(forKey key: Int64) -> Int32? {
        slot(of: key).map { values[$0] }
    }

    private mutating func insert(_ key: Int64, _ value: Int32) {
        if let i = slot(of: key) {
            values[i] = value
            return
        }
        if 2 * (count + 1) > keys.count { grow() }
        place(key, value)
        count += 1
    }

    /// Puts a key known to be absent in its first free slot.
    private mutating func place(_ key: Int64, _ value: Int32) {
        let mask = keys.count - 1
        var i = home(key)
        while keys[i] != Self.empty { i = (i + 1) & mask }
        keys[i] = key
        values[i] = value
    }

    /// Removes `key` and shifts back the keys after it in its run, so every key stays
    /// reachable from its home slot without tombstones (Knuth's algorithm R).
    private mutating func remove(_ key: Int64) {
        guard var hole = slot(of: key) else { return }
        let mask = keys.count - 1
        var j = hole
        while true {
            j = (j + 1) & mask
            let k = keys[j]
            if k == Self.empty { break }
            // Move k into the hole unless its home lies cyclically in (hole, j].
            let h = home(k)
            let stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j)
            if !stays {
                keys[hole] = k
                values[hole] = values[j]
                hole = j
            }
        }
        keys[hole] = Self.empty
        count -= 1
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Column(repeating: Self.empty, count: oldKeys.count * 2)  // new storage: the old stays with oldKeys
        values = Column(repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        for i in oldKeys.indices where oldKeys[i] != Self.empty { place(oldKeys[i], oldValues[i]) }
    }
}
