import Testing
@testable import SchoolNet

extension MediaTests {
    @Suite struct LTECellTests {
        static let noLoad = HourlyProfile.constant(0)

        @Test func cqiTable() {
            // TS 36.213 Table 7.2.3-1: efficiency ≈ Q_m × rate/1024 to the table's 4 decimals.
            #expect(LTECQITable.efficiencies.first == 0 && LTECQITable.efficiencies.last == 5.5547)
            #expect(LTECQITable.efficiencies[1] == 0.1523)
            for cqi in 1...15 {
                let computed = Double(LTECQITable.modulationOrders[cqi] * LTECQITable.codeRatesX1024[cqi]) / 1024
                #expect(abs(computed - LTECQITable.spectralEfficiency(cqi: cqi)) < 1e-4, "CQI \(cqi)")
            }
        }

        /// REFERENCES.md §5: Cat 4, 2×2, 20 MHz peaks at 150 Mbps DL. 100 PRB × 180 kHz = 18 MHz ×
        /// 5.5547 bit/s/Hz × 2 layers × (1 − 0.25) = 149.98 Mbps; tolerance 0.5 Mbps.
        @Test func cat4Peak() {
            let cell = LTECell(backgroundLoad: Self.noLoad)
            #expect(abs(cell.capacity(direction: .downlink, hour: 10).megabitsPerSecond - 149.98) < 0.5)
            // UL one layer, overhead 0.15: 18 MHz × 5.5547 × 0.85 = 84.99 Mbps. REFERENCES.md §5's Cat 4 UL peak of
            // 75 Mbps is a UE-category limit (16-QAM era), which this cell model does not cap.
            #expect(abs(cell.capacity(direction: .uplink, hour: 10).megabitsPerSecond - 84.99) < 0.5)
        }

        /// PF with static channels: N devices share time equally. 10 devices, CQI 7 (1.4766)
        /// and CQI 15: rate_i = B × SE_i × layers × (1 − OH) / 10, so the ratio is 1.4766 / 5.5547.
        @Test func equalTimeShare() {
            let cell = LTECell(backgroundLoad: Self.noLoad)
            let r7 = cell.proportionalFairRate(cqi: 7, activeDevices: 10, direction: .downlink, hour: 9)
            let r15 = cell.proportionalFairRate(cqi: 15, activeDevices: 10, direction: .downlink, hour: 9)
            #expect(abs(r15.megabitsPerSecond - 14.998) < 0.01)
            #expect(abs(r7 / r15 - 1.4766 / 5.5547) < 1e-12)
            // Solver mapping: Σ r_i × factor_i over the PF rates of 5 + 5 devices = C (time shares sum to 1).
            let c = cell.capacity(direction: .downlink, hour: 9)
            let used = 5 * r7.bitsPerSecond * cell.airtimeFactor(cqi: 7) + 5 * r15.bitsPerSecond * cell.airtimeFactor(cqi: 15)
            #expect(abs(used / c.bitsPerSecond - 1) < 1e-12)
        }

        /// Background load takes its fraction: default profile 0.5 at 10 h, 0.7 at 20 h.
        @Test func backgroundLoad() {
            let cell = LTECell()
            let free = LTECell(backgroundLoad: Self.noLoad).capacity(direction: .downlink, hour: 10)
            #expect(abs(cell.capacity(direction: .downlink, hour: 10) / free - 0.5) < 1e-12)
            #expect(abs(cell.capacity(direction: .downlink, hour: 20) / free - 0.3) < 1e-12)
            #expect(LTECell.defaultBackgroundLoad.isFraction)
        }

        /// A 7 GB/month plan throttled to 128 kbps: unlimited below the cap, 128 kbps at it.
        @Test func dataCapThrottles() {
            let plan = SIMDataPlan(monthlyCap: .gigabytes(7), throttledRate: .kilobitsPerSecond(128))
            #expect(plan.rateCeiling(used: .gigabytes(6.9)) == .unlimited)
            #expect(plan.rateCeiling(used: .gigabytes(7)) == .kilobitsPerSecond(128))
            #expect(plan.remaining(used: .gigabytes(2)) == .gigabytes(5))
            #expect(plan.remaining(used: .gigabytes(9)) == .zero)
        }
    }

    @Suite struct HourlyProfileTests {
        @Test func hourLookup() {
            let p = HourlyProfile((0..<24).map { Double($0) })
            #expect(p.value(hour: 25) == 1 && p.value(hour: -1) == 23)
            #expect(p.value(at: SimTime.zero + .hours(13.5)) == 13)
            #expect(p.value(at: SimTime.zero + .hours(24 + 8)) == 8)
        }
    }
}
