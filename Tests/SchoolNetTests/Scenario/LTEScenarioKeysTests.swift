import Testing
@testable import SchoolNet

/// The LTE radio's cell keys: read into ``LTECell``, today's values when absent, and a
/// precise message for a bad value.
@Suite struct LTEScenarioKeysTests {
    static func json(_ radio: String) -> String {
        ScenarioBuilderTests.scenario(access: "null", radio: #"{"type": "lte""# + radio + "}")
            .replacingOccurrences(of: #", "access": null"#, with: "")
    }

    static func cell(_ radio: String) throws -> LTECell {
        let s = try Scenario.read(json: json(radio), file: "t.json")
        guard case .lte(let cell, _, _, _, _) = s.schools[0].radio else {
            Issue.record("not an LTE radio")
            return LTECell()
        }
        return cell
    }

    /// Absent keys keep the defaults: 2 DL and 1 UL layers, 25 % and 15 % overhead, the
    /// ESTIMATE load profile, the spectral-efficiency link model.
    @Test func defaults() throws {
        #expect(try Self.cell("") == LTECell(bandwidthMHz: 20))
    }

    /// Every key read: a single load for every hour, or 24 of them.
    @Test func keysRead() throws {
        let c = try Self.cell(#", "bandwidth": "5 MHz", "publicLoad": "40 %", "downlinkLayers": 1, "uplinkLayers": 2, "#
            + #""downlinkOverhead": "20 %", "uplinkOverhead": "10 %", "linkModel": "transportBlocks""#)
        #expect(c == LTECell(bandwidthMHz: 5, downlinkOverhead: 0.2, uplinkOverhead: 0.1, downlinkLayers: 1, uplinkLayers: 2,
                             backgroundLoad: .constant(0.4), linkModel: .transportBlocks))
        let hours = (0..<24).map { String(Double($0) / 30) }.joined(separator: ", ")
        let p = try Self.cell(#", "publicLoad": ["# + hours + "]")
        #expect(p.backgroundLoad.value(hour: 23) == 23.0 / 30)
    }

    @Test(arguments: [
        (#", "publicLoad": "100 %""#, #"t.json: schools[0].radio.publicLoad: expected a percentage between 0 % and 99 %, found "100 %""#),
        (#", "publicLoad": [0.5, 0.5]"#, "t.json: schools[0].radio.publicLoad: expected a percentage below 100 % (e.g. \"40 %\") or 24 fractions below 1, one per hour from midnight"),
        (#", "downlinkLayers": 8"#, "t.json: schools[0].radio.downlinkLayers: expected a whole number between 1 and 4"),
        (#", "uplinkLayers": 0"#, "t.json: schools[0].radio.uplinkLayers: expected a whole number between 1 and 2"),
        (#", "downlinkOverhead": "95 %""#, "t.json: schools[0].radio.downlinkOverhead:"),
        (#", "linkModel": "shannon""#, "t.json: schools[0].radio.linkModel: expected one of \"spectralEfficiency\", \"transportBlocks\""),
    ])
    func badValues(radio: String, message: String) {
        do {
            _ = try Scenario.read(json: Self.json(radio), file: "t.json")
            Issue.record("accepted \(radio)")
        } catch let e as ScenarioError {
            #expect(e.description.hasPrefix(message), "\(e.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// The builder gives every LTE device the share weight of its drawn CQI, both ways: with
    /// the mix {7, 9, 11} weight × airtime factor is R(15) / R̄ for every device, and the
    /// weights differ between CQIs (drawn for the replication with seed 1).
    @Test func builderSetsShareWeights() throws {
        let s = try Scenario.read(json: Self.json(#", "cqi": [7, 9, 11]"#), file: "t.json")
        let b = ScenarioBuilder(s)
        let topology = b.topology(seed: 1)
        let cell = LTECell(bandwidthMHz: 20)
        let mean = cell.meanRate(over: [7: 1, 9: 1, 11: 1], direction: .downlink)
        let expected = cell.singleDeviceRate(cqi: 15, direction: .downlink) / mean
        var weights = Set<Double>()
        for d in b.devices.joined().joined() {
            let node = topology.nodes[d.index]
            let link = topology.links[topology.adjacency[d.index][0].index]
            #expect(abs(node.receivingWeight * link.down[0].factor / expected - 1) < 1e-12)
            #expect(abs(node.sendingWeight * link.up[0].factor / (cell.singleDeviceRate(cqi: 15, direction: .uplink)
                / cell.meanRate(over: [7: 1, 9: 1, 11: 1], direction: .uplink)) - 1) < 1e-12)
            weights.insert(node.receivingWeight)
        }
        #expect(weights.count == 3)
    }

    /// `explain` shows each CQI's rate alone: CQI 7 at 09:00 (public load 0.5) is 18 MHz ×
    /// 1.4766 × 2 layers × 0.75 × 0.5 = 19.9 Mbps down and 18 MHz × 1.4766 × 0.85 × 0.5 =
    /// 11.3 Mbps up.
    @Test func explainShowsRatesPerCQI() throws {
        let s = try Scenario.read(json: Self.json(#", "cqi": [7]"#), file: "t.json")
        let text = s.explanation(builder: ScenarioBuilder(s))
        #expect(text.contains("  es LTE, one device alone at 09:00 (CQI 7): ↓ 19.9 Mbps, ↑ 11.3 Mbps; active devices share the sector's time equally\n"))
    }
}
