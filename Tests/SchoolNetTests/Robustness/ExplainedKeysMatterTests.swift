import Foundation
import Testing
@testable import SchoolNet

/// Every delay and capacity `schoolnet explain` prints for a scenario changes the result when
/// it is changed on the path the traffic takes (`egress.delay` once changed nothing: it was
/// never applied to a link).
@Suite struct ExplainedKeysMatterTests {
    /// One school behind a central egress with a firewall; a CBT crosses every printed link.
    static let json = """
        {"name": "keys", "day": {"start": "09:00", "end": "09:04"},
         "egress": {"uplink": "1 Gbps", "appliances": [{"name": "fw", "throughput": "10 Gbps"}]},
         "schools": [{"name": "es", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 4, "breakout": "central",
                      "access": {"type": "fiber", "service": "dedicated", "down": "100 Mbps", "up": "100 Mbps"}}],
         "timetable": {"periods": [{"name": "1", "start": "09:00", "end": "09:03"}]},
         "activities": [{"activity": "cbt", "name": "cbt", "period": "1"}]}
        """

    /// Every workload metric of one run, as text.
    static func fingerprint(_ s: Scenario) -> [String] {
        let b = ScenarioBuilder(s)
        let sim = b.makeSimulation(seed: s.seed)
        sim.run(until: b.horizon)
        return sim.workloads.flatMap { w in w.report(in: sim).metrics.map { "\($0.key)=\($0.value)" } }
    }

    /// The printed delay and capacity keys (what `explain` lists), with the value each is changed to.
    static func keys() throws -> [(key: String, value: String)] {
        let s = try ScenarioSource(json: json, file: "keys.json").scenario()
        return s.settings.compactMap { setting in
            let key = setting.keyPath.description
            if setting.value.hasSuffix("bps") { return (key, "50 kbps") }
            if key.lowercased().hasSuffix("delay") { return (key, "300 ms") }
            return nil
        }
    }

    @Test func theKeysAreTheLinks() throws {
        #expect(try Self.keys().map(\.key) == ["internetDelay", "egress.uplink", "egress.delay", "egress.appliances[0].throughput",
                                               "schools[0].access.down", "schools[0].access.up", "schools[0].access.delay",
                                               "schools[0].classroomUplink"])
    }

    @Test(arguments: try! ExplainedKeysMatterTests.keys().map { "\($0.key)=\($0.value)" })
    func changingTheKeyChangesTheResult(assignment: String) throws {
        let source = try ScenarioSource(json: Self.json, file: "keys.json")
        let base = Self.fingerprint(try source.scenario())
        let changed = Self.fingerprint(try source.scenario(with: [try ScenarioOverride(parsing: assignment)]))
        #expect(base != changed, "\(assignment) changed nothing")
    }
}
