/// A 4-ary min-heap of entities identified by dense integer indices, each with one key,
/// supporting update and removal by index.
///
/// Used where an entity's next event moves often: a flow's completion time changes every
/// time its rate does. Keys are (time, tie-breaker) so order is total and deterministic;
/// the tie-breaker is the entity index.
///
/// Storage is two ``Column``s (reference semantics, no copy-on-write checks): a copy of a
/// heap shares its storage with the original, so never mutate two copies (see ``Column``).
///
/// - Complexity: ``update(_:to:)``, ``remove(_:)`` and ``popMin()`` are O(log₄ n);
///   ``min`` is O(1). Memory: one `Int32` position per possible index.
public struct IndexedHeap {
    @usableFromInline struct Node: BitwiseCopyable {
        @usableFromInline var key: Int64
        @usableFromInline var index: Int32
        @inlinable init(key: Int64, index: Int32) {
            self.key = key
            self.index = index
        }
        @inlinable func precedes(_ o: Node) -> Bool { key < o.key || (key == o.key && index < o.index) }
    }

    @usableFromInline var nodes: Column<Node> = []
    /// Position of each index in `nodes`, or -1 when absent.
    @usableFromInline var position: Column<Int32> = []

    /// Creates an empty heap.
    public init() {}

    /// The number of entities in the heap.
    @inlinable public var count: Int { nodes.count }
    /// Whether the heap is empty.
    @inlinable public var isEmpty: Bool { nodes.isEmpty }

    /// The entity with the smallest key and that key, or nil.
    @inlinable public var min: (index: Int, key: Int64)? {
        nodes.first.map { (Int($0.index), $0.key) }
    }

    /// Whether `index` is in the heap.
    @inlinable public func contains(_ index: Int) -> Bool {
        index < position.count && position[index] >= 0
    }

    /// The key of `index`, if present.
    @inlinable public func key(of index: Int) -> Int64? {
        contains(index) ? nodes[Int(position[index])].key : nil
    }

    /// Inserts `index` with `key`, or moves it to `key` if present.
    ///
    /// - Complexity: O(log₄ n).
    @inlinable public mutating func update(_ index: Int, to key: Int64) {
        if index >= position.count {
            position.append(-1, count: Swift.max(index + 1 - position.count, position.count))
        }
        let p = Int(position[index])
        if p < 0 {
            nodes.append(Node(key: key, index: Int32(index)))
            withBuffers { a, pos in Self.siftUp(a, pos, from: a.count - 1) }
        } else {
            withBuffers { a, pos in
                let old = a[p].key
                a[p].key = key
                if key < old { Self.siftUp(a, pos, from: p) } else if key > old { Self.siftDown(a, pos, from: p) }
            }
        }
    }

    /// Removes `index` if present.
    ///
    /// - Complexity: O(log₄ n).
    @inlinable public mutating func remove(_ index: Int) {
        guard contains(index) else { return }
        withBuffers { a, pos in
            let p = Int(pos[index])
            pos[index] = -1
            let n = a.count - 1  // the size after removal
            if p == n { return }
            let last = a[n]
            a[p] = last
            pos[Int(last.index)] = Int32(p)
            let rest = UnsafeMutableBufferPointer(rebasing: a[0..<n])
            Self.siftUp(rest, pos, from: p)
            Self.siftDown(rest, pos, from: Int(pos[Int(last.index)]))
        }
        nodes.removeLast()
    }

    /// Removes and returns the entity with the smallest key.
    @inlinable public mutating func popMin() -> (index: Int, key: Int64)? {
        guard let m = min else { return nil }
        remove(m.index)
        return m
    }

    /// Runs `body` on the nodes and the position table as raw buffers (the sift loops then
    /// have no bounds checks per level).
    @inlinable func withBuffers<R>(_ body: (UnsafeMutableBufferPointer<Node>, UnsafeMutablePointer<Int32>) -> R) -> R {
        body(UnsafeMutableBufferPointer(start: nodes.base, count: nodes.count), position.base)
    }

    @inlinable static func siftUp(_ a: UnsafeMutableBufferPointer<Node>, _ pos: UnsafeMutablePointer<Int32>, from start: Int) {
        var i = start
        let moving = a[i]
        while i > 0 {
            let parent = (i - 1) >> 2
            if !moving.precedes(a[parent]) { break }
            a[i] = a[parent]
            pos[Int(a[i].index)] = Int32(i)
            i = parent
        }
        a[i] = moving
        pos[Int(moving.index)] = Int32(i)
    }

    @inlinable static func siftDown(_ a: UnsafeMutableBufferPointer<Node>, _ pos: UnsafeMutablePointer<Int32>, from start: Int) {
        var i = start
        let moving = a[i]
        let n = a.count
        while true {
            let first = (i << 2) + 1
            if first >= n { break }
            var best = first
            var c = first + 1
            let end = Swift.min(first + 4, n)
            while c < end {
                if a[c].precedes(a[best]) { best = c }
                c += 1
            }
            if !a[best].precedes(moving) { break }
            a[i] = a[best]
            pos[Int(a[i].index)] = Int32(i)
            i = best
        }
        a[i] = moving
        pos[Int(moving.index)] = Int32(i)
    }
}

extension IndexedHeap {
    /// Removes every entity, keeping storage.
    ///
    /// - Complexity: O(count).
    @inlinable public mutating func removeAll() {
        for n in nodes { position[Int(n.index)] = -1 }
        nodes.removeAll(keepingCapacity: true)
    }
}
