import Foundation
import Testing
@testable import SchoolNet

/// `schoolnet explain`: every default it prints names a source a user can open in the
/// repository, and no internal names.
@Suite struct ExplainTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func explain(_ json: String = DefaultScenario.json) throws -> String {
        let s = try Scenario.read(json: json, file: "elementary-600.json")
        return s.explanation(builder: ScenarioBuilder(s))
    }

    /// The section titles explain prints are the headings of REFERENCES.md.
    @Test func sectionTitlesMatchReferencesFile() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("REFERENCES.md"), encoding: .utf8)
        let headings = text.split(separator: "\n").filter { $0.hasPrefix("## §") }.map(String.init)
        let expected = Scenario.referenceSections.sorted { $0.key < $1.key }.map { "## §\($0.key) \($0.value)" }
        #expect(headings == expected)
    }

    /// The default scenario's explanation ends with the sections its defaults cite, and
    /// holds no internal names, development notes or doubled words.
    @Test func defaultsCiteTheReferencesFile() throws {
        let text = try Self.explain()
        #expect(text.contains("Sources: REFERENCES.md"))
        #expect(text.contains("  §8 Planning assumptions (no public source)"))
        for bad in ["default: default", "issue", "ScenarioBuilder", "TCPParameters", "FACTS", "DESIGN.md", "STYLE.md", "../shared", "seeds 0"] {
            #expect(!text.contains(bad), "explain prints \(bad)")
        }
    }

    /// The LTE estimates (public load, downlink and uplink overhead) point to their rows in
    /// REFERENCES.md §8, and those rows name the keys.
    @Test func lteEstimatesCiteTheirSection() throws {
        let scenario = try ScenarioSource(file: Self.root.appendingPathComponent("Scenarios/rural-lte.json").path).scenario()
        let text = scenario.explanation(builder: ScenarioBuilder(scenario))
        let references = try String(contentsOf: Self.root.appendingPathComponent("REFERENCES.md"), encoding: .utf8)
        let section8 = try #require(references.components(separatedBy: "## §8 ").dropFirst().first?.components(separatedBy: "## §9 ").first)
        for key in ["publicLoad", "downlinkOverhead", "uplinkOverhead"] {
            let line = try #require(text.split(separator: "\n").first { $0.contains("radio.\(key) = ") }, "\(key)")
            #expect(line.contains("(default: REFERENCES.md §8: LTE ") && line.hasSuffix("[ESTIMATE])"), "\(line)")
            #expect(section8.contains("(`radio.\(key)`"), "REFERENCES.md §8 has no row for radio.\(key)")
        }
        #expect(!text.contains("default: ESTIMATE"))
    }

    /// Every source string a default cites in the library names a REFERENCES.md section
    /// that exists.
    @Test func citedSectionsExist() throws {
        let sources = Self.root.appendingPathComponent("Sources/SchoolNet")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        var cited = Set<Int>()
        for f in files {
            let text = try String(contentsOf: f, encoding: .utf8)
            for part in text.components(separatedBy: "REFERENCES.md §").dropFirst() {
                if let n = Int(part.prefix(while: \.isNumber)) { cited.insert(n) }
            }
        }
        #expect(!cited.isEmpty)
        #expect(cited.isSubset(of: Set(Scenario.referenceSections.keys)), "cited: \(cited.sorted())")
    }
}
