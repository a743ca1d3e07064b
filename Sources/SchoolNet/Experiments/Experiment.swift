/// Replications, sweeps and sizing searches over a scenario.
///
/// Replication *r* runs with seed `seed + r`; runs are independent and spread over `jobs`
/// threads by ``ParallelRunner``, and results come back in replication order, so every
/// output is the same for any `jobs`. Two scenarios compared with the same seeds see the
/// same random draws for every entity they share (common random numbers).
public enum Experiment {
    /// Runs `replications` independent runs of `scenario`.
    ///
    /// - Parameters:
    ///   - scenario: the scenario.
    ///   - seed: seed of the first replication.
    ///   - replications: how many.
    ///   - jobs: threads.
    ///   - progress: told the overall fraction done (may be called from several threads).
    ///   - prepare: told each replication's simulation and index (from 0) before it runs,
    ///     e.g. to keep per-row records of the first replication's flow-log replays
    ///     (``FlowLogWorkload/recordFlows(in:)``).
    ///   - transform: turns a finished simulation into what the caller keeps (a result),
    ///     so simulations are freed as soon as possible.
    /// - Returns: one value per replication, in order.
    public static func replicate<T: Sendable>(
        _ scenario: Scenario, seed: UInt64, replications: Int, jobs: Int,
        progress: (@Sendable (Double) -> Void)? = nil,
        prepare: (@Sendable (Simulation, Int) -> Void)? = nil,
        _ transform: @escaping @Sendable (Simulation, ScenarioBuilder, UInt64) -> T
    ) -> [T] {
        replicate(scenario, seed: seed, replications: Array(0..<replications), jobs: jobs, progress: progress,
                  prepare: prepare, transform)
    }

    /// Runs the chosen replications of `scenario` — some of the replications, for a shard
    /// (``Shard``): replication *r* runs with seed `seed + r` whichever others run with it,
    /// so its result is the one it has in a run of all of them.
    ///
    /// - Parameters:
    ///   - scenario: the scenario.
    ///   - seed: seed of replication 0.
    ///   - replications: the replication numbers to run (0-based), in the order wanted.
    ///   - jobs: threads.
    ///   - progress: told the overall fraction done (may be called from several threads).
    ///   - prepare: told each replication's simulation and replication number before it runs.
    ///   - transform: turns a finished simulation into what the caller keeps.
    /// - Returns: one value per entry of `replications`, in that order.
    public static func replicate<T: Sendable>(
        _ scenario: Scenario, seed: UInt64, replications: [Int], jobs: Int,
        progress: (@Sendable (Double) -> Void)? = nil,
        prepare: (@Sendable (Simulation, Int) -> Void)? = nil,
        _ transform: @escaping @Sendable (Simulation, ScenarioBuilder, UInt64) -> T
    ) -> [T] {
        let builder = ScenarioBuilder(scenario)
        let fractions = FractionBoard(count: replications.count)
        return ParallelRunner.map(replications.count, jobs: jobs) { i in
            let s = seed &+ UInt64(replications[i])
            let sim = builder.makeSimulation(seed: s)
            prepare?(sim, replications[i])
            sim.run(until: builder.horizon) { f in
                if let progress { progress(fractions.update(i, f)) }
            }
            return transform(sim, builder, s)
        }
    }

    /// Runs the chosen replications of `scenario` and keeps each as a ``RunResult`` with the
    /// scenario's targets applied — what `schoolnet run` reports.
    ///
    /// - Parameters:
    ///   - scenario: the scenario.
    ///   - seed: seed of replication 0.
    ///   - replications: the replication numbers to run (0-based; all of them, or a shard's share).
    ///   - jobs: threads.
    ///   - progress: told the overall fraction done (may be called from several threads).
    ///   - prepare: told each replication's simulation and replication number before it runs.
    /// - Returns: one result per entry of `replications`, in that order.
    public static func runs(_ scenario: Scenario, seed: UInt64, replications: [Int], jobs: Int,
                            progress: (@Sendable (Double) -> Void)? = nil,
                            prepare: (@Sendable (Simulation, Int) -> Void)? = nil) -> [RunResult] {
        replicate(scenario, seed: seed, replications: replications, jobs: jobs, progress: progress,
                  prepare: prepare) { sim, builder, s in
            var run = RunResult(simulation: sim, scenarioName: scenario.name, description: scenario.description, seed: s,
                                clockStart: scenario.start, kinds: builder.kinds)
            run.workloads = scenario.applyingTargets(to: run.workloads)
            run.periods = scenario.periods.map { RunResult.Period(name: $0.name, start: $0.start, end: $0.end) }
            return run
        }
    }

    /// Mean of each metric over replications, keyed `workload name / metric key`, in report
    /// order; NaN values are skipped (a metric with no samples in a run).
    public static func meanMetrics(_ runs: [[WorkloadReport]]) -> [(workload: String, kind: String, metric: Metric)] {
        guard let first = runs.first else { return [] }
        var out: [(String, String, Metric)] = []
        for (w, report) in first.enumerated() {
            for (m, metric) in report.metrics.enumerated() {
                let values = runs.map { $0[w].metrics[m].value }.filter { !$0.isNaN }
                var mean = metric
                mean.value = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
                out.append((report.name, report.kind, mean))
            }
        }
        return out
    }

    /// Whether every metric with a target passes (on the means).
    public static func passes(_ means: [(workload: String, kind: String, metric: Metric)]) -> Bool {
        means.allSatisfy { $0.metric.passed ?? true }
    }

    final class FractionBoard: @unchecked Sendable {
        private var done: [Double]
        private let lock = NSLockish()
        init(count: Int) { done = Array(repeating: 0, count: count) }
        func update(_ i: Int, _ f: Double) -> Double {
            lock.withLock {
                done[i] = f
                return done.reduce(0, +) / Double(done.count)
            }
        }
    }
}

import Foundation

/// `NSLock` with a closure helper (kept local so the Experiments layer reads simply).
final class NSLockish: @unchecked Sendable {
    private let lock = NSLock()
    func withLock<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
