import Foundation
import Testing
@testable import SchoolNet

extension MediaTests.WiFiCellTests {
    /// Downlink only the AP contends; uplink every station; both: stations + AP. The table
    /// holds every level, and capacity falls with contention once collisions cost more than
    /// the idle backoff they save (from 5 contenders for a 32-frame A-MPDU cell).
    @Test func contentionPerDirection() {
        let cell = WiFiCell(referencePHY: WiFiPHY(standard: .ax, mcsIndex: 9, channelWidthMHz: 40, spatialStreams: 2),
                            aggregationSubframes: 32)
        let down = cell.capacity(WiFiContention(uplinkStations: 0, downlink: true))
        let up = cell.capacity(WiFiContention(uplinkStations: 25, downlink: false))
        let both = cell.capacity(WiFiContention(uplinkStations: 25, downlink: true))
        #expect(down == cell.capacity(activeStations: 1) && up == cell.capacity(activeStations: 25))
        #expect(both == cell.capacity(activeStations: 26) && both < up && up < down)
        #expect(WiFiContention(uplinkStations: 0, downlink: false).contenders == 1)
        let table = cell.capacityTable(stations: 25)
        #expect(table.count == 26 && table[0] == down && table[25] == both)
        for k in 5..<26 { #expect(table[k] < table[k - 1]) }
    }

    @Test func threeSignificantFigures() {
        #expect(DataRate.megabitsPerSecond(427.61).threeSignificantFigures == "428 Mbps")
        #expect(DataRate.megabitsPerSecond(80.34).threeSignificantFigures == "80.3 Mbps")
        #expect(DataRate.megabitsPerSecond(6.4512).threeSignificantFigures == "6.45 Mbps")
        #expect(DataRate.megabitsPerSecond(1201.4).threeSignificantFigures == "1201 Mbps")
    }

    /// `schoolnet explain` prints the classroom cell's capacity to three significant figures
    /// for the contention the simulation uses, uplink only and downlink only.
    @Test func explainShowsCapacityPerContention() throws {
        let scenario = try Scenario.read(json: DefaultScenario.json, file: "default.json")
        let text = scenario.explanation(builder: ScenarioBuilder(scenario))
        let line = try #require(text.split(separator: "\n").first { $0.contains("Wi-Fi (each classroom)") })
        guard case .wifi(let w) = scenario.schools[0].radio else { Issue.record("not Wi-Fi"); return }
        let cell = w.cell
        let n = scenario.schools[0].classes[0].students
        let both = cell.capacity(WiFiContention(uplinkStations: n, downlink: true)).threeSignificantFigures
        #expect(line.contains("\(both) with \(n + 1) contending stations"), "\(line)")
        #expect(line.contains("with 1 (the AP, downlink only)"), "\(line)")
    }
}
