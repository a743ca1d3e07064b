/// The LTE downlink link model of transport blocks: per CQI the MCS an eNB schedules, its
/// transport block size on the resource blocks a scheduler can allocate, one block per
/// 1 ms subframe and layer.
///
/// The CQI → MCS mapping is the one of ns-3 LENA's adaptive modulation (`LteAmc`, 3.44: the
/// highest MCS whose spectral efficiency does not exceed the CQI's, which lands on MCS
/// 2 (CQI − 1)); MCS → TBS index is TS 36.213 Table 7.1.7.1-1; the sizes are TS 36.213
/// Table 7.1.7.2.1-1 for the resource blocks a type-0 allocation covers with whole resource
/// block groups (Table 7.1.6.1-1: groups of 2, 3, 4, 4 PRB for 5, 10, 15, 20 MHz, so 24, 48,
/// 72 and 100 of 25, 50, 75 and 100 PRB).
///
/// **Assumptions**: the sizes already leave out the control region (up to 3 OFDM symbols),
/// cell-specific reference signals and synchronisation/broadcast — so no overhead fraction
/// is applied on top; no retransmissions (a block is received at the first attempt); one
/// layer per block (spatial multiplexing multiplies by the layers).
///
/// **Source**: 3GPP TS 36.213 Tables 7.1.6.1-1, 7.1.7.1-1, 7.1.7.2.1-1; ns-3 LENA `LteAmc`
/// (REFERENCES.md §5, §7).
///
/// **Validated by**: `LTETransportBlockTests.matchesNS3Mapping` (every CQI's block on 24 PRB
/// equals the one ns-3 3.44's `LteAmc` reports, recorded in `Reference/ns3-lte/pf-downlink.tsv`),
/// `LTEReferenceTests.proportionalFairDownlink` (worst error 5.3 % against ns-3 LENA's
/// proportional-fair cell).
public enum LTETransportBlocks {
    /// The MCS scheduled at CQI 0…15 (CQI 0: out of range, no MCS, −1).
    public static let mcsForCQI: [Int] = [-1, 0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28]

    /// The TBS index of MCS 0…28 (TS 36.213 Table 7.1.7.1-1).
    public static let tbsIndexForMCS: [Int] = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
        9, 10, 11, 12, 13, 14, 15,
        15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
    ]

    /// Resource blocks a type-0 allocation covers with whole groups, per channel bandwidth
    /// in MHz (5, 10, 15, 20); nil for a bandwidth without a size column here.
    public static func allocatableBlocks(bandwidthMHz: Double) -> Int? {
        switch bandwidthMHz {
        case 5: 24
        case 10: 48
        case 15: 72
        case 20: 100
        default: nil
        }
    }

    /// Transport block sizes in bits for TBS index 0…26 (TS 36.213 Table 7.1.7.2.1-1), in
    /// the columns of 24, 48, 72 and 100 PRB.
    static let sizes: [Int: [Int]] = [
        24: [648, 872, 1064, 1384, 1736, 2088, 2472, 2984, 3368, 3752, 4264, 4776, 5544, 6200,
             6968, 7224, 7736, 8760, 9528, 10296, 11064, 12216, 12960, 13536, 14688, 15264, 17568],
        48: [1320, 1736, 2152, 2792, 3496, 4264, 4968, 5992, 6712, 7480, 8504, 9528, 11064, 12216,
             13536, 14688, 15840, 17568, 19080, 20616, 22152, 24496, 25456, 27376, 29296, 30576, 35160],
        72: [1992, 2600, 3240, 4264, 5160, 6200, 7480, 8760, 9912, 11448, 12576, 14688, 16416, 18336,
             20616, 22152, 23688, 26416, 28336, 30576, 34008, 36696, 39232, 40576, 43816, 45352, 52752],
        100: [2792, 3624, 4584, 5736, 7224, 8760, 10296, 12216, 14112, 15840, 17568, 19848, 22920, 25456,
              28336, 30576, 32856, 36696, 39232, 43816, 46888, 51024, 55056, 57336, 61664, 63776, 75376],
    ]

    /// The transport block (bits) of one layer in one subframe at `cqi` on `resourceBlocks` PRB.
    ///
    /// - Precondition: `1 <= cqi <= 15`; `resourceBlocks` is 24, 48, 72 or 100.
    public static func blockBits(cqi: Int, resourceBlocks: Int) -> Int {
        precondition((1...15).contains(cqi), "CQI \(cqi) outside 1…15")
        guard let column = sizes[resourceBlocks] else { preconditionFailure("no TBS column for \(resourceBlocks) PRB") }
        return column[tbsIndexForMCS[mcsForCQI[cqi]]]
    }

    /// The rate of one layer with the whole channel at `cqi`: one block per 1 ms subframe.
    ///
    /// - Precondition: `1 <= cqi <= 15`; `bandwidthMHz` is 5, 10, 15 or 20.
    public static func rate(cqi: Int, bandwidthMHz: Double) -> DataRate {
        guard let n = allocatableBlocks(bandwidthMHz: bandwidthMHz) else {
            preconditionFailure("no transport-block model for \(bandwidthMHz) MHz")
        }
        return .bitsPerSecond(Double(blockBits(cqi: cqi, resourceBlocks: n)) * 1000)
    }
}
