/// The summary of independent replications of one scenario (different seeds): every
/// metric's mean with a 95 % Student-t confidence interval, and how stable the bottleneck
/// ranking is ("the uplink ranked first in 9 of 10 replications").
///
/// A single run is a ``MultiRunResult`` of one replication (no intervals), so the
/// renderers take this type for both.
///
/// **Assumptions:** the runs are independent replications (distinct seeds) of the same
/// scenario, so they have the same workloads and metrics in the same order; metrics are
/// matched by (workload name, metric key). A metric that is undefined (NaN) in some runs
/// is summarised over the runs that define it.
///
/// **Validated by:** `MultiRunResultTests`.
public struct MultiRunResult: Sendable, Equatable {
    /// One metric over the replications.
    public struct MetricSummary: Sendable, Equatable {
        /// The workload's name.
        public var workload: String
        /// The workload's kind.
        public var workloadKind: String
        /// The metric as defined by the first run (its `value` is that run's value).
        public var metric: Metric
        /// The value of each run, in run order (NaN where undefined).
        public var values: [Double]
        /// The 95 % confidence interval of the mean, nil with fewer than two defined values.
        public var interval: ConfidenceInterval?

        /// The mean over the runs that define the metric (NaN if none does).
        public var mean: Double {
            let defined = values.filter { !$0.isNaN }
            return defined.isEmpty ? .nan : defined.reduce(0, +) / Double(defined.count)
        }

        /// Whether the mean meets the target (nil without target or value).
        public var passed: Bool? {
            var m = metric
            m.value = mean
            return m.passed
        }
    }

    /// How often one link or session table topped the ranking.
    public struct RankShare: Sendable, Equatable {
        /// Name of the resource or session table.
        public var name: String
        /// Replications in which it ranked first.
        public var first: Int
        /// Replications in which it was ranked at all (limited something).
        public var ranked: Int
    }

    /// The runs, in replication order.
    public var runs: [RunResult]
    /// Every metric, in the first run's order (workload by workload).
    public var metrics: [MetricSummary]
    /// Every entry that ranked in some run: most often first, then most often ranked, then
    /// by name.
    public var rankingStability: [RankShare]

    /// Summarises replications.
    ///
    /// - Parameters:
    ///   - runs: At least one run; all of the same scenario.
    ///   - level: The confidence level; default 0.95.
    /// - Complexity: O(runs × (metrics + ranking entries)).
    public init(runs: [RunResult], level: Double = 0.95) {
        precondition(!runs.isEmpty, "MultiRunResult: no runs")
        self.runs = runs
        var metrics: [MetricSummary] = []
        for report in runs[0].workloads {
            for m in report.metrics {
                let values = runs.map { run in
                    run.workloads.first { $0.name == report.name }?.metrics.first { $0.key == m.key }?.value ?? .nan
                }
                let defined = values.filter { !$0.isNaN }
                metrics.append(MetricSummary(workload: report.name, workloadKind: report.kind, metric: m,
                                             values: values, interval: ConfidenceInterval(defined, level: level)))
            }
        }
        self.metrics = metrics
        var names: [String] = []
        var first: [String: Int] = [:], ranked: [String: Int] = [:]
        for run in runs {
            for (i, b) in run.bottlenecks.enumerated() {
                if ranked[b.name] == nil { names.append(b.name) }
                ranked[b.name, default: 0] += 1
                if i == 0 { first[b.name, default: 0] += 1 }
            }
        }
        rankingStability = names.map { RankShare(name: $0, first: first[$0] ?? 0, ranked: ranked[$0] ?? 0) }
            .sorted {
                ($0.first, $0.ranked) != ($1.first, $1.ranked)
                    ? ($0.first, $0.ranked) > ($1.first, $1.ranked)
                    : $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
            }
    }

    /// A single run as a summary of one replication.
    ///
    /// - Parameter run: The run.
    public init(_ run: RunResult) { self.init(runs: [run]) }

    /// The number of replications.
    public var replications: Int { runs.count }

    /// The run the ranking is shown for: the first replication.
    public var representative: RunResult { runs[0] }

    /// The summary of one metric, if present.
    ///
    /// - Parameters:
    ///   - workload: The workload's name.
    ///   - key: The metric's key.
    /// - Returns: The summary, or nil.
    public func metric(_ workload: String, _ key: String) -> MetricSummary? {
        metrics.first { $0.workload == workload && $0.metric.key == key }
    }

    /// Targets met and set: `(passed, withTarget)` over the metrics' means.
    public var targetTally: (passed: Int, withTarget: Int) {
        let judged = metrics.compactMap(\.passed)
        return (judged.filter { $0 }.count, judged.count)
    }
}
