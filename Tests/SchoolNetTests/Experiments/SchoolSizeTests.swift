import Foundation
import Testing
@testable import SchoolNet

/// Sizing by school size: the structure for a student count, the share of simulated days
/// meeting the targets, and the smallest passing line on a hand-checkable case.
@Suite struct SchoolSizeTests {
    /// Classes per grade are the fewest within the cap; students spread evenly, rounded up.
    @Test func structureFollowsTheClassSizeCap() {
        let s = Sweep.SchoolStructure(students: 280, grades: 6, maxClassSize: 35)
        // 280 / 6 = 46.7 per grade → 2 classes of 24 (2 × 24 × 6 = 288 ≥ 280).
        #expect(s.classesPerGrade == 2 && s.studentsPerClass == 24 && s.simulatedStudents == 288)
        let big = Sweep.SchoolStructure(students: 1400, grades: 6, maxClassSize: 35)
        // 233.3 per grade → 7 classes of 34.
        #expect(big.classesPerGrade == 7 && big.studentsPerClass == 34)
        let tiny = Sweep.SchoolStructure(students: 60, grades: 6, maxClassSize: 35)
        #expect(tiny.classesPerGrade == 1 && tiny.studentsPerClass == 10 && tiny.simulatedStudents == 60)
    }

    /// Each replication is a simulated day judged on its own values: 3 of 4 days pass, so
    /// the point meets a 75 % share and not a 95 % one.
    @Test func daysShareCountsDaysMeetingEveryTarget() {
        func run(_ p95: Double) -> Sweep.Run {
            let m = Metric(key: "time_p95", label: "p95", value: p95, unit: "s", target: 10)
            return Sweep.Run(workloads: [WorkloadReport(name: "bulk", kind: "bulk", entities: 1, metrics: [m], delayedBy: [])],
                             limitedFlowSeconds: [], resourceNames: [])
        }
        let p = Sweep.point(overrides: [], runs: [run(5), run(6), run(30), run(7)])
        #expect(p.days == 4 && p.daysPassed == 3)
        #expect(p.meetsTargets(daysShare: 0.75))
        #expect(!p.meetsTargets(daysShare: 0.95))
        #expect(!p.meetsTargets(daysShare: nil))  // the mean, 12 s, misses 10 s
    }

    static let json = """
    {"name": "size", "day": {"start": "09:00", "end": "09:02"}, "replications": 1,
     "schools": [{"name": "es", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 10,
                  "access": {"type": "fiber", "service": "dedicated", "down": "1 Gbps"}}],
     "activities": [{"activity": "bulk", "jitter": "0 s", "settings": {"size": "1 MB"}}],
     "targets": {"bulk.time_p95": "<= 10 s"}}
    """

    /// Every student downloads 1 MB (8 Mbit) at 09:00 over a dedicated line; the target is
    /// a 95th percentile ≤ 10 s. 20 students (one class) need 160 Mbit: 16 s at 10 Mbps
    /// (fails), 8 s at 20 Mbps (passes). 70 students (two classes of 35) need 560 Mbit:
    /// 11.2 s at 50 Mbps (fails), 5.6 s at 100 Mbps (passes).
    @Test func smallestPassingLinePerSchoolSize() throws {
        let source = try ScenarioSource(json: Self.json, file: "size.json")
        let axis = try Sweep.Axis(parsing: "schools[0].access.down=10 Mbps,20 Mbps,50 Mbps,100 Mbps,200 Mbps")
        let sizes = try Sweep.sizeBySchool(source, axis: axis, costs: [], base: [], students: [20, 70], daysShare: 1,
                                           seed: nil, replications: 1, jobs: 1)
        #expect(sizes.map(\.structure.classesPerGrade) == [1, 2])
        #expect(sizes.map(\.sizing.chosenValue) == ["20 Mbps", "100 Mbps"])
        #expect(sizes.map(\.sizing.verified) == [true, true])
        #expect(sizes[1].sizing.candidates[1].point?.meetsTargets(daysShare: 1) == false)  // 20 Mbps: too slow for 70
        #expect(sizes[1].sizing.candidates[2].point?.meetsTargets(daysShare: 1) == false)  // 50 Mbps
        #expect(throws: ExperimentError("--students expects counts of at least 1, found 0")) {
            _ = try Sweep.sizeBySchool(source, axis: axis, costs: [], base: [], students: [0], seed: nil, replications: 1, jobs: 1)
        }
    }

    /// A board whose schools are listed in a CSV file is sized from the list's first row,
    /// as if it were listed in JSON: the same school as ``json`` (one grade, 10 students,
    /// given as `students` rather than `studentsPerClass`; `--students` replaces it), the
    /// same smallest lines, 20 Mbps for 20 students and 100 Mbps for 70; and the line can be
    /// varied by its key path `schools[0].access.down` although the file does not list it.
    @Test func schoolsListedInACSVFileAreSizedFromTheFirstRow() throws {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("schoolnet-size-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let scenario = Self.json.replacingOccurrences(
            of: #"[{"name": "es", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 10,"# + "\n"
                + #"              "access": {"type": "fiber", "service": "dedicated", "down": "1 Gbps"}}]"#,
            with: #"{"csv": "schools.csv"}"#)
        #expect(scenario.contains(#""schools": {"csv": "schools.csv"}"#))
        let file = (dir as NSString).appendingPathComponent("board.json")
        try scenario.write(toFile: file, atomically: true, encoding: .utf8)
        try "name,grades,classesPerGrade,students,access.type,access.service,access.down\r\nes,1,1,10,fiber,dedicated,1 Gbps\r\n"
            .write(toFile: (dir as NSString).appendingPathComponent("schools.csv"), atomically: true, encoding: .utf8)
        let source = try ScenarioSource(file: file)
        #expect(source.schoolTableName == "schools.csv")
        let axis = try Sweep.Axis(parsing: "schools[0].access.down=10 Mbps,20 Mbps,50 Mbps,100 Mbps,200 Mbps")
        let sizes = try Sweep.sizeBySchool(source, axis: axis, costs: [], base: [], students: [20, 70], daysShare: 1,
                                           seed: nil, replications: 1, jobs: 1)
        #expect(sizes.map(\.structure.classesPerGrade) == [1, 2])
        #expect(sizes.map(\.sizing.chosenValue) == ["20 Mbps", "100 Mbps"])
        // The inlined list reads as the JSON one.
        let inlined = try source.inliningSchoolTable().scenario()
        let listed = try ScenarioSource(json: Self.json, file: "size.json").scenario()
        #expect(inlined.schools.map(\.classes.count) == listed.schools.map(\.classes.count))
        #expect(inlined.schools.map { $0.classes.map(\.students) } == listed.schools.map { $0.classes.map(\.students) })
    }

    /// The curve is monotone in N: every student downloads 1 MB at 09:00, p95 ≤ 10 s, one
    /// grade, classes of at most 35. 10 students need 80 Mbit (8 s at 10 Mbps), 20 need
    /// 160 Mbit (16 s at 10 Mbps, 8 s at 20 Mbps), 40 (two classes of 20) 320 Mbit
    /// (16 s at 20 Mbps, 6.4 s at 50 Mbps), 70 (two of 35) 560 Mbit (11.2 s at 50 Mbps,
    /// 5.6 s at 100 Mbps): 10, 20, 50, 100 Mbps, each at least the one before.
    @Test func curveIsMonotoneInStudents() throws {
        let source = try ScenarioSource(json: Self.json, file: "size.json")
        let axis = try Sweep.Axis(parsing: "schools[0].access.down=10 Mbps,20 Mbps,50 Mbps,100 Mbps,200 Mbps")
        let students = [10, 20, 40, 70]
        let sizes = try Sweep.sizeBySchool(source, axis: axis, costs: [], base: [], students: students, daysShare: 1,
                                           seed: nil, replications: 1, jobs: 1)
        let chosen = sizes.map { s in s.sizing.chosen.map { axis.values.firstIndex(of: s.sizing.candidates[$0].value)! } }
        #expect(sizes.map(\.sizing.chosenValue) == ["10 Mbps", "20 Mbps", "50 Mbps", "100 Mbps"])
        #expect(chosen.allSatisfy { $0 != nil })
        #expect(zip(chosen, chosen.dropFirst()).allSatisfy { $0! <= $1! })
    }

    /// The text, CSV, JSON and HTML of a sizing by school size carry the structure, the
    /// smallest passing line per size and the curve.
    @Test func reportsGiveTheCurve() throws {
        let source = try ScenarioSource(json: Self.json, file: "size.json")
        let axis = try Sweep.Axis(parsing: "schools[0].access.down=10 Mbps,20 Mbps,50 Mbps,100 Mbps")
        let sizes = try Sweep.sizeBySchool(source, axis: axis, costs: [], base: [], students: [20, 70], daysShare: 0.95,
                                           seed: nil, replications: 1, jobs: 1)
        let text = SweepReport.schoolSizeText(sizes, axis: axis, daysShare: 0.95)
        #expect(text.contains("70        70 (1 × 2 × 35)"), "\(text)")
        #expect(text.contains("100 Mbps") && text.contains("1 of 1") && text.contains("at least 95 % of simulated days"))
        let csv = SweepReport.schoolSizeCSV(sizes, axis: axis, daysShare: 0.95, record: nil)
        #expect(csv.contains("20,20,1,1,20,\"20 Mbps\",1,1,true,\"es access ↓\"\r\n"), "\(csv)")
        let json = SweepReport.schoolSizeJSON(sizes, axis: axis, daysShare: 0.95, record: nil)
        #expect(json.contains("\"schema\": \"schoolnet.size-by-students/1\"") && json.contains("\"chosen\": \"100 Mbps\""))
        let html = SweepReport.schoolSizeHTML(sizes, axis: axis, daysShare: 0.95, record: nil, title: "t")
        #expect(html.contains("<svg class=\"chart sizing\"") && html.contains("<title>70 students: 100 Mbps</title>"))
    }
}
