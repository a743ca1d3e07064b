import Testing
@testable import SchoolNet

extension MediaTests {
    @Suite struct WiFiPHYTests {
        /// Published rates (IEEE 802.11-2020 / 802.11ax-2021 MCS tables), in Mbps, tolerance 0.05 Mbps
        /// (tables round to 0.1).
        @Test(arguments: [
            (WiFiPHY(standard: .a, mcsIndex: 7), 54.0),
            (WiFiPHY(standard: .a, mcsIndex: 0), 6.0),
            (WiFiPHY(standard: .n, mcsIndex: 7), 65.0),
            (WiFiPHY(standard: .n, mcsIndex: 7, channelWidthMHz: 40, spatialStreams: 2, guardInterval: .short400ns), 300.0),
            (WiFiPHY(standard: .ac, mcsIndex: 9, channelWidthMHz: 80), 390.0),
            (WiFiPHY(standard: .ac, mcsIndex: 9, channelWidthMHz: 80, guardInterval: .short400ns), 433.333),
            (WiFiPHY(standard: .ac, mcsIndex: 9, channelWidthMHz: 160, spatialStreams: 2), 1560.0),
            (WiFiPHY(standard: .ax, mcsIndex: 11, channelWidthMHz: 80, spatialStreams: 2), 1200.98),
            (WiFiPHY(standard: .ax, mcsIndex: 11, channelWidthMHz: 160, spatialStreams: 2), 2401.96),
            (WiFiPHY(standard: .ax, mcsIndex: 7, channelWidthMHz: 20), 86.03),
            (WiFiPHY(standard: .ax, mcsIndex: 0, channelWidthMHz: 20, guardInterval: .quadruple3200ns), 7.3125),
        ])
        func publishedRates(phy: WiFiPHY, mbps: Double) {
            #expect(abs(phy.dataRate.megabitsPerSecond - mbps) < 0.05, "\(phy): \(phy.dataRate)")
        }

        @Test func frameDurations() {
            // 11a ACK (14 bytes) at 24 Mbps: 16+112+6 = 134 bits / 96 bits per symbol → 2 symbols;
            // 20 + 2 × 4 = 28 µs. At 6 Mbps: 134 / 24 → 6 symbols → 44 µs.
            #expect(WiFiPHY.legacyPPDUDuration(bytes: .bytes(14), rate: .megabitsPerSecond(24)) == .microseconds(28))
            #expect(WiFiPHY.legacyPPDUDuration(bytes: .bytes(14), rate: .megabitsPerSecond(6)) == .microseconds(44))
            // 11a 1538-byte MPDU at 54 Mbps: (16 + 12304 + 6) / 216 = 57.06 → 58 symbols → 20 + 232 = 252 µs.
            let a54 = WiFiPHY(standard: .a, mcsIndex: 7)
            #expect(a54.ppduDuration(psdu: .bytes(1538)) == .microseconds(252))
            // HE80 2SS MCS11: N_DBPS = 980 × 10 × 5/6 × 2 = 16 333.3; 1542 bytes fits one 13.6 µs symbol;
            // preamble 36 + 2 × (6.4 + 0.8) = 50.4 µs → 64 µs.
            let ax = WiFiPHY(standard: .ax, mcsIndex: 11, channelWidthMHz: 80, spatialStreams: 2)
            #expect(ax.ppduDuration(psdu: .bytes(1542)) == .microseconds(64))
            // HT and VHT: 32 and 36 µs + 4 µs per LTF (1 stream: 36 and 40 µs, as ns-3 3.44 reports).
            #expect(WiFiStandard.n.preambleDuration(spatialStreams: 1) == .microseconds(36))
            #expect(WiFiStandard.ac.preambleDuration(spatialStreams: 1) == .microseconds(40))
            #expect(WiFiStandard.ax.preambleDuration(spatialStreams: 1, guardInterval: .double1600ns) == .microseconds(44))
        }
    }
}
