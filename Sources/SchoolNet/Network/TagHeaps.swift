/// One binary min-heap per group (a resource), of the member flows' finish tags, sharing
/// one position table because a flow is in at most one group at a time.
///
/// Used by ``FlowSolver`` for flows limited by a saturated resource: they progress at the
/// same rate per unit weight, so their order of completion is the order of their finish
/// tags (virtual time at which they finish), which does not change when the resource's
/// share does. Ties break by flow index, so the order is total and deterministic.
///
/// - Complexity: ``insert(_:key:into:)`` and ``remove(_:from:)`` are O(log m) for a group
///   of m flows; ``min(of:)`` is O(1). Memory: one `Int32` position per flow index.
struct TagHeaps {
    struct Node {
        var key: Double
        var flow: Int32
        func precedes(_ o: Node) -> Bool { key < o.key || (key == o.key && flow < o.flow) }
    }

    var heaps: ContiguousArray<ContiguousArray<Node>> = []
    /// Position of each flow in its group's heap, or -1.
    var position: ContiguousArray<Int32> = []

    /// Adds an empty group.
    mutating func addGroup() { heaps.append([]) }

    /// Makes room for flow indices below `n`.
    mutating func reserveFlows(_ n: Int) {
        if position.count < n { position.append(contentsOf: repeatElement(-1, count: n - position.count)) }
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

    /// The number of members of group `g`.
    func count(of g: Int) -> Int { heaps[g].count }

    mutating func insert(_ f: Int, key: Double, into g: Int) {
        heaps[g].append(Node(key: key, flow: Int32(f)))
        position[f] = Int32(heaps[g].count - 1)
        siftUp(g, heaps[g].count - 1)
    }

    mutating func remove(_ f: Int, from g: Int) {
        let p = Int(position[f])
        guard p >= 0 else { return }
        position[f] = -1
        let last = heaps[g].removeLast()
        if p == heaps[g].count { return }
        heaps[g][p] = last
        position[Int(last.flow)] = Int32(p)
        siftUp(g, p)
        siftDown(g, Int(position[Int(last.flow)]))
    }

    private mutating func siftUp(_ g: Int, _ start: Int) {
        var pos: ContiguousArray<Int32> = []
        swap(&pos, &position)
        heaps[g].withUnsafeMutableBufferPointer { a in
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
        swap(&pos, &position)
    }

    private mutating func siftDown(_ g: Int, _ start: Int) {
        var pos: ContiguousArray<Int32> = []
        swap(&pos, &position)
        heaps[g].withUnsafeMutableBufferPointer { a in
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
        swap(&pos, &position)
    }
}
