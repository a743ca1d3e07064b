/// The NR 4-bit CQI table with 256-QAM (TS 38.214 Table 5.2.2.1-3).
///
/// **Source**: 3GPP TS 38.214 Table 5.2.2.1-3. **Validated by**: `NRCellTests.cqiTable`.
public enum NRCQITable {
    /// Spectral efficiency (bit/s/Hz per layer) for CQI 0…15 (0 = out of range).
    public static let efficiencies: [Double] = [
        0, 0.1523, 0.3770, 0.8770, 1.4766, 1.9141, 2.4063, 2.7305,
        3.3223, 3.9023, 4.5234, 5.1152, 5.5547, 6.2266, 6.9141, 7.4063,
    ]

    /// The spectral efficiency of `cqi` (precondition 0…15).
    public static func spectralEfficiency(cqi: Int) -> Double {
        precondition((0...15).contains(cqi), "CQI \(cqi) outside 0…15")
        return efficiencies[cqi]
    }
}
