import Testing
@testable import SchoolNet

extension MediaTests {
    @Suite struct WiFiCellTests {
        static let he80x2 = WiFiPHY(standard: .ax, mcsIndex: 11, channelWidthMHz: 80, spatialStreams: 2)

        @Test func timingConstants() {
            // 802.11-2020 Table 17-21: slot 9 µs, SIFS 16 µs; DIFS = SIFS + 2 slots = 34 µs; W = 16, m = 6.
            let t = DCFTiming.legacyDCF5GHz
            #expect(t.slot == .microseconds(9) && t.sifs == .microseconds(16) && t.aifs == .microseconds(34))
            #expect(t.backoff.minimumWindow * (1 << t.backoff.backoffStages) == 1024)  // CWmax + 1
            // EDCA AC_BE (Table 9-155): AIFSN 3 ⇒ AIFS 43 µs; EIFS − AIFS = SIFS + ACK at 6 Mbps = 16 + 44 µs.
            let be = DCFTiming.bestEffort5GHz
            #expect(be.aifs == .microseconds(43) && be.eifsExtension == .microseconds(60) && be.backoff.retryLimit == 7)
            #expect(WiFiCell(referencePHY: WiFiPHY(standard: .ax, mcsIndex: 7)).timing == be)
            #expect(WiFiCell(referencePHY: WiFiPHY(standard: .a, mcsIndex: 7)).timing == t)
        }

        /// REFERENCES.md §5: without A-MPDU an 802.11ax cell saturates around 50–60 Mbps whatever the
        /// PHY rate. One 1500-byte MSDU per access costs ≈ 50 µs preamble + 1–2 symbols + SIFS +
        /// ACK (28 µs at 24 Mbps) + AIFS (43 µs) + backoff ≈ 220 µs ⇒ 12 000 bits / 220 µs ≈ 55 Mbps.
        /// Band 45–65 Mbps for PHY rates from 600 Mbps to 2.4 Gbps and 1–30 stations.
        @Test(arguments: [
            WiFiPHY(standard: .ax, mcsIndex: 11, channelWidthMHz: 80, spatialStreams: 1),
            WiFiPHY(standard: .ax, mcsIndex: 11, channelWidthMHz: 80, spatialStreams: 2),
            WiFiPHY(standard: .ax, mcsIndex: 11, channelWidthMHz: 160, spatialStreams: 2),
            WiFiPHY(standard: .ax, mcsIndex: 9, channelWidthMHz: 80, spatialStreams: 2),
        ])
        func axWithoutAggregationSaturatesNear55Mbps(phy: WiFiPHY) {
            let cell = WiFiCell(referencePHY: phy, aggregationSubframes: 1)
            for n in [1, 10, 30] {
                let c = cell.capacity(activeStations: n).megabitsPerSecond
                #expect(c > 45 && c < 65, "\(phy.dataRate) n=\(n): \(c) Mbps")
            }
        }

        /// With A-MPDU the fixed overhead is spread over N MPDUs, so throughput rises
        /// monotonically with N towards the PHY rate: for HE80 2SS MCS11 (1201 Mbps), N = 64
        /// gives > 55 % (got 62 %) and N = 256 > 65 % (got 71 %) of the PHY rate with 10
        /// stations in basic access, where every collision wastes a whole A-MPDU.
        @Test func aggregationApproachesPHYRate() {
            var previous = 0.0
            var last = 0.0
            for n in [1, 2, 4, 8, 16, 32, 64, 128, 256] {
                let cell = WiFiCell(referencePHY: Self.he80x2, aggregationSubframes: n)
                let c = cell.capacity(activeStations: 10).megabitsPerSecond
                #expect(c > previous, "A-MPDU \(n): \(c) Mbps not above \(previous)")
                previous = c
                last = c
                if n == 64 { #expect(c / Self.he80x2.dataRate.megabitsPerSecond > 0.55, "\(c)") }
            }
            #expect(last / Self.he80x2.dataRate.megabitsPerSecond > 0.65, "\(last)")
            // One station (no collisions wasting 2.6 ms A-MPDUs): closer still, > 80 %.
            let solo = WiFiCell(referencePHY: Self.he80x2, aggregationSubframes: 256).capacity(activeStations: 1)
            #expect(solo / Self.he80x2.dataRate > 0.8, "\(solo)")
            // RTS/CTS makes collisions short, so 10 stations keep > 80 % too.
            let rts = WiFiCell(referencePHY: Self.he80x2, access: .rtsCts, aggregationSubframes: 256)
            #expect(rts.capacity(activeStations: 10) / Self.he80x2.dataRate > 0.8)
            #expect(last < Self.he80x2.dataRate.megabitsPerSecond)
        }

        @Test func aggregationClampedByStandard() {
            // HT allows 65 535-byte A-MPDUs: 1544-byte subframes (4 + 26 + 8 + 1500 + 4 = 1542, padded) ⇒ 42.
            let ht = WiFiCell(referencePHY: WiFiPHY(standard: .n, mcsIndex: 7, channelWidthMHz: 40, spatialStreams: 2),
                              aggregationSubframes: 64)
            #expect(ht.exchange(for: ht.referencePHY).subframes == 42)
            // 11a has no aggregation.
            let a = WiFiCell(referencePHY: WiFiPHY(standard: .a, mcsIndex: 7), aggregationSubframes: 64)
            #expect(a.exchange(for: a.referencePHY).subframes == 1)
            // HE at MCS0 20 MHz (8.6 Mbps): 5.484 ms holds only ⌊(5.484 ms − preamble) × rate / 12 352 bits⌋ ≈ 3.
            let slow = WiFiCell(referencePHY: WiFiPHY(standard: .ax, mcsIndex: 0), aggregationSubframes: 256)
            let x = slow.exchange(for: slow.referencePHY)
            #expect(x.subframes == 3 && x.dataDuration <= .microseconds(5484))
        }

        /// Rate anomaly (Heusse et al. 2003) in 802.11a: one 54 Mbps and one 6 Mbps station.
        /// Before MAC overhead, equal packets per station give each 1 / (1/54 + 1/6) = 5.4 Mbps.
        /// With overhead each gets 1 / (1/e54 + 1/e6) with e = the cell's MAC throughput at that
        /// rate; the two stations must get the same throughput (to 1e-9), between 75 % and
        /// 100 % of the 5.4 Mbps ideal, and the fast station gets under 30 % of its airtime-fair e54/2 (got 4.45 vs 15.7 Mbps).
        @Test func rateAnomaly54And6() {
            let fast = WiFiPHY(standard: .a, mcsIndex: 7)
            let slow = WiFiPHY(standard: .a, mcsIndex: 0)
            let cell = WiFiCell(referencePHY: fast)
            let shares = cell.saturatedShares(of: [fast, slow])
            let e54 = cell.effectiveRate(of: fast, activeStations: 2).bitsPerSecond
            let e6 = cell.effectiveRate(of: slow, activeStations: 2).bitsPerSecond
            let expected = 1 / (1 / e54 + 1 / e6)
            #expect(abs(shares[0].bitsPerSecond - shares[1].bitsPerSecond) < 1e-9 * expected)
            #expect(abs(shares[0].bitsPerSecond - expected) < 1e-9 * expected)
            let ideal = 1 / (1 / 54.0 + 1 / 6.0)
            #expect(abs(ideal - 5.4) < 1e-12)
            let got = shares[0].megabitsPerSecond
            #expect(got > 0.75 * ideal && got <= ideal, "\(got) Mbps vs ideal 5.4")
            #expect(got < 0.3 * e54 / 2e6)
        }

        /// Airtime fairness: each of n saturated clients gets e_i / n.
        @Test func airtimeFairness() {
            let fast = WiFiPHY(standard: .a, mcsIndex: 7)
            let slow = WiFiPHY(standard: .a, mcsIndex: 0)
            let cell = WiFiCell(referencePHY: fast, fairness: .airtime)
            let shares = cell.saturatedShares(of: [fast, slow])
            #expect(shares[0] == cell.effectiveRate(of: fast, activeStations: 2) / 2)
            #expect(shares[1] == cell.effectiveRate(of: slow, activeStations: 2) / 2)
            #expect(shares[0].megabitsPerSecond > 12)  // well above the per-packet 5.4 Mbps
        }

        /// The solver mapping: at the per-packet shares r_i, Σ r_i × factor_i = C exactly
        /// (the airtime fractions sum to one), and the reference client's factor is 1.
        @Test func factorsExpressAirtime() {
            let ref = Self.he80x2
            let clients = [ref, WiFiPHY(standard: .ax, mcsIndex: 5, channelWidthMHz: 80, spatialStreams: 2),
                           WiFiPHY(standard: .ax, mcsIndex: 1, channelWidthMHz: 80, spatialStreams: 1)]
            let cell = WiFiCell(referencePHY: ref, aggregationSubframes: 64)
            let n = clients.count
            let c = cell.capacity(activeStations: n)
            let shares = cell.saturatedShares(of: clients)
            var used = 0.0
            for (phy, r) in zip(clients, shares) { used += r.bitsPerSecond * cell.airtimeFactor(client: phy, activeStations: n) }
            #expect(abs(used - c.bitsPerSecond) < 1e-6 * c.bitsPerSecond)
            #expect(abs(cell.airtimeFactor(client: ref, activeStations: n) - 1) < 1e-12)
            #expect(cell.airtimeFactor(client: clients[2], activeStations: n) > 5)
        }

        /// K co-channel cells: one contention domain of n × K stations, 1/K of it per cell.
        @Test func coChannelSharing() {
            let phy = Self.he80x2
            let one = WiFiCell(referencePHY: phy, aggregationSubframes: 64)
            let three = WiFiCell(referencePHY: phy, aggregationSubframes: 64, coChannelCells: 3)
            let expected = one.capacity(activeStations: 30) / 3
            #expect(abs(three.capacity(activeStations: 10) / expected - 1) < 1e-12)
            #expect(three.capacity(activeStations: 10) < one.capacity(activeStations: 10) / 3)
        }
    }
}
