import Testing
@testable import SchoolNet

/// The sizing search's savings keep the exhaustive search's answers: an option's days stop
/// once its verdict is decided, the days likeliest to fail run first, and `fastFrom` starts at
/// the previous size's answer.
@Suite struct SizingSearchTests {
    /// Every student downloads 1 MB, each starting at a random instant of the first 20 s
    /// (so days differ), over a dedicated line; the target is a 95th percentile ≤ 6 s.
    static let json = """
    {"name": "search", "day": {"start": "09:00", "end": "09:03"}, "replications": 6,
     "schools": [{"name": "es", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 10,
                  "access": {"type": "fiber", "service": "dedicated", "down": "1 Gbps"}}],
     "activities": [{"activity": "bulk", "jitter": "20 s", "settings": {"size": "1 MB"}}],
     "targets": {"bulk.time_p95": "<= 6 s"}}
    """

    static let axis = "schools[0].access.down=4 Mbps,6 Mbps,8 Mbps,10 Mbps,12 Mbps,15 Mbps,20 Mbps,30 Mbps,50 Mbps,100 Mbps"

    /// `fast` and `fastFrom` choose what the exhaustive search chooses, for every school size
    /// and share of days, and their chosen option and verification are the exhaustive ones
    /// (the chosen option runs every day the verdict needs).
    @Test(arguments: [1.0, 0.8, 0.5])
    func fastSearchesGiveTheExhaustiveAnswers(share: Double) throws {
        let source = try ScenarioSource(json: Self.json, file: "search.json")
        let axis = try Sweep.Axis(parsing: Self.axis)
        let students = [10, 20, 40, 70]
        func curve(_ search: Sweep.Search) throws -> [Sweep.SchoolSizing] {
            try Sweep.sizeBySchool(source, axis: axis, costs: [], base: [], students: students, daysShare: share,
                                   seed: nil, replications: nil, jobs: 2, search: search)
        }
        let exhaustive = try curve(.exhaustive)
        // The case is not trivial: some option passes on some days only.
        #expect(exhaustive.contains { s in s.sizing.candidates.contains { c in c.point.map { $0.daysPassed > 0 && $0.daysPassed < $0.days } ?? false } })
        #expect(exhaustive.allSatisfy { $0.sizing.chosen != nil && $0.sizing.chosen! > 0 })
        for search in [Sweep.Search.fast, .fastFrom(0), .fastFrom(5)] {
            let fast = try curve(search)
            #expect(fast.map(\.sizing.chosenValue) == exhaustive.map(\.sizing.chosenValue), "\(search)")
            for (f, e) in zip(fast, exhaustive) {
                let c = try #require(f.sizing.chosen)
                #expect(f.sizing.candidates[c - 1].point?.meetsTargets(daysShare: share) == false)  // the option below failed
                #expect(f.sizing.verification?.daysPassed == e.sizing.verification?.daysPassed)
                #expect(f.sizing.verified == e.sizing.verified)
                if share == 1 { #expect(f.sizing.candidates[c].point?.days == 6) }
            }
            // Fewer simulated days than the exhaustive search.
            func days(_ z: [Sweep.SchoolSizing]) -> Int { z.reduce(0) { $0 + $1.sizing.candidates.compactMap(\.point).reduce(0) { $0 + $1.days } } }
            #expect(days(fast) < days(exhaustive), "\(search): \(days(fast)) vs \(days(exhaustive))")
        }
    }

    /// A line far too slow fails on its first day: with every day required, one failed day
    /// decides, so the point holds one day of six, whatever `jobs`.
    @Test func aFailingOptionStopsAtItsDecidingDay() throws {
        let source = try ScenarioSource(json: Self.json, file: "search.json")
        let o = [try ScenarioOverride(path: "schools[0].access.down", value: "1 Mbps", option: "--vary")]
        for jobs in [1, 2, 4] {
            let (p, failed) = try Sweep.evaluate(source, overrides: o, seed: nil, replications: nil, jobs: jobs, daysShare: 1, firstDays: [4])
            #expect(p.days == 1 && p.daysPassed == 0 && p.daysPlanned == 6 && p.stoppedEarly)
            #expect(failed == [4])
            #expect(!p.meetsTargets(daysShare: 1))
            #expect(p.daysDescription == "0 of 1 (decided; 6 planned)")
        }
        // A share of a half: 3 of 6 days must pass, so the fourth failed day decides.
        let (half, _) = try Sweep.evaluate(source, overrides: o, seed: nil, replications: nil, jobs: 3, daysShare: 0.5, firstDays: [])
        #expect(half.days == 4 && half.daysPassed == 0 && !half.meetsTargets(daysShare: 0.5))
    }

    /// The output does not depend on `jobs`: the same days, counts and metrics.
    @Test func jobsDoNotChangeTheOutput() throws {
        let source = try ScenarioSource(json: Self.json, file: "search.json")
        let axis = try Sweep.Axis(parsing: Self.axis)
        let json = try [1, 2, 3].map { jobs in
            SweepReport.schoolSizeJSON(try Sweep.sizeBySchool(source, axis: axis, costs: [], base: [], students: [20, 70], daysShare: 0.8,
                                                              seed: nil, replications: nil, jobs: jobs, search: .fastFrom(0)),
                                       axis: axis, daysShare: 0.8, record: nil)
        }
        #expect(json[0] == json[1] && json[0] == json[2])
    }

    /// The pooled verification of every size gives each size what its own search's
    /// verification gives: the same days, counts and metrics.
    @Test func pooledVerificationIsEachSizesOwn() throws {
        let source = try ScenarioSource(json: Self.json, file: "search.json")
        let axis = try Sweep.Axis(parsing: Self.axis)
        let sizes = try Sweep.sizeBySchool(source, axis: axis, costs: [], base: [], students: [20, 70], daysShare: 0.8,
                                           seed: nil, replications: nil, jobs: 2)
        for s in sizes {
            let alone = try Sweep.size(source, axis: axis, costs: [], base: try s.structure.overrides(school: 0), seed: nil,
                                       replications: nil, jobs: 2, daysShare: 0.8)
            let pooled = try #require(s.sizing.verification), own = try #require(alone.verification)
            #expect(SweepReport.pointValue(pooled, axes: [axis.path]) == SweepReport.pointValue(own, axes: [axis.path]))
            #expect(pooled.overrides.map(\.description) == own.overrides.map(\.description))
        }
    }

    /// Days needed for a share, and the order days run in.
    @Test func requiredDaysAndOrder() {
        #expect(Sweep.requiredDays(share: 0.95, of: 10) == 10)
        #expect(Sweep.requiredDays(share: 0.9, of: 10) == 9)
        #expect(Sweep.requiredDays(share: 0.95, of: 40) == 38)
        #expect(Sweep.requiredDays(share: 0, of: 5) == 0)
        #expect(Sweep.order(days: 5, first: [3, 9, 1, 3]) == [3, 1, 0, 2, 4])
    }

    /// Failed days first (most recent first), then the days run before by their stress
    /// (closest to missing a target first), then the days never run, in replication order.
    @Test func dayOrderTriesTheLikeliestFailureFirst() {
        func run(_ value: Double) -> Sweep.Run {
            let m = Metric(key: "time_p95", label: "", value: value, unit: "s", target: 6)
            return Sweep.Run(workloads: [WorkloadReport(name: "bulk", kind: "bulk", entities: 1, metrics: [m], delayedBy: [])], limitedFlowSeconds: [],
                             resourceNames: [])
        }
        #expect(Sweep.stress(of: run(3)) == 0.5)
        var h = Sweep.DayHistory()
        #expect(h.order(days: 4) == [0, 1, 2, 3])
        h.record([(day: 1, run: run(7), passed: false), (day: 0, run: run(5), passed: true), (day: 2, run: run(2), passed: true)])
        #expect(h.order(days: 6) == [1, 0, 2, 3, 4, 5])
        h.record([(day: 4, run: run(6.5), passed: false), (day: 2, run: run(5.5), passed: true)])
        #expect(h.order(days: 6) == [4, 1, 2, 0, 3, 5])
    }
}

/// The pool of days: a day's result is the one it has run alone, whichever days were
/// announced, dropped or asked for, and whatever the threads.
@Suite struct DayPoolTests {
    @Test(arguments: [1, 2, 3])
    func aDaysResultIsItsOwnRun(jobs: Int) throws {
        let source = try ScenarioSource(json: SizingSearchTests.json, file: "search.json")
        let scenario = try source.scenario(with: [try ScenarioOverride(path: "schools[0].access.down", value: "6 Mbps", option: "--vary")])
        let alone = Sweep.runs(scenario, seed: 7, replications: [0, 1, 2, 3, 4, 5], jobs: 1)
        let pool = Sweep.DayPool(jobs: jobs)
        let id = pool.add(scenario)
        let keys = (0..<6).map { Sweep.DayPool.Key(scenario: id, seed: 7 + UInt64($0)) }
        pool.prefetch(Array(keys[3...]), level: .search)
        pool.prefetch([keys[1]], level: .verification(0))
        pool.cancel([keys[5]])
        #expect(keys.reversed().map(pool.result) == alone.reversed())
        #expect(pool.result(keys[2]) == alone[2])  // asked again: not run again
        #expect(pool.simulated == 6)
        pool.close()
    }
}
