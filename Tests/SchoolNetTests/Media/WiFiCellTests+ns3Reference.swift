import Foundation
import Testing
@testable import SchoolNet

/// The Wi-Fi cell model against ns-3 3.44 (Reference/ns3-wifi/table.csv, rerun with the
/// command in Reference/ns3-wifi/README.md): saturated UDP between one AP and N stations on a
/// 1 m circle, 1500-byte MSDUs, 0.8 µs guard interval, uplink (N contenders) and downlink
/// (the AP, one contender), with A-MPDU at the standard's limits or without aggregation.
extension MediaTests.WiFiCellTests {
    static let ns3Configs: [String: WiFiPHY] = [
        "ax20-1ss-mcs7": WiFiPHY(standard: .ax, mcsIndex: 7, channelWidthMHz: 20, spatialStreams: 1),
        "ax40-2ss-mcs9": WiFiPHY(standard: .ax, mcsIndex: 9, channelWidthMHz: 40, spatialStreams: 2),
        "ac80-1ss-mcs9": WiFiPHY(standard: .ac, mcsIndex: 9, channelWidthMHz: 80, spatialStreams: 1),
    ]

    /// Rows: configuration, A-MPDU, uplink, stations, goodput in Mbit/s of MSDU bytes. Every
    /// station has saturating traffic, so uplink all N contend (a station whose frames the AP
    /// holds in its reordering buffer during the measured second still takes its turns).
    static func ns3Table() throws -> [(config: String, ampdu: Bool, uplink: Bool, stations: Int, mbps: Double)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference/ns3-wifi/table.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var rows: [(String, Bool, Bool, Int, Double)] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("config") {
            let f = line.split(separator: ",").map(String.init)
            rows.append((f[0], f[1] == "on", f[2] == "ul", Int(f[3])!, Double(f[4])!))
        }
        return rows
    }

    /// Points outside 10 %, with the bound they are held to so that a change of the model
    /// still shows. ns-3 sends the 20 MHz downlink to 40 receivers 23 % below its one-receiver
    /// rate although the AP is the only contender: in the measured second its 1,084 PPDUs carry
    /// 4.9 MPDUs on average where 38 fit in aPPDUMaxTime (15 receivers get 56 A-MPDUs of 3.9
    /// MPDUs each, 20 get mostly single MPDUs, and 5 have no Block Ack agreement and get
    /// nothing), so a quarter of the airtime goes to per-exchange overhead. The model sends a
    /// full A-MPDU per access (+30 %). Reference/ns3-wifi/README.md, `diagnose` command.
    static let ns3Exceptions: [String: Double] = ["ax20-1ss-mcs7 A-MPDU true down N=40": 0.35]

    /// Every recorded point within 10 %, except ``ns3Exceptions``.
    @Test func ns3Reference() throws {
        let rows = try Self.ns3Table()
        #expect(rows.count >= 55)
        var worst = 0.0
        var worstPerTable: [String: (error: Double, stations: Int)] = [:]
        for r in rows {
            let cell = WiFiCell(referencePHY: Self.ns3Configs[r.config]!, aggregationSubframes: r.ampdu ? 256 : 1)
            let contention = WiFiContention(uplinkStations: r.uplink ? r.stations : 0, downlink: !r.uplink)
            let model = cell.capacity(contention).megabitsPerSecond
            let error = model / r.mbps - 1
            worst = max(worst, abs(error))
            let key = "\(r.config) A-MPDU \(r.ampdu ? "on" : "off") \(r.uplink ? "uplink" : "downlink")"
            if abs(error) >= abs(worstPerTable[key]?.error ?? 0) { worstPerTable[key] = (error, r.stations) }
            let name = "\(r.config) A-MPDU \(r.ampdu) \(r.uplink ? "up" : "down") N=\(r.stations)"
            #expect(abs(error) < Self.ns3Exceptions[name, default: 0.10], "\(name): model \(model) vs ns-3 \(r.mbps)")
        }
        for (k, v) in worstPerTable.sorted(by: { $0.key < $1.key }) {
            print("ns-3 Wi-Fi reference: \(k): worst \(String(format: "%+.1f", v.error * 100)) % (N = \(v.stations))")
        }
        print("ns-3 Wi-Fi reference: worst error \(worst)")
    }
}
