/// A handle to a scheduled event, used to cancel it.
public struct EventToken: Hashable, Sendable {
    /// The insertion sequence number of the event (unique per queue).
    public let sequence: UInt64
    /// The payload slot the event occupies while pending.
    public let slot: Int32
    /// Creates a token; only ``EventQueue`` makes meaningful ones.
    @inlinable public init(sequence: UInt64, slot: Int32) {
        self.sequence = sequence
        self.slot = slot
    }
}

/// The future-event list: a 4-ary min-heap ordered by (time, insertion sequence).
///
/// Ties in time are broken by insertion order, so events scheduled for the same instant
/// run in the order they were scheduled — the same on every machine and every run
/// (SwiftNIO's and SimPy's rule).
///
/// **Layout.** Heap nodes are 16 bytes: the time (sign bit flipped, so unsigned order is
/// time order) and a word packing the insertion sequence (high 38 bits) above a slot (low
/// 26 bits). The pair compares as one 128-bit key, so child selection is branch-free, and a
/// group of four children fills one aligned 64-byte cache line (``AlignedNodeBuffer``).
/// Limits, both checked: 2²⁶ (67 million) pending events; 2³⁸ (2.7 × 10¹¹) events over a
/// queue's life.
///
/// **Slots.** Each pending event holds a slot, reused through a free list (no allocation
/// per event once the tables have grown). Per slot the queue keeps one *live* bit (`live`:
/// set while the event is pending, cleared when it is popped or cancelled; 10⁶ slots are
/// 125 KB, which stays in cache) and a record (`slots`) with the sequence of the slot's
/// latest event, for tokens, and in heap mode its payload. A heap-mode pop reads the
/// record of the slot it frees, which the next schedule reuses while it is still cached.
/// In radix mode the entries carry the payloads: a pop reads no record, a schedule
/// writes only the sequence, and the sequences are read back from the records when the
/// entries return to the heap.
///
/// **Cancellation** is lazy and exact: a token names (sequence, slot); ``cancel(_:)``
/// clears the slot's live bit if the slot is live and still holds that sequence, and an
/// entry whose live bit is clear is dropped when it reaches the top (a slot is only
/// reused after its entry left the queue, so a clear bit at the top always means
/// "cancelled"). A reschedule is cancel + schedule. Entities whose next event moves very
/// often (a flow's completion, which moves on every rate change) keep their own
/// ``IndexedHeap`` and expose one "next event" time instead.
///
/// **Large queues.** Past 262,144 pending events the events move to ``RadixBuckets`` (a
/// radix heap: O(1) insert, sequential moves, payload carried in each entry), which stays
/// fast when the heap no longer fits the cache; below 65,536 they move back. Both keep
/// ties in insertion order.
///
/// - Complexity: ``schedule(_:at:)`` and ``popNext()`` are O(log₄ n) (heap) or O(1)
///   amortised (radix); ``cancel(_:)`` is O(1).
/// - Validated by: `EventQueueTests` (order against a sort, ties, cancellation) and the
///   hold benchmark in `Benchmarks/`.
public struct EventQueue<Payload> {
    @usableFromInline typealias Node = AlignedNodeBuffer.Node
    @usableFromInline typealias Entry = RadixBuckets<Payload>.Entry

    @usableFromInline static var slotBits: UInt64 { 26 }
    @usableFromInline static var slotMask: UInt64 { (1 << 26) - 1 }
    @usableFromInline static var signBit: UInt64 { 1 << 63 }

    @usableFromInline var storage: AlignedNodeBuffer
    @usableFromInline var base: UnsafeMutablePointer<Node>
    @usableFromInline var capacity: Int
    @usableFromInline var nodeCount = 0
    /// Above ``radixAbove`` pending events the nodes move to a radix heap (cache-friendly
    /// for large queues); below ``heapBelow`` they move back (the 4-ary heap is faster for
    /// small ones). The gap avoids switching back and forth.
    @usableFromInline var usingRadix = false
    @usableFromInline var radix = RadixBuckets<Payload>()
    @usableFromInline static var radixAbove: Int { 262_144 }
    @usableFromInline static var heapBelow: Int { 65_536 }
    /// Per slot: the sequence of the latest event that used it and, side by side so that
    /// a heap-mode pop and the schedule reusing the slot touch one cache line, its
    /// payload.
    @usableFromInline struct Slot {
        /// The sequence of the slot's latest event (for tokens).
        @usableFromInline var sequence: UInt64
        /// Meaningful for live slots in heap mode only: in radix mode the entries carry
        /// the payloads, and slots reused there keep a stale one.
        @usableFromInline var payload: Payload
        @inlinable init(sequence: UInt64, payload: Payload) {
            self.sequence = sequence
            self.payload = payload
        }
    }
    @usableFromInline var slots: ContiguousArray<Slot> = []
    /// Per slot, one bit: the slot's event is pending (neither popped nor cancelled).
    @usableFromInline var live: ContiguousArray<UInt64> = []
    /// Free slots, a stack in `freeSlots[0..<freeCount]` (entries above are stale), so
    /// taking one only reads the array.
    @usableFromInline var freeSlots: ContiguousArray<Int32> = []
    @usableFromInline var freeCount = 0
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelledCount = 0

    /// Creates an empty queue, optionally reserving room for `capacity` pending events.
    public init(reservingCapacity capacity: Int = 0) {
        storage = AlignedNodeBuffer(capacity: capacity)
        base = storage.base
        self.capacity = storage.capacity
        slots.reserveCapacity(capacity)
        live.reserveCapacity((capacity + 63) / 64)
    }

    /// The number of pending (not cancelled) events.
    @inlinable public var count: Int { (usingRadix ? radix.count : nodeCount) - cancelledCount }
    /// Whether no event is pending.
    @inlinable public var isEmpty: Bool { count == 0 }
    /// The total number of events ever scheduled.
    @inlinable public var scheduledCount: UInt64 { nextSequence }

    /// Gives this queue its own heap storage if it shares it (copy-on-write). In radix mode
    /// the heap is unused and ``RadixBuckets`` guards its own storage.
    @inlinable mutating func makeUnique() {
        if !usingRadix && !isKnownUniquelyReferenced(&storage) { replaceStorage(capacity: capacity) }
    }

    @usableFromInline mutating func replaceStorage(capacity newCapacity: Int) {
        storage = storage.copy(count: nodeCount, capacity: newCapacity)
        base = storage.base
        capacity = storage.capacity
    }

    /// Whether the slot's event is pending.
    @inlinable func isLive(_ slot: Int) -> Bool {
        live[slot &>> 6] & (1 &<< UInt64(slot & 63)) != 0
    }

    /// Frees the slot of an entry that left the queue.
    @inlinable @inline(__always) mutating func release(slot: Int) {
        live[slot &>> 6] &= ~(1 &<< UInt64(slot & 63))
        pushFree(slot)
    }

    /// Pushes a free slot (over a stale entry of `freeSlots` if there is one).
    @inlinable @inline(__always) mutating func pushFree(_ slot: Int) {
        if freeCount < freeSlots.count {
            freeSlots[freeCount] = Int32(truncatingIfNeeded: slot)
        } else {
            freeSlots.append(Int32(truncatingIfNeeded: slot))
        }
        freeCount &+= 1
    }

    /// Schedules `payload` at `time`.
    ///
    /// - Parameters:
    ///   - payload: what happens.
    ///   - time: when.
    /// - Returns: a token for ``cancel(_:)``.
    /// - Complexity: O(log₄ n) (heap) or O(1) (radix); no allocation once the tables have
    ///   grown.
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, at time: SimTime) -> EventToken {
        makeUnique()
        let seq = nextSequence
        precondition(seq < (1 << (64 - Self.slotBits)), "event sequence space exhausted")
        nextSequence &+= 1
        let slot: Int
        if freeCount > 0 {
            freeCount &-= 1
            slot = Int(freeSlots[freeCount])
            if usingRadix {
                slots[slot].sequence = seq
            } else {
                slots[slot] = Slot(sequence: seq, payload: payload)
            }
        } else {
            slot = slots.count
            precondition(slot <= Int(Self.slotMask), "more than 2^26 pending events")
            slots.append(Slot(sequence: seq, payload: payload))
            if slot & 63 == 0 { live.append(0) }
        }
        live[slot &>> 6] |= 1 &<< UInt64(slot & 63)
        let token = EventToken(sequence: seq, slot: Int32(truncatingIfNeeded: slot))
        let high = UInt64(bitPattern: time.nanoseconds) ^ Self.signBit
        let low = (seq << Self.slotBits) | UInt64(slot)
        if usingRadix {
            if radix.push(Entry(time: high, slot: UInt32(truncatingIfNeeded: slot), payload: payload)) { return token }
            switchToHeap()  // scheduled before the last removed time: not monotone
            slots[slot].payload = payload
        }
        heapPush(Node(high: high, low: low))
        if nodeCount > Self.radixAbove { switchToRadix() }
        return token
    }

    /// Adds a node to the heap; the caller has made the storage unique.
    @inlinable mutating func heapPush(_ node: Node) {
        if nodeCount == capacity { replaceStorage(capacity: capacity * 2) }
        let h = base
        var i = nodeCount
        nodeCount &+= 1
        let key = node.key
        while i > 0 {
            let parent = (i &- 1) >> 2
            if key >= h[parent].key { break }
            h[i] = h[parent]
            i = parent
        }
        h[i] = node
    }

    /// Moves every node from the heap to the radix buckets, in key order so that equal
    /// times keep their insertion order; the payloads move from the slots into the entries.
    /// (Inlinable, like ``switchToHeap()``, so it is specialised for the payload type.)
    @inlinable mutating func switchToRadix() {
        var nodes = Array(UnsafeBufferPointer(start: base, count: nodeCount))
        nodes.sort { $0.key < $1.key }
        nodeCount = 0
        radix = RadixBuckets()
        radix.last = nodes.first?.high ?? 0
        for n in nodes {
            let slot = Int(truncatingIfNeeded: n.low & Self.slotMask)
            _ = radix.push(Entry(time: n.high, slot: UInt32(truncatingIfNeeded: slot), payload: slots[slot].payload))
        }
        usingRadix = true
    }

    /// Moves every entry from the radix buckets back to the heap, payloads into the slots
    /// and sequences from them.
    @inlinable mutating func switchToHeap() {
        let entries = radix.drain()
        usingRadix = false
        makeUnique()
        for e in entries {
            let slot = Int(e.slot)
            slots[slot].payload = e.payload
            heapPush(Node(high: e.time, low: (slots[slot].sequence << Self.slotBits) | UInt64(slot)))
        }
    }

    /// The time and slot of the earliest entry (cancelled or not), if any.
    @inlinable mutating func peekKey() -> (time: UInt64, slot: Int)? {
        if usingRadix { return radix.peek() }
        return nodeCount > 0 ? (base[0].high, Int(truncatingIfNeeded: base[0].low & Self.slotMask)) : nil
    }

    /// Cancels a pending event; cancelling one that already ran or was cancelled does
    /// nothing.
    ///
    /// - Complexity: O(1).
    @inlinable public mutating func cancel(_ token: EventToken) {
        guard isPending(token) else { return }
        let s = Int(token.slot)
        live[s &>> 6] &= ~(1 &<< UInt64(s & 63))
        cancelledCount &+= 1
    }

    /// Whether the event behind `token` is still pending.
    @inlinable public func isPending(_ token: EventToken) -> Bool {
        let s = Int(token.slot)
        return s >= 0 && s < slots.count && isLive(s) && slots[s].sequence == token.sequence
    }

    /// The time of the earliest pending event, or ``SimTime/never``.
    ///
    /// - Complexity: O(1), plus the amortised cost of dropping cancelled entries.
    @inlinable public mutating func nextTime() -> SimTime {
        if cancelledCount > 0 { dropCancelledTop() }
        return peekKey().map { Self.time(of: $0.time) } ?? .never
    }

    /// Removes and returns the earliest pending event.
    ///
    /// - Complexity: O(log₄ n) (heap) or O(1) amortised (radix).
    @inlinable public mutating func popNext() -> (time: SimTime, payload: Payload)? {
        if cancelledCount > 0 { dropCancelledTop() }
        makeUnique()
        if usingRadix {
            if radix.count == 0 { return nil }
            let e = radix.pop()
            release(slot: Int(e.slot))
            if radix.count < Self.heapBelow { switchToHeap() }
            return (Self.time(of: e.time), e.payload)
        }
        if nodeCount == 0 { return nil }
        let top = removeTop()
        let slot = Int(truncatingIfNeeded: top.low & Self.slotMask)
        release(slot: slot)
        return (Self.time(of: top.high), slots[slot].payload)
    }

    @inlinable static func time(of high: UInt64) -> SimTime {
        SimTime(nanoseconds: Int64(bitPattern: high ^ signBit))
    }

    /// Drops cancelled entries from the top.
    @inlinable mutating func dropCancelledTop() {
        makeUnique()
        while let top = peekKey() {
            let slot = top.slot
            if isLive(slot) { return }
            if usingRadix {
                _ = radix.pop()
                if radix.count < Self.heapBelow { switchToHeap() }
            } else {
                _ = removeTop()
            }
            pushFree(slot)
            cancelledCount &-= 1
        }
    }

    /// Removes the root: the last node fills the hole and sifts down top-down, choosing
    /// the least of four children without branches.
    @inlinable mutating func removeTop() -> Node {
        let h = base
        nodeCount &-= 1
        let n = nodeCount
        let last = h[n]
        if n == 0 { return last }
        let top = h[0]
        let lastKey = last.key
        var i = 0
        while true {
            let f = (i &<< 2) &+ 1
            if f >= n { break }
            var best = f
            var bestKey: UInt128
            if f &+ 3 < n {
                let k0 = h[f].key, k1 = h[f &+ 1].key, k2 = h[f &+ 2].key, k3 = h[f &+ 3].key
                let a = k1 < k0 ? f &+ 1 : f
                let ka = Swift.min(k0, k1)
                let c = k3 < k2 ? f &+ 3 : f &+ 2
                let kc = Swift.min(k2, k3)
                best = kc < ka ? c : a
                bestKey = Swift.min(ka, kc)
            } else {
                bestKey = h[f].key
                var c = f &+ 1
                while c < n {
                    let k = h[c].key
                    if k < bestKey { bestKey = k; best = c }
                    c &+= 1
                }
            }
            if bestKey >= lastKey { break }
            h[i] = h[best]
            i = best
        }
        h[i] = last
        return top
    }
}
