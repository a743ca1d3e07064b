import Dispatch
import Foundation

/// Runs independent jobs (replications, sweep points) on up to `jobs` threads and returns
/// their results in job order, so the output is byte-identical for any `jobs`.
///
/// Each job builds and runs its own ``Simulation``; nothing is shared between jobs but the
/// read-only scenario, so the order in which threads finish never reaches results.
public enum ParallelRunner {
    /// The machine's core count (the default for `--jobs`).
    public static var defaultJobs: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `count` jobs.
    ///
    /// - Parameters:
    ///   - count: number of jobs.
    ///   - jobs: threads to use (≥ 1).
    ///   - body: the job; called once per index, possibly concurrently.
    /// - Returns: the results, by index.
    public static func map<T: Sendable>(_ count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        if jobs <= 1 || count <= 1 {
            for i in 0..<count { slots.set(i, body(i)) }
        } else {
            let next = Counter()
            let threads = min(jobs, count)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    let i = next.take()
                    if i >= count { break }
                    slots.set(i, body(i))
                }
            }
        }
        return slots.values()
    }

    final class Slots<T>: @unchecked Sendable {
        private var items: [T?]
        private let lock = NSLock()
        init(count: Int) { items = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ v: T) { lock.lock(); items[i] = v; lock.unlock() }
        func values() -> [T] { items.map { $0! } }
    }

    final class Counter: @unchecked Sendable {
        private var n = 0
        private let lock = NSLock()
        func take() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n - 1 }
    }
}
