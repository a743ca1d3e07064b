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
