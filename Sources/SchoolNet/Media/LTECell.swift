/// A public LTE macro sector shared with background users, as per-device capacities.
///
/// Per direction the sector carries
///
///     C_i = (1 − bg(h)) × R(CQI_i)
///
/// if it served only device i, where bg(h) is the public load in hour h and R the rate of
/// the whole channel at the device's CQI (``singleDeviceRate(cqi:direction:)``), by one of
/// two link models (``LinkModel``):
///
/// - *spectral efficiency* (the default): R = N_PRB × 180 kHz × SE(CQI) × layers ×
///   (1 − overhead), SE from ``LTECQITable``;
/// - *transport blocks* (downlink; the uplink keeps the spectral-efficiency model):
///   R = layers × TBS(CQI) per 1 ms subframe, from ``LTETransportBlocks`` — the sizes already
///   leave out the control region and reference signals, so `downlinkOverhead` is not applied.
///
/// Proportional fair scheduling with static channels gives every one of N active devices
/// an equal *time* share, so device i gets C_i / N — its own rate, not the cell's
/// average: 10 devices at CQI 15 and CQI 7 finish equal transfers at different times
/// (``proportionalFairRate(cqi:activeDevices:direction:hour:)``).
///
/// ## How the solver uses it
/// One resource per direction with capacity ``capacity(direction:hour:referenceCQI:)`` =
/// C_ref. A device at CQI i crosses it with consumption coefficient C_ref / C_i
/// (``airtimeFactor(cqi:direction:referenceCQI:)``), so Σ r_i × factor_i ≤ C_ref says the
/// time shares sum to at most one; and its transfers carry the max-min weight
/// R(CQI_i) / R̄ (``shareWeight(cqi:meanRate:direction:)``, R̄ the cell's mean over the
/// CQI mix). Weighted max-min then gives r_i = w_i × λ with Σ w_i λ C_ref / C_i = C_ref,
/// i.e. r_i = C_i / N: equal time. The SIM's data cap is a further per-device ceiling
/// (``SIMDataPlan``).
///
/// **Assumptions**: FDD, the same bandwidth in each direction; static channel per device
/// (no fast-fading gain of PF); full-buffer devices share time equally (a device with
/// less to send leaves its time to the others, as max-min does); the overhead fraction
/// covers control channels (PDCCH 1–3 of 14 symbols), reference signals and
/// sync/broadcast; the public load takes a fraction of the PRBs and leaves the rest to the
/// school; the default public load profile is an **ESTIMATE** (no measured source,
/// REFERENCES.md §8; override it per scenario). A device's share weight also applies where its transfer is limited
/// elsewhere (a shared server), where a better channel then gets a proportionally larger
/// share — an approximation that matters only when a server, not the cell, is the
/// bottleneck.
///
/// **Source**: 3GPP TS 36.213 Table 7.2.3-1 (CQI); TS 36.101 Table 5.6-1 (N_PRB: 6, 15,
/// 25, 50, 75, 100 for 1.4–20 MHz); REFERENCES.md §5 (LTE: Cat 4 2×2 peak 150 Mbps DL in
/// 20 MHz; PF = equal time shares; transport block sizes), §7 (ns-3 LENA).
///
/// **Validated by**: `LTECellTests.cat4Peak`, `LTECellTests.equalTimeShare`,
/// `LTECellTests.backgroundLoad`, `LTECellTests.cqiTable`, `LTECellTests.solverGivesEqualTime`,
/// `LTECellTests.transfersFinishAtDifferentTimes`, `LTECellTests.transportBlocks`;
/// `LTEReferenceTests.proportionalFairDownlink` against ns-3 3.44 LENA's proportional-fair
/// scheduler on a 5 MHz cell (equal channels at CQI 5–15 with 1–15 devices, mixed channels,
/// table `Reference/ns3-lte/pf-downlink.tsv`): transport-block model within 5.3 % for every
/// device (worst: the CQI 5 device of the mixed cell). The spectral-efficiency model with
/// the default 25 % overhead is 22 % from those runs at worst: against the transport blocks
/// ns-3 schedules it is −31 % to −16 % at CQI 1–5, within 2 % at CQI 6–8 and 15, and +6 % to
/// +14 % at CQI 9–14 (ns-3 picks MCS 2 (CQI − 1), below the CQI's own efficiency). It stays
/// the default; `linkModel: "transportBlocks"` gives ns-3's rates.
public struct LTECell: Hashable, Sendable, Codable {
    /// How a CQI becomes a rate.
    public enum LinkModel: String, Hashable, Sendable, Codable, CaseIterable {
        /// Bandwidth × spectral efficiency × layers × (1 − overhead).
        case spectralEfficiency
        /// Transport block sizes of TS 36.213 (downlink), as ns-3 LENA schedules them.
        case transportBlocks
    }

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
    /// How a CQI becomes a rate.
    public var linkModel: LinkModel

    /// Creates a sector.
    ///
    /// Defaults: 20 MHz; overhead 0.25 DL (between a control region of 2 and of 3 symbols of
    /// 14, with reference signals: 21–29 %) and 0.15 UL (DMRS 2 of 14 symbols plus a little
    /// PUCCH), both ESTIMATE, REFERENCES.md §8; 2 DL layers (Cat 4, 2×2), 1 UL layer; background
    /// load ``defaultBackgroundLoad``; the spectral-efficiency link model.
    ///
    /// - Precondition: a bandwidth of TS 36.101 (5–20 MHz for transport blocks); overheads in
    ///   `0..<1`; at least one layer; the load a fraction below 1 every hour.
    public init(
        bandwidthMHz: Double = 20, downlinkOverhead: Double = 0.25, uplinkOverhead: Double = 0.15,
        downlinkLayers: Int = 2, uplinkLayers: Int = 1, backgroundLoad: HourlyProfile = LTECell.defaultBackgroundLoad,
        linkModel: LinkModel = .spectralEfficiency
    ) {
        precondition(Self.resourceBlocks(bandwidthMHz: bandwidthMHz) != nil, "LTE bandwidth \(bandwidthMHz) MHz not defined")
        precondition(linkModel == .spectralEfficiency || LTETransportBlocks.allocatableBlocks(bandwidthMHz: bandwidthMHz) != nil,
                     "no transport-block model for \(bandwidthMHz) MHz")
        precondition((0..<1).contains(downlinkOverhead) && (0..<1).contains(uplinkOverhead))
        precondition(downlinkLayers >= 1 && uplinkLayers >= 1 && backgroundLoad.values.allSatisfy { (0..<1).contains($0) })
        self.bandwidthMHz = bandwidthMHz
        self.downlinkOverhead = downlinkOverhead
        self.uplinkOverhead = uplinkOverhead
        self.downlinkLayers = downlinkLayers
        self.uplinkLayers = uplinkLayers
        self.backgroundLoad = backgroundLoad
        self.linkModel = linkModel
    }

    /// **ESTIMATE** (no measured source, REFERENCES.md §8): public load on an urban macro sector — 0.2 at
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

    /// The rate of the whole channel (no public load) for one device at `cqi`.
    ///
    /// - Precondition: `1 <= cqi <= 15`.
    public func singleDeviceRate(cqi: Int, direction: MediaDirection) -> DataRate {
        if direction == .downlink && linkModel == .transportBlocks {
            return LTETransportBlocks.rate(cqi: cqi, bandwidthMHz: bandwidthMHz) * Double(downlinkLayers)
        }
        let prb = Double(Self.resourceBlocks(bandwidthMHz: bandwidthMHz)!)
        let overhead = direction == .downlink ? downlinkOverhead : uplinkOverhead
        let layers = Double(direction == .downlink ? downlinkLayers : uplinkLayers)
        return .bitsPerSecond(prb * 180e3 * LTECQITable.spectralEfficiency(cqi: cqi) * layers * (1 - overhead))
    }

    /// The rate a device at `cqi` would get with the whole school share of the sector.
    public func capacity(direction: MediaDirection, hour: Int, referenceCQI cqi: Int = 15) -> DataRate {
        singleDeviceRate(cqi: cqi, direction: direction) * (1 - backgroundLoad.value(hour: hour))
    }

    /// The proportional-fair (equal time) rate of a device at `cqi` among `n` active devices.
    public func proportionalFairRate(cqi: Int, activeDevices n: Int, direction: MediaDirection, hour: Int) -> DataRate {
        precondition(n >= 1)
        return capacity(direction: direction, hour: hour, referenceCQI: cqi) / Double(n)
    }

    /// The solver's consumption coefficient of a device at `cqi`: R(reference) / R(cqi).
    public func airtimeFactor(cqi: Int, direction: MediaDirection = .downlink, referenceCQI: Int = 15) -> Double {
        singleDeviceRate(cqi: referenceCQI, direction: direction) / singleDeviceRate(cqi: cqi, direction: direction)
    }

    /// The mean single-device rate over a CQI mix (CQI → relative frequency).
    ///
    /// - Precondition: the mix is not empty and its frequencies are positive.
    public func meanRate(over mix: [Int: Double], direction: MediaDirection) -> DataRate {
        let total = mix.values.reduce(0, +)
        precondition(!mix.isEmpty && total > 0, "empty CQI mix")
        // Sorted keys: the sum does not depend on hash order.
        let sum = mix.keys.sorted().reduce(0.0) { $0 + mix[$1]! * singleDeviceRate(cqi: $1, direction: direction).bitsPerSecond }
        return .bitsPerSecond(sum / total)
    }

    /// The max-min share weight of a device at `cqi` that makes the solver's split equal
    /// time: R(cqi) / `meanRate` (about 1 on average over the cell's devices).
    public func shareWeight(cqi: Int, meanRate: DataRate, direction: MediaDirection) -> Double {
        singleDeviceRate(cqi: cqi, direction: direction) / meanRate
    }
}
