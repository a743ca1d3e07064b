/// An IEEE 802.11 OFDM amendment, with the PHY constants that turn an MCS into a bit rate.
///
/// **Assumptions**: 5 GHz band; single-user PPDUs (no OFDMA/MU-MIMO); the preamble length
/// is the SU PPDU preamble for the given number of spatial streams.
///
/// **Source**: IEEE 802.11-2020: Clause 17 (OFDM, "11a": 48 data subcarriers, 3.2 µs
/// symbol + 0.8 µs GI, Table 17-5), Clause 19 (HT, "11n": 52/108 data subcarriers,
/// Table 19-6 ff.), Clause 21 (VHT, "11ac": 52/108/234/468, Table 21-5); IEEE 802.11ax-2021
/// Clause 27 (HE: 234/468/980/1960 data subcarriers with 12.8 µs symbols, Table 27-12 ff.).
///
/// **Validated by**: `WiFiPHYTests.publishedRates`.
public enum WiFiStandard: String, Hashable, Sendable, Codable, CaseIterable {
    /// 802.11a (legacy OFDM, 20 MHz, one stream).
    case a
    /// 802.11n (HT), up to 40 MHz and 4 streams, MCS 0–7 per stream.
    case n
    /// 802.11ac (VHT), up to 160 MHz and 8 streams, MCS 0–9.
    case ac
    /// 802.11ax (HE), up to 160 MHz and 8 streams, MCS 0–11.
    case ax

    /// Channel widths the standard defines, in MHz.
    public var channelWidthsMHz: [Int] {
        switch self {
        case .a: [20]
        case .n: [20, 40]
        case .ac, .ax: [20, 40, 80, 160]
        }
    }

    /// The highest MCS index (per stream) the standard defines.
    public var maximumMCS: Int {
        switch self {
        case .a, .n: 7
        case .ac: 9
        case .ax: 11
        }
    }

    /// The most spatial streams the standard defines.
    public var maximumSpatialStreams: Int {
        switch self {
        case .a: 1
        case .n: 4
        case .ac, .ax: 8
        }
    }

    /// Data subcarriers per OFDM symbol for a channel width (nil if the width is not defined).
    ///
    /// 11a 48; HT 52 (20) / 108 (40); VHT 52/108/234/468; HE 234/484-RU 468/980/1960.
    public func dataSubcarriers(channelWidthMHz: Int) -> Int? {
        switch (self, channelWidthMHz) {
        case (.a, 20): 48
        case (.n, 20), (.ac, 20): 52
        case (.n, 40), (.ac, 40): 108
        case (.ac, 80): 234
        case (.ac, 160): 468
        case (.ax, 20): 234
        case (.ax, 40): 468
        case (.ax, 80): 980
        case (.ax, 160): 1960
        default: nil
        }
    }

    /// The OFDM symbol length without guard interval: 3.2 µs (a/n/ac) or 12.8 µs (ax).
    public var symbolDuration: SimDuration {
        self == .ax ? .nanoseconds(12_800) : .nanoseconds(3_200)
    }

    /// Guard intervals the standard allows for data symbols.
    public var guardIntervals: [WiFiGuardInterval] {
        switch self {
        case .a: [.long800ns]
        case .n, .ac: [.long800ns, .short400ns]
        case .ax: [.long800ns, .double1600ns, .quadruple3200ns]
        }
    }

    /// The number of long training fields for `streams` spatial streams (1, 2, 4, 4, 6, 6, 8, 8).
    static func trainingFields(streams: Int) -> Int {
        switch streams {
        case ...1: 1
        case 2: 2
        case 3, 4: 4
        case 5, 6: 6
        default: 8
        }
    }

    /// The PHY preamble (and PHY header) duration of a single-user data PPDU.
    ///
    /// - 11a: 16 µs training + 4 µs SIGNAL = 20 µs (802.11-2020 Table 17-21, aPreambleLength +
    ///   aPLCPHeaderLength).
    /// - HT mixed: L-STF 8 + L-LTF 8 + L-SIG 4 + HT-SIG 8 + HT-STF 4 + 4 µs per HT-LTF = 32 µs + 4 µs × N_LTF
    ///   (802.11-2020 §19.4.3).
    /// - VHT: L-STF/L-LTF/L-SIG 20 + VHT-SIG-A 8 + VHT-STF 4 + 4 µs per VHT-LTF + VHT-SIG-B 4
    ///   = 36 µs + 4 µs × N_LTF (§21.4.3).
    /// - HE SU: legacy 20 µs + RL-SIG 4 µs + HE-SIG-A 8 µs + HE-STF 4 µs + per HE-LTF a 2× LTF
    ///   symbol (6.4 µs) with the data guard interval (0.8 or 1.6 µs), or a 4× LTF (12.8 µs) with
    ///   3.2 µs = 36 µs + N_LTF × (6.4 µs + GI); packet extension 0 µs (802.11ax-2021 §27.3.11.10).
    public func preambleDuration(spatialStreams: Int, guardInterval: WiFiGuardInterval = .long800ns) -> SimDuration {
        let nltf = Int64(Self.trainingFields(streams: spatialStreams))
        switch self {
        case .a: return .nanoseconds(20_000)
        case .n: return .nanoseconds(32_000 + 4_000 * nltf)
        case .ac: return .nanoseconds(36_000 + 4_000 * nltf)
        case .ax:
            let ltf: Int64 = guardInterval == .quadruple3200ns ? 16_000 : 6_400 + guardInterval.duration.nanoseconds
            return .nanoseconds(36_000 + ltf * nltf)
        }
    }

    /// The A-MPDU limit in subframes (64 for HT/VHT block-ack; 256 for HE), 1 for 11a.
    public var maximumAMPDUSubframes: Int {
        switch self {
        case .a: 1
        case .n, .ac: 64
        case .ax: 256
        }
    }
}

/// The OFDM guard interval (cyclic prefix) added to each data symbol.
public enum WiFiGuardInterval: String, Hashable, Sendable, Codable, CaseIterable {
    /// 0.4 µs ("short GI", HT/VHT only).
    case short400ns
    /// 0.8 µs (the default for every standard).
    case long800ns
    /// 1.6 µs (HE only).
    case double1600ns
    /// 3.2 µs (HE only).
    case quadruple3200ns

    /// The guard interval length.
    public var duration: SimDuration {
        switch self {
        case .short400ns: .nanoseconds(400)
        case .long800ns: .nanoseconds(800)
        case .double1600ns: .nanoseconds(1_600)
        case .quadruple3200ns: .nanoseconds(3_200)
        }
    }
}
