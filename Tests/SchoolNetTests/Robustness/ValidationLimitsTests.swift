import Foundation
import Testing
@testable import SchoolNet

/// Whatever a run would trap on is refused when the scenario is read — with the file, the
/// key path and the limit — or runs: many activities, many appliances, session-limited
/// appliances, rates of a fraction of a bit per second, huge names.
@Suite struct ValidationLimitsTests {
    /// A small scenario behind a central egress: one school of 2 classes × 2 students.
    static func json(activities: Int = 1, appliances: Int = 1, sessions: Bool = false, uplink: String = "1 Gbps",
                     schoolName: String = "es", delay: String = "1 ms", access: String = "100 Mbps") -> String {
        let apps = (0..<appliances).map { #"{"name": "a\#($0)", "throughput": "10 Gbps"\#(sessions ? #", "sessions": \#($0 + 1)"# : "")}"# }
        let acts = (0..<activities).map { #"{"activity": "web", "name": "w\#($0)", "period": "1"}"# }
        return """
        {"name": "limits", "day": {"start": "09:00", "end": "09:03"},
         "egress": {"uplink": "\(uplink)", "delay": "\(delay)", "appliances": [\(apps.joined(separator: ", "))]},
         "schools": [{"name": "\(schoolName)", "grades": 1, "classesPerGrade": 2, "studentsPerClass": 2, "breakout": "central",
                      "access": {"type": "fiber", "service": "dedicated", "down": "\(access)", "up": "\(access)"}}],
         "timetable": {"periods": [{"name": "1", "start": "09:00", "end": "09:02"}]},
         "activities": [\(acts.joined(separator: ", "))]}
        """
    }

    static func message(_ json: String) -> String? {
        do { _ = try Scenario.read(json: json, file: "s.json"); return nil } catch { return String(describing: error) }
    }

    /// Reads and runs; the workload reports.
    @discardableResult
    static func run(_ json: String) throws -> [WorkloadReport] {
        let s = try Scenario.read(json: json, file: "s.json")
        let b = ScenarioBuilder(s)
        let sim = b.makeSimulation(seed: 1)
        sim.run(until: b.horizon)
        return sim.workloads.map { $0.report(in: sim) }
    }

    /// 128 activities or more trapped (a negative workload index); up to 200 run.
    @Test func manyActivities() throws {
        #expect(try Self.run(Self.json(activities: 130)).count == 130)
        #expect(Self.message(Self.json(activities: 201)) == "s.json: activities: expected an array of at most 200 elements, found an array of 201")
    }

    /// 12 appliances made a route of more than 16 hops.
    @Test func manyAppliances() throws {
        try Self.run(Self.json(appliances: Scenario.maxAppliances))
        try Self.run(Self.json(appliances: Scenario.maxAppliances, sessions: true))
        #expect(Self.message(Self.json(appliances: 12)) == "s.json: egress.appliances: expected an array of at most 8 elements, found an array of 12")
    }

    /// A rate of 1e-4 bps made a timer longer than Int64 nanoseconds.
    @Test func tinyRates() throws {
        try Self.run(Self.json(uplink: "1e-4 bps"))
        try Self.run(Self.json(access: "1e-4 bps"))
    }

    /// Found by the `scenario` fuzz target: describing a rate of 1e30 Gbps (in `explain`'s
    /// settings) converted it to Int64.
    @Test func hugeRates() throws {
        #expect(DataRate(bitsPerSecond: 1e39).description == "9.999999999999999e+29 Gbps")
        #expect(UnitFormat.fixed(-1e300, decimals: 3) == "-1e+300")
        try Self.run(Self.json(uplink: "1e30 Gbps"))
    }

    /// A 3 MB name made `validate` take gigabytes; refused at once.
    @Test func hugeName() {
        let clock = ContinuousClock.now
        #expect(Self.message(Self.json(schoolName: String(repeating: "x", count: 3_000_000)))
                == "s.json: schools[0].name: expected a string of at most 10000 bytes, found a string of 3000000 bytes")
        #expect(ContinuousClock.now - clock < .seconds(20))
    }

    /// `startAt` in year 1 or 9999 parses (it overflowed outside 1677–2262).
    @Test func startAtAnyYear() throws {
        for text in ["0001-01-01 00:00:00", "9999-12-31T23:59:59Z"] {
            let start = try FlowLogStart.kind.convert(.string(text))
            guard case .timestamp = start else { Issue.record("\(text) not a timestamp"); continue }
        }
    }
}
