/// A Wi-Fi modulation and coding scheme: bits per subcarrier and code rate.
///
/// **Assumptions**: HT/VHT/HE share one per-stream MCS numbering (0 BPSK 1/2 … 7 64-QAM 5/6,
/// 8–9 256-QAM, 10–11 1024-QAM); 802.11a's eight rates are indexed 0–7 in rate order
/// (6, 9, 12, 18, 24, 36, 48, 54 Mbps).
///
/// **Source**: IEEE 802.11-2020 Table 17-4 (11a rate-dependent parameters), Tables
/// 19-27 ff. (HT MCS), 21-29 ff. (VHT MCS); IEEE 802.11ax-2021 Tables 27-55 ff. (HE MCS).
///
/// **Validated by**: `WiFiPHYTests.publishedRates`.
public struct WiFiMCS: Hashable, Sendable, Codable {
    /// Coded bits per subcarrier per stream (N_BPSCS): 1 BPSK, 2 QPSK, 4 16-QAM, 6 64-QAM,
    /// 8 256-QAM, 10 1024-QAM.
    public var bitsPerSubcarrier: Int
    /// Code rate numerator (R = numerator / denominator).
    public var codeRateNumerator: Int
    /// Code rate denominator.
    public var codeRateDenominator: Int

    /// Creates an MCS from its modulation order and code rate.
    public init(bitsPerSubcarrier: Int, codeRateNumerator: Int, codeRateDenominator: Int) {
        precondition([1, 2, 4, 6, 8, 10].contains(bitsPerSubcarrier), "unknown modulation")
        precondition(codeRateNumerator > 0 && codeRateNumerator < codeRateDenominator)
        self.bitsPerSubcarrier = bitsPerSubcarrier
        self.codeRateNumerator = codeRateNumerator
        self.codeRateDenominator = codeRateDenominator
    }

    /// The code rate R.
    public var codeRate: Double { Double(codeRateNumerator) / Double(codeRateDenominator) }

    /// The HT/VHT/HE MCS table, index 0–11 (per spatial stream).
    public static let highThroughputTable: [WiFiMCS] = [
        WiFiMCS(bitsPerSubcarrier: 1, codeRateNumerator: 1, codeRateDenominator: 2),
        WiFiMCS(bitsPerSubcarrier: 2, codeRateNumerator: 1, codeRateDenominator: 2),
        WiFiMCS(bitsPerSubcarrier: 2, codeRateNumerator: 3, codeRateDenominator: 4),
        WiFiMCS(bitsPerSubcarrier: 4, codeRateNumerator: 1, codeRateDenominator: 2),
        WiFiMCS(bitsPerSubcarrier: 4, codeRateNumerator: 3, codeRateDenominator: 4),
        WiFiMCS(bitsPerSubcarrier: 6, codeRateNumerator: 2, codeRateDenominator: 3),
        WiFiMCS(bitsPerSubcarrier: 6, codeRateNumerator: 3, codeRateDenominator: 4),
        WiFiMCS(bitsPerSubcarrier: 6, codeRateNumerator: 5, codeRateDenominator: 6),
        WiFiMCS(bitsPerSubcarrier: 8, codeRateNumerator: 3, codeRateDenominator: 4),
        WiFiMCS(bitsPerSubcarrier: 8, codeRateNumerator: 5, codeRateDenominator: 6),
        WiFiMCS(bitsPerSubcarrier: 10, codeRateNumerator: 3, codeRateDenominator: 4),
        WiFiMCS(bitsPerSubcarrier: 10, codeRateNumerator: 5, codeRateDenominator: 6),
    ]

    /// The 802.11a table, index 0–7 = 6, 9, 12, 18, 24, 36, 48, 54 Mbps.
    public static let legacyOFDMTable: [WiFiMCS] = [
        WiFiMCS(bitsPerSubcarrier: 1, codeRateNumerator: 1, codeRateDenominator: 2),
        WiFiMCS(bitsPerSubcarrier: 1, codeRateNumerator: 3, codeRateDenominator: 4),
        WiFiMCS(bitsPerSubcarrier: 2, codeRateNumerator: 1, codeRateDenominator: 2),
        WiFiMCS(bitsPerSubcarrier: 2, codeRateNumerator: 3, codeRateDenominator: 4),
        WiFiMCS(bitsPerSubcarrier: 4, codeRateNumerator: 1, codeRateDenominator: 2),
        WiFiMCS(bitsPerSubcarrier: 4, codeRateNumerator: 3, codeRateDenominator: 4),
        WiFiMCS(bitsPerSubcarrier: 6, codeRateNumerator: 2, codeRateDenominator: 3),
        WiFiMCS(bitsPerSubcarrier: 6, codeRateNumerator: 3, codeRateDenominator: 4),
    ]

    /// The MCS with `index` for `standard` (11a uses ``legacyOFDMTable``).
    ///
    /// - Precondition: `0 <= index <= standard.maximumMCS`.
    public static func index(_ index: Int, standard: WiFiStandard) -> WiFiMCS {
        precondition(index >= 0 && index <= standard.maximumMCS, "MCS \(index) not defined for 802.11\(standard.rawValue)")
        return standard == .a ? legacyOFDMTable[index] : highThroughputTable[index]
    }
}
