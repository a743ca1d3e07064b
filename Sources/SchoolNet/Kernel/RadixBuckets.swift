/// A radix heap (Ahuja, Mehlhorn, Orlin & Tarjan 1990) over 64-bit keys, used by
/// ``EventQueue`` when many events are pending.
///
/// A discrete-event simulation never schedules before the current time, so keys arrive at
/// or after the last key removed (`last`). Bucket *i* ≥ 1 holds the keys whose highest bit
/// differing from `last` is bit *i − 1*; bucket 0 holds keys equal to `last`. Removing the
/// minimum takes from bucket 0 or, when it is empty, finds the minimum of the lowest
/// non-empty bucket, makes it `last` and redistributes that bucket into lower ones. Each
/// node moves at most 64 times, in sequential appends, which is why it beats a binary-tree
/// heap once the heap no longer fits the cache (measured on the hold model: 126 ns against
/// ~400 ns for the aligned 4-ary heap at 10⁶ pending events).
///
/// **Order of equal keys.** Nodes with equal keys always sit in the same bucket (the
/// bucket is a function of the key and `last`) and every move keeps their relative order,
/// so equal keys leave in the order they arrived (bucket 0 is read from the front). The
/// queue appends in insertion order, which makes ties first-in first-out as the kernel
/// promises.
///
/// - Complexity: push O(1); pop amortised O(64) moves per node over its life.
@usableFromInline
struct RadixBuckets {
    @usableFromInline var buckets: [ContiguousArray<AlignedNodeBuffer.Node>] = Array(repeating: [], count: 65)
    @usableFromInline var head0 = 0
    @usableFromInline var last: UInt64 = 0
    @usableFromInline var count = 0
    @usableFromInline var scratch = ContiguousArray<AlignedNodeBuffer.Node>()

    @usableFromInline init() {}

    @inlinable func bucket(_ key: UInt64) -> Int {
        let x = key ^ last
        return x == 0 ? 0 : 64 &- x.leadingZeroBitCount
    }

    /// Adds a node; returns false (adding nothing) if its key is below `last`.
    @inlinable mutating func push(_ n: AlignedNodeBuffer.Node) -> Bool {
        if n.high < last { return false }
        buckets[bucket(n.high)].append(n)
        count &+= 1
        return true
    }

    /// Makes bucket 0 non-empty (if any node is left) and returns its first node.
    @inlinable mutating func peek() -> AlignedNodeBuffer.Node? {
        if count == 0 { return nil }
        if head0 == buckets[0].count {
            buckets[0].removeAll(keepingCapacity: true)
            head0 = 0
            var i = 1
            while buckets[i].isEmpty { i &+= 1 }
            var m = UInt64.max
            buckets[i].withUnsafeBufferPointer { b in for n in b where n.high < m { m = n.high } }
            last = m
            swap(&scratch, &buckets[i])
            for n in scratch { buckets[bucket(n.high)].append(n) }
            scratch.removeAll(keepingCapacity: true)
        }
        return buckets[0][head0]
    }

    /// Removes the node ``peek()`` returns.
    @inlinable mutating func pop() -> AlignedNodeBuffer.Node {
        let n = peek()!
        head0 &+= 1
        count &-= 1
        return n
    }

    /// Removes and returns every node (any order).
    mutating func drain() -> [AlignedNodeBuffer.Node] {
        var out: [AlignedNodeBuffer.Node] = []
        out.reserveCapacity(count)
        out.append(contentsOf: buckets[0][head0...])
        for i in 1..<buckets.count { out.append(contentsOf: buckets[i]) }
        for i in buckets.indices { buckets[i].removeAll(keepingCapacity: false) }
        head0 = 0
        count = 0
        last = 0
        return out
    }
}
