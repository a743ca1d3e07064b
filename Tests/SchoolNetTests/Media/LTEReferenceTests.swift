import Foundation
import Testing
@testable import SchoolNet

/// The LTE cell against ns-3 3.44 LENA's proportional-fair scheduler, recorded by
/// `Reference/ns3-lte/pf_driver.py` in `Reference/ns3-lte/pf-downlink.tsv`: a 5 MHz SISO
/// cell, full-buffer downlink, the equal-channel cases of LENA's PF test (CQI 5, 8, 11, 12,
/// 15 with 1, 3, 6, 12, 15 devices), its mixed case (CQI 15, 12, 11, 8, 5) and a cell of
/// five devices at CQI 15 and five at CQI 8.
@Suite struct LTEReferenceTests {
    /// One recorded cell: its case name and per device (CQI, measured downlink bit/s).
    struct Cell {
        var name: String
        var devices: [(cqi: Int, bps: Double)] = []
    }

    static let tableURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference/ns3-lte/pf-downlink.tsv")

    /// The table's cells (a new cell starts at device 1) and its `#amc` rows (CQI, TBS bits on 24 PRB).
    static func table() throws -> (cells: [Cell], amc: [(cqi: Int, bits: Int)]) {
        let text = try String(contentsOf: tableURL, encoding: .utf8)
        var cells: [Cell] = []
        var amc: [(Int, Int)] = []
        for line in text.split(separator: "\n") {
            let c = line.split(separator: "\t").map(String.init)
            if c.first == "#amc" { amc.append((Int(c[1])!, Int(c[3])!)); continue }
            if line.hasPrefix("#") || c.first == "case" { continue }
            // case ues ue distance_m mcs cqi downlink_bps
            if c[2] == "1" { cells.append(Cell(name: "\(c[0]) \(c[1]) UEs at \(c[3]) m")) }
            cells[cells.count - 1].devices.append((Int(c[5])!, Double(c[6])!))
        }
        return (cells, amc)
    }

    /// The transport-block sizes are ns-3's own (which are TS 36.213's): every CQI on 24 PRB.
    @Test func matchesNS3Mapping() throws {
        let amc = try Self.table().amc
        #expect(amc.count == 15)
        for (cqi, bits) in amc { #expect(LTETransportBlocks.blockBits(cqi: cqi, resourceBlocks: 24) == bits, "CQI \(cqi)") }
    }

    /// Every device's rate through the solver (share weights, airtime factors) within 10 %
    /// of ns-3's; the worst error is 5.3 % (the CQI 5 device of the mixed cell, which PF
    /// in ns-3 serves a little less than its equal time).
    @Test func proportionalFairDownlink() throws {
        let cells = try Self.table().cells
        #expect(cells.count == 27)
        let cell = LTECell(bandwidthMHz: 5, downlinkLayers: 1, backgroundLoad: .constant(0), linkModel: .transportBlocks)
        var worst = 0.0
        for c in cells {
            let rates = MediaTests.LTECellTests.downlinkRates(cell, cqis: c.devices.map(\.cqi))
            for (i, (d, r)) in zip(c.devices, rates).enumerated() {
                let error = r / d.bps - 1
                worst = max(worst, abs(error))
                #expect(abs(error) < 0.10, "\(c.name), device \(i + 1) at CQI \(d.cqi): \(r) vs ns-3 \(d.bps) bit/s")
            }
        }
        #expect(worst < 0.055, "worst error \(worst)")
    }
}
