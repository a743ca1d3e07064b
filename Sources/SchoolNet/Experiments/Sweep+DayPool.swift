import Dispatch
import Foundation

extension Sweep {
    /// Simulated school days of a sizing search, run on `jobs` threads, each day once, and
    /// read by the search in the order it decides them.
    ///
    /// The search asks for one day at a time (``result(_:)``) and reads nothing else, so
    /// what it reports depends only on the days' results, never on the threads. It also
    /// *announces* days (``prefetch(_:level:)``): the answers' fresh verification days, certain
    /// to be needed, and the next days of the option being decided, which a thread runs when
    /// it has nothing more certain to do — so both cores stay busy while the search waits on
    /// a single deciding day. A day announced but never asked for costs its run and nothing
    /// else; ``cancel(_:)`` drops the announced days not yet started.
    ///
    /// Each day's result is the one ``runs(_:seed:replications:jobs:)`` gives it: a
    /// simulation built from the day's scenario and seed, run alone.
    ///
    /// **Validated by:** `SizingSearchTests` (`jobs` does not change the output; pooled
    /// verification is each size's own).
    final class DayPool: @unchecked Sendable {
        /// One day: a scenario added with ``add(_:)`` and the day's seed.
        struct Key: Hashable, Sendable {
            /// The scenario's number, from ``add(_:)``.
            var scenario: Int
            /// The seed the day runs with.
            var seed: UInt64
        }

        /// How soon an announced day runs: a higher level first, then by `rank` (higher
        /// first), then in announcement order.
        struct Level: Comparable, Sendable {
            var tier: Int
            var rank: Int
            static func < (a: Level, b: Level) -> Bool { (a.tier, a.rank) < (b.tier, b.rank) }
            /// A day the search waits for.
            static let needed = Level(tier: 2, rank: 0)
            /// A verification day (certain to be needed); `rank` orders sizes (the larger
            /// school's longer days first).
            static func verification(_ rank: Int) -> Level { Level(tier: 1, rank: rank) }
            /// A day the search will need unless the days before it decide the option.
            static let search = Level(tier: 0, rank: 0)
        }

        private struct Queued {
            var key: Key
            var level: Level
            var order: Int
        }

        private let condition = NSCondition()
        private var scenarios: [(scenario: Scenario, builder: ScenarioBuilder)] = []
        private var queue: [Queued] = []
        private var running: Set<Key> = []
        private var results: [Key: Run] = [:]
        private var announced = 0
        private var closing = false
        private var simulatedDays = 0
        private let group = DispatchGroup()

        /// The threads that run days.
        let threads: Int

        /// Starts `jobs` threads (at least one).
        init(jobs: Int) {
            threads = max(1, jobs)
            // Threads of their own: they wait between days, and waiting must not hold the
            // shared dispatch threads that other parallel work of the process runs on.
            for _ in 0..<threads {
                group.enter()
                let thread = Thread { [self] in
                    work()
                    group.leave()
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
        }

        /// Days simulated so far, announced ones included (depends on the threads' timing).
        var simulated: Int {
            condition.lock(); defer { condition.unlock() }
            return simulatedDays
        }

        /// Adds a scenario whose days may run; returns its number for ``Key``.
        func add(_ scenario: Scenario) -> Int {
            let builder = ScenarioBuilder(scenario)
            condition.lock(); defer { condition.unlock() }
            scenarios.append((scenario, builder))
            return scenarios.count - 1
        }

        /// Announces days, to run when a thread is free (a day already queued moves up to
        /// `level` if that is sooner; one run, finished or running, is not repeated).
        func prefetch(_ keys: [Key], level: Level) {
            condition.lock(); defer { condition.unlock() }
            for k in keys { enqueue(k, level: level) }
            condition.broadcast()
        }

        /// Drops the announced days of `keys` that have not started.
        func cancel(_ keys: [Key]) {
            let drop = Set(keys)
            condition.lock(); defer { condition.unlock() }
            queue.removeAll { drop.contains($0.key) }
        }

        /// The day's result, running it next if it has not started; waits for it.
        func result(_ key: Key) -> Run {
            condition.lock(); defer { condition.unlock() }
            if results[key] == nil {
                enqueue(key, level: .needed)
                condition.broadcast()
            }
            while true {
                if let r = results[key] { return r }
                condition.wait()
            }
        }

        /// Drops every announced day not started and waits for the threads to stop.
        func close() {
            condition.lock()
            closing = true
            queue.removeAll()
            condition.broadcast()
            condition.unlock()
            group.wait()
        }

        /// Under the lock.
        private func enqueue(_ key: Key, level: Level) {
            guard results[key] == nil, !running.contains(key) else { return }
            if let i = queue.firstIndex(where: { $0.key == key }) {
                if queue[i].level < level { queue[i].level = level }
                return
            }
            announced += 1
            queue.append(Queued(key: key, level: level, order: announced))
        }

        /// A thread's loop: the soonest queued day, until closed.
        private func work() {
            condition.lock()
            while true {
                if closing { break }
                guard let i = queue.indices.max(by: { (queue[$0].level, -queue[$0].order) < (queue[$1].level, -queue[$1].order) }) else {
                    condition.wait()
                    continue
                }
                let key = queue.remove(at: i).key
                running.insert(key)
                let (scenario, builder) = scenarios[key.scenario]
                condition.unlock()
                let sim = builder.makeSimulation(seed: key.seed)
                sim.run(until: builder.horizon)
                let r = Sweep.run(of: sim, scenario: scenario)
                condition.lock()
                running.remove(key)
                results[key] = r
                simulatedDays += 1
                condition.broadcast()
            }
            condition.unlock()
        }
    }
}
