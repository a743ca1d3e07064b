import Testing
@testable import SchoolNet

/// Reading the video, conference and background activities from scenario JSON.
@Suite struct WorkloadScenarioTests {
    /// An empty video object gives the defaults, each recorded with its source.
    @Test func videoDefaultsAndOverrides() throws {
        let r = try ScenarioReader(json: "{}", file: "v.json")
        #expect(try VideoWorkload.Configuration.read(r) == VideoWorkload.Configuration())
        #expect(r.settings.count == 9 && r.settings.allSatisfy(\.isDefault))
        let o = try ScenarioReader(json: #"{"ladder": ["0.7 Mbps"], "segmentDuration": "6 s", "maxBuffer": "60 s"}"#, file: "v.json")
        let c = try VideoWorkload.Configuration.read(o)
        #expect(c.ladder == [.megabitsPerSecond(0.7)] && c.segmentDuration == .seconds(6) && c.maxBuffer == .seconds(60))
    }

    /// A misspelt key is named with a suggestion; an inconsistent buffer is refused.
    @Test func videoErrors() throws {
        let r = try ScenarioReader(json: #"{"segmentDuraton": "4 s"}"#, file: "v.json")
        #expect(throws: ScenarioError.self) { try VideoWorkload.Configuration.read(r) }
        do { _ = try VideoWorkload.Configuration.read(try ScenarioReader(json: #"{"segmentDuraton": "4 s"}"#, file: "v.json")) } catch {
            #expect("\(error)" == #"v.json: segmentDuraton: unknown key; did you mean "segmentDuration"?"#)
        }
        let small = try ScenarioReader(json: #"{"maxBuffer": "5 s"}"#, file: "v.json")
        #expect(throws: ScenarioError.self) { try VideoWorkload.Configuration.read(small) }
    }

    /// A preset sets both rates; an explicit rate overrides it.
    @Test func conferencePresetAndOverride() throws {
        let r = try ScenarioReader(json: #"{"preset": "teamsHD", "upRate": "1.5 Mbps", "downlink": "roomDisplay"}"#, file: "c.json")
        let c = try ConferenceWorkload.Configuration.read(r)
        #expect(c.upRate == .megabitsPerSecond(1.5) && c.downRate == .megabitsPerSecond(2) && c.downlink == .roomDisplay)
        let d = try ConferenceWorkload.Configuration.read(try ScenarioReader(json: "{}", file: "c.json"))
        #expect(d == ConferenceWorkload.Configuration())
    }

    /// Background needs a mode; its defaults follow the mode; distributions have three spellings.
    @Test func backgroundModesAndDistributions() throws {
        #expect(throws: ScenarioError.self) {
            try BackgroundWorkload.Configuration.read(try ScenarioReader(json: "{}", file: "b.json"))
        }
        let t = try BackgroundWorkload.Configuration.read(try ScenarioReader(json: #"{"mode": "textbook"}"#, file: "b.json"))
        #expect(t == BackgroundWorkload.Configuration(mode: .textbook))
        let json = #"{"mode": "web", "objectSize": {"low": "10 kB", "high": "30 kB"}, "thinkTime": {"mean": "10 s", "cv": 1}}"#
        let w = try BackgroundWorkload.Configuration.read(try ScenarioReader(json: json, file: "b.json"))
        #expect(w.objectSize == .uniform(low: 10_000, high: 30_000))
        #expect(w.thinkTime == .lognormal(mean: 10, cv: 1))
        let u = try BackgroundWorkload.Configuration.read(
            try ScenarioReader(json: #"{"mode": "update", "rateLimit": "20 Mbps", "updateAfter": "10 min"}"#, file: "b.json"))
        #expect(u.objectSize == .constant(1e9) && u.rateLimit == .megabitsPerSecond(20) && u.updateAfter == .minutes(10))
    }
}
