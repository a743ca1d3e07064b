import Foundation
import SchoolNet

/// The classic hold model for priority queues (Vaucher & Duval 1975; Jones, CACM 1986).
///
/// `pending` events are scheduled at Exp(1 s) times; then each *hold* pops the earliest
/// event and schedules one new event at its time + Exp(1 s), so the queue size stays
/// `pending`. The time per hold is the cost of one pop + one schedule at that size.
///
/// **Assumptions.** Increments are drawn inline as −ln U (U from
/// `RandomStream.nextOpenUnit()`), not through `Distribution`, so the case measures the
/// queue and the generator, not an enum switch. Pre-filling is not timed.
enum HoldModel {
    /// Runs the hold model once.
    ///
    /// - Parameters:
    ///   - pending: events kept in the queue.
    ///   - holds: pop + schedule pairs to time.
    ///   - seed: the random stream's seed.
    /// - Returns: `events` = holds; metrics `nsPerHold`, `pending`, and `finalSimSeconds`
    ///   (the last popped time, deterministic — it also keeps the loop observable).
    /// - Complexity: O((pending + holds) log₄ pending).
    static func run(pending: Int, holds: Int, seed: UInt64) -> CaseMeasurement {
        var queue = EventQueue<UInt32>(reservingCapacity: pending)
        var rng = RandomStream(seed: seed).derived("hold")
        for i in 0..<pending {
            queue.schedule(UInt32(truncatingIfNeeded: i), at: .zero + exponentialSecond(&rng))
        }
        var now = SimTime.zero
        let stopwatch = Stopwatch()
        for _ in 0..<holds {
            guard let (time, payload) = queue.popNext() else { preconditionFailure("hold model ran dry") }
            now = time
            queue.schedule(payload, at: time + exponentialSecond(&rng))
        }
        let seconds = stopwatch.elapsedSeconds
        return CaseMeasurement(
            events: UInt64(holds), measuredSeconds: seconds,
            metrics: [
                "nsPerHold": seconds * 1e9 / Double(holds),
                "pending": Double(pending),
                "finalSimSeconds": now.seconds,
            ])
    }

    /// An Exp(mean 1 s) duration, truncated to whole nanoseconds.
    @inline(__always)
    static func exponentialSecond(_ rng: inout RandomStream) -> SimDuration {
        SimDuration(nanoseconds: Int64(-1e9 * log(rng.nextOpenUnit())))
    }
}
