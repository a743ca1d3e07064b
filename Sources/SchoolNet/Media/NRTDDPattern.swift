/// An NR TDD slot pattern (e.g. `DDDSU`) and the time share it gives each direction.
///
/// Each slot is downlink (D), uplink (U) or special (S); a special slot splits its 14
/// symbols into downlink : guard : uplink. The downlink share is
/// (#D + #S × s_DL / 14) / #slots, the uplink share (#U + #S × s_UL / 14) / #slots.
///
/// **Assumptions**: the default special slot is 10 : 2 : 2 symbols (DL : guard : UL), the
/// split used in Japanese local-5G synchronous operation examples; guard symbols carry
/// nothing; the pattern repeats without gaps.
///
/// **Source**: 3GPP TS 38.213 §11.1 (slot configuration); REFERENCES.md §5 (local 5G: DDDSU
/// synchronous, DSUUU quasi-synchronous).
///
/// **Validated by**: `NRCellTests.tddShares`.
public struct NRTDDPattern: Hashable, Sendable, Codable {
    /// One slot's direction.
    public enum Slot: Character, Hashable, Sendable, Codable {
        /// All 14 symbols downlink.
        case downlink = "D"
        /// Split by the special-slot format.
        case special = "S"
        /// All 14 symbols uplink.
        case uplink = "U"
    }

    /// The slots of one period, in order.
    public var slots: [Slot]
    /// Downlink symbols of a special slot.
    public var specialDownlinkSymbols: Int
    /// Guard symbols of a special slot.
    public var specialGuardSymbols: Int
    /// Uplink symbols of a special slot.
    public var specialUplinkSymbols: Int

    /// Parses a pattern such as `"DDDSU"`; nil if it is empty or has other letters.
    ///
    /// - Parameters:
    ///   - pattern: letters D, S, U.
    ///   - special: DL : guard : UL symbols of a special slot, summing to 14 (default 10 : 2 : 2).
    public init?(_ pattern: String, special: (downlink: Int, guard: Int, uplink: Int) = (10, 2, 2)) {
        var slots: [Slot] = []
        for ch in pattern {
            guard let s = Slot(rawValue: ch) else { return nil }
            slots.append(s)
        }
        guard !slots.isEmpty, special.downlink >= 0, special.guard >= 0, special.uplink >= 0,
              special.downlink + special.guard + special.uplink == 14 else { return nil }
        self.slots = slots
        self.specialDownlinkSymbols = special.downlink
        self.specialGuardSymbols = special.guard
        self.specialUplinkSymbols = special.uplink
    }

    /// The pattern as letters.
    public var text: String { String(slots.map(\.rawValue)) }

    /// The fraction of time carrying `direction`.
    public func timeShare(_ direction: MediaDirection) -> Double {
        var full = 0
        var special = 0
        for s in slots {
            switch s {
            case .downlink: if direction == .downlink { full += 1 }
            case .uplink: if direction == .uplink { full += 1 }
            case .special: special += 1
            }
        }
        let symbols = direction == .downlink ? specialDownlinkSymbols : specialUplinkSymbols
        return (Double(full) + Double(special) * Double(symbols) / 14) / Double(slots.count)
    }

    /// `DDDSU` (synchronous, DL-heavy) with a 10:2:2 special slot.
    public static let dddsu = NRTDDPattern("DDDSU")!
    /// `DSUUU` (quasi-synchronous, UL-heavy) with a 10:2:2 special slot.
    public static let dsuuu = NRTDDPattern("DSUUU")!
    /// `DDDDDDDSUU` (10-slot DL-heavy period) with a 10:2:2 special slot.
    public static let ddddddDSUU = NRTDDPattern("DDDDDDDSUU")!
}
