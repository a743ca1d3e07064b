import Foundation
import SchoolNet

/// The reference the kernel's hold target is set against: a plain 4-ary heap of closures,
/// 134 ns and 407 ns per hold at 10³ and 10⁶ pending on the machine the targets were set on.
///
/// A textbook scheduler: a Swift `Array` of `(time, sequence, closure)` entries kept as a
/// 4-ary min-heap, each event a closure that schedules the next one (one closure context
/// allocated per event). It measures the machine as much as the design: on a shared VM
/// whose speed drifts, the ratio `hold-1e3 / ref-hold-1e3` shows whether the kernel or the
/// machine moved (the kernel's targets are 60 / 134 = 0.45 at 10³ and 250 / 407 = 0.61 at
/// 10⁶ of the reference).
///
/// **Assumptions.** Same increments (Exp(1 s) drawn inline as −ln U from the same stream)
/// and the same seed as ``HoldModel``, so both pop the same event times.
final class ReferenceScheduler {
    struct Entry {
        var time: Int64
        var sequence: UInt64
        var action: () -> Void
        func precedes(_ o: Entry) -> Bool { time < o.time || (time == o.time && sequence < o.sequence) }
    }

    var heap: [Entry] = []
    var sequence: UInt64 = 0
    var now: Int64 = 0
    var rng: RandomStream

    init(seed: UInt64, capacity: Int) {
        rng = RandomStream(seed: seed).derived("hold")
        heap.reserveCapacity(capacity)
    }

    func schedule(at time: Int64, _ action: @escaping () -> Void) {
        heap.append(Entry(time: time, sequence: sequence, action: action))
        sequence += 1
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 4
            if !heap[i].precedes(heap[parent]) { break }
            heap.swapAt(i, parent)
            i = parent
        }
    }

    /// Pops and runs the earliest event; false if none.
    func step() -> Bool {
        guard let last = heap.popLast() else { return false }
        var top = last
        if !heap.isEmpty {
            top = heap[0]
            heap[0] = last
            var i = 0
            let n = heap.count
            while true {
                let first = 4 * i + 1
                if first >= n { break }
                var best = first
                for c in (first + 1)..<min(first + 4, n) where heap[c].precedes(heap[best]) { best = c }
                if !heap[best].precedes(heap[i]) { break }
                heap.swapAt(i, best)
                i = best
            }
        }
        now = top.time
        top.action()
        return true
    }

    /// An Exp(mean 1 s) increment in nanoseconds, as ``HoldModel/exponentialSecond(_:)``.
    func increment() -> Int64 { Int64(-1e9 * log(rng.nextOpenUnit())) }

    /// The hold event: schedules the next one an Exp(1 s) later.
    func hold() {
        schedule(at: now + increment()) { [unowned self] in self.hold() }
    }

    /// Runs the reference hold model: `pending` events, then `holds` timed pops.
    static func run(pending: Int, holds: Int, seed: UInt64) -> CaseMeasurement {
        let s = ReferenceScheduler(seed: seed, capacity: pending)
        for _ in 0..<pending { s.schedule(at: s.increment()) { [unowned s] in s.hold() } }
        let stopwatch = Stopwatch()
        for _ in 0..<holds { precondition(s.step(), "reference hold model ran dry") }
        let seconds = stopwatch.elapsedSeconds
        return CaseMeasurement(
            events: UInt64(holds), measuredSeconds: seconds,
            metrics: ["nsPerHold": seconds * 1e9 / Double(holds), "pending": Double(pending),
                      "finalSimSeconds": Double(s.now) * 1e-9])
    }
}
