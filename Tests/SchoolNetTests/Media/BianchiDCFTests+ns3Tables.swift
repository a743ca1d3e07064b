import Foundation
import Testing
@testable import SchoolNet

/// SchoolNet's Wi-Fi cell model against the Bianchi tables of ns-3's `wifi-bianchi` validation
/// (src/wifi/examples/reference/ of ns-3-dev; REFERENCES.md §5).
///
/// The tables assume 1500 bytes of payload per frame with 6 (802.11a) or 8 (802.11ax) bytes of
/// upper-layer header, a 28-byte (11a) or 30-byte (11ax) MAC header with FCS, no retry limit,
/// DIFS (34 µs) before the backoff in both, and in the EIFS variant a collision followed by
/// SIFS + ACK + DIFS. The cell is configured alike: the MSDU is sized so that the MPDU has the
/// same length (our MPDU adds 8 bytes of LLC/SNAP), the result is scaled to the 1500 bytes the
/// tables count, the retry limit is lifted and EIFS counts the ACK at the table's ACK rate.
/// Differences left: HE PPDUs carry a 4-byte A-MPDU delimiter and a 7.2 µs HE-LTF (the
/// tables: 8 µs), and for HE our EIFS ends with AIFS[BE] where the tables use DIFS.
extension MediaTests.BianchiDCFTests {
    static func referenceTiming(legacy: Bool, ack: Double) -> DCFTiming {
        // 11a: DIFS + σ after a success; 11ax: DIFS + σ = AIFS[BE] (AIFSN 3). EIFS with the ACK at the table's rate.
        DCFTiming(slot: .microseconds(9), sifs: .microseconds(16), aifsNumber: legacy ? 2 : 3, propagationDelay: .zero,
                  backoff: BianchiDCF(minimumWindow: 16, backoffStages: 6, retryLimit: nil), legacyDCF: legacy,
                  eifsAfterCollision: true, eifsACKRate: .megabitsPerSecond(ack))
    }

    /// 802.11a, EIFS variant (bianchiResultsEifs of wifi-bianchi.cc, n = 5, 10, …, 50), and
    /// the control rate the table uses for the ACK. Worst error 0.22 %.
    static let table11a: [(mcs: Int, ack: Double, values: [Double])] = [
        (0, 6, [4.6899, 4.3197, 4.1107, 3.9589, 3.8478, 3.7490, 3.6618, 3.5927, 3.5358, 3.4711]),
        (4, 24, [16.0836, 14.9153, 14.2327, 13.7300, 13.3595, 13.0281, 12.7343, 12.5008, 12.3083, 12.0889]),
        (7, 24, [29.2861, 27.3763, 26.2078, 25.3325, 24.6808, 24.0944, 23.5719, 23.1549, 22.8100, 22.4162]),
    ]

    @Test func ns3Legacy11aTable() {
        var worst = 0.0
        for (mcs, ack, values) in Self.table11a {
            let cell = WiFiCell(referencePHY: WiFiPHY(standard: .a, mcsIndex: mcs), timing: Self.referenceTiming(legacy: true, ack: ack),
                                msduSize: .bytes(1498), controlRate: .megabitsPerSecond(ack))
            for (i, expected) in values.enumerated() {
                let n = 5 * (i + 1)
                let got = cell.capacity(activeStations: n).megabitsPerSecond * 1500 / 1498
                let error = got / expected - 1
                worst = max(worst, abs(error))
                #expect(abs(error) < 0.02, "11a MCS \(mcs) n=\(n): \(got) vs \(expected)")
            }
        }
        #expect(worst > 0)
        print("ns-3 802.11a Bianchi table: worst error \(worst)")
    }

    /// 802.11ax single-user, 0.8 µs GI, no aggregation, EIFS variant, from ns-3's
    /// `bianchi11ax.py` (the model behind wifi-bianchi's 11ax tables), n = 5, 10, …, 50.
    /// HeMcs9 40 MHz is one spatial stream (229.4 Mbps). Worst error 1.6 %.
    static let tableHE: [(mcs: Int, width: Int, ack: Double, values: [Double])] = [
        (0, 20, 6, [6.3381, 5.8172, 5.5223, 5.3145, 5.1525, 5.0186, 4.9040, 4.8034, 4.7134, 4.6318]),
        (7, 20, 24, [34.1711, 31.9398, 30.5452, 29.5259, 28.7140, 28.0340, 27.4454, 26.9243, 26.4551, 26.0274]),
        (9, 40, 24, [50.2233, 47.4475, 45.5760, 44.1725, 43.0383, 42.0791, 41.2431, 40.4988, 39.8259, 39.2100]),
        (11, 80, 24, [58.0092, 55.0897, 53.0321, 51.4669, 50.1923, 49.1088, 48.1608, 47.3145, 46.5474, 45.8441]),
    ]

    @Test func ns3HETable() {
        var worst = 0.0
        defer { print("ns-3 802.11ax Bianchi model: worst error \(worst)") }
        for (mcs, width, ack, values) in Self.tableHE {
            let phy = WiFiPHY(standard: .ax, mcsIndex: mcs, channelWidthMHz: width)
            let cell = WiFiCell(referencePHY: phy, timing: Self.referenceTiming(legacy: false, ack: ack),
                                msduSize: .bytes(1500 + 8 + 30 - 38), controlRate: .megabitsPerSecond(ack))
            for (i, expected) in values.enumerated() {
                let n = 5 * (i + 1)
                let got = cell.capacity(activeStations: n).megabitsPerSecond
                worst = max(worst, abs(got / expected - 1))
                #expect(abs(got / expected - 1) < 0.02, "HE MCS \(mcs) \(width) MHz n=\(n): \(got) vs \(expected)")
            }
        }
    }

    @Test(arguments: [0.05, 0.3, 0.6])
    func retryLimitTendsToBianchi(p: Double) {
        let unlimited = BianchiDCF(minimumWindow: 16, backoffStages: 6)
        let long = BianchiDCF(minimumWindow: 16, backoffStages: 6, retryLimit: 200)
        #expect(abs(long.tau(collisionProbability: p) / unlimited.tau(collisionProbability: p) - 1) < 1e-9)
        // A finite limit resets the window after the last attempt: more aggressive.
        #expect(BianchiDCF.ofdm.tau(collisionProbability: p) >= unlimited.tau(collisionProbability: p))
    }
}
