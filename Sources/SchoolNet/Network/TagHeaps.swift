/// One binary min-heap per group (a resource), of the member flows' finish tags, sharing
/// one position table because a flow is in at most one group at a time.
///
/// Used by ``FlowSolver`` for flows limited by a saturated resource: they progress at the
/// same rate per unit weight, so their order of completion is the order of their finish
/// tags (virtual time at which they finish), which does not change when the resource's
/// share does. Ties break by flow index, so the order is total and deterministic.
///
/// Storage is ``Column``s (reference semantics, no copy-on-write checks): a copy shares
/// storage with the original, so never mutate two copies (see ``Column``).
///
/// **Validated by**: `TagHeapsTests` (minima against a plain list), and the solver's tests.
///
/// - Complexity: ``insert(_:key:into:)`` and ``remove(_:from:)`` are O(log m) for a group
///   of m flows; ``min(of:)`` is O(1). Memory: one `Int32` position per flow index.
struct TagHeaps {
    struct Node {
        var key: Double
        var flow: Int32
        func precedes(_ o: Node) -> Bool { key < o.key || (key == o.key && flow < o.flow) }
    }

    var heaps: ContiguousArray<Column<Node>> = []
    /// Position of each flow in its group's heap, or -1.
    var position: Column<Int32> = []

    /// Adds an empty group.
    mutating func addGroup() { heaps.append(Column()) }

    /// Makes room for flow indices below `n`.
    mutating func reserveFlows(_ n: Int) {
        if position.count < n { position.append(-1, count: n - position.count) }
    }

    func contains(_ f: Int) -> Bool { f < position.count && position[f] >= 0 }

    /// The member with the smallest tag, and that tag.
    func min(of g: Int) -> (flow: Int, key: Double)? {
        heaps[g].first.map { (Int($0.flow), $0.key) }
    }

    /// The smallest key of group `g` among members other than `x` (the root, or else the
    /// better of its two children), or nil.
    func minKey(of g: Int, excluding x: Int) -> Double? {
        let h = heaps[g]
        guard let root = h.first else { return nil }
        if Int(root.flow) != x { return root.key }
        switch h.count {
        case 1: return nil
        case 2: return h[1].key
        default: return Swift.min(h[1].key, h[2].key)
        }
    }

    /// The member with the second smallest key of group `g` (the better of the root's two
    /// children, ties by lower flow), or nil.
    func secondMin(of g: Int) -> Int? {
        let h = heaps[g]
        switch h.count {
        case 0, 1: return nil
        case 2: return Int(h[1].flow)
        default: return Int(h[1].precedes(h[2]) ? h[1].flow : h[2].flow)
        }
    }

    /// The number of members of group `g`.
    func count(of g: Int) -> Int { heaps[g].count }

    /// Adds flow `f` (not in any group) to group `g` with tag `key`.
    ///
    /// - Complexity: O(log m).
    mutating func insert(_ f: Int, key: Double, into g: Int) {
        withHeap(g) { heap, pos in
            heap.append(Node(key: key, flow: Int32(f)))
            heap.withUnsafeMutableBufferPointer { a in Self.siftUp(a, pos, from: a.count - 1) }
        }
    }

    /// Removes flow `f` from group `g`, if it is there.
    ///
    /// - Complexity: O(log m).
    mutating func remove(_ f: Int, from g: Int) {
        withHeap(g) { heap, pos in
            let p = Int(pos[f])
            guard p >= 0 else { return }
            pos[f] = -1
            heap.withUnsafeMutableBufferPointer { a in
                let n = a.count - 1  // the size after removal
                if p == n { return }
                let last = a[n]
                a[p] = last
                pos[Int(last.flow)] = Int32(p)
                let rest = UnsafeMutableBufferPointer(rebasing: a[0..<n])
                Self.siftUp(rest, pos, from: p)
                Self.siftDown(rest, pos, from: Int(pos[Int(last.flow)]))
            }
            heap.removeLast()
        }
    }

    /// Changes member `f`'s tag in group `g` to `key` in place: one sift, where removing
    /// and re-inserting costs two removals' worth (re-keying a held flow's ceiling).
    ///
    /// - Complexity: O(log m).
    mutating func update(_ f: Int, key: Double, in g: Int) {
        withHeap(g) { heap, pos in
            let p = Int(pos[f])
            precondition(p >= 0, "flow is not in a group")
            heap.withUnsafeMutableBufferPointer { a in
                let old = a[p]
                a[p].key = key
                if a[p].precedes(old) { Self.siftUp(a, pos, from: p) } else { Self.siftDown(a, pos, from: p) }
            }
        }
    }

    /// Runs `body` on group `g`'s heap (a handle on its column) and the position table (the
    /// sift loops then run on raw buffers: no uniqueness or bounds checks per level).
    private func withHeap<R>(_ g: Int, _ body: (Column<Node>, UnsafeMutablePointer<Int32>) -> R) -> R {
        body(heaps[g], position.base)
    }

    private static func siftUp(_ a: UnsafeMutableBufferPointer<Node>, _ pos: UnsafeMutablePointer<Int32>, from start: Int) {
        var i = start
        let moving = a[i]
        while i > 0 {
            let parent = (i - 1) >> 1
            if !moving.precedes(a[parent]) { break }
            a[i] = a[parent]
            pos[Int(a[i].flow)] = Int32(i)
            i = parent
        }
        a[i] = moving
        pos[Int(moving.flow)] = Int32(i)
    }

    private static func siftDown(_ a: UnsafeMutableBufferPointer<Node>, _ pos: UnsafeMutablePointer<Int32>, from start: Int) {
        let n = a.count
        var i = start
        let moving = a[i]
        while true {
            var c = 2 * i + 1
            if c >= n { break }
            if c + 1 < n && a[c + 1].precedes(a[c]) { c += 1 }
            if !a[c].precedes(moving) { break }
            a[i] = a[c]
            pos[Int(a[i].flow)] = Int32(i)
            i = c
        }
        a[i] = moving
        pos[Int(moving.flow)] = Int32(i)
    }
}
