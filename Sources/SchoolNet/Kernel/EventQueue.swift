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
/// time order) and a word packing the insertion sequence (high 38 bits) above a payload
/// slot (low 26 bits). The pair compares as one 128-bit key, so child selection is
/// branch-free, and a group of four children fills one aligned 64-byte cache line
/// (``AlignedNodeBuffer``). Payloads live in a slab indexed by slot and reused through a
/// free list: no allocation per event once the slab has grown. Limits, both checked:
/// 2²⁶ (67 million) pending events; 2³⁸ (2.7 × 10¹¹) events over a queue's life.
///
/// **Cancellation** is lazy and exact: a token names (sequence, slot); ``cancel(_:)`` marks
/// the slot if it still holds that sequence, and a marked entry is dropped when it reaches
/// the top. A reschedule is cancel + schedule. Entities whose next event moves very often
/// (a flow's completion, which moves on every rate change) keep their own ``IndexedHeap``
/// and expose one "next event" time instead.
///
/// **Large queues.** Past 262,144 pending events the nodes move to ``RadixBuckets`` (a
/// radix heap: O(1) insert, sequential redistribution), which stays fast when the heap no
/// longer fits the cache; below 65,536 they move back. Both keep ties in insertion order.
///
/// - Complexity: ``schedule(_:at:)`` and ``popNext()`` are O(log₄ n) (heap) or O(1)
///   amortised (radix); ``cancel(_:)`` is O(1).
/// - Validated by: `EventQueueTests` (order against a sort, ties, cancellation) and the
///   hold benchmark in `Benchmarks/`.
public struct EventQueue<Payload> {
    @usableFromInline typealias Node = AlignedNodeBuffer.Node

    @usableFromInline static var slotBits: UInt64 { 26 }
    @usableFromInline static var slotMask: UInt64 { (1 << 26) - 1 }
    @usableFromInline static var cancelledBit: UInt64 { 1 << 63 }
    @usableFromInline static var signBit: UInt64 { 1 << 63 }

    @usableFromInline var storage: AlignedNodeBuffer
    @usableFromInline var base: UnsafeMutablePointer<Node>
    @usableFromInline var capacity: Int
    @usableFromInline var nodeCount = 0
    /// Above ``radixAbove`` pending events the nodes move to a radix heap (cache-friendly
    /// for large queues); below ``heapBelow`` they move back (the 4-ary heap is faster for
    /// small ones). The gap avoids switching back and forth.
    @usableFromInline var usingRadix = false
    @usableFromInline var radix = RadixBuckets()
    @usableFromInline static var radixAbove: Int { 262_144 }
    @usableFromInline static var heapBelow: Int { 65_536 }
    /// A pending event's payload and sequence, side by side so a pop touches one cache line.
    @usableFromInline struct Slot {
        /// Sequence of the event in the slot; `.max` when free, high bit set when cancelled.
        @usableFromInline var sequence: UInt64
        @usableFromInline var payload: Payload
        @inlinable init(sequence: UInt64, payload: Payload) {
            self.sequence = sequence
            self.payload = payload
        }
    }
    @usableFromInline var slots: ContiguousArray<Slot> = []
    @usableFromInline var freeSlots: ContiguousArray<Int32> = []
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelledCount = 0

    /// Creates an empty queue, optionally reserving room for `capacity` pending events.
    public init(reservingCapacity capacity: Int = 0) {
        storage = AlignedNodeBuffer(capacity: capacity)
        base = storage.base
        self.capacity = storage.capacity
        slots.reserveCapacity(capacity)
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

    /// Schedules `payload` at `time`.
    ///
    /// - Parameters:
    ///   - payload: what happens.
    ///   - time: when.
    /// - Returns: a token for ``cancel(_:)``.
    /// - Complexity: O(log₄ n); no allocation once the slab has grown.
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, at time: SimTime) -> EventToken {
        makeUnique()
        let seq = nextSequence
        precondition(seq < (1 << (64 - Self.slotBits)), "event sequence space exhausted")
        nextSequence &+= 1
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = Int(free)
            slots[slot] = Slot(sequence: seq, payload: payload)
        } else {
            slot = slots.count
            precondition(slot <= Int(Self.slotMask), "more than 2^26 pending events")
            slots.append(Slot(sequence: seq, payload: payload))
        }
        let node = Node(high: UInt64(bitPattern: time.nanoseconds) ^ Self.signBit,
                        low: (seq << Self.slotBits) | UInt64(slot))
        if usingRadix {
            if radix.push(node) { return EventToken(sequence: seq, slot: Int32(slot)) }
            switchToHeap()  // scheduled before the last removed time: not monotone
        }
        heapPush(node)
        if nodeCount > Self.radixAbove { switchToRadix() }
        return EventToken(sequence: seq, slot: Int32(slot))
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
    /// times keep their insertion order.
    @usableFromInline mutating func switchToRadix() {
        makeUnique()
        var nodes = Array(UnsafeBufferPointer(start: base, count: nodeCount))
        nodes.sort { $0.key < $1.key }
        nodeCount = 0
        radix = RadixBuckets()
        radix.last = nodes.first?.high ?? 0
        for n in nodes { _ = radix.push(n) }
        usingRadix = true
    }

    /// Moves every node from the radix buckets back to the heap.
    @usableFromInline mutating func switchToHeap() {
        let nodes = radix.drain()
        usingRadix = false
        makeUnique()
        for n in nodes { heapPush(n) }
    }

    /// The earliest node (cancelled or not), if any.
    @inlinable mutating func peekNode() -> Node? {
        if usingRadix { return radix.peek() }
        return nodeCount > 0 ? base[0] : nil
    }

    /// Removes the earliest node.
    @inlinable mutating func removeEarliest() -> Node {
        if usingRadix {
            let n = radix.pop()
            if radix.count < Self.heapBelow { switchToHeap() }
            return n
        }
        return removeTop()
    }

    /// Cancels a pending event; cancelling one that already ran or was cancelled does
    /// nothing.
    ///
    /// - Complexity: O(1).
    @inlinable public mutating func cancel(_ token: EventToken) {
        let s = Int(token.slot)
        guard s < slots.count, slots[s].sequence == token.sequence else { return }
        slots[s].sequence |= Self.cancelledBit
        cancelledCount &+= 1
    }

    /// Whether the event behind `token` is still pending.
    @inlinable public func isPending(_ token: EventToken) -> Bool {
        let s = Int(token.slot)
        return s < slots.count && slots[s].sequence == token.sequence
    }

    /// The time of the earliest pending event, or ``SimTime/never``.
    ///
    /// - Complexity: O(1), plus the amortised cost of dropping cancelled entries.
    @inlinable public mutating func nextTime() -> SimTime {
        if cancelledCount > 0 { dropCancelledTop() }
        return peekNode().map { Self.time(of: $0) } ?? .never
    }

    /// Removes and returns the earliest pending event.
    ///
    /// - Complexity: O(log₄ n).
    @inlinable public mutating func popNext() -> (time: SimTime, payload: Payload)? {
        if cancelledCount > 0 { dropCancelledTop() }
        makeUnique()
        guard peekNode() != nil else { return nil }
        let top = removeEarliest()
        let slot = Int(truncatingIfNeeded: top.low & Self.slotMask)
        slots[slot].sequence = .max  // no longer pending: tokens for it are stale
        freeSlots.append(Int32(truncatingIfNeeded: slot))
        return (Self.time(of: top), slots[slot].payload)
    }

    @inlinable static func time(of node: Node) -> SimTime {
        SimTime(nanoseconds: Int64(bitPattern: node.high ^ signBit))
    }

    @inlinable mutating func dropCancelledTop() {
        makeUnique()
        while let first = peekNode() {
            let slot = Int(truncatingIfNeeded: first.low & Self.slotMask)
            guard slots[slot].sequence & Self.cancelledBit != 0 else { return }
            _ = removeEarliest()
            slots[slot].sequence = .max
            freeSlots.append(Int32(truncatingIfNeeded: slot))
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
