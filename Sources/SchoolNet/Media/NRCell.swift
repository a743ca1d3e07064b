/// A local 5G NR TDD cell owned by the school (no public load).
///
/// Full-time rate, TS 38.306 §4.1.2 (one carrier):
///
///     R = 1e-6 · v_layers · Q_m · f · R_max · (N_PRB · 12) / T_s^μ · (1 − OH)   [Mbps]
///
/// with R_max = 948/1024, T_s^μ = 10⁻³ / (14 · 2^μ) s, OH = 0.14 DL / 0.08 UL in FR1 and
/// 0.18 / 0.10 in FR2, f the scaling factor (1). The direction's capacity is that rate ×
/// the TDD time share (``NRTDDPattern``). For a device reporting a CQI, Q_m · R_max is
/// replaced by that CQI's efficiency from TS 38.214 Table 5.2.2.1-3 (256-QAM table, whose
/// CQI 15 is exactly 8 × 948/1024 = 7.4063), and PF with static channels gives each of N
/// active devices 1/N of the time.
///
/// ## How the solver uses it
/// As ``LTECell``: one link per direction with capacity ``capacity(direction:)`` (peak
/// efficiency), consumption coefficient ``airtimeFactor(cqi:)`` = SE_peak / SE_cqi, and a
/// per-device ceiling ``proportionalFairRate(cqi:activeDevices:direction:)`` for the
/// equal-time split.
///
/// **Assumptions**: one carrier, scaling factor f = 1, the same layers for every device in
/// a direction, the TS 38.306 overhead fractions stand for all control/reference overhead,
/// no public load (the school owns the cell).
///
/// **Source**: 3GPP TS 38.306 §4.1.2; TS 38.101-1 Table 5.3.2-1 and TS 38.101-2 Table
/// 5.3.2-1 (N_PRB); TS 38.214 Table 5.2.2.1-3; REFERENCES.md §5 (local 5G rows, [COMPUTED]).
///
/// **Validated by**: `NRCellTests.peakFullTime`, `NRCellTests.dddsuSplit`,
/// `NRCellTests.dsuuuSplit`, `NRCellTests.fr2Peak`, `NRCellTests.proportionalFair`.
public struct NRCell: Hashable, Sendable, Codable {
    /// Subcarrier spacing numerology μ (15 kHz × 2^μ): 0, 1 (30 kHz), 2, 3 (120 kHz).
    public var numerology: Int
    /// Resource blocks of the carrier.
    public var resourceBlocks: Int
    /// True for FR2 (mmWave), which selects the FR2 overhead fractions.
    public var isFR2: Bool
    /// The TDD pattern.
    public var pattern: NRTDDPattern
    /// Downlink MIMO layers.
    public var downlinkLayers: Int
    /// Uplink MIMO layers.
    public var uplinkLayers: Int
    /// Downlink maximum modulation order Q_m (8 = 256-QAM).
    public var downlinkModulationOrder: Int
    /// Uplink maximum modulation order Q_m (6 = 64-QAM, 8 = 256-QAM).
    public var uplinkModulationOrder: Int

    /// Creates a cell.
    ///
    /// Defaults: n79-like 100 MHz at 30 kHz (273 PRB), DDDSU, 4 DL layers at 256-QAM,
    /// 2 UL layers at 64-QAM (a common UE capability; REFERENCES.md §5's UL figures match it).
    public init(
        numerology: Int = 1, resourceBlocks: Int = 273, isFR2: Bool = false, pattern: NRTDDPattern = .dddsu,
        downlinkLayers: Int = 4, uplinkLayers: Int = 2, downlinkModulationOrder: Int = 8, uplinkModulationOrder: Int = 6
    ) {
        precondition((0...3).contains(numerology) && resourceBlocks > 0)
        precondition(downlinkLayers >= 1 && uplinkLayers >= 1)
        precondition([2, 4, 6, 8].contains(downlinkModulationOrder) && [2, 4, 6, 8].contains(uplinkModulationOrder))
        self.numerology = numerology
        self.resourceBlocks = resourceBlocks
        self.isFR2 = isFR2
        self.pattern = pattern
        self.downlinkLayers = downlinkLayers
        self.uplinkLayers = uplinkLayers
        self.downlinkModulationOrder = downlinkModulationOrder
        self.uplinkModulationOrder = uplinkModulationOrder
    }

    /// The maximum transmission bandwidth configuration N_RB (TS 38.101-1/-2 Table 5.3.2-1),
    /// nil where undefined.
    public static func maximumResourceBlocks(bandwidthMHz: Int, subcarrierSpacingKHz: Int) -> Int? {
        switch (subcarrierSpacingKHz, bandwidthMHz) {
        case (15, 5): 25
        case (15, 10): 52
        case (15, 20): 106
        case (15, 40): 216
        case (15, 50): 270
        case (30, 10): 24
        case (30, 20): 51
        case (30, 40): 106
        case (30, 50): 133
        case (30, 60): 162
        case (30, 80): 217
        case (30, 100): 273
        case (60, 100): 135  // FR1; FR2 60 kHz 100 MHz is 132
        case (120, 50): 32
        case (120, 100): 66
        case (120, 200): 132
        case (120, 400): 264
        default: nil
        }
    }

    /// Code rate R_max = 948/1024.
    public static let maximumCodeRate = 948.0 / 1024.0

    /// OFDM symbol duration T_s^μ = 10⁻³ / (14 · 2^μ) (average, including cyclic prefix).
    public var symbolDuration: SimDuration { .seconds(1e-3 / (14 * Double(1 << numerology))) }

    /// The overhead fraction OH of TS 38.306 for `direction`.
    public func overhead(_ direction: MediaDirection) -> Double {
        switch (isFR2, direction) {
        case (false, .downlink): 0.14
        case (false, .uplink): 0.08
        case (true, .downlink): 0.18
        case (true, .uplink): 0.10
        }
    }

    /// The TS 38.306 rate if the whole carrier carried `direction` all the time, with
    /// efficiency `bitsPerResourceElement` per layer (Q_m × R; default: the peak Q_m × R_max).
    public func fullTimeRate(direction: MediaDirection, bitsPerResourceElement: Double? = nil) -> DataRate {
        let layers = Double(direction == .downlink ? downlinkLayers : uplinkLayers)
        let qm = Double(direction == .downlink ? downlinkModulationOrder : uplinkModulationOrder)
        let efficiency = bitsPerResourceElement ?? qm * Self.maximumCodeRate
        let ts = 1e-3 / (14 * Double(1 << numerology))
        let bps = layers * efficiency * Double(resourceBlocks * 12) / ts * (1 - overhead(direction))
        return .bitsPerSecond(bps)
    }

    /// The cell's capacity in `direction`: the peak full-time rate × the TDD time share.
    public func capacity(direction: MediaDirection) -> DataRate {
        fullTimeRate(direction: direction) * pattern.timeShare(direction)
    }

    /// The PF (equal-time) rate of a device reporting `cqi` (TS 38.214 256-QAM table) among `n`.
    ///
    /// The efficiency is capped at the direction's Q_m × R_max.
    public func proportionalFairRate(cqi: Int, activeDevices n: Int, direction: MediaDirection) -> DataRate {
        precondition(n >= 1)
        let qm = Double(direction == .downlink ? downlinkModulationOrder : uplinkModulationOrder)
        let se = min(NRCQITable.spectralEfficiency(cqi: cqi), qm * Self.maximumCodeRate)
        return fullTimeRate(direction: direction, bitsPerResourceElement: se) * pattern.timeShare(direction) / Double(n)
    }

    /// The solver's consumption coefficient of a device at `cqi`: SE_peak / SE_cqi.
    public func airtimeFactor(cqi: Int, direction: MediaDirection = .downlink) -> Double {
        let qm = Double(direction == .downlink ? downlinkModulationOrder : uplinkModulationOrder)
        let peak = qm * Self.maximumCodeRate
        return peak / min(NRCQITable.spectralEfficiency(cqi: cqi), peak)
    }
}
