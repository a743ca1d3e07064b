/// The LTE 4-bit CQI table: modulation, code rate and spectral efficiency per CQI.
///
/// **Assumptions**: CQI 0 ("out of range") means no service; efficiencies are per layer.
///
/// **Source**: 3GPP TS 36.213 Table 7.2.3-1 (as used by ns-3 `lte-amc.cc`; REFERENCES.md §5).
///
/// **Validated by**: `LTECellTests.cqiTable`.
public enum LTECQITable {
    /// Spectral efficiency (bit/s/Hz) for CQI 0…15; CQI 0 is out of range (0).
    public static let efficiencies: [Double] = [
        0, 0.1523, 0.2344, 0.3770, 0.6016, 0.8770, 1.1758, 1.4766,
        1.9141, 2.4063, 2.7305, 3.3223, 3.9023, 4.5234, 5.1152, 5.5547,
    ]

    /// Code rate × 1024 for CQI 0…15 (0 for CQI 0).
    public static let codeRatesX1024: [Int] = [0, 78, 120, 193, 308, 449, 602, 378, 490, 616, 466, 567, 666, 772, 873, 948]

    /// Bits per modulation symbol for CQI 0…15 (QPSK 2, 16-QAM 4, 64-QAM 6).
    public static let modulationOrders: [Int] = [0, 2, 2, 2, 2, 2, 2, 4, 4, 4, 6, 6, 6, 6, 6, 6]

    /// The spectral efficiency of `cqi`.
    ///
    /// - Precondition: `0 <= cqi <= 15`.
    public static func spectralEfficiency(cqi: Int) -> Double {
        precondition((0...15).contains(cqi), "CQI \(cqi) outside 0…15")
        return efficiencies[cqi]
    }
}
