import Testing
@testable import schoolnet_bench
import SchoolNet

/// Registry and case contracts — counts only; timings are never asserted here.
@Suite struct BenchCaseTests {
    /// Names are unique and the kernel ladder is registered.
    @Test func registry() {
        BenchRegistry.validate()
        #expect(BenchRegistry.names.starts(with: ["hold-1e3", "hold-1e5", "hold-1e6"]))
    }

    /// The hold model processes exactly `holds` events and ends at the same simulated
    /// time on every run (a deterministic queue order and random stream).
    @Test func holdModelCountsAreDeterministic() {
        let a = HoldModel.run(pending: 100, holds: 1000, seed: 1)
        let b = HoldModel.run(pending: 100, holds: 1000, seed: 1)
        #expect(a.events == 1000 && a.flows == 0 && a.resolves == 0)
        #expect(a.metrics["finalSimSeconds"] == b.metrics["finalSimSeconds"])
        #expect(a.metrics["pending"] == 100)
    }

    /// A report round-trips through its JSON with sorted keys and the schema version.
    @Test func reportRoundTrips() throws {
        let m = HoldModel.run(pending: 10, holds: 10, seed: 1)
        let r = CaseResult(
            name: "hold-x", scale: .full, summary: "s", events: m.events, flows: 0, resolves: 0, repeats: 1,
            wallSeconds: WallStats(samples: [0.5]), eventsPerSecond: 20, peakRSSBytes: 1, startRSSBytes: nil,
            peakRSSIsolated: true, metrics: ["b": 2, "a": 1])
        let report = BenchReport(machine: .current(), note: nil, cases: [r.key: r])
        let text = String(decoding: try report.encoded(), as: UTF8.self)
        #expect(text.contains("\"schemaVersion\" : 1"))
        let a = try #require(text.range(of: "\"a\" : 1")), b = try #require(text.range(of: "\"b\" : 2"))
        #expect(a.lowerBound < b.lowerBound)
    }
}

/// Every generated ladder scenario must read (a generator bug once produced invalid JSON
/// for multi-grade schools, which only the full ladder ran).
@Suite struct ScenarioLadderTests {
    @Test(arguments: [(1, false), (6, true), (6, false), (3, true)])
    func generatedScenariosRead(grades: Int, egress: Bool) throws {
        let json = ScenarioLadder.json(name: "t", schools: 2, grades: grades, classesPerGrade: 1, students: 3, minutes: 10, egress: egress)
        let s = try Scenario.read(json: json, file: "ladder")
        #expect(s.activities.count == (grades > 1 ? 2 : 1))
    }
}
