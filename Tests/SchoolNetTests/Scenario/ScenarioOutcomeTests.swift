import Testing
@testable import SchoolNet

/// End-to-end behaviours of the workloads, through scenario files, the builder
/// and the results layer.
@Suite struct ScenarioOutcomeTests {
    static func run(_ json: String) throws -> RunResult {
        let s = try Scenario.read(json: json, file: "t.json")
        let b = ScenarioBuilder(s)
        let sim = b.makeSimulation(seed: s.seed)
        sim.run(until: b.horizon)
        return RunResult(simulation: sim, scenarioName: s.name, description: "", seed: s.seed, clockStart: s.start, kinds: b.kinds)
    }

    static func cbtSchool(update: Bool) -> String {
        """
        {"name": "storm", "day": {"start": "09:00", "end": "09:30"},
         "schools": [{"name": "es", "grades": 3, "firstGrade": 4, "classesPerGrade": 2, "studentsPerClass": 25,
                      "radio": {"type": "wifi", "channelWidth": "80 MHz"},
                      "access": {"type": "fiber", "service": "dedicated", "down": "300 Mbps"}}],
         "activities": [
           {"activity": "cbt", "grades": [6], "settings": {"items": 15, "thinkTime": {"mean": "30 s", "cv": 0.5}}}
           \(update ? #", {"activity": "update", "start": "09:05", "grades": [4, 5], "jitter": "10 s"}"# : "")
         ]}
        """
    }

    /// An update storm starting mid-CBT raises item p95 and is named among the workloads the
    /// top bottleneck held back.
    @Test func updateStormMidCBTRaisesItemTimesAndIsNamed() throws {
        let calm = try Self.run(Self.cbtSchool(update: false))
        let storm = try Self.run(Self.cbtSchool(update: true))
        let p95 = { (r: RunResult) in r.workloads[0].metrics.first { $0.key == "item_p95" }!.value }
        #expect(p95(storm) > 2 * p95(calm), "item p95 \(p95(calm)) s → \(p95(storm)) s")
        let top = try #require(storm.bottlenecks.first)
        #expect(top.name == "es access ↓")
        #expect(top.heldBack.contains { $0.name.contains("update") && $0.flowSeconds > 0 })
    }

    /// A small speaking test on an asymmetric line (200 Mbps down, 4 Mbps up): an update
    /// filling the downlink sends 3.8 Mbps of ACKs up the 4 Mbps uplink, and spoken answers
    /// are lost; without the ACK load (`tcp.ackLoad: false`) or without the update, none is.
    @Test func updateAcksOnAnAsymmetricUplinkLoseSpokenAnswers() throws {
        func school(update: Bool, ackLoad: Bool) -> String {
            """
            {"name": "speaking", "day": {"start": "09:30", "end": "10:00"}\(ackLoad ? "" : #", "tcp": {"ackLoad": false}"#),
             "schools": [{"name": "jhs", "grades": 3, "firstGrade": 7, "classesPerGrade": 1, "studentsPerClass": 20,
                          "radio": {"type": "wifi", "channelWidth": "80 MHz"},
                          "access": {"type": "fiber", "service": "dedicated", "down": "200 Mbps", "up": "4 Mbps"}}],
             "activities": [
               {"activity": "cbt", "start": "09:40", "end": "09:55", "grades": [9],
                "settings": {"items": 6, "speakingItems": 4, "speakingUploadSize": {"low": "0.5 MB", "high": "1 MB"},
                             "thinkTime": {"mean": "40 s", "cv": 0.3}, "timeout": "30 s", "retries": 3}}
               \(update ? #", {"activity": "bulk", "start": "09:41", "end": "10:00", "grades": [7, 8], "settings": {"size": "1 GB"}}"# : "")
             ]}
            """
        }
        let lost = { (r: RunResult) in r.workloads[0].metrics.first { $0.key == "students_lost_answers" }!.value }
        let storm = try Self.run(school(update: true, ackLoad: true))
        print("students with an answer lost, update and ACK load: \(lost(storm))")
        #expect(lost(storm) > 50, "students with an answer lost: \(lost(storm)) %")
        let up = try #require(storm.resources.first { $0.name == "jhs access ↑" })
        #expect(up.acknowledgements != nil)
        #expect(lost(try Self.run(school(update: true, ackLoad: false))) == 0)
        #expect(lost(try Self.run(school(update: false, ackLoad: true))) == 0)
    }

    /// A local 5G cell's uplink (DDDSU: ~0.2 Gbps for the whole school) undersized for
    /// project-video uploads is ranked first.
    @Test func fiveGUplinkRanksFirst() throws {
        let r = try Self.run("""
        {"name": "5g", "day": {"start": "09:00", "end": "09:10"},
         "schools": [{"name": "es", "grades": 1, "classesPerGrade": 2, "studentsPerClass": 25,
                      "radio": {"type": "local5g", "pattern": "DDDSU"},
                      "access": {"type": "fiber", "service": "dedicated", "down": "10 Gbps"}}],
         "activities": [{"activity": "bulk", "jitter": "0 s", "settings": {"size": "50 MB", "upload": true}}]}
        """)
        #expect(r.bottlenecks.first?.name == "es 5G ↑")
    }

    /// SIMs over their monthly cap are throttled: a 1 MB download at 128 kbps takes
    /// 8 Mbit / 0.128 Mbps = 62.5 s plus round trips; with no SIM over its cap it takes well
    /// under that.
    @Test func throttledSIMsAreHeldToTheThrottledRate() throws {
        func json(_ over: String) -> String {
            """
            {"name": "lte", "day": {"start": "09:00", "end": "09:05"},
             "schools": [{"name": "r", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 4,
                          "radio": {"type": "lte", "cqi": [15], "monthlyCap": "7 GB", "throttledRate": "128 kbps", "overCap": "\(over)"}}],
             "activities": [{"activity": "bulk", "jitter": "0 s", "settings": {"size": "1 MB"}}]}
            """
        }
        let throttled = try Self.run(json("100 %")).workloads[0].metrics.first { $0.key == "time_p50" }!.value
        let free = try Self.run(json("0 %")).workloads[0].metrics.first { $0.key == "time_p50" }!.value
        #expect(throttled > 62.5 && throttled < 64, "throttled \(throttled) s")
        #expect(free < 5, "unthrottled \(free) s")
    }

    /// CBT behind an undersized proxy session table (central egress; every request opens a
    /// new connection) loses time waiting for sessions, and the table is ranked first.
    @Test func undersizedProxySessionTableRanksFirst() throws {
        let r = try Self.run("""
        {"name": "proxy", "day": {"start": "09:00", "end": "09:20"},
         "egress": {"uplink": "10 Gbps", "appliances": [{"name": "proxy", "throughput": "10 Gbps", "sessions": 5, "whenFull": "queue"}]},
         "schools": [{"name": "es", "grades": 1, "firstGrade": 6, "classesPerGrade": 2, "studentsPerClass": 25, "breakout": "central",
                      "access": {"type": "fiber", "service": "dedicated", "down": "10 Gbps"}}],
         "activities": [{"activity": "cbt", "jitter": "5 s",
                         "settings": {"items": 10, "connectionReuse": false, "thinkTime": {"mean": "20 s", "cv": 0.5}}}]}
        """)
        let top = try #require(r.bottlenecks.first)
        #expect(top.name.hasPrefix("proxy"), "first was \(top.name)")
        #expect(r.sessionTables.first { $0.name == "proxy" }.map { $0.queued > 0 } == true)
    }
}
