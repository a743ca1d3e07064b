extension WiFiCell {
    /// One successful channel access: what is sent, what it carries, how long the channel is busy.
    public struct FrameExchange: Hashable, Sendable {
        /// MPDUs carried in the data PPDU (after clamping to the standard's limits).
        public var subframes: Int
        /// The PSDU (A-MPDU) length.
        public var psdu: ByteCount
        /// Airtime of the data PPDU.
        public var dataDuration: SimDuration
        /// Airtime of the ACK or BlockAck PPDU.
        public var ackDuration: SimDuration
        /// Ts: channel busy time of a success, through the following AIFS and empty slot
        /// (Bianchi Eq. 15/17 with the standard's AIFS).
        public var successDuration: SimDuration
        /// Tc: channel busy time of a collision, the whole PPDU and EIFS (Bianchi Eq. 15/17).
        public var collisionDuration: SimDuration
        /// MSDU bytes delivered per success.
        public var payload: ByteCount
    }

    /// MAC header bytes of a data frame: 24 (11a data) or 26 (QoS data, HT/VHT/HE).
    static func macHeaderBytes(_ standard: WiFiStandard) -> Int64 { standard == .a ? 24 : 26 }
    /// LLC/SNAP header carried before the IP packet.
    static let llcSnapBytes: Int64 = 8
    /// Frame check sequence.
    static let fcsBytes: Int64 = 4
    /// A-MPDU subframe delimiter.
    static let delimiterBytes: Int64 = 4
    /// ACK and CTS frames (802.11-2020 §9.3.1.3–4).
    static let ackBytes: Int64 = 14
    /// RTS frame (§9.3.1.2).
    static let rtsBytes: Int64 = 20
    /// Compressed BlockAck with a 64-bit bitmap (§9.3.1.9.3).
    static let blockAck64Bytes: Int64 = 32
    /// Compressed BlockAck with a 256-bit bitmap (802.11ax, whose 256-MPDU window is agreed
    /// whatever the A-MPDU length).
    static let blockAck256Bytes: Int64 = 56
    /// aPPDUMaxTime (802.11-2020 Table 19-25; VHT/HE likewise 5.484 ms).
    static let maximumPPDUDuration = SimDuration.nanoseconds(5_484_000)

    /// The maximum A-MPDU length in bytes (HT 65 535, VHT 1 048 575, HE 6 500 631).
    static func maximumAMPDUBytes(_ standard: WiFiStandard) -> Int64 {
        switch standard {
        case .a: 4_095
        case .n: 65_535
        case .ac: 1_048_575
        case .ax: 6_500_631
        }
    }

    /// The frame exchange of one successful access by a station at `phy`.
    ///
    /// The requested ``aggregationSubframes`` is clamped to the standard's block-ack window,
    /// its maximum A-MPDU length, and the largest count whose PPDU fits in 5.484 ms.
    /// VHT and HE always send an A-MPDU (so a single MPDU still carries a delimiter).
    public func exchange(for phy: WiFiPHY) -> FrameExchange {
        let std = phy.standard
        let mpdu = Self.macHeaderBytes(std) + Self.llcSnapBytes + msduSize.bytes + Self.fcsBytes
        let alwaysAMPDU = std == .ac || std == .ax
        var n = min(aggregationSubframes, std.maximumAMPDUSubframes)
        func psduBytes(_ count: Int) -> Int64 {
            if count == 1 && !alwaysAMPDU { return mpdu }
            let subframe = Self.delimiterBytes + mpdu
            let padded = (subframe + 3) / 4 * 4
            return padded * Int64(count - 1) + subframe
        }
        while n > 1 && (psduBytes(n) > Self.maximumAMPDUBytes(std)
            || phy.ppduDuration(psdu: .bytes(psduBytes(n))) > Self.maximumPPDUDuration) {
            n -= 1
        }
        let psdu = ByteCount.bytes(psduBytes(n))
        let data = phy.ppduDuration(psdu: psdu)
        let ackBytes = n == 1 ? Self.ackBytes : (std.maximumAMPDUSubframes > 64 ? Self.blockAck256Bytes : Self.blockAck64Bytes)
        let ack = WiFiPHY.legacyPPDUDuration(bytes: .bytes(ackBytes), rate: controlRate)
        let t = timing
        let delta = t.propagationDelay
        // Success: DATA, SIFS, (Block)Ack, AIFS (and σ after DIFS for legacy DCF).
        var ts = data + t.sifs + delta + ack + t.successRecovery + delta
        // Collision: the whole PPDU (every subframe lost), then AIFS (or EIFS).
        var tc = data + t.collisionRecovery + delta
        if access == .rtsCts {
            let rts = WiFiPHY.legacyPPDUDuration(bytes: .bytes(Self.rtsBytes), rate: controlRate)
            let cts = WiFiPHY.legacyPPDUDuration(bytes: .bytes(Self.ackBytes), rate: controlRate)
            ts = rts + t.sifs + delta + cts + t.sifs + delta + ts
            tc = rts + t.collisionRecovery + delta
        }
        return FrameExchange(
            subframes: n, psdu: psdu, dataDuration: data, ackDuration: ack, successDuration: ts,
            collisionDuration: tc, payload: msduSize * n)
    }
}
