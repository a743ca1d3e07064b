/// A radix heap (Ahuja, Mehlhorn, Orlin & Tarjan 1990) over 64-bit times, with one bucket
/// per hexadecimal digit position and digit value instead of one per bit, used by
/// ``EventQueue`` when many events are pending. Each entry carries its event's payload, so
/// removing the minimum reads the front of bucket 0 and nothing else (no lookup in a
/// per-slot table, which at 10⁶ pending events was a cache miss on every pop).
///
/// A discrete-event simulation never schedules before the current time, so times arrive at
/// or after the last time removed (`last`). Bucket 1 + 16*p* + *d* holds the entries that
/// agree with `last` above hexadecimal digit *p* (0…15, counted from the low end) and have
/// digit *d* there (necessarily above `last`'s); bucket 0 holds times equal to `last`.
/// Every time in a bucket is below every time in a higher bucket. Removing the minimum
/// takes from bucket 0 or, when it is empty, takes the lowest non-empty bucket (first set
/// bit of `occupied`), makes its minimum the new `last` and moves its entries into lower
/// buckets: they agree with the new `last` down to digit *p*, so each move drops at least
/// one digit. Each bucket tracks its minimum as entries are appended, so a move is one
/// pass. An entry moves at most 16 times, in sequential appends (in the hold model at 10⁶
/// pending events about 5 per event, against about 10 with one bucket per bit), which is
/// why this beats a binary-tree heap once the heap no longer fits the cache.
///
/// **Storage.** A bucket is a chain of fixed-size blocks (``RadixStorage``). Blocks that a
/// move or a pop empties go to a spare chain and are reused, so memory stays at the
/// entries held plus at most one partly filled block per bucket, nothing is allocated per
/// event once the blocks exist, and an append is a store and two increments.
///
/// **Order of equal times.** Entries with equal times always sit in the same bucket (the
/// bucket is a function of the time and `last`) and every move keeps their relative order,
/// so equal times leave in the order they arrived (bucket 0 is read from the front). The
/// queue appends in insertion order, which makes ties first-in first-out as the kernel
/// promises.
///
/// - Complexity: push O(1); pop amortised O(16) moves per entry over its life.
@usableFromInline
struct RadixBuckets<Payload> {
    /// One pending event: its time, its slot in the queue, and the payload. No insertion
    /// sequence: the buckets keep equal times in arrival order by construction, and the
    /// queue's slot record has the sequence when the event goes back to the heap. (With
    /// a 4-byte payload an entry is 16 bytes.)
    @usableFromInline struct Entry {
        /// The time, sign bit flipped (unsigned order is time order).
        @usableFromInline var time: UInt64
        /// The event's slot in the queue.
        @usableFromInline var slot: UInt32
        @usableFromInline var payload: Payload
        @inlinable init(time: UInt64, slot: UInt32, payload: Payload) {
            self.time = time
            self.slot = slot
            self.payload = payload
        }
    }

    /// Owns the blocks; shared between copies of the queue until one of them mutates.
    @usableFromInline var storage: RadixStorage<Payload>
    /// `storage.buckets`, kept here so the hot paths read no class property.
    @usableFromInline var buckets: UnsafeMutablePointer<RadixBucket>
    /// The last time removed (or the base the buckets were built around).
    @usableFromInline var last: UInt64 = 0
    /// Entries held.
    @usableFromInline var count = 0
    /// `storage.occupied`: bit *b* % 64 of word *b* / 64 is set when bucket *b* ≥ 1 is
    /// non-empty (bit 0 is never read).
    @usableFromInline var occupied: UnsafeMutablePointer<UInt64>

    @usableFromInline init() {
        storage = RadixStorage()
        buckets = storage.buckets
        occupied = storage.occupied
    }

    /// Gives this value its own storage if it shares it (copy-on-write). Every method that
    /// changes the storage calls it first; copies share storage until then.
    @inlinable mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy()
            buckets = storage.buckets
            occupied = storage.occupied
        }
    }

    /// The bucket of `time` (≥ `last`).
    @inlinable func bucket(_ time: UInt64) -> Int {
        let x = time ^ last
        if x == 0 { return 0 }
        let p = (63 &- x.leadingZeroBitCount) &>> 2
        let d = Int(truncatingIfNeeded: time &>> UInt64(p &<< 2)) & 15
        return 1 &+ (p &<< 4) &+ d
    }

    /// Marks bucket `b` non-empty.
    @inlinable func markOccupied(_ b: Int) {
        occupied[b &>> 6] |= 1 &<< UInt64(b & 63)
    }

    /// Adds an entry; returns false (adding nothing) if its time is below `last`.
    @inlinable mutating func push(_ e: Entry) -> Bool {
        if e.time < last { return false }
        makeUnique()
        let b = bucket(e.time)
        RadixStorage.append(e, to: buckets + b, spare: buckets + RadixStorage<Payload>.spareIndex)
        markOccupied(b)
        count &+= 1
        return true
    }

    /// Makes bucket 0 non-empty (if any entry is left) and returns the time and slot of its
    /// first entry.
    @inlinable mutating func peek() -> (time: UInt64, slot: Int)? {
        if buckets.pointee.count == 0 {
            if count == 0 { return nil }
            makeUnique()
            redistribute()
        }
        let front = RadixStorage<Payload>.entries(buckets.pointee.first!) + buckets.pointee.start
        return (front.pointee.time, Int(front.pointee.slot))
    }

    /// Removes and returns the entry ``peek()`` names; there must be one.
    @inlinable mutating func pop() -> Entry {
        makeUnique()
        if buckets.pointee.count == 0 {
            precondition(count > 0, "pop from empty radix buckets")
            redistribute()
        }
        let b0 = buckets
        let block = b0.pointee.first!
        let e = (RadixStorage<Payload>.entries(block) + b0.pointee.start).move()
        b0.pointee.start &+= 1
        b0.pointee.count &-= 1
        count &-= 1
        if b0.pointee.count == 0 {
            // All read: earlier blocks went back as they emptied; the last one restarts.
            b0.pointee.start = 0
            b0.pointee.end = 0
        } else if b0.pointee.start == RadixStorage<Payload>.blockCapacity {
            b0.pointee.first = RadixStorage<Payload>.next(block)
            b0.pointee.start = 0
            RadixStorage<Payload>.release(block, spare: buckets + RadixStorage<Payload>.spareIndex)
        }
        return e
    }

    /// With bucket 0 empty, entries left and the storage unique: makes the minimum of the
    /// lowest non-empty bucket the new `last` and moves that bucket's entries, in order,
    /// into lower buckets.
    @inlinable mutating func redistribute() {
        var w = 0
        var word = occupied[0] & ~1
        while word == 0 {
            w &+= 1
            word = occupied[w]
        }
        occupied[w] = word & (word &- 1)
        let source = buckets + ((w &<< 6) | word.trailingZeroBitCount)
        let spare = buckets + RadixStorage<Payload>.spareIndex
        last = source.pointee.minTime
        var block = source.pointee.first
        let lastBlock = source.pointee.last
        let lastEnd = source.pointee.end
        var k = source.pointee.start
        source.pointee = .empty
        while let b = block {
            let end = b == lastBlock ? lastEnd : RadixStorage<Payload>.blockCapacity
            let entries = RadixStorage<Payload>.entries(b)
            while k < end {
                let e = (entries + k).move()
                let t = bucket(e.time)
                RadixStorage.append(e, to: buckets + t, spare: spare)
                markOccupied(t)
                k &+= 1
            }
            block = RadixStorage<Payload>.next(b)
            RadixStorage<Payload>.release(b, spare: spare)
            k = 0
        }
    }

    /// Removes and returns every entry (any order) and frees the blocks.
    @inlinable mutating func drain() -> [Entry] {
        makeUnique()
        var out: [Entry] = []
        out.reserveCapacity(count)
        let spare = buckets + RadixStorage<Payload>.spareIndex
        for i in 0..<RadixStorage<Payload>.spareIndex {
            let h = buckets + i
            RadixStorage.forEach(in: h) { out.append($0.move()) }
            var block = h.pointee.first
            while let b = block {
                block = RadixStorage<Payload>.next(b)
                RadixStorage<Payload>.release(b, spare: spare)
            }
            h.pointee = .empty
        }
        self = RadixBuckets()  // the old storage frees the (now all spare) blocks
        return out
    }
}

/// A bucket of ``RadixBuckets``: a chain of blocks, live from `first[start]` to
/// `last[end - 1]`. Entries there are initialised; the rest of each block is raw memory.
@usableFromInline
struct RadixBucket {
    /// The oldest block (nil when the bucket has none).
    @usableFromInline var first: UnsafeMutableRawPointer?
    /// The newest block, where appends go.
    @usableFromInline var last: UnsafeMutableRawPointer?
    /// The first live entry in `first` (only bucket 0 is read from the front).
    @usableFromInline var start: Int
    /// Entries used in `last`; a full count makes the next append take a new block.
    @usableFromInline var end: Int
    /// Live entries.
    @usableFromInline var count: Int
    /// The least time among the entries appended since the bucket was last emptied by a
    /// move (`.max` if none); exact for buckets ≥ 1, which are only emptied that way.
    @usableFromInline var minTime: UInt64

    /// A bucket without blocks.
    @usableFromInline static var empty: RadixBucket {
        RadixBucket(first: nil, last: nil, start: 0, end: .max, count: 0, minTime: .max)
    }

    @inlinable init(first: UnsafeMutableRawPointer?, last: UnsafeMutableRawPointer?, start: Int, end: Int, count: Int, minTime: UInt64) {
        self.first = first
        self.last = last
        self.start = start
        self.end = end
        self.count = count
        self.minTime = minTime
    }
}

/// The memory of a ``RadixBuckets``: the headers of buckets 0…256 and of a chain of spare
/// blocks, the occupancy bits, and the blocks. The kernel's second audited unsafe buffer (after
/// ``AlignedNodeBuffer``), for the same reason: no uniqueness or exclusivity check per
/// entry on the hot path.
///
/// A block is one 64-byte-aligned allocation: a 64-byte header whose first word links to
/// the next block of its chain, then ``blockCapacity`` entries. The buckets (value types)
/// keep the pointers; this class owns the memory, copies it for copy-on-write, and in
/// `deinit` deinitialises the live entries (payloads holding references are released)
/// and frees the blocks.
@usableFromInline
final class RadixStorage<Payload> {
    @usableFromInline typealias Entry = RadixBuckets<Payload>.Entry
    /// Entries per block.
    @usableFromInline static var blockCapacity: Int { 64 }
    /// Bytes before a block's first entry: the link, padded to one cache line.
    @usableFromInline static var headerBytes: Int { 64 }
    /// Header index of the spare chain (after buckets 0…256: bucket 0, then 16 digit
    /// positions × 16 digit values).
    @usableFromInline static var spareIndex: Int { 257 }
    /// Words of occupancy bits (one bit per bucket).
    @usableFromInline static var occupancyWords: Int { 5 }

    /// Headers of buckets 0…256 and, at ``spareIndex``, of the spare chain.
    @usableFromInline let buckets: UnsafeMutablePointer<RadixBucket>
    /// The occupancy bits of ``RadixBuckets``.
    @usableFromInline let occupied: UnsafeMutablePointer<UInt64>

    @usableFromInline init() {
        precondition(MemoryLayout<Entry>.alignment <= Self.headerBytes, "payload aligned to more than 64 bytes")
        buckets = .allocate(capacity: Self.spareIndex + 1)
        buckets.initialize(repeating: .empty, count: Self.spareIndex + 1)
        occupied = .allocate(capacity: Self.occupancyWords)
        occupied.initialize(repeating: 0, count: Self.occupancyWords)
    }

    deinit {
        // Block by block: this generic code is not specialised, so no per-entry calls.
        for i in 0...Self.spareIndex {
            let h = buckets + i
            var block = h.pointee.first
            var k = h.pointee.start
            while let b = block {
                if i < Self.spareIndex {
                    let end = b == h.pointee.last ? h.pointee.end : Self.blockCapacity
                    (Self.entries(b) + k).deinitialize(count: end - k)
                }
                block = Self.next(b)
                b.deallocate()
                k = 0
            }
        }
        buckets.deinitialize(count: Self.spareIndex + 1)
        buckets.deallocate()
        occupied.deallocate()
    }

    /// A storage holding copies of the entries at the same places of the same buckets
    /// (copied block by block: this generic code is not specialised).
    @usableFromInline func copy() -> RadixStorage {
        let c = RadixStorage()
        let spare = c.buckets + Self.spareIndex
        for i in 0..<Self.spareIndex {
            let h = buckets + i
            let ch = c.buckets + i
            var block = h.pointee.first
            var k = h.pointee.start
            while let b = block {
                let end = b == h.pointee.last ? h.pointee.end : Self.blockCapacity
                Self.addBlock(to: ch, spare: spare)
                (Self.entries(ch.pointee.last!) + k).initialize(from: Self.entries(b) + k, count: end - k)
                block = Self.next(b)
                k = 0
            }
            ch.pointee.start = h.pointee.start
            ch.pointee.end = h.pointee.end
            ch.pointee.count = h.pointee.count
            ch.pointee.minTime = h.pointee.minTime
        }
        c.occupied.update(from: occupied, count: Self.occupancyWords)
        return c
    }

    /// The entries of `block`.
    @inlinable static func entries(_ block: UnsafeMutableRawPointer) -> UnsafeMutablePointer<Entry> {
        (block + headerBytes).assumingMemoryBound(to: Entry.self)
    }

    /// The block after `block` in its chain.
    @inlinable static func next(_ block: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        block.load(as: UnsafeMutableRawPointer?.self)
    }

    /// Appends `e` to bucket `h`, taking a spare (or new) block when its last one is full.
    @inlinable @inline(__always)
    static func append(_ e: consuming Entry, to h: UnsafeMutablePointer<RadixBucket>, spare: UnsafeMutablePointer<RadixBucket>) {
        if h.pointee.end >= blockCapacity { addBlock(to: h, spare: spare) }
        if e.time < h.pointee.minTime { h.pointee.minTime = e.time }
        (entries(h.pointee.last!) + h.pointee.end).initialize(to: e)
        h.pointee.end &+= 1
        h.pointee.count &+= 1
    }

    /// Links a spare (or newly allocated) block at the end of bucket `h`. Inlinable so it is
    /// specialised for the payload, never inlined: it runs once per ``blockCapacity``
    /// appends.
    @inlinable @inline(never)
    static func addBlock(to h: UnsafeMutablePointer<RadixBucket>, spare: UnsafeMutablePointer<RadixBucket>) {
        let block: UnsafeMutableRawPointer
        if let s = spare.pointee.first {
            spare.pointee.first = next(s)
            block = s
        } else {
            block = .allocate(byteCount: headerBytes + blockCapacity * MemoryLayout<Entry>.stride, alignment: headerBytes)
            (block + headerBytes).bindMemory(to: Entry.self, capacity: blockCapacity)
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

    /// Puts a block whose entries were all moved out on the spare chain.
    @inlinable static func release(_ block: UnsafeMutableRawPointer, spare: UnsafeMutablePointer<RadixBucket>) {
        block.storeBytes(of: spare.pointee.first, as: UnsafeMutableRawPointer?.self)
        spare.pointee.first = block
    }

    /// Calls `body` with each live entry of bucket `h`, oldest first.
    @inlinable static func forEach(in h: UnsafeMutablePointer<RadixBucket>, _ body: (UnsafeMutablePointer<Entry>) -> Void) {
        var block = h.pointee.first
        var k = h.pointee.start
        while let b = block {
            let end = b == h.pointee.last ? h.pointee.end : blockCapacity
            let es = entries(b)
            while k < end { body(es + k); k &+= 1 }
            block = next(b)
            k = 0
        }
    }
}
