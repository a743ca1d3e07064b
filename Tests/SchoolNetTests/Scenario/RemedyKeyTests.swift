import Foundation
import Testing
@testable import SchoolNet

/// The planners' remedies as scenario keys: a per-device rate limit for a service, an
/// activity deferred to a clock time, and other classrooms offline during a test — read,
/// validated with a precise message, and acting on the simulation.
@Suite struct RemedyKeyTests {
    /// One school of two grades × one class; grade 2 sits a CBT 09:10–09:40, grade 1 runs a
    /// bulk update from 09:20 (`update`), with `extra` spliced into the CBT activity and
    /// `services` into the top level.
    static func scenario(cbt: String = "", update: String = "", services: String = "") -> String {
        """
        {"name": "x", "day": {"start": "09:00", "end": "10:00"}\(services),
         "schools": [{"name": "es", "grades": 2, "classesPerGrade": 1, "studentsPerClass": 5,
                      "access": {"type": "fiber", "down": "100 Mbps", "up": "100 Mbps"}}],
         "activities": [
           {"activity": "cbt", "name": "test", "start": "09:10", "end": "09:40", "grades": [2]\(cbt)},
           {"activity": "bulk", "name": "update", "start": "09:20", "end": "09:50", "grades": [1]\(update),
            "settings": {"size": "10 MB", "service": "update"}}]}
        """
    }

    /// The bulk workload's sessions of a built simulation.
    static func updateSessions(_ json: String) throws -> [ActivitySession] {
        let sim = ScenarioBuilder(try Scenario.read(json: json, file: "t.json")).makeSimulation(seed: 1)
        return (sim.workloads.compactMap { $0 as? BulkWorkload }.first?.sessions) ?? []
    }

    /// Clock time hh:mm as simulation time from the day's 09:00 start.
    static func at(_ minutesAfterNine: Double) -> SimTime { .zero + .minutes(minutesAfterNine) }

    /// `othersOffline` on the test moves the update (grade 1, not in the test, same school)
    /// from 09:20 to the test's end, 09:40, keeping its 30 minutes, clipped at 10:00.
    /// Without the key it runs at 09:20–09:50.
    @Test func othersOfflineMovesOtherClassesAfterTheTest() throws {
        let plain = try Self.updateSessions(Self.scenario())
        #expect(plain.count == 1 && plain[0].start == Self.at(20) && plain[0].end == Self.at(50))
        let offline = try Self.updateSessions(Self.scenario(cbt: #", "othersOffline": true"#))
        #expect(offline.count == 1 && offline[0].start == Self.at(40) && offline[0].end == Self.at(60))
    }

    /// A session already running when the test starts stops then: the update from 09:05
    /// ends at 09:10.
    @Test func othersOfflineStopsASessionRunningWhenTheTestStarts() throws {
        let json = Self.scenario(cbt: #", "othersOffline": true"#).replacingOccurrences(of: #""start": "09:20""#,
                                                                                       with: #""start": "09:05""#)
        let s = try Self.updateSessions(json)
        #expect(s.count == 1 && s[0].start == Self.at(5) && s[0].end == Self.at(10))
    }

    /// `deferTo` holds the update until 09:45: it runs 09:45–10:00 (its 30 minutes clipped
    /// at the end of the day).
    @Test func deferToHoldsTheActivity() throws {
        let s = try Self.updateSessions(Self.scenario(update: #", "deferTo": "09:45""#))
        #expect(s.count == 1 && s[0].start == Self.at(45) && s[0].end == Self.at(60))
    }

    /// `services.update.perDeviceRate` caps each update download: 5 devices × 10 MB at
    /// 2 Mbps take 40 s each (plus set-up), while the 100 Mbps line alone would carry them
    /// in about 4 s.
    @Test func perDeviceRateThrottlesTheService() throws {
        func p50(_ json: String) throws -> Double {
            let b = ScenarioBuilder(try Scenario.read(json: json, file: "t.json"))
            let sim = b.makeSimulation(seed: 1)
            sim.run(until: b.horizon)
            let bulk = sim.workloads.compactMap { $0 as? BulkWorkload }.first!
            return bulk.report(in: sim)["time_p50"]
        }
        let free = try p50(Self.scenario())
        let throttled = try p50(Self.scenario(services: #", "services": {"update": {"perDeviceRate": "2 Mbps"}}"#))
        #expect(free < 10, "free \(free) s")
        #expect(throttled > 40 && throttled < 42, "throttled \(throttled) s")
    }

    /// Bad values name the file, the key path and what was expected.
    @Test(arguments: [
        (scenario(update: #", "deferTo": "11:00""#), "t.json: activities[1].deferTo: expected a clock time inside the simulated day"),
        (scenario(cbt: #", "othersOffline": "yes""#), "t.json: activities[0].othersOffline: expected"),
        (scenario(services: #", "services": {"update": {"perDeviceRate": "fast"}}"#), "t.json: services.update.perDeviceRate: expected"),
        (scenario(cbt: #", "settings": {"stallTimeout": "-1 s"}"#), "t.json: activities[0].settings"),
    ])
    func badRemedyValuesNameTheKey(json: String, expected: String) {
        do {
            _ = try Scenario.read(json: json, file: "t.json")
            Issue.record("accepted: \(expected)")
        } catch let e as ScenarioError {
            #expect(e.description.hasPrefix(expected), "\(e.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// The reference scenario and its remedy variants read and name their remedies.
    @Test func remedyVariantsRead() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios")
        for f in ["speaking-test", "speaking-test-offline", "speaking-test-throttled", "speaking-test-deferred", "update-storm-cbt",
                  "update-storm-cbt-offline", "update-storm-cbt-throttled", "update-storm-cbt-deferred"] {
            let s = try Scenario.read(file: dir.appendingPathComponent(f + ".json").path)
            #expect(s.activities.count == 2, "\(f)")
            #expect(s.activities[0].othersOffline == f.hasSuffix("-offline"), "\(f)")
            #expect((s.services.first { $0.role == .update }?.perDeviceRate != nil) == f.hasSuffix("-throttled"), "\(f)")
        }
    }
}
