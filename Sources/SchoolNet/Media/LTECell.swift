/// A public LTE macro sector shared with background users, as per-device capacities.
///
/// Per direction the sector carries
///
///     C_i = (1 − bg(h)) × N_PRB × 180 kHz × SE(CQI_i) × layers × (1 − overhead)
///
/// if it served only device i, where bg(h) is the public background load in hour h and
/// SE the spectral efficiency of the device's CQI (``LTECQITable``). Proportional fair
/// scheduling with static channels gives every one of N active devices an equal time
/// share, so device i gets C_i / N (``proportionalFairRate(cqi:activeDevices:direction:hour:)``).
///
/// ## How the solver uses it
/// One link per direction with capacity ``capacity(direction:hour:referenceCQI:)`` = C_ref;
/// a device at CQI i has consumption coefficient SE_ref / SE_i (``airtimeFactor(cqi:referenceCQI:)``),
/// so Σ r_i × factor_i ≤ C_ref says the time shares sum to at most one. For the PF split
/// (equal time rather than equal rate) give each device's flows a ceiling C_i / N. The
/// SIM's data cap is a further per-device ceiling (``SIMDataPlan``).
///
/// **Assumptions**: FDD, the same bandwidth in each direction; static channel per device
/// (no fast-fading gain of PF); the overhead fraction covers control channels (PDCCH 1–3
/// of 14 symbols), reference signals and sync/broadcast; the background load takes a
/// fraction of the PRBs and leaves the rest to the school; the default background profile
/// is an **ESTIMATE** (no measured source; override it per scenario).
///
/// **Source**: 3GPP TS 36.213 Table 7.2.3-1 (CQI); TS 36.101 Table 5.6-1 (N_PRB: 6, 15,
/// 25, 50, 75, 100 for 1.4–20 MHz); REFERENCES.md §5 (LTE: Cat 4 2×2 peak 150 Mbps DL in
/// 20 MHz; PF with equal channels = equal time share).
///
/// **Validated by**: `LTECellTests.cat4Peak`, `LTECellTests.equalTimeShare`,
/// `LTECellTests.backgroundLoad`, `LTECellTests.cqiTable`.
public struct LTECell: Hashable, Sendable, Codable {
    /// Channel bandwidth per direction in MHz (1.4, 3, 5, 10, 15, 20).
    public var bandwidthMHz: Double
    /// Fraction of resource elements lost to control, reference and sync signals, downlink.
    public var downlinkOverhead: Double
    /// The same for uplink (PUCCH, DMRS, SRS).
    public var uplinkOverhead: Double
    /// MIMO layers in downlink.
    public var downlinkLayers: Int
    /// MIMO layers in uplink.
    public var uplinkLayers: Int
    /// Fraction of the sector used by the public, by hour.
    public var backgroundLoad: HourlyProfile

    /// Creates a sector.
    ///
    /// Defaults: 20 MHz; overhead 0.25 DL (≈ 3 PDCCH symbols of 14 plus reference signals,
    /// ESTIMATE) and 0.15 UL (ESTIMATE); 2 DL layers (Cat 4, 2×2), 1 UL layer; background
    /// load ``defaultBackgroundLoad``.
    public init(
        bandwidthMHz: Double = 20, downlinkOverhead: Double = 0.25, uplinkOverhead: Double = 0.15,
        downlinkLayers: Int = 2, uplinkLayers: Int = 1, backgroundLoad: HourlyProfile = LTECell.defaultBackgroundLoad
    ) {
        precondition(Self.resourceBlocks(bandwidthMHz: bandwidthMHz) != nil, "LTE bandwidth \(bandwidthMHz) MHz not defined")
        precondition((0..<1).contains(downlinkOverhead) && (0..<1).contains(uplinkOverhead))
        precondition(downlinkLayers >= 1 && uplinkLayers >= 1 && backgroundLoad.isFraction)
        self.bandwidthMHz = bandwidthMHz
        self.downlinkOverhead = downlinkOverhead
        self.uplinkOverhead = uplinkOverhead
        self.downlinkLayers = downlinkLayers
        self.uplinkLayers = uplinkLayers
        self.backgroundLoad = backgroundLoad
    }

    /// **ESTIMATE** (no measured source): public load on an urban macro sector — 0.2 at
    /// night, 0.4 in the morning, 0.5 during school hours, 0.6 at lunch (12–13 h), 0.7 in
    /// the evening peak (19–22 h). Replace with operator data where available.
    public static let defaultBackgroundLoad = HourlyProfile([
        0.3, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.4,  // 00–07
        0.5, 0.5, 0.5, 0.5, 0.6, 0.5, 0.5, 0.5,  // 08–15
        0.5, 0.6, 0.6, 0.7, 0.7, 0.7, 0.7, 0.5,  // 16–23
    ])

    /// Resource blocks for an LTE channel bandwidth (TS 36.101 Table 5.6-1), nil if undefined.
    public static func resourceBlocks(bandwidthMHz: Double) -> Int? {
        switch bandwidthMHz {
        case 1.4: 6
        case 3: 15
        case 5: 25
        case 10: 50
        case 15: 75
        case 20: 100
        default: nil
        }
    }

    /// The rate device at `cqi` would get with the whole school share of the sector.
    public func capacity(direction: MediaDirection, hour: Int, referenceCQI cqi: Int = 15) -> DataRate {
        let prb = Double(Self.resourceBlocks(bandwidthMHz: bandwidthMHz)!)
        let overhead = direction == .downlink ? downlinkOverhead : uplinkOverhead
        let layers = Double(direction == .downlink ? downlinkLayers : uplinkLayers)
        let hz = prb * 180e3
        let free = 1 - backgroundLoad.value(hour: hour)
        return .bitsPerSecond(free * hz * LTECQITable.spectralEfficiency(cqi: cqi) * layers * (1 - overhead))
    }

    /// The proportional-fair (equal time) rate of a device at `cqi` among `n` active devices.
    public func proportionalFairRate(cqi: Int, activeDevices n: Int, direction: MediaDirection, hour: Int) -> DataRate {
        precondition(n >= 1)
        return capacity(direction: direction, hour: hour, referenceCQI: cqi) / Double(n)
    }

    /// The solver's consumption coefficient of a device at `cqi`: SE(reference) / SE(cqi).
    public func airtimeFactor(cqi: Int, referenceCQI: Int = 15) -> Double {
        LTECQITable.spectralEfficiency(cqi: referenceCQI) / LTECQITable.spectralEfficiency(cqi: cqi)
    }
}
