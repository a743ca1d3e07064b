import SchoolNet

/// The text of `schoolnet compare`: per metric A, B, B − A with its 95 % interval and
/// whether the difference is significant, then each side's first bottleneck.
enum CompareTable {
    static func text(_ c: Comparison, a: Scenario, b: Scenario, ra: MultiRunResult, rb: MultiRunResult) -> String {
        var out = "A: \(a.name)\nB: \(b.name)\n"
        out += "\(c.pairs) paired replication\(c.pairs == 1 ? "" : "s") with common random numbers"
        out += c.pairs < 2 ? " (use --replications 5 or more for significance)\n\n" : "\n\n"
        var rows = [["activity", "metric", "A", "B", "B − A (95 % CI)", "significant", "better"]]
        for m in c.metrics {
            let unit = m.metric.unit == "count" ? "" : " " + m.metric.unit
            let diff: String
            if let d = m.difference {
                diff = UnitFormat.number(d.meanDifference) + " ± " + UnitFormat.number(d.difference.halfWidth) + unit
            } else {
                diff = UnitFormat.number(m.treatmentMean - m.baselineMean) + unit
            }
            let better = m.treatmentIsBetter.map { $0 ? "B" : "A" } ?? "—"
            rows.append([m.workload, m.metric.label, UnitFormat.number(m.baselineMean) + unit, UnitFormat.number(m.treatmentMean) + unit,
                         diff, m.difference == nil ? "—" : (m.isSignificant ? "yes" : "no"), m.isSignificant ? better : "—"])
        }
        out += SweepTable.layout(rows)
        let topA = ra.runs.first?.bottlenecks.first?.name ?? "none"
        let topB = rb.runs.first?.bottlenecks.first?.name ?? "none"
        out += "\nFirst to give way — A: \(topA); B: \(topB)\n"
        return out
    }
}
