/// `schoolnet sweep` and `schoolnet size`: runs over edited variants of one scenario.
public enum Sweep {
    /// A key varied over values, parsed from `KEY=V1,V2,…`.
    public struct Axis: Sendable, Equatable {
        /// The key path as written.
        public var path: String
        /// The values as written.
        public var values: [String]

        /// Parses `KEY=V1,V2,…`.
        public init(parsing text: String) throws(ExperimentError) {
            guard let eq = text.firstIndex(of: "=") else {
                throw ExperimentError("--vary expects KEY=V1,V2,…, e.g. 'schools[0].access.down=500 Mbps,1 Gbps'; found \"\(text)\"")
            }
            path = String(text[..<eq])
            values = text[text.index(after: eq)...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !values.isEmpty, !values.contains(where: \.isEmpty) else { throw ExperimentError("--vary \(path): no values, or an empty one") }
            _ = try ScenarioOverride(path: path, value: values[0], option: "--vary")
        }
    }

    /// One evaluated point.
    public struct Point: Sendable {
        /// The settings of this point.
        public var overrides: [ScenarioOverride]
        /// Mean metrics over the replications.
        public var means: [(workload: String, kind: String, metric: Metric)]
        /// The resource that held traffic back most (summed over replications), if any.
        public var topBottleneck: String?
        /// Whether every target passed (nil without targets).
        public var passed: Bool?
        /// Replications (simulated days) run at this point.
        public var days = 0
        /// Of those, the days on which every target was met by that day's own values.
        public var daysPassed = 0
        /// The days the verdict is over: ``days`` when every day ran, more when the search
        /// stopped once the verdict on the share of days was decided (0 reads as ``days``).
        public var daysPlanned = 0

        /// Whether the search stopped before running every planned day.
        public var stoppedEarly: Bool { daysPlanned > days }

        /// "3 of 4" (days meeting every target of days run), with "; decided, 10 planned"
        /// when the search stopped early.
        public var daysDescription: String {
            "\(daysPassed) of \(days)" + (stoppedEarly ? " (decided; \(daysPlanned) planned)" : "")
        }

        /// Whether the point meets the targets: on their means over the replications
        /// (`daysShare` nil), or on at least `daysShare` (0…1) of the simulated days, each
        /// day judged on its own values; the share is of ``daysPlanned`` when the search stopped
        /// early (the days not run could not change the verdict). False without targets.
        ///
        /// - Parameter daysShare: The share of days that must meet every target, or nil.
        /// - Returns: The verdict.
        public func meetsTargets(daysShare: Double?) -> Bool {
            guard let share = daysShare else { return passed == true }
            return passed != nil && days > 0 && Double(daysPassed) >= share * Double(max(days, daysPlanned)) - 1e-9
        }
    }

    /// Every combination of the axes' values (the first axis varies slowest).
    public static func grid(_ axes: [Axis]) throws(ExperimentError) -> [[ScenarioOverride]] {
        var points: [[ScenarioOverride]] = [[]]
        for a in axes {
            var next: [[ScenarioOverride]] = []
            for p in points {
                for v in a.values { next.append(p + [try ScenarioOverride(path: a.path, value: v, option: "--vary")]) }
            }
            points = next
        }
        return points
    }

    /// What a sweep keeps of one replication at one point: enough to summarise the point
    /// (``point(overrides:runs:)``), and `Codable`, so a shard file can carry it (``ShardFile``).
    public struct Run: Sendable, Equatable, Codable {
        /// The workloads' reports, with the scenario's targets applied.
        public var workloads: [WorkloadReport]
        /// Flow-seconds each resource limited transfers, by resource index.
        public var limitedFlowSeconds: [Double]
        /// Each resource's name, by resource index (the topology the run used).
        public var resourceNames: [String]

        /// Creates a run's summary from its parts.
        public init(workloads: [WorkloadReport], limitedFlowSeconds: [Double], resourceNames: [String]) {
            self.workloads = workloads
            self.limitedFlowSeconds = limitedFlowSeconds
            self.resourceNames = resourceNames
        }
    }

    /// Evaluates one point: `replications` runs from `seed`.
    public static func evaluate(_ source: ScenarioSource, overrides: [ScenarioOverride], seed: UInt64?, replications: Int?,
                                jobs: Int) throws -> Point {
        let scenario = try source.scenario(with: overrides)
        let all = Array(0..<(replications ?? scenario.replications))
        return point(overrides: overrides, runs: runs(scenario, seed: seed ?? scenario.seed, replications: all, jobs: jobs))
    }

    /// Runs the chosen replications of one point's scenario (all of them, or a shard's share).
    ///
    /// - Parameters:
    ///   - scenario: the point's scenario (overrides applied).
    ///   - seed: seed of replication 0.
    ///   - replications: the replication numbers to run (0-based).
    ///   - jobs: threads.
    /// - Returns: one run per entry of `replications`, in that order.
    public static func runs(_ scenario: Scenario, seed: UInt64, replications: [Int], jobs: Int) -> [Run] {
        Experiment.replicate(scenario, seed: seed, replications: replications, jobs: jobs) { sim, _, _ -> Run in
            run(of: sim, scenario: scenario)
        }
    }

    /// What a sweep keeps of a finished simulation of `scenario`.
    static func run(of sim: Simulation, scenario: Scenario) -> Run {
        Run(workloads: scenario.applyingTargets(to: sim.workloads.map { $0.report(in: sim) }),
            limitedFlowSeconds: Array(sim.network.solver.observer.limitedFlowSeconds),
            resourceNames: sim.network.topology.resources.map(\.name))
    }

    /// Summarises one point from its runs: mean metrics, the resource that held traffic back
    /// most (summed over the runs, in run order), and the verdict.
    ///
    /// - Parameters:
    ///   - overrides: the point's settings.
    ///   - runs: every replication of the point, in replication order.
    /// - Returns: the point.
    public static func point(overrides: [ScenarioOverride], runs: [Run]) -> Point {
        let means = Experiment.meanMetrics(runs.map(\.workloads))
        var limited = [Double](repeating: 0, count: runs.first?.limitedFlowSeconds.count ?? 0)
        for r in runs { for i in r.limitedFlowSeconds.indices { limited[i] += r.limitedFlowSeconds[i] } }
        let top = limited.indices.filter { limited[$0] > 0 }.max { (limited[$0], -$0) < (limited[$1], -$1) }
        let names = runs.first?.resourceNames ?? []  // the topology the runs used; no second build
        let hasTargets = means.contains { $0.metric.target != nil }
        let daysPassed = runs.filter { run in run.workloads.allSatisfy { $0.metrics.allSatisfy { $0.passed ?? true } } }.count
        return Point(overrides: overrides, means: means, topBottleneck: top.map { names[$0] },
                     passed: hasTargets ? Experiment.passes(means) : nil, days: runs.count, daysPassed: daysPassed)
    }

    /// The result of a sizing search.
    public struct Sizing: Sendable {
        /// Candidates in the order tried (by cost), with cost and outcome (nil: not tried).
        public var candidates: [(value: String, cost: Double?, point: Point?)]
        /// Index of the chosen candidate in `candidates`, if any passed.
        public var chosen: Int?
        /// The chosen value re-run with fresh seeds.
        public var verification: Point?
        /// The share of simulated days that must meet every target (nil: the means must).
        public var daysShare: Double? = nil

        /// The chosen option's value, if any passed.
        public var chosenValue: String? { chosen.map { candidates[$0].value } }

        /// Whether the chosen option passed and its verification did too.
        public var verified: Bool {
            guard let c = chosen else { return false }
            return candidates[c].point?.meetsTargets(daysShare: daysShare) == true
                && verification?.meetsTargets(daysShare: daysShare) == true
        }
    }
}
