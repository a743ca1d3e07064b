/// The MAC timing constants of 802.11 DCF channel access.
///
/// **Assumptions**: DCF (not EDCA): every station waits DIFS = SIFS + 2 × slot; a collision
/// is followed by DIFS (Bianchi's simplification; real stations wait EIFS); δ is the
/// one-way propagation delay inside the cell.
///
/// **Source**: IEEE 802.11-2020 Table 17-21 (OFDM PHY characteristics: aSlotTime 9 µs,
/// aSIFSTime 16 µs, aCWmin 15, aCWmax 1023), §10.3.2.3.5 (DIFS = aSIFSTime + 2 × aSlotTime
/// = 34 µs); HT, VHT and HE in 5 GHz use the same values (Tables 19-25, 21-28, 27-54).
///
/// **Validated by**: `WiFiCellTests.timingConstants`.
public struct DCFTiming: Hashable, Sendable, Codable {
    /// The empty slot σ.
    public var slot: SimDuration
    /// The short interframe space.
    public var sifs: SimDuration
    /// The DCF interframe space.
    public var difs: SimDuration
    /// The propagation delay δ.
    public var propagationDelay: SimDuration
    /// The backoff model (W = CWmin + 1, m stages).
    public var backoff: BianchiDCF

    /// Creates a timing set.
    public init(slot: SimDuration, sifs: SimDuration, difs: SimDuration, propagationDelay: SimDuration, backoff: BianchiDCF) {
        self.slot = slot
        self.sifs = sifs
        self.difs = difs
        self.propagationDelay = propagationDelay
        self.backoff = backoff
    }

    /// 5 GHz OFDM: slot 9 µs, SIFS 16 µs, DIFS 34 µs, δ 1 µs (≈ 300 m), CWmin 15, CWmax 1023.
    public static let ofdm5GHz = DCFTiming(
        slot: .nanoseconds(9_000), sifs: .nanoseconds(16_000), difs: .nanoseconds(34_000),
        propagationDelay: .nanoseconds(1_000), backoff: .ofdm)
}
