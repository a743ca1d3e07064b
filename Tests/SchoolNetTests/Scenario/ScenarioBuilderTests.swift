import Foundation
import Testing
@testable import SchoolNet

@Suite struct ScenarioBuilderTests {
    static func scenario(access: String = #"{"type": "fiber", "service": "dedicated", "down": "300 Mbps"}"#,
                         radio: String = #"{"type": "wifi"}"#, extra: String = "") -> String {
        """
        {
          "name": "test school",
          "day": {"start": "09:00", "end": "09:10"},
          "schools": [{"name": "es", "grades": 1, "firstGrade": 6, "classesPerGrade": 2, "studentsPerClass": 30,
                       "radio": \(radio), "access": \(access)}],
          "activities": [{"activity": "bulk", "start": "09:01", "end": "09:09", "jitter": "0 s", "settings": {"size": "20 MB"}}]
          \(extra)
        }
        """
    }

    static func run(_ json: String) throws -> (Simulation, ScenarioBuilder) {
        let s = try Scenario.read(json: json, file: "test.json")
        let b = ScenarioBuilder(s)
        let sim = b.makeSimulation(seed: s.seed)
        sim.run(until: b.horizon)
        return (sim, b)
    }

    static func topResource(_ sim: Simulation) -> String {
        let obs = sim.network.solver.observer
        let r = obs.limitedFlowSeconds.indices.max { (obs.limitedFlowSeconds[$0], -$0) < (obs.limitedFlowSeconds[$1], -$1) }!
        return sim.network.topology.resources[r].name
    }

    /// 60 devices × 20 MB = 9.6 Gbit over a 300 Mbps line: ≥ 32 s, and the line, not the
    /// classroom Wi-Fi (≈ 256 Mbps per cell with 30 stations: 802.11ax 40 MHz 2×2 MCS 9,
    /// 32-frame A-MPDU), limits.
    @Test func bulkDownloadOverFiberRanksTheAccessLine() throws {
        let (sim, _) = try Self.run(Self.scenario())
        let report = sim.workloads[0].report(in: sim)
        #expect(report.entities == 60)
        let slowest = report.metrics.first { $0.key == "time_max" }!.value
        #expect(slowest >= 32 && slowest < 120, "slowest \(slowest)")
        #expect(Self.topResource(sim) == "es access ↓")
    }

    /// Deliberately undersized media each rank first.
    @Test(arguments: [
        (#"{"type": "wifi", "standard": "ac", "channelWidth": "20 MHz", "spatialStreams": 1, "mcs": 3, "aggregation": 1}"#,
         #"{"type": "fiber", "service": "dedicated", "down": "10 Gbps"}"#, "Wi-Fi"),
        (#"{"type": "lte", "cqi": [7]}"#, "null", "es LTE ↓"),
        (#"{"type": "local5g", "pattern": "DSUUU"}"#, #"{"type": "fiber", "service": "dedicated", "down": "100 Mbps"}"#, "es access ↓"),
        (#"{"type": "wifi"}"#, #"{"type": "sinet", "line": "200 Mbps"}"#, "es SINET line ↓"),
        (#"{"type": "wifi"}"#, #"{"type": "fiber", "service": "bestEffort", "down": "10 Gbps", "session": "pppoe", "pppoe": {"subscribers": 8000}}"#, "es PPPoE unit ↓"),
    ])
    func undersizedMediumRanksFirst(radio: String, access: String, expected: String) throws {
        var json = Self.scenario(access: access, radio: radio)
        if access == "null" { json = json.replacingOccurrences(of: #", "access": null"#, with: "") }
        let (sim, _) = try Self.run(json)
        let top = Self.topResource(sim)
        #expect(top.contains(expected), "top was \(top)")
    }

    /// A central egress with a small uplink shared by 3 schools ranks first.
    @Test func centralEgressRanksFirst() throws {
        let json = """
        {
          "name": "city",
          "day": {"start": "09:00", "end": "09:10"},
          "egress": {"uplink": "500 Mbps", "appliances": [{"name": "proxy", "throughput": "10 Gbps"}]},
          "schoolTypes": {"es": {"grades": 1, "classesPerGrade": 1, "studentsPerClass": 20, "breakout": "central",
                                 "access": {"type": "fiber", "service": "dedicated", "down": "1 Gbps"}}},
          "schools": [{"type": "es", "count": 3}],
          "activities": [{"activity": "bulk", "jitter": "0 s", "settings": {"size": "50 MB"}}]
        }
        """
        let (sim, _) = try Self.run(json)
        #expect(Self.topResource(sim) == "egress uplink ↓")
        #expect(sim.network.topology.node(named: "es-3/core") != nil)
    }

    @Test(arguments: [
        (#"{"name": "x"}"#, #"t.json: missing required key "day" (expected an object with "start" and "end" clock times, e.g. {"start": "08:30", "end": "12:30"})"#),
        (scenario(radio: #"{"type": "wifi", "channelWidth": "90 MHz"}"#),
         #"t.json: schools[0].radio.channelWidth: expected one of 20, 40, 80, 160 MHz, found "90 MHz""#),
        (scenario(radio: #"{"type": "wifi", "chanelWidth": "40 MHz"}"#),
         #"t.json: schools[0].radio.chanelWidth: unknown key; did you mean "channelWidth"?"#),
        (scenario(access: #"{"type": "fiber", "service": "dedicated", "down": "1 Gbs"}"#),
         #"t.json: schools[0].access.down: expected a bit rate with a unit (bps, kbps, Mbps, Gbps, Tbps, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s, b/s, kb/s, Mb/s, Gb/s, Tb/s, B/s, kB/s, KB/s, MB/s, GB/s, TB/s), found "1 Gbs"; did you mean "1 Gbps"?"#),
        (scenario(extra: #", "targets": {"bulk.tme_p95": "<= 2 s"}"#),
         #"t.json: targets["bulk.tme_p95"]: expected one of "bulk.time_p50", "bulk.time_p95", "bulk.time_max", "bulk.unfinished", found "bulk.tme_p95"; did you mean "bulk.time_p95"?"#),
    ])
    func badInputGetsPreciseErrors(json: String, message: String) {
        do {
            _ = try Scenario.read(json: json, file: "t.json")
            Issue.record("no error for \(message)")
        } catch let e as ScenarioError {
            #expect(e.description == message)
            #expect(e.exitCode == 2)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

@Suite struct DefaultScenarioTests {
    /// The built-in default must be the reference file, byte for byte (plus the final newline
    /// the raw string keeps).
    @Test func builtInDefaultMatchesReferenceFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios/elementary-600.json")
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(file == DefaultScenario.json + "\n" || file == DefaultScenario.json)
    }
}

@Suite struct BucketWidthTests {
    /// The automatic width: the narrowest of 1, 2, 5, 10, 15, 30 s, … for which resources ×
    /// buckets ≤ 2²⁶ = 67,108,864. A municipality (1,000 resources, 1 h: 3.6 M cells) keeps
    /// 1 s; the national morning (220,012 resources, 90 min) needs ⌈5,400 / w⌉ ≤ 305, so
    /// 30 s (180 buckets; 15 s would be 360); 20,000 resources over 24 h need ⌈86,400 / w⌉
    /// ≤ 3,355, so 30 s as well (2,880; 15 s would be 5,760); beyond every step, 1 h.
    @Test(arguments: [(1_000, 3_600.0, 1.0), (220_012, 5_400, 30), (20_000, 86_400, 30), (67_108_864, 1, 1),
                      (67_108_865, 1, 3_600), (1 << 40, 3_600, 3_600)])
    func automaticWidth(resources: Int, seconds: Double, expected: Double) {
        #expect(FlowObserver.automaticBucketWidth(resources: resources, horizon: .seconds(seconds)) == .seconds(expected))
    }

    /// Every reference scenario keeps 1 s buckets (its results do not change), and a
    /// `bucket` key still wins over the automatic choice.
    @Test func referenceScenariosKeepOneSecond() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 8)
        for f in files {
            let scenario = try Scenario.read(file: dir.appendingPathComponent(f).path)
            #expect(ScenarioBuilder(scenario).bucketWidth == .seconds(1), "\(f)")
        }
        var s = try Scenario.read(json: ScenarioBuilderTests.scenario(extra: #", "bucket": "5 s""#), file: "t.json")
        #expect(ScenarioBuilder(s).bucketWidth == .seconds(5))
        s.bucket = nil
        #expect(ScenarioBuilder(s).bucketWidth == .seconds(1))
    }
}

@Suite struct TopologyRoutingTests {
    /// In a tree, walking up to the common ancestor gives the same route as breadth-first
    /// search, for every pair of a generated municipality's nodes sampled.
    @Test func treeWalkEqualsBreadthFirst() throws {
        let json = """
        {"name": "t", "day": {"start": "09:00", "end": "09:10"},
         "egress": {"uplink": "1 Gbps", "appliances": [{"name": "fw", "throughput": "1 Gbps"}]},
         "schoolTypes": {"a": {"grades": 2, "classesPerGrade": 2, "studentsPerClass": 3, "breakout": "central"}},
         "schools": [{"type": "a", "count": 3}, {"name": "lte", "radio": {"type": "lte"}}, {"name": "nr", "radio": {"type": "local5g"}},
                     {"name": "si", "access": {"type": "sinet", "line": "1 Gbps"}}],
         "activities": [{"activity": "bulk", "settings": {"size": "1 MB"}}]}
        """
        let t = ScenarioBuilder(try Scenario.read(json: json, file: "t.json")).topology
        let tree = t.isTree
        #expect(tree)
        var rng = RandomStream(seed: 3)
        for _ in 0..<500 {
            let a = NodeID(Int(rng.next() % UInt64(t.nodes.count))), b = NodeID(Int(rng.next() % UInt64(t.nodes.count)))
            let same = t.treeRoute(from: a, to: b) == t.breadthFirstRoute(from: a, to: b)
            #expect(same, "\(t.nodes[a.index].name) → \(t.nodes[b.index].name)")
        }
    }
}
