extension Scenario {
    /// The resolved scenario as text for `schoolnet explain`: what will be simulated, then
    /// every setting with where it came from (the file's line:column, a school list's
    /// file:line:column, or the default and its source), in reading order.
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
                         + "(\(n) devices and the AP), \(up.threeSignificantFigures) with \(n) (uplink only), "
                         + "\(down.threeSignificantFigures) with 1 (the AP, downlink only); simulated at the level of the senders "
                         + "active at each moment; PHY \(w.cell.referencePHY.dataRate.threeSignificantFigures), "
                         + "A-MPDU \(w.cell.exchange(for: w.cell.referencePHY).subframes) frames")
        }
        if let s = schools.first, let lte = lteExplanation(s) { lines.append(lte) }
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
        lines.append("Every setting (file line:column; a school list's file:line:column; or the default and its source):")
        for s in settings { lines.append("  \(s)") }
        let cited = Self.citedSections(in: settings)
        if !cited.isEmpty {
            lines.append("")
            lines.append("Sources: REFERENCES.md, at the top of the SchoolNet source tree, gives each figure with its source and date:")
            for n in cited { lines.append("  §\(n) \(Self.referenceSections[n] ?? "")") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The section titles of `REFERENCES.md`, by number (a test checks them against the file).
    public static let referenceSections: [Int: String] = [
        1: "The school and its devices",
        2: "How schools reach the internet (Japan)",
        3: "Bandwidth per activity (per device)",
        4: "Computer-based testing in practice (MEXCBT, national assessment)",
        5: "Access technologies",
        6: "Closed forms the tests reproduce",
        7: "Standards and papers behind the models",
        8: "Planning assumptions (no public source)",
        9: "Client timers and planners' remedies",
        10: "Queues, buffers and losses",
    ]

    /// The `REFERENCES.md` sections the defaults among `settings` cite (`§N`), ascending.
    static func citedSections(in settings: [ScenarioSetting]) -> [Int] {
        var found = Set<Int>()
        for s in settings {
            guard case .defaultValue(let source) = s.origin, source.contains("REFERENCES.md") else { continue }
            var rest = Substring(source)
            while let mark = rest.firstIndex(of: "§") {
                rest = rest[rest.index(after: mark)...]
                let digits = rest.prefix(while: \.isASCII).prefix(while: \.isNumber)
                if let n = Int(digits) { found.insert(n) }
            }
        }
        return found.sorted()
    }
}
