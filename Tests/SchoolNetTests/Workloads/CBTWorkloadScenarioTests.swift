import Testing
@testable import SchoolNet

/// Reading a CBT activity from a scenario: defaults with sources, the three distribution
/// spellings, and the messages a planner meets, verbatim.
@Suite struct CBTScenarioTests {
    static func read(_ json: String) throws(ScenarioError) -> (CBTWorkload.Configuration, ScenarioReader) {
        let r: ScenarioReader
        do { r = try ScenarioReader(json: json, file: "s.json") } catch { preconditionFailure("bad test JSON: \(error)") }
        return (try CBTWorkload.Configuration.read(r), r)
    }

    /// An empty object gives exactly the documented defaults, each recorded with a source.
    @Test func emptyObjectGivesDefaults() throws {
        let (c, r) = try Self.read("{}")
        #expect(c == CBTWorkload.Configuration())
        #expect(r.settings.count == 20 && r.settings.allSatisfy(\.isDefault))
        let shown = r.settings.map(\.description)
        #expect(shown.contains { $0.hasPrefix("itemSize = uniform 50 kB to 300 kB (default: REFERENCES.md §8") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("thinkTime = lognormal, mean 90 s, cv 0.5 (default:") }, "\(shown.filter { $0.hasPrefix("think") })")
    }

    /// Every key set; the three distribution forms.
    @Test func readsEveryKey() throws {
        let (c, r) = try Self.read("""
            {"items": 12, "itemSize": "150 kB", "listeningItems": 3, "listeningItemSize": {"low": "1 MB", "high": "3 MB"},
             "speakingItems": 2, "speakingUploadSize": {"mean": "800 kB", "cv": 0.25}, "thinkTime": {"mean": "2 min"},
             "autosaveEvery": "0 s", "autosaveSize": "1 kB", "answerSize": "3 kB", "submitSize": "20 kB",
             "delivery": "pre", "loginRoundTrips": 6, "loginResponseSize": "5 kB", "timeout": "10 s", "stallTimeout": "5 s", "retries": 1,
             "backoff": "500 ms", "connectionReuse": false, "cohorts": "class"}
            """)
        #expect(c.items == 12 && c.listeningItems == 3 && c.speakingItems == 2 && c.textItems == 7)
        #expect(c.itemSize == .constant(150_000))
        #expect(c.listeningItemSize == .uniform(low: 1_000_000, high: 3_000_000))
        #expect(c.speakingUploadSize == .lognormal(mean: 800_000, cv: 0.25))
        #expect(c.thinkTime == .constant(120))
        #expect(c.autosaveEvery == .zero && c.autosaveSize == .kilobytes(1) && c.answerSize == .kilobytes(3))
        #expect(c.submitSize == .kilobytes(20) && c.delivery == .pre && c.loginRoundTrips == 6)
        #expect(c.loginResponseSize == .kilobytes(5) && c.timeout == .seconds(10) && c.retries == 1)
        #expect(c.stallTimeout == .seconds(5))
        #expect(c.backoff == .milliseconds(500) && !c.connectionReuse && c.cohorts == .class)
        #expect(r.settings.filter(\.isDefault).map(\.keyPath.description) == ["thinkTime.cv"])
    }

    /// `cohorts`: the two words, a number of students per cohort (1 is per student).
    @Test func readsCohorts() throws {
        #expect(try Self.read(#"{"cohorts": "student"}"#).0.cohorts == .student)
        #expect(try Self.read(#"{"cohorts": "class"}"#).0.cohorts == .class)
        #expect(try Self.read(#"{"cohorts": 10}"#).0.cohorts == .upTo(10))
        #expect(try Self.read(#"{"cohorts": 1}"#).0.cohorts == .student)
        let shown = try Self.read("{}").1.settings.map(\.description)
        #expect(shown.contains { $0.hasPrefix("cohorts = student (default:") }, "\(shown)")
    }

    /// Messages name the file and key path.
    @Test(arguments: [
        (#"{"itemSise": "100 kB"}"#, #"s.json: itemSise: unknown key; did you mean "itemSize"?"#),
        (#"{"delivery": "bulk"}"#, #"s.json: delivery: expected one of "pre", "perItem", found "bulk""#),
        (#"{"items": 4, "speakingItems": 3, "listeningItems": 2}"#,
         "s.json: listeningItems (2) + speakingItems (3) must not exceed items (4)"),
        (#"{"thinkTime": 90}"#,
         #"s.json: thinkTime: expected a value such as "150 kB" or "90 s", {"low": …, "high": …} or {"mean": …, "cv": 0.5}, found a number 90"#),
        (#"{"itemSize": {"low": "300 kB", "high": "50 kB"}}"#, "s.json: itemSize: low must not exceed high"),
        (#"{"itemSize": {"mean": "100 kB", "cv": 0.5, "max": "1 MB"}}"#,
         #"s.json: itemSize.max: unknown key; expected one of "mean", "cv""#),
        (#"{"timeout": "0 s"}"#, "s.json: timeout: must be longer than 0 s"),
        (#"{"cohorts": "school"}"#,
         #"s.json: cohorts: expected "student", "class" or a whole number of students per cohort from 1 to 1000, found "school""#),
        (#"{"cohorts": 2.5}"#,
         #"s.json: cohorts: expected "student", "class" or a whole number of students per cohort from 1 to 1000, found a number 2.5"#),
        (#"{"cohorts": 0}"#,
         #"s.json: cohorts: expected "student", "class" or a whole number of students per cohort from 1 to 1000, found a number 0"#),
    ])
    func messages(json: String, message: String) {
        #expect(throws: ScenarioError.self) { _ = try Self.read(json) }
        do { _ = try Self.read(json) } catch { #expect(error.description == message) }
    }
}
