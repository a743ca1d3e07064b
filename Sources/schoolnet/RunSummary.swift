import SchoolNet

/// What the CLI keeps of one replication (interim text renderer until the Reports layer's
/// renderers are wired in).
struct RunSummary: Sendable {
    var reports: [WorkloadReport]
    var limited: [Double]
    var saturated: [Int64]
    var names: [String]

    init(simulation sim: Simulation, scenario: Scenario, builder: ScenarioBuilder, seed: UInt64) {
        reports = scenario.applyingTargets(to: sim.workloads.map { $0.report(in: sim) })
        limited = Array(sim.network.solver.observer.limitedFlowSeconds)
        saturated = Array(sim.network.solver.observer.saturatedNanoseconds)
        names = sim.network.topology.resources.map(\.name)
    }

    static func text(scenario: Scenario, runs: [RunSummary], means: [(workload: String, kind: String, metric: Metric)]) -> String {
        var out = "\(scenario.name)\n"
        let first = runs[0]
        var total = [Double](repeating: 0, count: first.limited.count)
        for r in runs { for i in total.indices { total[i] += r.limited[i] / Double(runs.count) } }
        let ranked = total.indices.filter { total[$0] > 0 }.sorted { (total[$0], -$0) > (total[$1], -$1) }.prefix(5)
        out += "\nWhat gives way first\n"
        for (k, i) in ranked.enumerated() {
            out += "  \(k + 1). \(first.names[i]): held flows back for \(UnitFormat.number(total[i])) flow-seconds, saturated \(UnitFormat.number(Double(first.saturated[i]) * 1e-9)) s\n"
        }
        if ranked.isEmpty { out += "  nothing: no link limited any transfer\n" }
        out += "\nQuality per activity\n"
        for m in means {
            let target = m.metric.target.map { " target \($0) — " + ((m.metric.passed ?? false) ? "PASS" : "FAIL") } ?? ""
            out += "  \(m.workload): \(m.metric.label): \(SweepTable.cell(m.metric))\(target)\n"
        }
        return out
    }
}
