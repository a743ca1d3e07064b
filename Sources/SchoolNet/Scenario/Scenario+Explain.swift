extension Scenario {
    /// The resolved scenario as text for `schoolnet explain`: what will be simulated, then
    /// every setting with where it came from (the file's line:column, or the default and
    /// its source), in reading order.
    ///
    /// - Parameter builder: the built topology, for the network summary.
    public func explanation(builder: ScenarioBuilder) -> String {
        var lines: [String] = []
        lines.append("Scenario: \(name)")
        if !description.isEmpty { lines.append(description) }
        lines.append("Simulated: \(Self.clock(start))–\(Self.clock(end)), seed \(seed), \(replications) replication\(replications == 1 ? "" : "s")")
        lines.append("Schools: \(schools.count), classes: \(schools.reduce(0) { $0 + $1.classes.count }), students (devices): \(studentCount)")
        let t = builder.topology
        lines.append("Network: \(t.nodes.count) nodes, \(t.links.count) links, \(t.resources.count) capacity resources")
        lines.append("")
        lines.append("Capacities (first school, egress and services):")
        let first = schools.first?.name ?? ""
        let others = schools.dropFirst().map { $0.name + " " }
        for r in t.resources where !r.name.contains("/") && !others.contains(where: { r.name.hasPrefix($0) }) {
            lines.append("  \(r.name): \(r.capacity)")
        }
        if let s = schools.first, case .wifi(let w) = s.radio, let c = s.classes.first {
            let n = c.students
            let both = w.cell.capacity(WiFiContention(uplinkStations: n, downlink: true))
            let up = w.cell.capacity(WiFiContention(uplinkStations: n, downlink: false))
            let down = w.cell.capacity(WiFiContention(uplinkStations: 0, downlink: true))
            lines.append("  \(first)/\(c.name) Wi-Fi (each classroom): \(both.threeSignificantFigures) with \(n + 1) contending stations "
                         + "(\(n) devices and the AP; simulated), \(up.threeSignificantFigures) with \(n) (uplink only), "
                         + "\(down.threeSignificantFigures) with 1 (the AP, downlink only); PHY \(w.cell.referencePHY.dataRate.threeSignificantFigures), "
                         + "A-MPDU \(w.cell.exchange(for: w.cell.referencePHY).subframes) frames")
        }
        lines.append("")
        lines.append("Activities:")
        for a in activities {
            lines.append("  \(a.name) [\(a.kind)] \(Self.clock(a.start))–\(Self.clock(a.end))"
                         + (a.grades.isEmpty ? "" : ", grades \(a.grades.map(String.init).joined(separator: ", "))")
                         + (a.schools.isEmpty ? "" : ", schools \(a.schools.joined(separator: ", "))"))
        }
        if !targets.isEmpty {
            lines.append("Targets: " + targets.map { "\($0.kind).\($0.metric) \($0.text)" }.joined(separator: "; "))
        }
        lines.append("")
        lines.append("Every setting (file position, or default and its source):")
        for s in settings { lines.append("  \(s)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
