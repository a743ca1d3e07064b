/// A radix heap (Ahuja, Mehlhorn, Orlin & Tarjan 1990) over 64-bit keys, used by
/// ``EventQueue`` when many events are pending.
///
/// A discrete-event simulation never schedules before the current time, so keys arrive at
/// or after the last key removed (`last`). Bucket *i* ≥ 1 holds the keys whose highest bit
/// differing from `last` is bit *i − 1*; bucket 0 holds keys equal to `last`. Removing the
/// minimum takes from bucket 0 or, when it is empty, takes the lowest non-empty bucket
/// (one trailing-zero count over `occupied`), makes its minimum the new `last` and moves
/// its nodes into lower buckets. Each bucket tracks its minimum as nodes are appended, so
/// a move is one pass. Each node moves at most 64 times, in sequential appends, which is
/// why it beats a binary-tree heap once the heap no longer fits the cache.
///
/// **Storage.** A bucket is a chain of fixed-size blocks (``RadixStorage``). Blocks that a
/// move or a pop empties go to a spare chain and are reused, so memory stays at the nodes
/// held plus at most one partly filled block per bucket, nothing is allocated per event
/// once the blocks exist, and an append is a store and two increments.
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
    @usableFromInline typealias Node = AlignedNodeBuffer.Node

    /// Owns the blocks; shared between copies of the queue until one of them mutates.
    @usableFromInline var storage: RadixStorage
    /// `storage.buckets`, kept here so the hot paths read no class property.
    @usableFromInline var buckets: UnsafeMutablePointer<RadixBucket>
    /// The last key removed (or the base the buckets were built around).
    @usableFromInline var last: UInt64 = 0
    /// Nodes held.
    @usableFromInline var count = 0
    /// Bit *i − 1* set when bucket *i* (1…64) is non-empty.
    @usableFromInline var occupied: UInt64 = 0

    @usableFromInline init() {
        storage = RadixStorage()
        buckets = storage.buckets
    }

    /// Gives this value its own storage if it shares it (copy-on-write). Every method that
    /// changes the storage calls it first; copies share storage until then.
    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy()
            buckets = storage.buckets
        }
    }

    @inlinable func bucket(_ key: UInt64) -> Int {
        let x = key ^ last
        return x == 0 ? 0 : 64 &- x.leadingZeroBitCount
    }

    /// Adds a node; returns false (adding nothing) if its key is below `last`.
    @inlinable mutating func push(_ n: Node) -> Bool {
        if n.high < last { return false }
        makeUnique()
        let b = bucket(n.high)
        RadixStorage.append(n, to: buckets + b, spare: buckets + RadixStorage.spareIndex)
        occupied |= (1 &<< UInt64(b)) &>> 1
        count &+= 1
        return true
    }

    /// Makes bucket 0 non-empty (if any node is left) and returns its first node.
    @inlinable mutating func peek() -> Node? {
        if buckets.pointee.count == 0 {
            if count == 0 { return nil }
            makeUnique()
            redistribute()
        }
        return RadixStorage.nodes(buckets.pointee.first!)[buckets.pointee.start]
    }

    /// Removes the node ``peek()`` returns; there must be one.
    @inlinable mutating func pop() -> Node {
        makeUnique()
        if buckets.pointee.count == 0 {
            precondition(count > 0, "pop from empty radix buckets")
            redistribute()
        }
        let b0 = buckets
        let block = b0.pointee.first!
        let n = RadixStorage.nodes(block)[b0.pointee.start]
        b0.pointee.start &+= 1
        b0.pointee.count &-= 1
        count &-= 1
        if b0.pointee.count == 0 {
            // All read: earlier blocks went back as they emptied; the last one restarts.
            b0.pointee.start = 0
            b0.pointee.end = 0
        } else if b0.pointee.start == RadixStorage.blockCapacity {
            b0.pointee.first = RadixStorage.next(block)
            b0.pointee.start = 0
            RadixStorage.release(block, spare: buckets + RadixStorage.spareIndex)
        }
        return n
    }

    /// With bucket 0 empty, nodes left and the storage unique: makes the minimum of the
    /// lowest non-empty bucket the new `last` and moves that bucket's nodes, in order, into
    /// lower buckets.
    @inlinable mutating func redistribute() {
        let i = occupied.trailingZeroBitCount &+ 1
        occupied &= occupied &- 1
        let source = buckets + i
        let spare = buckets + RadixStorage.spareIndex
        last = source.pointee.minKey
        var block = source.pointee.first
        let lastBlock = source.pointee.last
        let lastEnd = source.pointee.end
        var k = source.pointee.start
        source.pointee = .empty
        var targets: UInt64 = 0
        while let b = block {
            let end = b == lastBlock ? lastEnd : RadixStorage.blockCapacity
            let nodes = RadixStorage.nodes(b)
            while k < end {
                let n = nodes[k]
                let t = bucket(n.high)
                RadixStorage.append(n, to: buckets + t, spare: spare)
                targets |= 1 &<< UInt64(t)
                k &+= 1
            }
            block = RadixStorage.next(b)
            RadixStorage.release(b, spare: spare)
            k = 0
        }
        occupied |= targets &>> 1
    }

    /// Removes and returns every node (any order) and frees the blocks.
    mutating func drain() -> [Node] {
        var out: [Node] = []
        out.reserveCapacity(count)
        for i in 0..<RadixStorage.spareIndex {
            RadixStorage.forEach(in: buckets + i) { out.append($0.pointee) }
        }
        self = RadixBuckets()
        return out
    }
}

/// A bucket of ``RadixBuckets``: a chain of blocks, live from `first[start]` to
/// `last[end - 1]`.
@usableFromInline
struct RadixBucket {
    /// The oldest block (nil when the bucket has none).
    @usableFromInline var first: UnsafeMutableRawPointer?
    /// The newest block, where appends go.
    @usableFromInline var last: UnsafeMutableRawPointer?
    /// The first live node in `first` (only bucket 0 is read from the front).
    @usableFromInline var start: Int
    /// Nodes used in `last`; a full count makes the next append take a new block.
    @usableFromInline var end: Int
    /// Live nodes.
    @usableFromInline var count: Int
    /// The least key among the nodes appended since the bucket was last emptied by a
    /// move (`.max` if none); exact for buckets ≥ 1, which are only emptied that way.
    @usableFromInline var minKey: UInt64

    /// A bucket without blocks.
    @usableFromInline static var empty: RadixBucket {
        RadixBucket(first: nil, last: nil, start: 0, end: .max, count: 0, minKey: .max)
    }

    @inlinable init(first: UnsafeMutableRawPointer?, last: UnsafeMutableRawPointer?, start: Int, end: Int, count: Int, minKey: UInt64) {
        self.first = first
        self.last = last
        self.start = start
        self.end = end
        self.count = count
        self.minKey = minKey
    }
}

/// The memory of a ``RadixBuckets``: the headers of buckets 0…64 and of a chain of spare
/// blocks, and the blocks. The kernel's second audited unsafe buffer (after
/// ``AlignedNodeBuffer``), for the same reason: no uniqueness or exclusivity check per
/// node on the hot path.
///
/// A block is one 64-byte-aligned allocation: a 64-byte header whose first word links to
/// the next block of its chain, then ``blockCapacity`` nodes. The buckets (value types)
/// keep the pointers; this class only owns the memory, frees it in `deinit`, and copies it
/// for copy-on-write.
@usableFromInline
final class RadixStorage {
    @usableFromInline typealias Node = AlignedNodeBuffer.Node
    /// Nodes per block.
    @usableFromInline static var blockCapacity: Int { 64 }
    /// Bytes before a block's first node: the link, padded to one cache line.
    @usableFromInline static var headerBytes: Int { 64 }
    /// Header index of the spare chain (after buckets 0…64).
    @usableFromInline static var spareIndex: Int { 65 }

    /// Headers of buckets 0…64 and, at ``spareIndex``, of the spare chain.
    @usableFromInline let buckets: UnsafeMutablePointer<RadixBucket>

    @usableFromInline init() {
        buckets = .allocate(capacity: Self.spareIndex + 1)
        buckets.initialize(repeating: .empty, count: Self.spareIndex + 1)
    }

    deinit {
        for i in 0...Self.spareIndex {
            var block = buckets[i].first
            while let b = block {
                block = Self.next(b)
                b.deallocate()
            }
        }
        buckets.deinitialize(count: Self.spareIndex + 1)
        buckets.deallocate()
    }

    /// A storage holding the same nodes in the same buckets and order.
    @usableFromInline func copy() -> RadixStorage {
        let c = RadixStorage()
        for i in 0..<Self.spareIndex {
            Self.forEach(in: buckets + i) { Self.append($0.pointee, to: c.buckets + i, spare: c.buckets + Self.spareIndex) }
            c.buckets[i].minKey = buckets[i].minKey
        }
        return c
    }

    /// The nodes of `block`.
    @inlinable static func nodes(_ block: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Node> {
        (block + headerBytes).assumingMemoryBound(to: Node.self)
    }

    /// The block after `block` in its chain.
    @inlinable static func next(_ block: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        block.load(as: UnsafeMutableRawPointer?.self)
    }

    /// Appends `n` to bucket `h`, taking a spare (or new) block when its last one is full.
    @inlinable @inline(__always)
    static func append(_ n: Node, to h: UnsafeMutablePointer<RadixBucket>, spare: UnsafeMutablePointer<RadixBucket>) {
        if h.pointee.end >= blockCapacity { addBlock(to: h, spare: spare) }
        nodes(h.pointee.last!)[h.pointee.end] = n
        h.pointee.end &+= 1
        h.pointee.count &+= 1
        if n.high < h.pointee.minKey { h.pointee.minKey = n.high }
    }

    /// Links a spare (or newly allocated) block at the end of bucket `h`.
    @usableFromInline
    static func addBlock(to h: UnsafeMutablePointer<RadixBucket>, spare: UnsafeMutablePointer<RadixBucket>) {
        let block: UnsafeMutableRawPointer
        if let s = spare.pointee.first {
            spare.pointee.first = next(s)
            block = s
        } else {
            block = .allocate(byteCount: headerBytes + blockCapacity * MemoryLayout<Node>.stride, alignment: headerBytes)
            (block + headerBytes).bindMemory(to: Node.self, capacity: blockCapacity)
        }
        block.storeBytes(of: nil, as: UnsafeMutableRawPointer?.self)
        if let l = h.pointee.last {
            l.storeBytes(of: block, as: UnsafeMutableRawPointer?.self)
        } else {
            h.pointee.first = block
            h.pointee.start = 0
        }
        h.pointee.last = block
        h.pointee.end = 0
    }

    /// Puts a block whose nodes were all read on the spare chain.
    @inlinable static func release(_ block: UnsafeMutableRawPointer, spare: UnsafeMutablePointer<RadixBucket>) {
        block.storeBytes(of: spare.pointee.first, as: UnsafeMutableRawPointer?.self)
        spare.pointee.first = block
    }

    /// Calls `body` with each live node of bucket `h`, oldest first.
    @inlinable static func forEach(in h: UnsafeMutablePointer<RadixBucket>, _ body: (UnsafeMutablePointer<Node>) -> Void) {
        var block = h.pointee.first
        var k = h.pointee.start
        while let b = block {
            let end = b == h.pointee.last ? h.pointee.end : blockCapacity
            let ns = nodes(b)
            while k < end { body(ns + k); k &+= 1 }
            block = next(b)
            k = 0
        }
    }
}
