/// The route cache's index: (source, destination) node pair → route number, an
/// open-addressing hash table with linear probing and a fixed multiplicative hash.
///
/// Replaces a `Dictionary<Int64, Int32>` on the network's hot path (a conference stream
/// asks its round-trip time every second): a lookup is one multiply, a shift and usually one
/// probe, where the standard dictionary runs SipHash. It is only looked up, never iterated,
/// so its order can reach no output (STYLE.md §5); the hash needs no per-process seed
/// because keys are node indices, not user input.
///
/// **Validated by**: `NetworkTests` (every route test looks routes up through it) and
/// `RouteTableTests` (against a dictionary, with growth).
///
/// - Complexity: ``subscript(_:_:)`` and ``insert(_:_:route:)`` O(1) expected; memory 16
///   bytes per slot, at most half the slots used.
struct RouteTable {
    /// `source << 32 | destination`, or `empty`.
    private var keys: ContiguousArray<Int64>
    private var values: ContiguousArray<Int32>
    private var shift: Int
    /// Entries held.
    private(set) var count = 0

    private static let empty: Int64 = -1

    /// Creates an empty table.
    init() {
        keys = ContiguousArray(repeating: Self.empty, count: 64)
        values = ContiguousArray(repeating: 0, count: 64)
        shift = 64 - 6
    }

    private static func key(_ s: NodeID, _ d: NodeID) -> Int64 {
        Int64(UInt32(bitPattern: s.rawValue)) << 32 | Int64(UInt32(bitPattern: d.rawValue))
    }

    private func slot(of key: Int64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    /// The route number cached for `(s, d)`, or nil.
    subscript(_ s: NodeID, _ d: NodeID) -> Int32? {
        let k = Self.key(s, d)
        let mask = keys.count - 1
        var i = slot(of: k)
        while true {
            let found = keys[i]
            if found == k { return values[i] }
            if found == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    /// Records route number `route` for `(s, d)` (not yet present).
    mutating func insert(_ s: NodeID, _ d: NodeID, route: Int32) {
        if 2 * (count + 1) > keys.count { grow() }
        place(Self.key(s, d), route)
        count += 1
    }

    private mutating func place(_ k: Int64, _ v: Int32) {
        let mask = keys.count - 1
        var i = slot(of: k)
        while keys[i] != Self.empty {
            precondition(keys[i] != k, "route already cached")
            i = (i + 1) & mask
        }
        keys[i] = k
        values[i] = v
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = ContiguousArray(repeating: Self.empty, count: oldKeys.count * 2)
        values = ContiguousArray(repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        for i in oldKeys.indices where oldKeys[i] != Self.empty { place(oldKeys[i], oldValues[i]) }
    }
}
