import SchoolNet

/// Plain-text tables for `sweep` and `size`.
enum SweepTable {
    static func cell(_ m: Metric) -> String {
        m.value.isNaN ? "—" : UnitFormat.number(m.value) + (m.unit == "count" ? "" : " " + m.unit)
    }

    static func text(_ rows: [Sweep.Point]) -> String {
        guard let first = rows.first else { return "" }
        var header = ["setting"]
        for m in first.means where m.metric.target != nil || first.means.count <= 6 { header.append("\(m.kind).\(m.metric.key)") }
        header += ["top bottleneck", "targets"]
        var table = [header]
        for r in rows {
            var line = [r.overrides.map(\.description).joined(separator: ", ")]
            for m in r.means where m.metric.target != nil || first.means.count <= 6 { line.append(cell(m.metric)) }
            line.append(r.topBottleneck ?? "none")
            line.append(r.passed.map { $0 ? "PASS" : "FAIL" } ?? "—")
            table.append(line)
        }
        return layout(table)
    }

    static func sizing(_ s: Sweep.Sizing, axis: Sweep.Axis) -> String {
        var table = [["\(axis.path)", "cost", "targets"] + (s.daysShare == nil ? [] : ["days meeting targets"]) + ["top bottleneck"]]
        for c in s.candidates {
            var row = [c.value, c.cost.map { UnitFormat.number($0) } ?? "—",
                       c.point.map { $0.meetsTargets(daysShare: s.daysShare) ? "PASS" : "FAIL" } ?? "not tried"]
            if s.daysShare != nil { row.append(c.point?.daysDescription ?? "—") }
            table.append(row + [c.point?.topBottleneck ?? "—"])
        }
        var out = layout(table) + "\n"
        if let c = s.chosen {
            out += "Smallest option meeting every target"
                + (s.daysShare.map { " on at least " + UnitFormat.number($0 * 100) + " % of simulated days" } ?? "")
                + ": \(axis.path) = \(s.candidates[c].value)"
            out += s.verified ? " (verified with fresh seeds: PASS)\n" : " (verification with fresh seeds: FAIL — too close to the limit; take the next option)\n"
            if c > 0 { out += "The option below, \(s.candidates[c - 1].value), fails the targets.\n" }
        } else {
            out += "No option meets every target; the largest tried still fails.\n"
        }
        return out
    }

    static func layout(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { i in rows.map { $0[i].count }.max() ?? 0 }
        return rows.map { r in r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") }
            .joined(separator: "\n") + "\n"
    }
}
