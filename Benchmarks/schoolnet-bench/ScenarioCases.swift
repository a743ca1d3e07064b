import SchoolNet

extension BenchCase {
    /// The scenario ladder: the same simulation the `schoolnet` command runs, from one
    /// classroom to a municipality, timed end to end (topology build + run).
    static let scenarioCases: [BenchCase] = [
        scenario("one-classroom", "one class of 40 on one AP: CBT login burst and items, 30 min", quick: true) { _ in
            ScenarioLadder.json(name: "one classroom", schools: 1, grades: 1, classesPerGrade: 1, students: 40,
                                minutes: 30, egress: false)
        },
        scenario("school-day", "the default 600-student elementary school (Scenarios/elementary-600.json)", quick: true) { _ in
            DefaultScenario.json
        },
        scenario("municipality", "30 schools × 300 students behind a central egress with a proxy; CBT and video, 1 h", quick: false) { _ in
            ScenarioLadder.json(name: "municipality", schools: 30, grades: 6, classesPerGrade: 2, students: 25,
                                minutes: 60, egress: true)
        },
        scenario("prefecture", "500 schools × 300 students, local breakout; CBT and video, 1 h", quick: false) { _ in
            ScenarioLadder.json(name: "prefecture", schools: 500, grades: 6, classesPerGrade: 2, students: 25,
                                minutes: 60, egress: false)
        },
        scenario("national-cbt", "national CBT morning: 20,000 schools × 99 grade-6 students (1.98 M), local breakout, 90 min, class cohorts (quick: 50 schools)",
                 quick: true) { scale in
            ScenarioLadder.nationalCBT(schools: scale == .quick ? 50 : 20_000)
        },
    ]

    static func scenario(_ name: String, _ summary: String, quick: Bool, json: @escaping @Sendable (BenchScale) -> String) -> BenchCase {
        BenchCase(name, summary, quick: quick) { scale in
            let stopwatch = Stopwatch()
            let scenario = caseSetUp(name) { try Scenario.read(json: json(scale), file: name) }
            let builder = ScenarioBuilder(scenario)
            let sim = builder.makeSimulation(seed: scenario.seed)
            sim.run(until: builder.horizon)
            let k = sim.network.solver.counters
            let cohorts = sim.workloads.compactMap { $0 as? CBTWorkload }.reduce(0) { $0 + $1.cohortSizes.count }
            return CaseMeasurement(events: sim.eventsProcessed, flows: UInt64(k.flowsEnded), resolves: UInt64(k.resolves),
                                   measuredSeconds: stopwatch.elapsedSeconds,
                                   metrics: ["students": Double(scenario.studentCount), "resources": Double(builder.topology.resources.count),
                                             "cbtCohorts": Double(cohorts), "bucketSeconds": builder.bucketWidth.seconds,
                                             "groupUpdates": Double(k.groupUpdates), "fastPaths": Double(k.fastPaths),
                                             "flowsVisitedPerResolve": Double(k.resolvedFlows) / Double(max(1, k.resolves))])
        }
    }
}

extension ScenarioLadder {
    /// The national CBT morning: every school sits the test at 09:00 (REFERENCES.md §4: a
    /// same-day national CBT would involve ~2 million students).
    ///
    /// Each school: the tested grade only, 3 classes × 33 students (REFERENCES.md §1: 33 per
    /// class; 20,000 × 99 = 1.98 M students), one AP per class, its own best-effort 1 Gbps
    /// IPoE fiber line with a **local breakout** (the scenario format has one central
    /// egress; a national run through one would be meaningless, and 50.9 % of schools
    /// connect directly, REFERENCES.md §2). The CBT and identity services get 10 Tbps so the
    /// schools' own links are what can give way. The test: 40 items (5 listening) over a
    /// 90-minute window, default think times and 60 s autosaves, start jitter 30 s, and
    /// `cohorts: "class"` — a class moves together (synchronised students, the pessimistic
    /// burst; see `Workloads/CBT.md`). Other grades and activities are not modelled.
    static func nationalCBT(schools: Int) -> String {
        """
        {
          "name": "national CBT morning",
          "day": {"start": "09:00", "end": "10:30"},
          "services": {"cbt": {"capacity": "10 Tbps"}, "identity": {"capacity": "10 Tbps"}},
          "schoolTypes": {"school": {"grades": 1, "firstGrade": 6, "classesPerGrade": 3, "studentsPerClass": 33, "breakout": "local"}},
          "schools": [{"type": "school", "count": \(schools)}],
          "activities": [
            {"activity": "cbt", "name": "national CBT", "start": "09:00", "end": "10:30", "jitter": "30 s",
             "settings": {"items": 40, "listeningItems": 5, "cohorts": "class"}}
          ]
        }
        """
    }
}

/// Generates the ladder's scenarios: identical schools with CBT for the top grade and
/// video for the one below, everyone else on digital textbooks.
enum ScenarioLadder {
    static func json(name: String, schools: Int, grades: Int, classesPerGrade: Int, students: Int, minutes: Int, egress: Bool) -> String {
        let end = String(format: "%02d:%02d", 9 + minutes / 60, minutes % 60)
        let top = grades, below = max(1, grades - 1)
        return """
        {
          "name": "\(name)",
          "day": {"start": "09:00", "end": "\(end)"},
          "services": {"video": {"capacity": "10 Tbps"}, "cbt": {"capacity": "10 Tbps"}},
          \(egress ? #""egress": {"uplink": "10 Gbps", "appliances": [{"name": "proxy", "throughput": "5 Gbps", "sessions": 200000}]},"# : "")
          "schoolTypes": {"school": {"grades": \(grades), "classesPerGrade": \(classesPerGrade), "studentsPerClass": \(students),
                                     "breakout": "\(egress ? "central" : "local")"}},
          "schools": [{"type": "school", "count": \(schools)}],
          "activities": [
            {"activity": "cbt", "name": "CBT", "grades": [\(top)]}\(grades > 1 ? ", {\"activity\": \"video\", \"name\": \"video\", \"grades\": [\(below)]}" : "")
          ]
        }
        """
    }
}
