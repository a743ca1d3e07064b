import Testing
@testable import SchoolNet

@Suite struct EventQueueTests {
    /// Random times pop in sorted order, ties in insertion order; checked against a sort.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func popsInTimeThenInsertionOrder(seed: UInt64) {
        var rng = RandomStream(seed: seed)
        var q = EventQueue<Int>()
        var expected: [(Int64, Int)] = []
        for i in 0..<5000 {
            let t = Int64(rng.next() % 500)  // many ties on purpose
            q.schedule(i, at: SimTime(nanoseconds: t))
            expected.append((t, i))
        }
        expected.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var got: [(Int64, Int)] = []
        while let e = q.popNext() { got.append((e.time.nanoseconds, e.payload)) }
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
    }

    @Test func interleavedScheduleAndPopMatchesReference() {
        var rng = RandomStream(seed: 9)
        var q = EventQueue<Int>()
        var reference: [(Int64, UInt64, Int)] = []
        var seq: UInt64 = 0
        var now: Int64 = 0
        for step in 0..<6_000 {
            if rng.next() % 3 != 0 || reference.isEmpty {
                let t = now + Int64(rng.next() % 1000)
                q.schedule(step, at: SimTime(nanoseconds: t))
                reference.append((t, seq, step)); seq += 1
            } else {
                let i = reference.indices.min { (reference[$0].0, reference[$0].1) < (reference[$1].0, reference[$1].1) }!
                let want = reference.remove(at: i)
                let got = q.popNext()!
                #expect(got.time.nanoseconds == want.0 && got.payload == want.2)
                now = want.0
            }
        }
        #expect(q.count == reference.count)
    }

    @Test func cancelledEventsNeverRun() {
        var q = EventQueue<String>()
        let a = q.schedule("a", at: .seconds(1))
        let b = q.schedule("b", at: .seconds(2))
        q.schedule("c", at: .seconds(3))
        q.cancel(b)
        q.cancel(b)  // twice is harmless
        #expect(q.count == 2)
        #expect(q.isPending(a) && !q.isPending(b))
        #expect(q.popNext()?.payload == "a")
        #expect(!q.isPending(a))
        q.cancel(a)  // already ran: no effect
        #expect(q.popNext()?.payload == "c")
        #expect(q.popNext() == nil)
    }

    @Test func cancelledTopIsSkippedByNextTime() {
        var q = EventQueue<Int>()
        let first = q.schedule(1, at: .seconds(1))
        q.schedule(2, at: .seconds(5))
        q.cancel(first)
        #expect(q.nextTime() == .seconds(5))
    }

    @Test func copiesAreIndependent() {
        var q = EventQueue<Int>()
        for i in 0..<100 { q.schedule(i, at: SimTime(nanoseconds: Int64(100 - i))) }
        var copy = q
        _ = copy.popNext()
        #expect(q.count == 100 && copy.count == 99)
        #expect(q.popNext()?.payload == 99)
    }

    @Test func growsPastInitialCapacity() {
        var q = EventQueue<Int>(reservingCapacity: 1)
        for i in 0..<10_000 { q.schedule(i, at: SimTime(nanoseconds: Int64(10_000 - i))) }
        var last = Int64.min
        var n = 0
        while let e = q.popNext() {
            #expect(e.time.nanoseconds >= last)
            last = e.time.nanoseconds
            n += 1
        }
        #expect(n == 10_000)
    }
}

@Suite struct IndexedHeapTests {
    @Test(arguments: [11, 12, 13] as [UInt64])
    func updatesAndRemovalsKeepOrder(seed: UInt64) {
        var rng = RandomStream(seed: seed)
        var h = IndexedHeap()
        var keys = [Int64?](repeating: nil, count: 300)
        for _ in 0..<20_000 {
            let i = Int(rng.next() % 300)
            switch rng.next() % 4 {
            case 0:
                h.remove(i); keys[i] = nil
            case 1:
                if let m = h.popMin() {
                    let want = keys.indices.filter { keys[$0] != nil }.min { (keys[$0]!, $0) < (keys[$1]!, $1) }!
                    #expect(m.index == want && m.key == keys[want]!)
                    keys[m.index] = nil
                }
            default:
                let k = Int64(rng.next() % 1000)
                h.update(i, to: k); keys[i] = k
            }
            #expect(h.count == keys.compactMap { $0 }.count)
        }
    }
}

/// The radix mode (more than 262,144 pending events) against a sort, with ties, interleaved
/// scheduling, cancellation, and the switches between modes in both directions.
@Suite struct EventQueueRadixTests {
    @Test(arguments: [21, 22] as [UInt64])
    func largeQueueKeepsTimeThenInsertionOrder(seed: UInt64) {
        var rng = RandomStream(seed: seed)
        var q = EventQueue<Int>()
        var reference: [(Int64, Int)] = []
        var cancelled = Set<Int>()
        var tokens: [EventToken] = []
        for i in 0..<300_000 {
            let t = Int64(rng.next() % 20_000)  // many ties
            tokens.append(q.schedule(i, at: SimTime(nanoseconds: t)))
            reference.append((t, i))
        }
        let radixMode = q.usingRadix
        #expect(radixMode)
        for i in stride(from: 0, to: 300_000, by: 7) { q.cancel(tokens[i]); cancelled.insert(i) }
        // Pop half, scheduling new events at or after the current time (monotone).
        var expected = reference.filter { !cancelled.contains($0.1) }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var got: [(Int64, Int)] = []
        var next = 300_000
        while let e = q.popNext() {
            got.append((e.time.nanoseconds, e.payload))
            if next < 310_000 && got.count % 3 == 0 {
                let t = e.time.nanoseconds + Int64(rng.next() % 50)
                q.schedule(next, at: SimTime(nanoseconds: t))
                expected.append((t, next))
                next += 1
            }
        }
        expected.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        #expect(got.count == expected.count)
        #expect(got.map(\.0) == expected.map(\.0))
        #expect(got.map(\.1) == expected.map(\.1))
        let heapMode = !q.usingRadix
        #expect(heapMode)  // drained: back in heap mode
    }

    /// A copy that peeks (which moves nodes between buckets) must not share that with the
    /// original: the original still pops in order, including an event scheduled after the
    /// copy peeked that falls between nodes the copy moved. (The radix storage is shared
    /// until written, so this checks that a peek counts as a write.)
    @Test(arguments: [[0, 9, 12, 15, 10], [0, 0x91, 0x9C, 0x9F, 0x95]] as [[Int64]])
    func copyThatPeeksLeavesTheOriginalIntact(times: [Int64]) {
        var q = EventQueue<Int64>()
        for t in times.dropLast() { q.schedule(t, at: SimTime(nanoseconds: t)) }
        for i in 0..<270_000 { q.schedule(-1, at: SimTime(nanoseconds: 1_000_000 + Int64(i))) }
        let radixMode = q.usingRadix
        #expect(radixMode)
        #expect(q.popNext()?.payload == times[0])
        var copy = q
        #expect(copy.nextTime() == SimTime(nanoseconds: times[1]))
        q.schedule(times[times.count - 1], at: SimTime(nanoseconds: times[times.count - 1]))
        let expected = times.dropFirst().sorted()
        var got: [Int64] = []
        for _ in expected { got.append(q.popNext()?.payload ?? -2) }
        #expect(got == expected)
        #expect(copy.popNext()?.payload == times[1])
        #expect(copy.count == 270_000 + times.count - 3)
    }

    /// Tokens stay exact in radix mode: a popped event's token is stale even after its slot
    /// was reused, and cancelling through it leaves the slot's new event alone.
    @Test func tokensOfPoppedEventsAreStaleInRadixMode() {
        var q = EventQueue<Int>()
        var tokens: [EventToken] = []
        for i in 0..<270_000 { tokens.append(q.schedule(i, at: SimTime(nanoseconds: Int64(i)))) }
        let radixMode = q.usingRadix
        #expect(radixMode)
        #expect(q.popNext()?.payload == 0)
        #expect(!q.isPending(tokens[0]))
        let reuser = q.schedule(-1, at: SimTime(nanoseconds: 5))  // takes the freed slot
        #expect(reuser.slot == tokens[0].slot)
        q.cancel(tokens[0])
        #expect(q.isPending(reuser) && q.count == 270_000)
        q.cancel(tokens[2])
        #expect(!q.isPending(tokens[2]) && q.count == 269_999)
        let order = (0..<5).compactMap { _ in q.popNext()?.payload }
        #expect(order == [1, 3, 4, 5, -1])  // ties in scheduling order
    }

    /// Payloads holding references are released exactly once whatever path they take:
    /// popped, cancelled and dropped, carried by radix entries, moved between the modes,
    /// copied with the queue, or left in the queue when it goes away.
    @Test func referencePayloadsAreReleased() {
        final class Alive { var count = 0 }
        final class Tracked {
            let alive: Alive
            init(_ alive: Alive) { self.alive = alive; alive.count += 1 }
            deinit { alive.count -= 1 }
        }
        let alive = Alive()
        do {
            var q = EventQueue<Tracked>()
            var tokens: [EventToken] = []
            for i in 0..<300_000 { tokens.append(q.schedule(Tracked(alive), at: SimTime(nanoseconds: Int64(i % 5_000)))) }
            let radixMode = q.usingRadix
            #expect(radixMode)
            for i in stride(from: 0, to: 300_000, by: 3) { q.cancel(tokens[i]) }
            do {
                var copy = q
                for _ in 0..<1_000 { _ = copy.popNext() }
                #expect(alive.count == 300_000)
            }
            while q.count > 20_000 { _ = q.popNext() }  // below 65,536 entries with the cancelled ones
            let heapMode = !q.usingRadix
            #expect(heapMode)
        }
        #expect(alive.count == 0)
    }

    /// Scheduling before the last removed time (allowed for the bare queue, never done by
    /// the Scheduler) rebuilds the buckets around the new minimum and stays correct.
    @Test func nonMonotoneScheduleStaysCorrect() {
        var q = EventQueue<Int>()
        for i in 0..<270_000 { q.schedule(i, at: SimTime(nanoseconds: Int64(1_000 + i))) }
        let radixMode = q.usingRadix
        #expect(radixMode)
        #expect(q.popNext()?.payload == 0)
        q.schedule(-1, at: SimTime(nanoseconds: 5))
        #expect(q.popNext()?.payload == -1)
        #expect(q.popNext()?.payload == 1)
        #expect(q.count == 269_998)
    }
}
