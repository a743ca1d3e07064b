import Foundation
import Testing
@testable import SchoolNet

/// The nfdump fixture (`Tests/SchoolNetTests/Fixtures/nfdump-small.csv`, documented in the
/// folder's README) maps to the right endpoints and counts its unmapped rows.
@Suite struct FlowLogNFDumpTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static let settings = #""file": "nfdump-small.csv", "format": "nfdump", "defaultEndpoint": "office", "subnets": {"10.1.0.0/16": "es", "10.1.6.0/24": "es/6-1"}"#

    static let dualStackSettings = #""file": "nfdump-dual-stack.csv", "format": "nfdump", "defaultEndpoint": "office", "subnets": {"10.1.0.0/16": "es", "10.1.6.0/24": "es/6-1", "2001:db8:1::/48": "es", "2001:db8:1:6::/64": "es/6-1"}"#

    static func scenario(settings: String = settings) throws -> Scenario {
        let json = FlowLogTestSupport.scenarioJSON(settings: settings).replacingOccurrences(of: #""grades": 1"#, with: #""firstGrade": 6, "grades": 1"#)
        return try Scenario.read(json: json, file: fixtures + "/nfdump.json")
    }

    /// Longest prefix first; IPv6 (with no IPv6 subnet) and outside-only rows unmapped.
    @Test func subnetsMatchLongestPrefix() throws {
        var s = FlowLogSubnets()
        try s.add("10.1.0.0/16", endpoint: "es")
        try s.add("10.1.6.0/24", endpoint: "es/6-1")
        #expect(s.endpoint(for: "10.1.6.21") == "es/6-1" && s.endpoint(for: "10.1.5.9") == "es")
        #expect(s.endpoint(for: "10.2.0.1") == nil && s.endpoint(for: "2001:db8::1") == nil && s.endpoint(for: "10.1.6") == nil)
        #expect(throws: UnitParseError.self) { try s.add("10.1.6.0/33", endpoint: "x") }
    }

    /// Rows per endpoint and unmapped rows as the README's table says; each row reaches
    /// the nodes it names (class rows go to devices 1, 2, 3 in turn).
    @Test func fixtureMapsToEndpoints() throws {
        let (report, done, sim) = FlowLogTestSupport.run(try Self.scenario())
        let m = { (k: String) in FlowLogTestSupport.metric(report, k) }
        #expect(m("rows_mapped") == 4 && m("rows_unmapped") == 2 && m("flows") == 4)
        #expect(m("endpoint:office:rows") == 3 && m("endpoint:es/6-1:rows") == 3 && m("endpoint:es:rows") == 2)
        let names = done.sorted { $0.line < $1.line }.map {
            sim.network.topology.nodes[$0.source.index].name + " → " + sim.network.topology.nodes[$0.destination.index].name
        }
        #expect(names == ["office → es/6-1/1", "es/6-1/2 → office", "office → es/core", "es/6-1/3 → es/core"])
        // Log time 0 is the first row's timestamp; the second row starts 0.5 s later.
        #expect(done.first { $0.line == 3 }?.requested == .seconds(0.5))
    }

    /// The dual-stack fixture: IPv6 rows map through IPv6 subnets (compressed and full
    /// forms), IPv4 and IPv4-mapped rows through the IPv4 ones, as its README table says.
    @Test func dualStackFixtureMapsBothFamilies() throws {
        let (report, done, sim) = FlowLogTestSupport.run(try Self.scenario(settings: Self.dualStackSettings))
        let m = { (k: String) in FlowLogTestSupport.metric(report, k) }
        #expect(m("rows_mapped") == 6 && m("rows_unmapped") == 1 && m("flows") == 6)
        #expect(m("endpoint:office:rows") == 5 && m("endpoint:es/6-1:rows") == 5 && m("endpoint:es:rows") == 2)
        let names = done.sorted { $0.line < $1.line }.map {
            "\($0.line): " + sim.network.topology.nodes[$0.source.index].name + " → " + sim.network.topology.nodes[$0.destination.index].name
        }
        #expect(names == ["2: office → es/6-1/1", "3: es/6-1/2 → office", "4: office → es/core", "5: es/6-1/3 → es/core",
                          "6: es/6-1/4 → office", "7: es/6-1/5 → office"])
    }
}
