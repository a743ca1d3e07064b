/// The MAC timing constants of 802.11 channel access in 5 GHz.
///
/// A station waits AIFS = SIFS + AIFSN × slot after the medium goes idle, then counts down its
/// backoff. Legacy 802.11a stations use DCF (AIFSN 2, i.e. DIFS = 34 µs); QoS stations (HT,
/// VHT, HE) send best-effort traffic with EDCA's AC_BE parameters (AIFSN 3, AIFS = 43 µs,
/// CWmin 15, CWmax 1023). After a frame it could not decode a station waits EIFS = SIFS + the
/// ACK's airtime at 6 Mbps + AIFS instead of AIFS (``eifsAfterCollision``); the stations of
/// the collision wait their ACK timeout (SIFS + slot + preamble).
///
/// **Assumptions**: 5 GHz OFDM PHYs (9 µs slot); δ is the one-way propagation delay inside the
/// cell; the retry limit counts transmission attempts of one frame (dot11ShortRetryLimit 7).
///
/// **Source**: IEEE 802.11-2020 Table 17-21 (aSlotTime 9 µs, aSIFSTime 16 µs, aCWmin 15,
/// aCWmax 1023), §10.3.2.3.5 (DIFS), §10.3.2.3.7 (EIFS), Table 9-155 (default EDCA parameter
/// set: AC_BE AIFSN 3, CWmin aCWmin, CWmax aCWmax), §10.23.2.4 (backoff decremented at the
/// last AIFS slot boundary: no contention-free access after a success); REFERENCES.md §5.
///
/// **Validated by**: `WiFiCellTests.timingConstants`, `BianchiDCFTests.ns3Legacy11aTable`,
/// `BianchiDCFTests.ns3HETable`.
public struct DCFTiming: Hashable, Sendable, Codable {
    /// The empty slot σ.
    public var slot: SimDuration
    /// The short interframe space.
    public var sifs: SimDuration
    /// The arbitration interframe space number (2 = DIFS for DCF, 3 for EDCA best effort).
    public var aifsNumber: Int
    /// The propagation delay δ.
    public var propagationDelay: SimDuration
    /// The backoff model (W = CWmin + 1, m stages, retry limit).
    public var backoff: BianchiDCF
    /// Whether access is legacy DCF, where a station that draws a zero backoff after its success
    /// sends at the end of DIFS before any other can count down (EDCA decrements at the last
    /// AIFS slot, so there it contends like any other backoff).
    public var legacyDCF: Bool
    /// Whether the medium stays reserved for EIFS after a collision (every other station failed
    /// to decode it). Off by default: in a classroom the stations that did not send decode the
    /// nearer of the colliding frames and resume after AIFS, while the senders' ACK timeout
    /// overlaps the others' backoff (ns-3 3.44, Reference/ns3-wifi/: with EIFS the model is
    /// up to 19 % low at 20–40 stations uplink without aggregation, without it within 6.5 %;
    /// `WiFiCellTests.eifsAfterCollisionIsLowWithoutAggregation`).
    public var eifsAfterCollision: Bool
    /// The rate at which EIFS counts the ACK's airtime (the lowest mandatory rate, 6 Mbps).
    public var eifsACKRate: DataRate

    /// Creates a timing set.
    public init(slot: SimDuration, sifs: SimDuration, aifsNumber: Int, propagationDelay: SimDuration,
                backoff: BianchiDCF, legacyDCF: Bool, eifsAfterCollision: Bool = false,
                eifsACKRate: DataRate = .megabitsPerSecond(6)) {
        precondition(aifsNumber >= 2)
        self.slot = slot
        self.sifs = sifs
        self.aifsNumber = aifsNumber
        self.propagationDelay = propagationDelay
        self.backoff = backoff
        self.legacyDCF = legacyDCF
        self.eifsAfterCollision = eifsAfterCollision
        self.eifsACKRate = eifsACKRate
    }

    /// AIFS = SIFS + AIFSN × slot (DIFS when AIFSN = 2).
    public var aifs: SimDuration { sifs + slot * aifsNumber }

    /// EIFS − AIFS = SIFS + the airtime of a 14-byte ACK at ``eifsACKRate`` (16 + 44 = 60 µs at 6 Mbps).
    public var eifsExtension: SimDuration {
        sifs + WiFiPHY.legacyPPDUDuration(bytes: .bytes(14), rate: eifsACKRate)
    }

    /// What a collision adds to the colliding PPDU before the others count down again:
    /// EIFS − AIFS if ``eifsAfterCollision``, else nothing; then AIFS.
    public var collisionRecovery: SimDuration {
        (eifsAfterCollision ? eifsExtension : .zero) + aifs
    }

    /// What a success adds after the (Block)Ack before the backoff resumes: AIFS, and for legacy
    /// DCF the empty slot σ after DIFS (for EDCA AC_BE that slot is AIFS's third one, 43 µs =
    /// DIFS + σ, as in ns-3's 802.11ax Bianchi model).
    public var successRecovery: SimDuration {
        aifs + (legacyDCF ? slot : .zero)
    }

    /// 802.11a DCF: slot 9 µs, SIFS 16 µs, DIFS 34 µs, δ 1 µs, CWmin 15, CWmax 1023, 7 attempts.
    public static let legacyDCF5GHz = DCFTiming(
        slot: .nanoseconds(9_000), sifs: .nanoseconds(16_000), aifsNumber: 2,
        propagationDelay: .nanoseconds(1_000), backoff: .ofdm, legacyDCF: true)

    /// QoS best effort (HT/VHT/HE): slot 9 µs, SIFS 16 µs, AIFS 43 µs, δ 1 µs, CWmin 15,
    /// CWmax 1023, 7 attempts.
    public static let bestEffort5GHz = DCFTiming(
        slot: .nanoseconds(9_000), sifs: .nanoseconds(16_000), aifsNumber: 3,
        propagationDelay: .nanoseconds(1_000), backoff: .ofdm, legacyDCF: false)

    /// The timing a station of `standard` uses for best-effort data.
    public static func standard(for standard: WiFiStandard) -> DCFTiming {
        standard == .a ? .legacyDCF5GHz : .bestEffort5GHz
    }
}
