/// One Wi-Fi transmitter's PHY configuration and the data rate and frame airtime it gives.
///
/// The data rate is the standard formula
///
///     rate = N_SD × N_BPSCS × R × N_SS / (T_symbol + T_GI)
///
/// (data subcarriers × coded bits per subcarrier × code rate × spatial streams, per OFDM
/// symbol of length T_symbol + T_GI). A PPDU carrying a PSDU of L bytes lasts
///
///     T_preamble + ⌈(16 + 8L + 6) / N_DBPS⌉ × (T_symbol + T_GI)
///
/// (16 SERVICE bits and 6 tail bits, N_DBPS = data bits per symbol).
///
/// **Assumptions**: single-user PPDUs; one BCC tail (6 bits) even where LDPC is used (an
/// error of under one symbol per PPDU); no HE packet extension; 5 GHz band.
///
/// **Source**: IEEE 802.11-2020 §17.3.5.4/Eq. 17-11 (N_SYM), §19.4.3 (HT TXTIME),
/// §21.4.3 (VHT TXTIME); IEEE 802.11ax-2021 §27.4.3 (HE TXTIME) and the MCS tables named
/// in ``WiFiMCS``. Published rates checked: 11a 54 Mbps; HT20 MCS7 65 Mbps; VHT80 MCS9 1SS
/// 390 Mbps (433.3 short GI); HE80 MCS11 2SS 1201 Mbps; HE160 MCS11 2SS 2402 Mbps.
///
/// **Validated by**: `WiFiPHYTests.publishedRates`, `WiFiPHYTests.frameDurations`.
public struct WiFiPHY: Hashable, Sendable, Codable {
    /// The amendment.
    public var standard: WiFiStandard
    /// The MCS index (per stream; 11a: 0–7 = 6…54 Mbps).
    public var mcsIndex: Int
    /// The channel width in MHz (20, 40, 80, 160).
    public var channelWidthMHz: Int
    /// The number of spatial streams.
    public var spatialStreams: Int
    /// The data-symbol guard interval.
    public var guardInterval: WiFiGuardInterval

    /// Creates a PHY configuration.
    ///
    /// - Precondition: the width, MCS, stream count and guard interval are defined for
    ///   `standard` (the scenario layer validates user input and reports it with its key path).
    public init(
        standard: WiFiStandard, mcsIndex: Int, channelWidthMHz: Int = 20, spatialStreams: Int = 1,
        guardInterval: WiFiGuardInterval = .long800ns
    ) {
        precondition(standard.dataSubcarriers(channelWidthMHz: channelWidthMHz) != nil,
                     "\(channelWidthMHz) MHz not defined for 802.11\(standard.rawValue)")
        precondition(mcsIndex >= 0 && mcsIndex <= standard.maximumMCS, "MCS \(mcsIndex) not defined")
        precondition(spatialStreams >= 1 && spatialStreams <= standard.maximumSpatialStreams, "bad stream count")
        precondition(standard.guardIntervals.contains(guardInterval), "guard interval not defined")
        self.standard = standard
        self.mcsIndex = mcsIndex
        self.channelWidthMHz = channelWidthMHz
        self.spatialStreams = spatialStreams
        self.guardInterval = guardInterval
    }

    /// The MCS.
    public var mcs: WiFiMCS { WiFiMCS.index(mcsIndex, standard: standard) }

    /// Data bits per OFDM symbol, N_DBPS = N_SD × N_BPSCS × R × N_SS (may be fractional for HE).
    public var dataBitsPerSymbol: Double {
        let nsd = Double(standard.dataSubcarriers(channelWidthMHz: channelWidthMHz)!)
        return nsd * Double(mcs.bitsPerSubcarrier) * mcs.codeRate * Double(spatialStreams)
    }

    /// The OFDM symbol length including the guard interval.
    public var symbolDuration: SimDuration { standard.symbolDuration + guardInterval.duration }

    /// The PHY data rate.
    public var dataRate: DataRate {
        .bitsPerSecond(dataBitsPerSymbol / symbolDuration.seconds)
    }

    /// The airtime of a PPDU carrying a PSDU of `psdu` bytes (preamble + data symbols).
    public func ppduDuration(psdu: ByteCount) -> SimDuration {
        let bits = 16.0 + 8.0 * Double(psdu.bytes) + 6.0
        let symbols = Int((bits / dataBitsPerSymbol).rounded(.up))
        return standard.preambleDuration(spatialStreams: spatialStreams, guardInterval: guardInterval) + symbolDuration * symbols
    }

    /// The airtime of a legacy (non-HT, 20 MHz) PPDU of `bytes` at `rate` — how control
    /// frames (ACK, BlockAck, RTS, CTS) are sent: 20 µs + 4 µs × ⌈(16 + 8L + 6) / (4 µs × rate)⌉.
    ///
    /// - Precondition: `rate` is one of the 802.11a rates 6, 9, 12, 18, 24, 36, 48, 54 Mbps.
    public static func legacyPPDUDuration(bytes: ByteCount, rate: DataRate) -> SimDuration {
        let mbps = rate.megabitsPerSecond
        precondition([6.0, 9, 12, 18, 24, 36, 48, 54].contains(mbps), "not an 802.11a rate: \(rate)")
        let ndbps = mbps * 4
        let symbols = Int(((16.0 + 8.0 * Double(bytes.bytes) + 6.0) / ndbps).rounded(.up))
        return .nanoseconds(20_000) + .nanoseconds(4_000) * symbols
    }
}
