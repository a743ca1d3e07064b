import Testing
@testable import SchoolNet

/// TS 38.306 §4.1.2 by hand (R_max = 948/1024, T_s = 1e-3 / (14 · 2^μ)):
///   DL, 4 layers, Q_m 8, 273 PRB, μ 1, OH 0.14: 4·8·0.92578·3276·28000·0.86 = 2337.0 Mbps
///   UL, 2 layers, Q_m 6, OH 0.08: 937.5 Mbps; Q_m 8: 1250.0 Mbps
/// TDD with special slot 10:2:2: DDDSU DL (3 + 10/14)/5 = 0.742857, UL (1 + 2/14)/5 = 0.228571;
///   DSUUU DL (1 + 10/14)/5 = 0.342857, UL (3 + 2/14)/5 = 0.628571.
/// REFERENCES.md §5 [COMPUTED] rows: ~2.3 Gbps full-time, DDDSU ~1.7 / ~0.2 Gbps, DSUUU ~0.8 / ~0.6.
/// This model: 2.337, 1.736 / 0.214 (64-QAM UL; 0.286 with 256-QAM UL), 0.801 / 0.589 Gbps —
/// REFERENCES.md §5's UL figures correspond to 2-layer 64-QAM UL, the default here.
extension MediaTests {
    @Suite struct NRCellTests {
        @Test func peakFullTime() {
            let cell = NRCell()
            #expect(NRCell.maximumResourceBlocks(bandwidthMHz: 100, subcarrierSpacingKHz: 30) == 273)
            #expect(abs(cell.fullTimeRate(direction: .downlink).megabitsPerSecond - 2337.0) < 0.5)
            #expect(abs(cell.fullTimeRate(direction: .uplink).megabitsPerSecond - 937.5) < 0.5)
        }

        @Test func tddShares() {
            #expect(abs(NRTDDPattern.dddsu.timeShare(.downlink) - 0.742857) < 1e-6)
            #expect(abs(NRTDDPattern.dddsu.timeShare(.uplink) - 0.228571) < 1e-6)
            #expect(abs(NRTDDPattern.ddddddDSUU.timeShare(.downlink) - (7 + 10.0 / 14) / 10) < 1e-12)
            #expect(NRTDDPattern("DDXU") == nil)
            #expect(NRTDDPattern("DDDSU", special: (6, 4, 4)) != nil)
            #expect(NRTDDPattern("DDDSU", special: (6, 4, 5)) == nil)
        }

        @Test func dddsuSplit() {
            let cell = NRCell(pattern: .dddsu)
            #expect(abs(cell.capacity(direction: .downlink).megabitsPerSecond - 1736.1) < 0.5)
            #expect(abs(cell.capacity(direction: .uplink).megabitsPerSecond - 214.3) < 0.5)
            let ul256 = NRCell(pattern: .dddsu, uplinkModulationOrder: 8)
            #expect(abs(ul256.capacity(direction: .uplink).megabitsPerSecond - 285.7) < 0.5)
        }

        @Test func dsuuuSplit() {
            let cell = NRCell(pattern: .dsuuu)
            #expect(abs(cell.capacity(direction: .downlink).megabitsPerSecond - 801.3) < 0.5)
            #expect(abs(cell.capacity(direction: .uplink).megabitsPerSecond - 589.3) < 0.5)
        }

        /// FR2 n257, 400 MHz at 120 kHz (μ 3, 264 PRB), 2 layers 64-QAM, OH 0.18 DL:
        /// 2·6·0.92578·3168·112000·0.82 = 3232.3 Mbps full-time.
        @Test func fr2Peak() {
            let cell = NRCell(numerology: 3, resourceBlocks: 264, isFR2: true, downlinkLayers: 2, downlinkModulationOrder: 6)
            #expect(NRCell.maximumResourceBlocks(bandwidthMHz: 400, subcarrierSpacingKHz: 120) == 264)
            #expect(abs(cell.fullTimeRate(direction: .downlink).megabitsPerSecond - 3232.3) < 0.5)
        }

        /// PF equal time: CQI 15 (7.4063 = 8 × 948/1024) among 40 devices gets capacity / 40.
        @Test func proportionalFair() {
            let cell = NRCell()
            let r = cell.proportionalFairRate(cqi: 15, activeDevices: 40, direction: .downlink)
            #expect(abs(r / (cell.capacity(direction: .downlink) / 40) - 1) < 1e-4)
            #expect(abs(cell.airtimeFactor(cqi: 8) - 7.4063 / 3.3223) < 1e-3)
        }

        @Test func cqiTable() {
            #expect(abs(NRCQITable.spectralEfficiency(cqi: 15) - 8 * 948.0 / 1024) < 1e-4)
            #expect(NRCQITable.spectralEfficiency(cqi: 1) == 0.1523)
        }
    }
}
