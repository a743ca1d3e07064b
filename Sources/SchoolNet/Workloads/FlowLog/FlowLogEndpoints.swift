/// How flow-log endpoint names become nodes of the scenario's network.
///
/// | name | endpoint |
/// |---|---|
/// | `office`, `cbt`, `video`, … | that cloud service's node (its `… server` link is crossed) |
/// | `internet` | the internet root node (no service link: an unconstrained outside host) |
/// | `es` or `es/core` | the school's core switch (a server in the school; crosses the access line) |
/// | `es/6-1` | one device of the class, chosen round-robin in row order (devices share the class's AP and Wi-Fi cell) |
/// | `es/6-1/3` | that device |
///
/// **Assumptions**: a school whose devices use public LTE has no core switch, so it cannot
/// be named as a whole (name a class or a device). Names contain no commas.
///
/// Two halves: ``FlowLogScenarioNames`` checks names against a ``Scenario`` before anything
/// runs (errors list the closest known names); ``FlowLogBinder`` binds the same names to
/// ``NodeID``s of the built topology during the run.
///
/// **Validated by**: `FlowLogNFDumpTests` (names to nodes), `FlowLogBadInputTests`.
public struct FlowLogScenarioNames: Sendable {
    let services: [String]
    let schools: [String: (index: Int, hasCore: Bool)]
    let classes: [String: Int]  // "school/class" → students
    /// Names offered as suggestions: services, `internet`, schools, classes.
    let candidates: [String]

    /// The names of `scenario`.
    public init(_ scenario: Scenario) {
        services = ServiceSpec.Role.allCases.map(\.rawValue)
        var schools: [String: (Int, Bool)] = [:]
        var classes: [String: Int] = [:]
        var candidates = services + ["internet"]
        for (i, s) in scenario.schools.enumerated() {
            schools[s.name] = (i, s.access != nil)
            candidates.append(s.name)
            for c in s.classes {
                classes["\(s.name)/\(c.name)"] = c.students
                candidates.append("\(s.name)/\(c.name)")
            }
        }
        self.schools = schools
        self.classes = classes
        self.candidates = candidates
    }

    /// Checks one name.
    ///
    /// - Returns: nil when the name is an endpoint; otherwise what is wrong, with the
    ///   closest known names.
    public func problem(with name: String) -> String? {
        if name == "internet" || services.contains(name) || classes[name] != nil { return nil }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let school = schools[parts[0]], parts.count == 1 || (parts.count == 2 && parts[1] == "core") {
            return school.hasCore ? nil : "school \"\(parts[0])\" has no core switch (its devices use LTE); name one of its classes or devices"
        }
        if parts.count == 3, let students = classes[parts[0] + "/" + parts[1]] {
            if let k = Int(parts[2]), (1...students).contains(k) { return nil }
            return "unknown device \"\(name)\": class \"\(parts[0])/\(parts[1])\" has devices 1 to \(students)"
        }
        var close = Spelling.closestMatches(to: name, in: candidates)
        if close.isEmpty && parts.count > 1 && schools[parts[0]] != nil {
            // A class number typed wrong (digits are never "typos"): offer the school's classes.
            close = candidates.filter { $0.hasPrefix(parts[0] + "/") }
        }
        return "unknown endpoint \"\(name)\"" + (close.isEmpty
            ? "; endpoints are services (\(services.joined(separator: ", "))), internet, schools, classes (school/class) and devices (school/class/n)"
            : "; closest known: " + close.prefix(3).map { "\"\($0)\"" }.joined(separator: ", "))
    }
}

/// Binds endpoint names to nodes of a built topology (see ``FlowLogScenarioNames`` for
/// the rules), caching each distinct name; a class hands out its devices round-robin.
///
/// Deterministic: dictionaries are only looked up, never iterated.
struct FlowLogBinder {
    /// One bound name.
    struct Binding {
        var nodes: [NodeID]
        var next = 0
        /// The school it belongs to (index into ``FlowLogBinder/groupNames``), or -1.
        var school: Int32
        /// The service it is, if it is one (index into ``FlowLogBinder/groupNames``), or -1.
        var service: Int32
    }

    let nodeByName: [String: NodeID]
    let kinds: [Topology.NodeKind]
    var bindings: [Binding] = []
    var bindingByName: [String: Int] = [:]
    /// School and service names, indexed by first appearance.
    var groupNames: [String] = []
    var groupByName: [String: Int32] = [:]

    /// A binder for `topology`.
    init(topology: Topology) {
        var d: [String: NodeID] = [:]
        d.reserveCapacity(topology.nodes.count)
        for (i, n) in topology.nodes.enumerated() { d[n.name] = NodeID(i) }
        nodeByName = d
        kinds = topology.nodes.map(\.kind)
    }

    /// The group index of a school or service name, created on first use.
    mutating func group(_ name: String) -> Int32 {
        if let g = groupByName[name] { return g }
        groupNames.append(name)
        let g = Int32(groupNames.count - 1)
        groupByName[name] = g
        return g
    }

    /// The binding index of `name`, or nil when it names no endpoint.
    mutating func bind(_ name: String) -> Int? {
        if let b = bindingByName[name] { return b }
        let first = String(name.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0])
        var nodes: [NodeID] = []
        var service: Int32 = -1, school: Int32 = -1
        if let n = nodeByName[name], kinds[n.index] == .service || kinds[n.index] == .internet || kinds[n.index] == .device || kinds[n.index] == .switch {
            nodes = [n]
            if kinds[n.index] == .service || kinds[n.index] == .internet { service = group(name) } else { school = group(first) }
        } else if let core = nodeByName[name + "/core"] {
            nodes = [core]
            school = group(first)
        } else {
            var k = 1
            while let d = nodeByName["\(name)/\(k)"] { nodes.append(d); k += 1 }
            if nodes.isEmpty { return nil }
            school = group(first)
        }
        bindings.append(Binding(nodes: nodes, school: school, service: service))
        bindingByName[name] = bindings.count - 1
        return bindings.count - 1
    }

    /// The node for the next row naming binding `b` (round-robin for a class).
    mutating func take(_ b: Int) -> NodeID {
        let n = bindings[b].nodes[bindings[b].next]
        bindings[b].next = (bindings[b].next + 1) % bindings[b].nodes.count
        return n
    }
}
