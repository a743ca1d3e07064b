import Foundation
import Testing
@testable import SchoolNet

/// The queue keys: defaults per kind of equipment, overrides, the buffer as bytes or time
/// at capacity, school types, and error messages naming the file, key path and expected
/// value.
@Suite struct QueueKeyTests {
    /// One Wi-Fi school (one class of 5) on a dedicated 100 Mbps down / 20 Mbps up line, with `school`
    /// spliced into the school and `top` into the top level.
    static func scenario(school: String = "", top: String = "") -> String {
        """
        {"name": "x", "day": {"start": "09:00", "end": "10:00"}\(top),
         "schools": [{"name": "es", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 5,
                      "access": {"type": "fiber", "service": "dedicated", "down": "100 Mbps", "up": "20 Mbps"}\(school)}],
         "activities": [{"activity": "cbt", "start": "09:10", "end": "09:40"}]}
        """
    }

    /// The built topology's resource named `name`.
    static func resource(_ json: String, _ name: String) throws -> Topology.Resource {
        let t = ScenarioBuilder(try Scenario.read(json: json, file: "t.json")).topology
        return try #require(t.resources.first { $0.name == name }, "no resource \(name)")
    }

    @Test func defaultsPerKind() throws {
        let json = Self.scenario()
        let up = try Self.resource(json, "es access ↑")
        #expect(up.buffer == .megabytes(1.5) && up.discipline == .fifo)
        let port = try Self.resource(json, "es/1-1 uplink ↓")
        #expect(port.buffer == .kilobytes(256) && port.discipline == .fifo)
        let air = try Self.resource(json, "es/1-1 Wi-Fi")
        #expect(air.buffer == .megabytes(1.5) && air.discipline == .fifo)
    }

    /// A buffer as time is converted at each direction's capacity: 100 ms is 1.25 MB at
    /// 100 Mbps down and 250 kB at 20 Mbps up.
    @Test func bufferAsTimeAtCapacity() throws {
        let json = Self.scenario(school: #", "accessBuffer": "100 ms", "accessDiscipline": "fq_codel""#)
        let down = try Self.resource(json, "es access ↓"), up = try Self.resource(json, "es access ↑")
        #expect(down.buffer == .kilobytes(1250) && up.buffer == .kilobytes(250))
        #expect(down.discipline == .fqCodel && up.discipline == .fqCodel)
    }

    @Test func overridesEveryKind() throws {
        let json = Self.scenario(school: #", "classroomUplinkBuffer": "2 MB", "radioBuffer": "64 kB", "radioDiscipline": "fq_codel""#,
                                 top: #", "egress": {"uplink": "10 Gbps", "buffer": "5 ms", "discipline": "fq_codel", "appliances": [{"name": "fw", "throughput": "2 Gbps", "buffer": "3 MB"}]}"#)
        #expect(try Self.resource(json, "es/1-1 uplink ↑").buffer == .megabytes(2))
        let air = try Self.resource(json, "es/1-1 Wi-Fi")
        #expect(air.buffer == .kilobytes(64) && air.discipline == .fqCodel)
        let egress = try Self.resource(json, "egress uplink ↓")
        #expect(egress.buffer == .bytes(6_250_000) && egress.discipline == .fqCodel)
        let fw = try Self.resource(json, "fw ↑")
        #expect(fw.buffer == .megabytes(3) && fw.discipline == .fifo)
    }

    /// An LTE cell defaults to per-device queues (fq_codel) and 500 ms at its capacity.
    @Test func lteCellDefault() throws {
        let json = """
        {"name": "x", "day": {"start": "09:00", "end": "10:00"},
         "schools": [{"name": "rural", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 5, "radio": {"type": "lte"}}],
         "activities": [{"activity": "cbt", "start": "09:10", "end": "09:40"}]}
        """
        let dl = try Self.resource(json, "rural LTE ↓")
        #expect(dl.discipline == .fqCodel)
        #expect(dl.buffer == BufferSize.time(.milliseconds(500)).bytes(at: dl.capacity))
    }

    /// A school of a type keeps the type's queue; explain records where it came from.
    @Test func schoolTypeQueueInherited() throws {
        let json = """
        {"name": "x", "day": {"start": "09:00", "end": "10:00"},
         "schoolTypes": {"small": {"grades": 1, "classesPerGrade": 1, "studentsPerClass": 5, "accessDiscipline": "fq_codel"}},
         "schools": [{"type": "small", "count": 2}],
         "activities": [{"activity": "cbt", "start": "09:10", "end": "09:40"}]}
        """
        #expect(try Self.resource(json, "small-2 access ↓").discipline == .fqCodel)
        let s = try Scenario.read(json: json, file: "t.json")
        #expect(s.settings.contains { $0.keyPath.description == "schools[0].accessDiscipline" })
    }

    @Test(arguments: [
        (scenario(school: #", "accessBuffer": "big""#),
         #"t.json: schools[0].accessBuffer: expected a buffer in bytes or as time at the link's capacity, such as "1.5 MB" or "100 ms", found "big""#),
        (scenario(school: #", "accessDiscipline": "fq-codel""#), #"t.json: schools[0].accessDiscipline: expected one of "fifo", "fq_codel", found "fq-codel""#),
        (scenario(school: #", "radioBuffer": "2 min""#), #"t.json: schools[0].radioBuffer: expected a buffer of at most 60 s at the link's capacity"#),
        (scenario(school: #", "classroomUplinkBuffer": "20 GB""#), #"t.json: schools[0].classroomUplinkBuffer: expected a buffer of at most 10 GB"#),
        (scenario(top: #", "egress": {"uplink": "10 Gbps", "discipline": 3}"#), #"t.json: egress.discipline: expected one of "fifo", "fq_codel""#),
    ])
    func errorsNameFileKeyAndExpectedValue(json: String, expected: String) {
        do {
            _ = try Scenario.read(json: json, file: "t.json")
            Issue.record("accepted: \(expected)")
        } catch {
            #expect("\(error)".hasPrefix(expected), "\(error)")
        }
    }

    @Test func lteSchoolHasNoAccessQueue() {
        let json = """
        {"name": "x", "day": {"start": "09:00", "end": "10:00"},
         "schools": [{"name": "rural", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 5, "radio": {"type": "lte"}, "accessBuffer": "1 MB"}],
         "activities": [{"activity": "cbt", "start": "09:10", "end": "09:40"}]}
        """
        do {
            _ = try Scenario.read(json: json, file: "t.json")
            Issue.record("accepted an access buffer on an LTE school")
        } catch {
            #expect("\(error)".hasPrefix("t.json: schools[0].accessBuffer: an LTE school has no access line"), "\(error)")
        }
    }

    /// The text report names a full link's standing queue: five devices upload 10 MB each
    /// over a dedicated 2 Mbps uplink, whose 1.5 MB drop-tail buffer is 12 Mbit / 2 Mbps =
    /// 6 s when full; behind fq_codel the report says nothing of it.
    @Test(arguments: [QueueDiscipline.fifo, .fqCodel])
    func reportNamesTheStandingQueue(discipline: QueueDiscipline) throws {
        let json = """
        {"name": "x", "day": {"start": "09:00", "end": "09:30"},
         "schools": [{"name": "es", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 5,
                      "access": {"type": "fiber", "service": "dedicated", "down": "100 Mbps", "up": "2 Mbps"},
                      "accessDiscipline": "\(discipline.rawValue)"}],
         "activities": [{"activity": "bulk", "start": "09:00", "end": "09:30", "settings": {"size": "10 MB", "upload": true}}]}
        """
        let s = try Scenario.read(json: json, file: "t.json")
        let b = ScenarioBuilder(s)
        let sim = b.makeSimulation(seed: s.seed)
        sim.run(until: b.horizon)
        let run = RunResult(simulation: sim, scenarioName: s.name, description: "", seed: s.seed, clockStart: s.start, kinds: b.kinds)
        let up = try #require(run.resources.first { $0.name == "es access ↑" })
        let line = try #require(TextReport.render(run).split(separator: "\n").first { $0.contains("es access ↑") })
        let report = JSONReport.render(run)
        #expect(report.contains(discipline == .fifo ? #""full_buffer_delay": 6"# : #""full_buffer_delay": null"#), "JSON resource")
        if discipline == .fifo {
            #expect(up.fullBufferDelay == 6.0)
            #expect(line.contains("its full drop-tail buffer adds up to 6 s to every round trip through it"), "\(line)")
        } else {
            #expect(up.fullBufferDelay == nil)
            #expect(!line.contains("drop-tail"), "\(line)")
        }
    }
}
