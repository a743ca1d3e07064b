import Testing
@testable import SchoolNet

/// The lesson mix: long-run shares of its uses and of the devices taking part match what it
/// says; its draws belong to the replication and to each class; its keys are checked.
@Suite struct LessonMixTests {
    /// A mix read from `settings` over six 45-minute lessons from 08:45.
    static func mix(_ settings: String = "{}") throws -> LessonMix {
        let slots = (0..<6).map { p in
            LessonMix.Slot(name: "\(p + 1)", start: .hours(8.75) + .minutes(Double(55 * p)), end: .hours(8.75) + .minutes(Double(55 * p + 45)))
        }
        return try LessonMix.read(try ScenarioReader(json: settings, file: "mix.json"), slots: slots)
    }

    /// `count` classes of 25 devices over the whole day, each with its own identity.
    static func classes(_ count: Int) -> [ActivitySession] {
        (0..<count).map { c in
            var s = ActivitySession(label: "es/\(c)", school: "es", classroom: "\(c)",
                                    devices: (0..<25).map { NodeID(c * 25 + $0) }, start: .zero, end: .zero + .hours(7))
            s.identity = EntityKey(tag: 2).appending(0).appending(0).appending(c)
            return s
        }
    }

    /// Over 30 replications of 40 classes × 6 lessons, each use's share of lessons has a
    /// 99 % confidence interval (over replications) that covers its probability; so does the
    /// mean share of devices taking part in web lessons (uniform 50–100 %: 75 %). The
    /// teacher's instruction comes within the first 10 minutes of the lesson, and a use with a
    /// duration stops after it.
    @Test func longRunSharesMatchTheMix() throws {
        let mix = try Self.mix()
        let sessions = Self.classes(40)
        var shares = Array(repeating: [Double](), count: mix.uses.count)
        var webDevices: [Double] = []
        for seed in 1...30 as ClosedRange<UInt64> {
            let lessons = mix.plan(sessions, dayStart: .hours(8.75), rng: RandomStream(seed: seed).derived("lessons"))
            #expect(lessons.count == 240)
            for u in mix.uses.indices { shares[u].append(Double(lessons.filter { $0.use == u }.count) / Double(lessons.count)) }
            let web = lessons.filter { mix.uses[$0.use].name == "web" }
            webDevices.append(web.reduce(0) { $0 + Double($1.devices.count) / 25 } / Double(max(1, web.count)))
            for l in lessons {
                let slotStart = SimTime.zero + (mix.slots[l.slot].start - .hours(8.75))
                #expect(l.start >= slotStart && l.start <= slotStart + .minutes(10))
                if let d = mix.uses[l.use].duration { #expect(l.end <= l.start + d) }
                #expect(mix.uses[l.use].make == nil ? l.devices.isEmpty : !l.devices.isEmpty)
            }
        }
        for (u, use) in mix.uses.enumerated() {
            let ci = try #require(ConfidenceInterval(shares[u], level: 0.99))
            #expect(ci.lower <= use.share && use.share <= ci.upper, "\(use.name): \(ci.mean) ± \(ci.halfWidth) for \(use.share)")
        }
        let ci = try #require(ConfidenceInterval(webDevices, level: 0.99))
        #expect(ci.lower <= 0.75 && 0.75 <= ci.upper, "web devices \(ci.mean) ± \(ci.halfWidth)")
    }

    /// The same seed draws the same lessons; another seed others; adding classes leaves the
    /// first classes' lessons alone; a whole run is the same result twice, whatever the
    /// number of threads.
    @Test func sameSeedSameLessons() throws {
        let mix = try Self.mix()
        let plan = { (seed: UInt64, classes: Int) in
            mix.plan(Self.classes(classes), dayStart: .hours(8.75), rng: RandomStream(seed: seed).derived("lessons"))
        }
        #expect(plan(1, 10) == plan(1, 10))
        #expect(plan(1, 10) != plan(2, 10))
        #expect(Array(plan(1, 12).prefix(60)) == plan(1, 10))
        let json = """
            {"name": "mix", "day": {"start": "09:00", "end": "09:12"},
             "schools": [{"name": "es", "grades": 1, "classesPerGrade": 2, "studentsPerClass": 8,
                          "access": {"type": "fiber", "service": "dedicated", "down": "100 Mbps"}}],
             "timetable": {"periods": [{"name": "1", "start": "09:00", "end": "09:05"}, {"name": "2", "start": "09:06", "end": "09:11"}]},
             "activities": [{"activity": "lessons", "name": "Lessons", "jitter": "10 s",
                             "settings": {"instructionWithin": "1 min",
                                          "mix": {"textbook": {"share": "40 %"}, "web": {"share": "30 %"}, "upload": {"share": "30 %"}}}}]}
            """
        let s = try Scenario.read(json: json, file: "mix.json")
        let a = Experiment.runs(s, seed: 4, replications: [0, 1], jobs: 1)
        let b = Experiment.runs(s, seed: 4, replications: [0, 1], jobs: 2)
        // Compared as text: an undefined value is NaN, never equal to itself.
        let same = "\(a)" == "\(b)"
        #expect(same)
        #expect(a[0].workloads.map(\.name) == ["Lessons: textbook", "Lessons: web", "Lessons: upload"])
        #expect(a[0].workloads.map(\.kind) == ["textbook", "web", "bulk"])
    }

    /// A planner's mix replaces the default one; targets name the uses' kinds.
    @Test func plannersMixAndTargets() throws {
        let m = try Self.mix(#"{"mix": {"none": {"share": "50 %"}, "video": {"share": "50 %", "duration": "5 min", "devices": "40 %"}}}"#)
        #expect(m.uses.map(\.share) == [0.5, 0, 0, 0.5, 0, 0, 0])
        #expect(m.kinds == ["video"])
        let video = try #require(m.uses.first { $0.name == "video" })
        #expect(video.duration == .minutes(5) && video.devices == 0.4...0.4)
        let d = try Self.mix()
        #expect(d.uses.map(\.name) == ["none", "textbook", "web", "video", "remoteClass", "upload", "cbt"])
        #expect(abs(d.uses.reduce(0) { $0 + $1.share } - 1) < 1e-12)
        #expect(d.kinds == ["textbook", "web", "video", "conference", "bulk", "cbt"])
        func scenario(_ targets: String) -> String {
            """
            {"name": "t", "day": {"start": "09:00", "end": "09:10"},
             "schools": [{"name": "es", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 5}],
             "activities": [{"activity": "lessons", "settings": {"mix": {"none": {"share": "50 %"}, "video": {"share": "50 %"}}}}],
             "targets": \(targets)}
            """
        }
        #expect(try Scenario.read(json: scenario(#"{"video.rebuffer_ratio": "<= 1 %"}"#), file: "t.json").targets.count == 1)
        #expect(throws: ScenarioError.self) { try Scenario.read(json: scenario(#"{"cbt.item_p95": "<= 2 s"}"#), file: "t.json") }
    }

    /// Without settings, explain's list of settings shows the default mix and its source.
    @Test func explainListsTheDefaultMix() throws {
        let s = try Scenario.read(json: """
            {"name": "t", "day": {"start": "09:00", "end": "09:10"},
             "schools": [{"name": "es", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 5}],
             "activities": [{"activity": "lessons"}]}
            """, file: "t.json")
        let lines = s.settings.map { "\($0)" }
        #expect(lines.contains { $0.hasPrefix("activities[0].settings.mix = none 40 %, textbook 20 %") && $0.contains("REFERENCES.md §8") })
        #expect(lines.contains { $0.hasPrefix("activities[0].settings.instructionWithin = 10 min") })
        #expect(s.activities[0].lessons?.slots == [LessonMix.Slot(name: "lesson", start: .hours(9), end: .hours(9) + .minutes(10))])
    }

    /// Bad keys are named with file and key path, and what was expected.
    @Test func validationNamesTheKey() throws {
        func message(_ settings: String) -> String {
            do { _ = try Self.mix(settings) } catch { return "\(error)" }
            return "no error"
        }
        #expect(message(#"{"mix": {"none": {"share": "50 %"}, "vidoe": {"share": "50 %"}}}"#)
                == #"mix.json: mix.vidoe: unknown key; did you mean "video"?"#)
        #expect(message(#"{"mix": {"none": {"share": "50 %"}, "video": {"share": "40 %"}}}"#)
                == "mix.json: mix: expected shares adding up to 100 % (a given mix replaces the default one: list every use with its share), found 90 %")
        #expect(message(#"{"mix": {"none": {"share": "50 %"}, "web": {"share": "50 %", "devices": {"low": "80 %", "high": "50 %"}}}}"#)
                == "mix.json: mix.web.devices: expected low at most high, found 80 % > 50 %")
        #expect(message(#"{"mix": {"none": {"share": "50 %"}, "video": {"share": "50 %", "duration": "0 s"}}}"#)
                == "mix.json: mix.video.duration: expected a positive duration, e.g. \"10 min\", found 0.0 s")
        #expect(message(#"{"mix": {"none": {"share": "150 %"}}}"#).hasPrefix("mix.json: mix.none.share: "))
        #expect(message(#"{"mix": {"none": {"share": "50 %"}, "video": {"share": "50 %", "settings": {"segmentDuraton": "4 s"}}}}"#)
                == #"mix.json: mix.video.settings.segmentDuraton: unknown key; did you mean "segmentDuration"?"#)
        #expect(message(#"{"instructionWitin": "5 min"}"#) == #"mix.json: instructionWitin: unknown key; did you mean "instructionWithin"?"#)
    }
}
