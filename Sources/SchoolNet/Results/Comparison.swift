/// An A/B comparison of two configurations replicated with common random numbers
/// (replication *i* of both used the same seed): per metric, the paired difference
/// `B − A` with its 95 % confidence interval (``PairedComparison``), whether it is
/// significant, and whether B is better.
///
/// "Local breakout (B) lowers CBT item p95 by 0.31 s ± 0.05 s (significant)" is one
/// ``MetricDifference``.
///
/// **Assumptions:** both sides ran the same replications in the same order with the same
/// seeds (checked), and have the same workloads and metrics; metrics missing from B are
/// left out. Pairs where either value is undefined (NaN) are dropped.
///
/// **Source:** A. M. Law, *Simulation Modeling and Analysis*, 5th ed., §10.2.1, §11.2.
///
/// **Validated by:** `MultiRunResultTests.comparisonPairsReplications`.
public struct Comparison: Sendable, Equatable {
    /// One metric compared.
    public struct MetricDifference: Sendable, Equatable {
        /// The workload's name.
        public var workload: String
        /// The metric as defined by A (value, target: A's first run).
        public var metric: Metric
        /// A's mean.
        public var baselineMean: Double
        /// B's mean.
        public var treatmentMean: Double
        /// The paired comparison of B − A; nil with fewer than two defined pairs.
        public var difference: PairedComparison?

        /// Whether the difference is significant at 95 % (false without a comparison).
        public var isSignificant: Bool { difference?.isSignificant ?? false }

        /// Whether B is better than A: significant and in the metric's good direction;
        /// nil when not significant.
        public var treatmentIsBetter: Bool? {
            guard let d = difference, d.isSignificant else { return nil }
            return metric.higherIsBetter ? d.meanDifference > 0 : d.meanDifference < 0
        }
    }

    /// Configuration A (the baseline).
    public var baselineName: String
    /// Configuration B (the treatment).
    public var treatmentName: String
    /// The number of pairs (replications).
    public var pairs: Int
    /// Every metric of A that B also has, in A's order.
    public var metrics: [MetricDifference]

    /// Compares B against A.
    ///
    /// - Parameters:
    ///   - baseline: A's replications.
    ///   - treatment: B's replications, same count and seeds as A's.
    ///   - level: The confidence level; default 0.95.
    /// - Complexity: O(metrics × runs).
    public init(baseline: MultiRunResult, treatment: MultiRunResult, level: Double = 0.95) {
        precondition(baseline.replications == treatment.replications,
                     "Comparison: \(baseline.replications) vs \(treatment.replications) replications")
        precondition(zip(baseline.runs, treatment.runs).allSatisfy { $0.seed == $1.seed },
                     "Comparison: replications must pair by seed (common random numbers)")
        baselineName = baseline.representative.scenarioName
        treatmentName = treatment.representative.scenarioName
        pairs = baseline.replications
        metrics = baseline.metrics.compactMap { a in
            guard let b = treatment.metric(a.workload, a.metric.key) else { return nil }
            var x: [Double] = [], y: [Double] = []
            for (u, v) in zip(a.values, b.values) where !u.isNaN && !v.isNaN {
                x.append(u)
                y.append(v)
            }
            return MetricDifference(workload: a.workload, metric: a.metric, baselineMean: a.mean,
                                    treatmentMean: b.mean,
                                    difference: PairedComparison(baseline: x, treatment: y, level: level))
        }
    }
}
