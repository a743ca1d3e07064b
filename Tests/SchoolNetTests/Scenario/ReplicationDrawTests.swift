import Testing
@testable import SchoolNet

/// Every random draw belongs to the replication: which Wi-Fi clients are slow and an LTE
/// device's channel quality vary between replications, are the same for the same seed, do
/// not depend on the school's name, and do not move when a class is added. Over replications,
/// the confidence interval of a metric that depends on those draws covers the results of
/// copies of the school under other names.
@Suite struct ReplicationDrawTests {
    /// A Wi-Fi school with many slow clients and an LTE school with a three-CQI mix.
    static func twoSchools(wifiName: String = "es", perGrade: Int = 2, grades: Int = 1) -> String {
        """
        {"name": "draws", "day": {"start": "09:00", "end": "09:05"},
         "schools": [
           {"name": "\(wifiName)", "grades": \(grades), "firstGrade": 4, "classesPerGrade": \(perGrade), "studentsPerClass": 20,
            "radio": {"type": "wifi", "slowClients": "30 %"},
            "access": {"type": "fiber", "service": "dedicated", "down": "1 Gbps"}},
           {"name": "mountain", "grades": 1, "classesPerGrade": 1, "studentsPerClass": 20,
            "radio": {"type": "lte", "cqi": [3, 9, 15]}}],
         "activities": [{"activity": "bulk", "jitter": "10 s", "settings": {"size": "1 MB"}}]}
        """
    }

    /// Each device link's downward airtime factor, by the link's name with the school's name
    /// replaced by its position (so renamed copies compare equal).
    static func factors(_ t: Topology, schools: [String]) -> [String: Double] {
        var out: [String: Double] = [:]
        for l in t.links where l.name.hasSuffix(" Wi-Fi") || l.name.hasSuffix(" LTE") {
            guard let slash = l.name.firstIndex(of: "/"), let school = schools.firstIndex(of: String(l.name[..<slash])) else { continue }
            out["\(school)\(l.name[slash...])"] = l.down[0].factor
        }
        return out
    }

    static func builder(_ json: String) throws -> ScenarioBuilder {
        ScenarioBuilder(try Scenario.read(json: json, file: "draws.json"))
    }

    /// Two seeds give different slow-client sets and LTE CQIs; one seed gives the same draws
    /// every time; the share of slow clients over many replications is the configured 30 %
    /// (800 draws: ±4.9 points is three standard deviations).
    @Test func drawsVaryBetweenReplications() throws {
        let b = try Self.builder(Self.twoSchools())
        let names = ["es", "mountain"]
        let one = Self.factors(b.topology(seed: 1), schools: names)
        let two = Self.factors(b.topology(seed: 2), schools: names)
        #expect(one.count == 60)
        #expect(one == Self.factors(b.topology(seed: 1), schools: names))
        let wifi = { (f: [String: Double]) in f.filter { $0.key.hasSuffix(" Wi-Fi") } }
        let lte = { (f: [String: Double]) in f.filter { $0.key.hasSuffix(" LTE") } }
        #expect(wifi(one) != wifi(two), "slow clients do not change with the seed")
        #expect(lte(one) != lte(two), "LTE CQIs do not change with the seed")
        // Three CQIs give three factors; the slow factor is the only factor other than 1.
        #expect(Set(lte(one).values).count == 3)
        #expect(Set(wifi(one).values).count == 2)
        // The topology without a seed holds factor 1 on every drawn link.
        #expect(Self.factors(b.topology, schools: names).values.allSatisfy { $0 == 1 })
        var slow = 0, all = 0
        for seed in 1...20 as ClosedRange<UInt64> {
            let w = wifi(Self.factors(b.topology(seed: seed), schools: names))
            slow += w.values.filter { $0 > 1 }.count
            all += w.count
        }
        #expect(all == 800)
        #expect(abs(Double(slow) / Double(all) - 0.3) < 0.049, "\(slow) slow of \(all)")
    }

    /// A school's name plays no part in any draw: renamed, every device gets the same link.
    @Test func renamingDrawsNothingNew() throws {
        let base = Self.factors(try Self.builder(Self.twoSchools()).topology(seed: 7), schools: ["es", "mountain"])
        for name in ["midori", "sakura", "es2"] {
            let renamed = try Self.builder(Self.twoSchools(wifiName: name)).topology(seed: 7)
            #expect(Self.factors(renamed, schools: [name, "mountain"]) == base, "\(name)")
        }
    }

    /// Adding a class to every grade, or adding a grade, leaves every other class's devices
    /// with the same draws (a class's identity is its school, grade and ordinal in the grade).
    @Test func addingAClassLeavesOtherClassesDrawsUnchanged() throws {
        let names = ["es", "mountain"]
        for seed in [1, 9] as [UInt64] {
            let base = Self.factors(try Self.builder(Self.twoSchools()).topology(seed: seed), schools: names)
            let moreClasses = Self.factors(try Self.builder(Self.twoSchools(perGrade: 3)).topology(seed: seed), schools: names)
            let moreGrades = Self.factors(try Self.builder(Self.twoSchools(grades: 2)).topology(seed: seed), schools: names)
            #expect(moreClasses.count == 80 && moreGrades.count == 100)
            for (link, f) in base {
                #expect(moreClasses[link] == f, "\(link)")
                #expect(moreGrades[link] == f, "\(link)")
            }
        }
    }

    /// A cut of the built-in school (grade 4's remote class, 4 classes of 25 on 802.11ax with
    /// 10 % slow clients, 5 minutes): the share of frozen seconds depends on how many slow
    /// clients each classroom draws. Over 10 replications its 95 % confidence interval is wider
    /// than a percentage point (the draws vary) and covers the results of the same school under two other
    /// names, run with the same seeds.
    @Test func renamedSchoolsInsideInterval() throws {
        func scenario(_ name: String) -> String {
            """
            {"name": "cut", "seed": 1, "day": {"start": "09:40", "end": "09:45"},
             "schools": [{"name": "\(name)", "grades": 1, "firstGrade": 4, "classesPerGrade": 4, "studentsPerClass": 25,
                          "radio": {"type": "wifi", "standard": "ax", "channelWidth": "40 MHz", "spatialStreams": 2, "mcs": 9,
                                    "aggregation": 32, "slowClients": "10 %"},
                          "access": {"type": "fiber", "service": "bestEffort", "down": "1 Gbps", "up": "1 Gbps", "session": "ipoe"}}],
             "activities": [{"activity": "conference", "name": "Remote class", "jitter": "10 s"}]}
            """
        }
        func freezes(_ name: String) throws -> MultiRunResult.MetricSummary {
            let s = try Scenario.read(json: scenario(name), file: "\(name).json")
            let runs = Experiment.runs(s, seed: s.seed, replications: Array(0..<10), jobs: 1)
            return try #require(MultiRunResult(runs: runs).metric("Remote class", "freeze_ratio"))
        }
        let es = try freezes("es")
        let ci = try #require(es.interval)
        // In percent: draws fixed by names gave ± 0.003 points; drawn per replication, several points.
        #expect(ci.halfWidth > 1, "freeze share \(es.values) %: the draws do not vary")
        for name in ["midori", "sakura"] {
            let other = try freezes(name)
            #expect(ci.lower <= other.mean && other.mean <= ci.upper, "\(name): \(other.mean) outside \(ci.lower)…\(ci.upper)")
        }
    }
}
