extension Scenario {
    /// Reads `schoolTypes`: named templates, each a complete school.
    static func readTemplates(_ r: ScenarioReader) throws -> [(name: String, spec: SchoolSpec)] {
        guard let t = try r.optionalMember("schoolTypes") else { return [] }
        guard case .object(let members) = t.value else { throw t.error(expected: "an object of named school templates") }
        var out: [(String, SchoolSpec)] = []
        for (key, _) in members {
            let m = try t.member(key, expected: "")
            out.append((key, try m.finishing { try readSchool($0, base: nil, name: key) }))
        }
        return out
    }

    /// Reads `schools`: each entry a template (`type`) instantiated `count` times with
    /// overrides, or a complete school; or `{"csv": FILE}`, a school list kept in a spreadsheet
    /// (``readSchoolTable(_:templates:hasEgress:)``).
    static func readSchools(_ r: ScenarioReader, templates: [(name: String, spec: SchoolSpec)], hasEgress: Bool) throws -> [SchoolSpec] {
        if let m = try r.optionalMember("schools"), case .object = m.value {
            return try readSchoolTable(m, templates: templates, hasEgress: hasEgress)
        }
        var out = SchoolList()
        _ = try r.array("schools", minCount: 1,
                        expected: "a list of schools, e.g. [{\"type\": \"elementary\", \"count\": 30}], or a school list {\"csv\": \"schools.csv\"}") { s in
            try s.finishing { try readSchoolEntry($0, templates: templates, hasEgress: hasEgress, into: &out) }
        }
        return out.schools
    }

    /// The schools read so far, with their names and student total (so each entry is checked
    /// in O(its schools), not O(all schools)).
    struct SchoolList {
        var schools: [SchoolSpec] = []
        var names: Set<String> = []
        var students = 0
    }

    /// Reads one entry of `schools` and appends its schools to `out` (checking the totals and
    /// that names are unique).
    static func readSchoolEntry(_ s: ScenarioReader, templates: [(name: String, spec: SchoolSpec)], hasEgress: Bool,
                                into out: inout SchoolList) throws {
        var base: SchoolSpec?
        if let typeName = try s.optionalString("type") {
            guard let t = templates.first(where: { $0.name == typeName }) else {
                let names = templates.map(\.name)
                let m = try s.member("type", expected: "")
                throw m.error(.invalidValue(expected: names.isEmpty ? "a name defined in \"schoolTypes\" (none defined)" : "one of the school types: " + names.map { "\"\($0)\"" }.joined(separator: ", "),
                                            found: "\"\(typeName)\"", suggestion: Spelling.suggestion(for: typeName, in: names)))
            }
            base = t.spec
        }
        let count = try s.int("count", in: 1...maxSchools, default: 1, source: "one school")
        let name = try s.string("name", default: base?.name ?? "school", source: "the school type's name")
        let spec = try readSchool(s, base: base, name: name)
        let total = out.students + spec.studentCount * count
        guard total <= maxStudents else {
            throw s.error("\(total) students is more than this build simulates (\(maxStudents)); check \"count\" and \"studentsPerClass\"")
        }
        if spec.centralBreakout && !hasEgress {
            throw s.error("\"breakout\": \"central\" needs an \"egress\" (the data center) at the top level")
        }
        for i in 0..<count {
            var one = spec
            one.name = count == 1 ? name : "\(name)-\(i + 1)"
            guard out.names.insert(one.name).inserted else {
                throw s.error("two schools are named \"\(one.name)\"; give each entry its own \"name\"")
            }
            out.schools.append(one)
            guard out.schools.count <= maxSchools else { throw s.error("more than \(maxSchools) schools") }
        }
        out.students = total
    }

    /// Reads one school's keys; with a `base`, every key is optional and overrides it.
    static func readSchool(_ s: ScenarioReader, base: SchoolSpec?, name: String) throws -> SchoolSpec {
        let typeSource = "as in its school type"
        let grades = try s.int("grades", in: 1...12, default: base.map { Set($0.classes.map(\.grade)).count } ?? 6, source: base == nil ? "REFERENCES.md §1: an elementary school, grades 1–6" : typeSource)
        let firstGrade = try s.int("firstGrade", in: 1...12, default: base?.classes.first?.grade ?? 1, source: base == nil ? "REFERENCES.md §1: an elementary school, grades 1–6" : typeSource)
        let perGrade = try s.int("classesPerGrade", in: 1...40,
                                 default: base.map { b in b.classes.filter { $0.grade == b.classes[0].grade }.count } ?? 3,
                                 source: base == nil ? "REFERENCES.md §1: 3 classes per grade" : typeSource)
        guard firstGrade + grades - 1 <= 12 else { throw s.error("grades \(firstGrade)…\(firstGrade + grades - 1) go beyond grade 12") }
        // The school's total (as a board's list gives it), spread evenly over its classes —
        // the first classes one more when it does not divide — or a size per class.
        let classCount = grades * perGrade
        var sizes: [Int]
        if s.contains("students") {
            if s.contains("studentsPerClass") {
                throw s.error("give \"students\" (the school's total) or \"studentsPerClass\", not both")
            }
            let total = try s.int("students", in: 1...(classCount * 60))
            guard total >= classCount else {
                throw try s.member("students", expected: "").error(expected: "at least one student for each of the school's \(classCount) classes "
                                                                   + "(\(grades) grades × \(perGrade) classes per grade)")
            }
            sizes = (0..<classCount).map { total / classCount + ($0 < total % classCount ? 1 : 0) }
        } else {
            let perClass = try s.int("studentsPerClass", in: 1...60, default: base?.classes.first?.students ?? 33,
                                     source: base == nil ? "REFERENCES.md §1: 33 students per class" : typeSource)
            sizes = Array(repeating: perClass, count: classCount)
        }
        var classes: [ClassSpec] = []
        for g in firstGrade..<(firstGrade + grades) {
            for c in 1...perGrade { classes.append(ClassSpec(grade: g, name: "\(g)-\(c)", students: sizes.removeFirst())) }
        }
        let radioGiven = s.contains("radio")
        let radio = try s.optionalMember("radio").map { try readRadio($0) } ?? base?.radio ?? .wifi(defaultWiFi)
        var access: AccessSpec?
        if let a = try s.optionalMember("access") {
            if case .lte = radio { throw a.error("an LTE school reaches the internet through the mobile network; remove \"access\"") }
            access = try readAccess(a)
        } else if case .lte = radio {
            access = nil
        } else {
            access = base?.access ?? .fiber(.bestEffort1G(), delay: .milliseconds(2))
        }
        let uplink = try s.capacity("classroomUplink", default: base?.classroomUplink ?? .gigabitsPerSecond(1),
                                source: base == nil ? "REFERENCES.md §8: 1 Gbps classroom switch uplink [ESTIMATE]" : typeSource)
        let breakout = try s.read("breakout", as: .oneOf([("local", false), ("central", true)]),
                                  default: base?.centralBreakout ?? false, source: base == nil ? "REFERENCES.md §2: most schools connect directly (local breakout)" : typeSource)
        if breakout, case .lte = radio { throw s.error("an LTE school cannot break out centrally") }
        var spec = SchoolSpec(name: name, classes: classes, radio: radio, access: access, classroomUplink: uplink, centralBreakout: breakout)
        if case .lte = radio {
            for key in ["accessBuffer", "accessDiscipline"] where s.contains(key) {
                throw try s.member(key, expected: "").error("an LTE school has no access line (its devices use the mobile network); remove \"\(key)\"")
            }
        } else {
            spec.accessQueue = try readQueue(s, buffer: "accessBuffer", discipline: "accessDiscipline", kind: .accessLine,
                                             base: base?.accessQueue)
        }
        spec.classroomUplinkQueue = try readQueue(s, buffer: "classroomUplinkBuffer", discipline: "classroomUplinkDiscipline",
                                                  kind: .switchPort, base: base?.classroomUplinkQueue)
        let radioKind: QueueKind = if case .wifi = radio { .accessPoint } else { .mobileCell }
        spec.radioQueue = try readQueue(s, buffer: "radioBuffer", discipline: "radioDiscipline", kind: radioKind,
                                        base: radioGiven ? nil : base?.radioQueue)
        return spec
    }

    /// 802.11ax, 40 MHz, 2 streams, MCS 9, 32-frame A-MPDU (REFERENCES.md §1: 5 GHz 40 MHz in
    /// classrooms; the aggregation depth is an ESTIMATE for a loaded classroom).
    static var defaultWiFi: WiFiSpec {
        WiFiSpec(cell: WiFiCell(referencePHY: WiFiPHY(standard: .ax, mcsIndex: 9, channelWidthMHz: 40, spatialStreams: 2),
                                aggregationSubframes: 32),
                 slowClientFraction: 0, slowClientMCS: 2)
    }

    static func readRadio(_ r: ScenarioReader) throws -> RadioSpec {
        try r.finishing { r in
            let type = try r.oneOf("type", ["wifi", "local5g", "lte"])
            switch type {
            case "wifi":
                let standard = try r.read("standard", as: .choice, default: WiFiStandard.ax, source: "REFERENCES.md §8: 802.11ax (Wi-Fi 6) [ESTIMATE]")
                let width = try r.read("channelWidth", as: .oneOf(standard.channelWidthsMHz.map { ("\($0) MHz", $0) },
                                                                  expected: "one of " + standard.channelWidthsMHz.map(String.init).joined(separator: ", ") + " MHz"),
                                       default: min(40, standard.channelWidthsMHz.last!), source: "REFERENCES.md §1: 40 MHz in classrooms")
                let streams = try r.int("spatialStreams", in: 1...standard.maximumSpatialStreams, default: min(2, standard.maximumSpatialStreams),
                                        source: "REFERENCES.md §8: 2 streams, a tablet or Chromebook [ESTIMATE]")
                let mcs = try r.int("mcs", in: 0...standard.maximumMCS, default: min(9, standard.maximumMCS),
                                    source: "REFERENCES.md §8: MCS 9 at classroom distances [ESTIMATE]")
                let ampdu = try r.int("aggregation", in: 1...256, default: standard == .a ? 1 : 32,
                                      source: "REFERENCES.md §8: 32-frame A-MPDU under load [ESTIMATE]")
                let slow = try r.fraction("slowClients", default: 0, source: "no slow clients")
                let slowMCS = try r.int("slowClientMCS", in: 0...standard.maximumMCS, default: 1, source: "REFERENCES.md §8: MCS 1 for far clients [ESTIMATE]")
                let co = try r.int("coChannel", in: 1...8, default: 1, source: "one AP per channel (no co-channel sharing)")
                let phy = WiFiPHY(standard: standard, mcsIndex: mcs, channelWidthMHz: width, spatialStreams: streams)
                return .wifi(WiFiSpec(cell: WiFiCell(referencePHY: phy, aggregationSubframes: ampdu, coChannelCells: co),
                                      slowClientFraction: slow, slowClientMCS: slowMCS))
            case "local5g":
                let band = try r.read("bandwidth", as: .oneOf([("100 MHz", 100), ("400 MHz", 400)], expected: "\"100 MHz\" (4.7 GHz) or \"400 MHz\" (28 GHz)"),
                                      default: 100, source: "REFERENCES.md §5: n79 100 MHz channels")
                let patternText = try r.string("pattern", default: "DDDSU", source: "REFERENCES.md §5: synchronous DDDSU")
                guard let pattern = NRTDDPattern(patternText) else {
                    throw try r.member("pattern", expected: "").error(expected: "a TDD pattern of D, S and U slots, e.g. \"DDDSU\" or \"DSUUU\"")
                }
                let dl = try r.int("downlinkLayers", in: 1...8, default: 4, source: "REFERENCES.md §5: a 4-layer device (3GPP TS 38.306)")
                let ul = try r.int("uplinkLayers", in: 1...4, default: 2, source: "REFERENCES.md §5: 2 UL layers")
                let cqi = try r.int("cqi", in: 1...15, default: 15, source: "REFERENCES.md §8: best channel, a small indoor cell [ESTIMATE]")
                let cell = band == 100
                    ? NRCell(numerology: 1, resourceBlocks: 273, pattern: pattern, downlinkLayers: dl, uplinkLayers: ul)
                    : NRCell(numerology: 3, resourceBlocks: 264, isFR2: true, pattern: pattern, downlinkLayers: dl, uplinkLayers: ul)
                return .local5G(cell, cqi: cqi)
            default:
                let bw = try r.read("bandwidth", as: .oneOf([("5 MHz", 5.0), ("10 MHz", 10.0), ("15 MHz", 15.0), ("20 MHz", 20.0)],
                                                           expected: "one of 5, 10, 15, 20 MHz"),
                                    default: 20, source: "REFERENCES.md §5: 20 MHz FDD")
                let cqis = try r.readIfPresent("cqi", as: .intList(in: 1...15)) ?? [7, 9, 11]
                let coreDelay = try r.duration("coreDelay", default: .milliseconds(15), source: "REFERENCES.md §8: LTE radio and core, one way [ESTIMATE]")
                var plan: SIMDataPlan?
                if let cap = try r.optionalBytes("monthlyCap") {
                    let throttled = try r.capacity("throttledRate", default: .kilobitsPerSecond(128),
                                                   source: "REFERENCES.md §8: the usual rate after a mobile plan's cap [ESTIMATE]")
                    plan = SIMDataPlan(monthlyCap: cap, throttledRate: throttled)
                }
                let overCap = try r.fraction("overCap", default: 0, source: "no SIM over its cap at the start")
                if overCap > 0 && plan == nil { throw r.error("\"overCap\" needs \"monthlyCap\" (the plan whose cap they are over)") }
                var weights: [Int: Double] = [:]
                for c in cqis { weights[c, default: 0] += 1 }
                return .lte(try readLTECell(r, bandwidthMHz: bw), cqi: weights, plan: plan, overCap: overCap, coreDelay: coreDelay)
            }
        }
    }

    static func readAccess(_ r: ScenarioReader) throws -> AccessSpec {
        try r.finishing { r in
            switch try r.oneOf("type", ["fiber", "sinet"]) {
            case "fiber":
                let kind = try r.read("service", as: .oneOf([("bestEffort", "bestEffort"), ("dedicated", "dedicated")]),
                                      default: "bestEffort", source: "REFERENCES.md §2: ~95 % of boards use best-effort lines")
                let down = try r.capacity("down", default: .gigabitsPerSecond(1), source: "REFERENCES.md §5: 1 Gbps FTTH")
                let up = try r.capacity("up", default: down, source: "symmetric")
                var availability = FiberAccess.defaultAvailability
                if let values = try r.readIfPresent("availability", as: .fractionList24) { availability = HourlyProfile(values) }
                let service: FiberAccess.Service = kind == "dedicated"
                    ? .dedicated(downlink: down, uplink: up)
                    : .bestEffort(downlink: down, uplink: up, availability: availability)
                var session = FiberAccess.Session.ipoe
                if try r.read("session", as: .oneOf([("ipoe", "ipoe"), ("pppoe", "pppoe")]), default: "ipoe",
                              source: "IPoE (bypasses the PPPoE termination unit)") == "pppoe" {
                    var unit = PPPoETermination()
                    if let p = try r.optionalMember("pppoe") {
                        try p.finishing { p in
                            unit.capacity = try p.capacity("capacity", default: .gigabitsPerSecond(1), source: "REFERENCES.md §2: 1 Gbps unit")
                            unit.subscribers = try p.int("subscribers", in: 0...100_000, default: 5_000, source: "REFERENCES.md §2: several thousand")
                        }
                    }
                    session = .pppoe(unit)
                }
                let delay = try r.duration("delay", default: .milliseconds(2), source: "REFERENCES.md §8: school to the ISP's edge [ESTIMATE]")
                return .fiber(FiberAccess(service: service, session: session), delay: delay)
            default:
                let line = try r.capacity("line", expected: "the line to the SINET node, e.g. \"10 Gbps\"")
                let km = try r.double("distanceKm", in: 0...3000, default: 20, source: "REFERENCES.md §8: 20 km to the prefecture node [ESTIMATE]")
                let backboneKm = try r.double("backboneKm", in: 0...3000, default: 500, source: "REFERENCES.md §8: to the cloud region [ESTIMATE]")
                let vpn = try r.read("vpn", as: .oneOf([("ipsec", VPNEncapsulation.ipsecTunnelAESGCM),
                                                        ("ipsec-nat", .ipsecTunnelAESGCMNATTraversal), ("none", .none)],
                                                       expected: "\"ipsec\", \"ipsec-nat\" or \"none\""),
                                     default: .ipsecTunnelAESGCM, source: "REFERENCES.md §5: schools join SINET over a line plus VPN")
                return .sinet(SINETAccess(accessLine: line, accessDistanceKm: km, vpn: vpn), backboneKm: backboneKm)
            }
        }
    }
}

extension ScenarioValueKind where Value == [Double] {
    /// Exactly 24 fractions (one per hour from midnight).
    static var fractionList24: Self {
        let expected = "24 fractions between 0 and 1, one per hour from midnight"
        return ScenarioValueKind(expected: expected, convert: { v in
            guard case .array(let items) = v, items.count == 24 else { throw UnitParseError(expected: expected, found: v.foundDescription) }
            return try items.map { item in
                guard case .number(let n) = item, n >= 0, n <= 1 else { throw UnitParseError(expected: expected, found: item.foundDescription) }
                return n
            }
        }, format: { $0.map { UnitFormat.number($0) }.joined(separator: ", ") })
    }
}
