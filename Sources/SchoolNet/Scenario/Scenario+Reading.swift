import Foundation

extension Scenario {
    /// Reads a scenario file.
    ///
    /// - Parameter file: the path as the user wrote it (messages name it so).
    /// - Throws: ``ScenarioError`` naming the file, key path, what was expected and found.
    public static func read(file: String) throws -> Scenario {
        try read(ScenarioReader(contentsOfFile: file))
    }

    /// Reads a scenario from JSON text (tests, the built-in default).
    public static func read(json: String, file: String) throws -> Scenario {
        try read(ScenarioReader(json: json, file: file))
    }

    /// The limits that keep a typo from asking for a national run by accident.
    public static let maxStudents = 3_000_000
    /// Most schools in one scenario.
    public static let maxSchools = 40_000
    /// Most activities in one scenario (each is one workload; the simulation tags a
    /// transfer with its workload in 8 bits).
    public static let maxActivities = 200
    /// Most egress appliances: a route crosses at most ``FlowSolver/maxHops`` hops, and a
    /// device behind a central egress already crosses up to 7 besides the appliances.
    public static let maxAppliances = 8

    static func read(_ r: ScenarioReader) throws -> Scenario {
        guard case .object = r.value else { throw r.error(expected: "an object (a scenario)") }
        let name = try r.string("name", expected: "a short name for the scenario")
        let description = try r.string("description", default: "", source: "none given")
        let seed = try r.int("seed", in: 0...Int(Int32.max), default: 1, source: "fixed default so runs repeat")
        let day = try r.object("day", expected: "an object with \"start\" and \"end\" clock times, e.g. {\"start\": \"08:30\", \"end\": \"12:30\"}")
        let start = try day.clockTime("start")
        let end = try day.clockTime("end")
        try day.finish()
        guard end > start else { throw day.error("\"end\" (\(clock(end))) must be after \"start\" (\(clock(start)))") }
        guard end - start <= .hours(24) else { throw day.error("a scenario covers at most 24 hours") }
        let replications = try r.int("replications", in: 1...1000, default: 1, source: "one run unless asked")
        let bucketGiven = r.contains("bucket")
        let bucket = try r.duration("bucket", default: .seconds(1),
                                    source: "1 s utilisation buckets; coarser for very large runs (Scenarios/README.md)")
        guard bucket >= .milliseconds(10) else { throw r.error("\"bucket\" must be at least 10 ms") }

        var tcp = TCPParameters()
        if let t = try r.optionalMember("tcp") {
            try t.finishing { t in
                if try t.bool("fluid", default: false, source: "TCP terms on unless set") { tcp = .fluid; return }
                tcp.dnsRoundTrips = try t.int("dnsRoundTrips", in: 0...5, default: 1, source: "REFERENCES.md §8: one DNS lookup [ESTIMATE]")
                tcp.handshakeRoundTrips = try t.int("handshakeRoundTrips", in: 0...5, default: 2, source: "REFERENCES.md §7: TCP 1 + TLS 1.3 1 (RFC 8446)")
                tcp.initialWindow = try t.bytes("initialWindow", default: .bytes(14_600), source: "REFERENCES.md §6: IW10, RFC 6928")
                tcp.receiveWindow = try t.bytes("receiveWindow", default: .mebibytes(4), source: "REFERENCES.md §8: autotuned receive window [ESTIMATE]")
                tcp.segmentsPerAck = try t.int("segmentsPerAck", in: 1...2, default: 2,
                                               source: "REFERENCES.md §7: delayed ACK, every second segment (RFC 1122, RFC 5681)")
                tcp.delayedAckTimeout = try t.duration("delayedAckTimeout", default: .milliseconds(200),
                                                       source: "REFERENCES.md §7: 200 ms delayed-ACK timer (RFC 1122 allows up to 500 ms)")
                if tcp.delayedAckTimeout > .milliseconds(500), let m = try t.optionalMember("delayedAckTimeout") {
                    throw m.error(expected: "a duration from 0 to 500 ms (RFC 1122)")
                }
                tcp.ackLoad = try t.bool("ackLoad", default: true,
                                         source: "REFERENCES.md §10: ACKs load the return path (RFC 3449)")
            }
        }
        let internetDelay = try r.duration("internetDelay", default: .milliseconds(5),
                                           source: "REFERENCES.md §5, §8: ~500 km of fiber to a Tokyo/Osaka cloud region at 5 µs/km [ESTIMATE]")
        let services = try readServices(r)
        let egress = try r.optionalObject("egress") { try readEgress($0) }
        let templates = try readTemplates(r)
        let schools = try readSchools(r, templates: templates, hasEgress: egress != nil)
        let students = schools.reduce(0) { $0 + $1.studentCount }
        guard students <= maxStudents else {
            throw r.error("\(students) students is more than this build simulates (\(maxStudents)); check \"count\" and \"students\"")
        }
        let periods = try readPeriods(r, start: start, end: end)
        let activities = try r.array("activities", maxCount: maxActivities, expected: "a list of what classes do, e.g. [{\"activity\": \"cbt\", \"period\": \"2\", \"grades\": [6]}]") {
            try readActivity($0, periods: periods, schools: schools, day: (start, end))
        }
        let targets = try readTargets(r, activities: activities)
        try r.finish()
        let scenario = Scenario(file: r.file, name: name, description: description, seed: UInt64(seed), start: start, end: end,
                                replications: replications, bucket: bucketGiven ? bucket : nil, tcp: tcp, internetDelay: internetDelay,
                                services: services, egress: egress, schools: schools, periods: periods,
                                activities: activities, targets: targets, settings: r.settings)
        for a in activities { try a.check?(scenario) }  // e.g. a flow log's rows, before anything runs
        return scenario
    }

    static func clock(_ d: SimDuration) -> String {
        let s = Int(d.seconds.rounded())
        return String(format: "%02d:%02d", s / 3600, (s / 60) % 60)
    }

    static func readServices(_ r: ScenarioReader) throws -> [ServiceSpec] {
        let m = try r.optionalMember("services")
        var out: [ServiceSpec] = []
        for role in ServiceSpec.Role.allCases {
            var spec = ServiceSpec(role: role, capacity: .gigabitsPerSecond(100), sessions: nil, extraDelay: .zero)
            if let s = try m?.optionalMember(role.rawValue) {
                try s.finishing { s in
                    spec.capacity = try s.capacity("capacity", default: .gigabitsPerSecond(100),
                                               source: "REFERENCES.md §8: a cloud service is not the bottleneck unless set [ESTIMATE]")
                    if let n = try s.optionalInt("sessions", in: 1...100_000_000) {
                        spec.sessions = SessionLimit(capacity: n, policy: try s.read("whenFull", as: .choice, default: SessionLimit.Policy.refuse,
                                                                                   source: "servers refuse when full"))
                    }
                    spec.extraDelay = try s.duration("extraDelay", default: .zero, source: "none")
                    if let rate = try s.readIfPresent("perDeviceRate", as: .rate(allowUnlimited: false)) {
                        guard rate.bitsPerSecond > 0 else {
                            throw try s.member("perDeviceRate", expected: "").error(expected: "a rate above 0, such as \"5 Mbps\"")
                        }
                        spec.perDeviceRate = rate
                    }
                }
            }
            out.append(spec)
        }
        try m?.finish()
        return out
    }

    static func readEgress(_ e: ScenarioReader) throws -> EgressSpec {
        let uplink = try e.capacity("uplink", expected: "the data center's internet uplink, e.g. \"10 Gbps\"")
        let delay = try e.duration("delay", default: .milliseconds(1), source: "REFERENCES.md §5, §8: ~100 km of fiber to the data center [ESTIMATE]")
        let appliances: [ApplianceSpec] = try e.optionalArray("appliances", maxCount: maxAppliances) { (a: ScenarioReader) throws -> ApplianceSpec in
            try a.finishing { (a: ScenarioReader) throws -> ApplianceSpec in
                let name = try a.string("name", expected: "the appliance's name, e.g. \"proxy\"")
                let throughput = try a.capacity("throughput", expected: "its throughput limit, e.g. \"2 Gbps\"")
                var limit: SessionLimit?
                if let n = try a.optionalInt("sessions", in: 1...100_000_000) {
                    limit = SessionLimit(capacity: n, policy: try a.read("whenFull", as: .choice, default: SessionLimit.Policy.queue,
                                                                       source: "connections wait for a free entry"))
                }
                let queue = try readQueue(a, kind: .appliance)
                return ApplianceSpec(name: name, throughput: throughput, sessions: limit, queue: queue)
            }
        } ?? []
        let uplinkQueue = try readQueue(e, kind: .appliance)
        return EgressSpec(uplink: uplink, delay: delay, appliances: appliances, uplinkQueue: uplinkQueue)
    }

    static func readPeriods(_ r: ScenarioReader, start: SimDuration, end: SimDuration) throws -> [PeriodSpec] {
        guard let t = try r.optionalMember("timetable") else { return [] }
        let periods = try t.finishing { t in
            try t.array("periods", minCount: 1) { p in
                try p.finishing { p in
                    let name = try p.string("name", expected: "the period's name, e.g. \"2\"")
                    let s = try p.clockTime("start")
                    let e = try p.clockTime("end")
                    guard e > s else { throw p.error("\"end\" must be after \"start\"") }
                    return PeriodSpec(name: name, start: s, end: e)
                }
            }
        }
        var seen: [String] = []
        for (i, p) in periods.enumerated() {
            if seen.contains(p.name) { throw t.error("timetable.periods[\(i)]: the name \"\(p.name)\" is used twice") }
            seen.append(p.name)
        }
        return periods
    }

    static func readActivity(_ a: ScenarioReader, periods: [PeriodSpec], schools: [SchoolSpec],
                             day: (start: SimDuration, end: SimDuration)) throws -> ActivitySpec {
        let kindName = try a.string("activity", expected: "the activity, one of \(ActivityKind.all.map(\.name).joined(separator: ", "))")
        guard let kind = ActivityKind.named(kindName) else {
            let names = ActivityKind.all.map(\.name)
            let m = try a.member("activity", expected: "")
            throw m.error(.invalidValue(expected: "one of " + names.map { "\"\($0)\"" }.joined(separator: ", "),
                                        found: "\"\(kindName)\"", suggestion: Spelling.suggestion(for: kindName, in: names)))
        }
        let name = try a.string("name", default: kindName, source: "the activity's kind")
        var start = day.start, end = day.end
        if let periodName = try a.optionalString("period") {
            guard let p = periods.first(where: { $0.name == periodName }) else {
                let m = try a.member("period", expected: "")
                let names = periods.map(\.name)
                throw m.error(.invalidValue(expected: names.isEmpty ? "a period of \"timetable\" (none defined)" : "one of the timetable's periods: " + names.map { "\"\($0)\"" }.joined(separator: ", "),
                                            found: "\"\(periodName)\"", suggestion: Spelling.suggestion(for: periodName, in: names)))
            }
            start = p.start
            end = p.end
        }
        if let s = try a.optionalClockTime("start") { start = s }
        if let e = try a.optionalClockTime("end") { end = e }
        guard end > start else { throw a.error("the activity ends (\(clock(end))) before it starts (\(clock(start)))") }
        guard start >= day.start && end <= day.end else {
            throw a.error("the activity (\(clock(start))–\(clock(end))) must lie inside the simulated day (\(clock(day.start))–\(clock(day.end)))")
        }
        // A policy holding the activity back until a clock time (updates after lessons):
        // it starts then, keeps its length, and stops at the end of the day at the latest.
        if let deferTo = try a.optionalClockTime("deferTo") {
            guard deferTo >= day.start && deferTo < day.end else {
                let m = try a.member("deferTo", expected: "")
                throw m.error(.invalidValue(expected: "a clock time inside the simulated day (\(clock(day.start))–\(clock(day.end)))",
                                            found: "\"\(clock(deferTo))\"", suggestion: nil))
            }
            if deferTo > start {
                let length = end - start
                start = deferTo
                end = min(day.end, deferTo + length)
            }
        }
        let othersOffline = try a.bool("othersOffline", default: false,
                                       source: "other classrooms keep using the network during the activity")
        let schoolNames = try a.readIfPresent("schools", as: .stringList) ?? []
        for (i, s) in schoolNames.enumerated() where !schools.contains(where: { $0.name == s }) {
            let names = schools.map(\.name)
            throw a.error(.invalidValue(expected: "a school of this scenario", found: "\"\(s)\" (schools[\(i)])",
                                        suggestion: Spelling.suggestion(for: s, in: names)))
        }
        let grades = try a.readIfPresent("grades", as: .intList(in: 1...12)) ?? []
        let classes = try a.readIfPresent("classes", as: .stringList) ?? []
        let jitter = try a.duration("jitter", default: .seconds(30),
                                    source: "REFERENCES.md §8: a whole class presses start within 30 s [ESTIMATE]")
        let settings = try a.optionalMember("settings")
        let settingsReader = try settings ?? ScenarioReader(json: "{}", file: a.file)
        let make: (String, [ActivitySession], ServiceDirectory) -> any Workload
        var check: ((Scenario) throws -> Void)?
        var lessons: LessonMix?
        if kind.name == LessonMix.kindName {
            // Its lessons: the timetable's periods inside the activity's window (or the window).
            let slots = periods.filter { $0.start < end && $0.end > start }
                .map { LessonMix.Slot(name: $0.name, start: max($0.start, start), end: min($0.end, end)) }
            let mix = try LessonMix.read(settingsReader, slots: slots.isEmpty ? [LessonMix.Slot(name: "lesson", start: start, end: end)] : slots)
            lessons = mix
            if settings == nil { LessonMix.recordDefaults(on: a) }
            make = { name, _, _ in preconditionFailure("\(name): a lesson mix makes its workloads per replication") }
        } else if let readChecked = kind.readChecked {
            (make, check) = try readChecked(settingsReader)
        } else {
            make = try kind.read(settingsReader)
        }
        try a.finish()
        let matched = schools.filter { schoolNames.isEmpty || schoolNames.contains($0.name) }
            .flatMap { $0.classes }.filter { (grades.isEmpty || grades.contains($0.grade)) && (classes.isEmpty || classes.contains($0.name)) }
        guard !matched.isEmpty else { throw a.error("no class matches this activity's \"schools\", \"grades\" and \"classes\"") }
        var spec = ActivitySpec(kind: kindName, name: name, start: start, end: end, schools: schoolNames, grades: grades,
                                classes: classes, jitter: .uniform(low: 0, high: jitter.seconds), make: make, check: check)
        spec.othersOffline = othersOffline
        spec.lessons = lessons
        return spec
    }

    static func readTargets(_ r: ScenarioReader, activities: [ActivitySpec]) throws -> [TargetSpec] {
        guard let t = try r.optionalMember("targets") else { return [] }
        guard case .object(let members) = t.value else { throw t.error(expected: "an object such as {\"cbt.item_p95\": \"<= 2 s\"}") }
        var out: [TargetSpec] = []
        let kinds = activities.flatMap { a in a.lessons?.kinds ?? [a.kind] }
        let known = kinds.flatMap { k in ActivityKind.named(k)!.metrics.map { "\(k).\($0)" } }
        for (key, _) in members {
            let m = try t.member(key, expected: "")
            guard known.contains(key) else {
                throw m.error(.invalidValue(expected: known.isEmpty ? "a metric of an activity in this scenario" : "one of " + known.map { "\"\($0)\"" }.joined(separator: ", "),
                                            found: "\"\(key)\"", suggestion: Spelling.suggestion(for: key, in: known)))
            }
            let text = try m.read(as: .string)
            out.append(try parseTarget(key: key, text: text, reader: m))
        }
        return out
    }

    /// Parses `"<= 2 s"`, `">= 95 %"`, `"<= 1 %"`, `"<= 300 ms"`, `">= 2.5 Mbps"`, `"<= 0"`.
    static func parseTarget(key: String, text: String, reader m: ScenarioReader) throws -> TargetSpec {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let atMost: Bool
        let rest: Substring
        if trimmed.hasPrefix("<=") { atMost = true; rest = trimmed.dropFirst(2) } else if trimmed.hasPrefix(">=") { atMost = false; rest = trimmed.dropFirst(2) } else {
            throw m.error(expected: "a comparison and a value, e.g. \"<= 2 s\" or \">= 95 %\"")
        }
        let v = rest.trimmingCharacters(in: .whitespaces)
        let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
        let threshold: Double
        if let d = try? UnitParsing.duration(v) {
            threshold = parts[1].hasSuffix("_ms") || parts[1].hasPrefix("delay") ? d.milliseconds : d.seconds
        } else if let f = try? UnitParsing.fraction(v, in: 0...1), v.hasSuffix("%") {
            threshold = f * 100
        } else if let r = try? UnitParsing.rate(v) {
            threshold = r.megabitsPerSecond
        } else if let n = Double(v), n.isFinite {
            threshold = n
        } else {
            throw m.error(expected: "a value with the metric's unit after \(atMost ? "<=" : ">="), e.g. \"2 s\", \"1 %\", \"2.5 Mbps\"")
        }
        return TargetSpec(kind: parts[0], metric: parts[1], atMost: atMost, threshold: threshold, text: trimmed)
    }
}

extension ScenarioValueKind where Value == [String] {
    /// A list of strings.
    static var stringList: Self {
        ScenarioValueKind(expected: "a list of names", convert: { v in
            guard case .array(let items) = v else { throw UnitParseError(expected: "a list of names", found: v.foundDescription) }
            return try items.map { item in
                guard case .string(let s) = item else { throw UnitParseError(expected: "a list of names", found: item.foundDescription) }
                return s
            }
        }, format: { $0.joined(separator: ", ") })
    }
}

extension ScenarioValueKind where Value == [Int] {
    /// A list of whole numbers in `range`.
    static func intList(in range: ClosedRange<Int>) -> Self {
        let expected = "a list of whole numbers between \(range.lowerBound) and \(range.upperBound)"
        return ScenarioValueKind(expected: expected, convert: { v in
            guard case .array(let items) = v else { throw UnitParseError(expected: expected, found: v.foundDescription) }
            return try items.map { item in
                guard case .number(let n) = item, n == n.rounded(), range.contains(Int(exactly: n) ?? Int.min) else {
                    throw UnitParseError(expected: expected, found: item.foundDescription)
                }
                return Int(n)
            }
        }, format: { $0.map(String.init).joined(separator: ", ") })
    }
}
