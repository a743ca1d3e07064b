/// A Wi-Fi cell (one AP radio and its clients) as a capacity for the flow solver.
///
/// ## How the solver uses it
/// A cell is **one link** carrying both directions (Wi-Fi is half duplex: uplink and
/// downlink frames share one medium). Give that link
///
///     capacity C = capacity(activeStations: n)          // MAC throughput at the reference PHY
///
/// and each flow f through the cell the consumption coefficient
///
///     factor_f = airtimeFactor(client: phy_f, activeStations: n) = C / e_f
///
/// where e_f = ``effectiveRate(of:activeStations:)`` is what the cell would carry if every
/// frame went at the client's PHY. The solver's constraint Σ r_f × factor_f ≤ C is then
/// Σ r_f / e_f ≤ 1 — the airtime fractions sum to at most one. A max-min (equal rate)
/// allocation under this constraint is DCF's per-packet fairness, so the **rate anomaly**
/// (Heusse et al. 2003) falls out: one slow client drags every client to ≈ 1 / Σ 1/e_j.
/// For **airtime fairness** (an AP scheduler that gives each client an equal time share,
/// ``WiFiFairness/airtime``) add a per-flow ceiling ``saturatedShares(of:)`` = e_f / n.
///
/// ## The MAC model
/// Bianchi's DCF model (``BianchiDCF``) with Ts and Tc computed from the frame exchange of
/// ``exchange(for:)``: a data PPDU carrying an A-MPDU of N subframes (each 4-byte
/// delimiter + MAC header + LLC/SNAP + MSDU + FCS, padded to 4 bytes), acknowledged by an
/// ACK (N = 1) or a compressed BlockAck (N > 1), optionally preceded by RTS/CTS; control
/// frames go at the legacy ``controlRate``. Without aggregation the fixed per-exchange
/// overhead (preamble, SIFS, ACK, DIFS, backoff ≈ 150–200 µs) caps an 802.11ax cell near
/// 50–60 Mbps whatever its PHY rate; with 64–256 subframes it approaches the PHY rate.
///
/// ## Who contends
/// Capacity depends on the number of contenders (``WiFiContention``): uplink, the stations
/// with traffic; downlink, the AP alone (one contender whatever the number of receivers: each
/// of its accesses sends one A-MPDU to one receiver); both directions, the stations and the
/// AP. ``capacityTable(stations:)`` gives every level of a cell at once. The scenario builder
/// gives that table to the classroom's resource (``Topology/setContention(_:capacities:)``)
/// and the ``Network`` sets the capacity for the senders active at each moment — the devices
/// with uplink flows, plus the AP while any flow goes down — so the model is computed once
/// per cell and level, and a change of level is a look-up (the capacity moves when the new
/// level's differs by more than 1 %, ``Network/contentionTolerance``). The slow clients' airtime factors
/// are those of the busiest level (every device and the AP; for the default cell the factor
/// moves by 6.5 % between 1 and 31 contenders).
///
/// ## Co-channel cells
/// `coChannelCells = K` APs on one channel that hear each other form one contention
/// domain: the model solves Bianchi for n × K stations and gives this cell 1 / K of the
/// resulting airtime (equal activity in each cell assumed).
///
/// **Assumptions**: saturated contenders (an active sender always has a frame waiting, so a
/// device that sends little counts as a full contender: pessimistic for light uplink
/// traffic), ideal channel (no frame errors, a fixed MCS), one traffic class (best effort,
/// EDCA AIFS 43 µs and CWmin 15 / CWmax 1023 for HT/VHT/HE; DCF for 802.11a: ``DCFTiming``),
/// equal MSDU size, every station within carrier-sense range of every other (no hidden
/// nodes), one PPDU per channel access, each client's contention overhead computed as if the
/// whole cell ran at that client's PHY (exact for a uniform cell, an approximation for mixed
/// ones), A-MPDU length limited by the Block Ack window (64 HT/VHT, 256 HE), the maximum
/// A-MPDU length and aPPDUMaxTime 5.484 ms, with a full A-MPDU always queued for the receiver.
///
/// **Packet-level effects represented**: a collision loses every frame of every sender
/// involved, the whole A-MPDU included — no capture at the AP, as with stations at equal
/// distance from it; the stations that did not send resume after AIFS (they decode the
/// nearer sender; EIFS is an option of ``DCFTiming``); a missed Block Ack is answered by
/// retransmitting the A-MPDU, which solicits the Block Ack again; binary exponential backoff
/// with 7 attempts per frame; the preamble, SIFS, ACK or compressed Block Ack and the empty
/// slot of every exchange; DCF's per-packet fairness (the rate anomaly) or, as an option,
/// airtime fairness.
///
/// **Not represented**: the explicit Block Ack Request sent after a missed Block Ack (ns-3's
/// default), which costs airtime and makes the sharing among stations unfair; capture of a
/// collision by the nearer sender, which raises goodput when stations are at different
/// distances (the model is the equal-distance, pessimistic case); the short-term unfairness
/// of saturated stations (some deliver nothing for a second while the total holds); the
/// set-up of Block Ack agreements and its failures under load; several PPDUs per TXOP,
/// A-MSDU, OFDMA and MU-MIMO; rate adaptation and frame errors; TCP acknowledgements as
/// uplink contenders; hidden stations and other cells except through ``coChannelCells``.
///
/// **Source**: Bianchi, JSAC 18(3) 2000; Heusse, Rousseau, Berger-Sabbatel, Duda, "Performance
/// Anomaly of 802.11b", IEEE INFOCOM 2003; IEEE 802.11-2020 §9.3.1.9 (BlockAck, 32 bytes with
/// a 64-bit bitmap), §9.3.1.3–4 (ACK/CTS 14 bytes, RTS 20 bytes), §9.7 (A-MPDU delimiter 4
/// bytes, 4-byte padding), Table 19-25 (aPPDUMaxTime), Table 9-19x (max A-MPDU length
/// 65 535 HT / 1 048 575 VHT / 6 500 631 HE bytes); REFERENCES.md §5 (Wi-Fi: 50–60 Mbps without
/// aggregation; capacity is airtime) and the ns-3 rows.
///
/// **Validated by**: `WiFiCellTests.ns3Reference` against ns-3 3.44 (Reference/ns3-wifi/:
/// own driver, recorded table, command to rerun): saturated UDP, 1 AP + N = 1, 5, 10, 20, 40
/// stations at equal distance, uplink (N contenders) and downlink (the AP), with and without
/// A-MPDU, 802.11ax 20 MHz 1 SS MCS 7, 802.11ax 40 MHz 2 SS MCS 9, 802.11ac 80 MHz MCS 9,
/// every station associated and every Block Ack agreement set up before the saturating
/// traffic — all 60 points within 10 % (worst −6.5 %, 802.11ac uplink without aggregation at
/// N = 40; downlink within 2.6 %); `BianchiDCFTests.ns3Legacy11aTable` and `BianchiDCFTests.ns3HETable` (ns-3's Bianchi
/// tables: worst 0.22 % for 802.11a, 1.6 % for 802.11ax); `WiFiContentionNetworkTests`
/// (a classroom's capacity follows its senders: downlink only the one-contender rate,
/// uplink the active stations', both directions one more; the slow clients' factor moves by
/// 6.5 % from 1 to 31 contenders); `WiFiCellTests.axWithoutAggregationSaturatesNear55Mbps`,
/// `WiFiCellTests.aggregationApproachesPHYRate`, `WiFiCellTests.rateAnomaly54And6`,
/// `WiFiCellTests.airtimeFairness`, `WiFiCellTests.factorsExpressAirtime`,
/// `WiFiCellTests.coChannelSharing`.
public struct WiFiCell: Hashable, Sendable, Codable {
    /// The PHY against which capacity is expressed (usually the best client's).
    public var referencePHY: WiFiPHY
    /// Channel access timing and backoff (by default the standard's: DCF for 802.11a, EDCA
    /// best effort for HT/VHT/HE).
    public var timing: DCFTiming
    /// Basic access or RTS/CTS.
    public var access: WiFiAccessMode
    /// Requested A-MPDU subframes per PPDU (1 = no aggregation); clamped by ``exchange(for:)``.
    public var aggregationSubframes: Int
    /// The MSDU (IP packet) size; throughput counts MSDU bytes.
    public var msduSize: ByteCount
    /// The legacy rate of ACK/BlockAck/RTS/CTS (an 802.11a rate; 24 Mbps is the highest
    /// mandatory basic rate in 5 GHz).
    public var controlRate: DataRate
    /// How the AP shares time among saturated clients.
    public var fairness: WiFiFairness
    /// APs sharing this channel in one contention domain (K ≥ 1).
    public var coChannelCells: Int

    /// Creates a cell.
    public init(
        referencePHY: WiFiPHY, timing: DCFTiming? = nil, access: WiFiAccessMode = .basic,
        aggregationSubframes: Int = 1, msduSize: ByteCount = .bytes(1500),
        controlRate: DataRate = .megabitsPerSecond(24), fairness: WiFiFairness = .perPacket,
        coChannelCells: Int = 1
    ) {
        precondition(aggregationSubframes >= 1 && coChannelCells >= 1 && msduSize.bytes > 0)
        self.referencePHY = referencePHY
        self.timing = timing ?? .standard(for: referencePHY.standard)
        self.access = access
        self.aggregationSubframes = aggregationSubframes
        self.msduSize = msduSize
        self.controlRate = controlRate
        self.fairness = fairness
        self.coChannelCells = coChannelCells
    }

    /// The effective MAC capacity C of the cell's link with `n` active stations (all
    /// frames at ``referencePHY``, this cell's 1/K share of a co-channel domain).
    public func capacity(activeStations n: Int) -> DataRate {
        effectiveRate(of: referencePHY, activeStations: n)
    }

    /// The throughput e of the cell if every frame used `phy`, with `n` active stations.
    public func effectiveRate(of phy: WiFiPHY, activeStations n: Int) -> DataRate {
        let k = coChannelCells
        let x = exchange(for: phy)
        let total = timing.backoff.throughput(
            stations: max(1, n) * k, slot: timing.slot, successDuration: x.successDuration,
            collisionDuration: x.collisionDuration, payload: x.payload, immediateAccess: timing.legacyDCF)
        return total / Double(k)
    }

    /// The solver's consumption coefficient for a flow of a client at `client`:
    /// C / e_client (1 for the reference PHY, > 1 for slower clients).
    public func airtimeFactor(client: WiFiPHY, activeStations n: Int) -> Double {
        capacity(activeStations: n) / effectiveRate(of: client, activeStations: n)
    }

    /// The throughput of each saturated client when all of `clients` contend.
    ///
    /// - ``WiFiFairness/perPacket``: every client gets 1 / Σ_j (1 / e_j) (equal throughput,
    ///   the rate anomaly).
    /// - ``WiFiFairness/airtime``: client i gets e_i / n (equal time).
    ///
    /// - Returns: one rate per client, in input order.
    /// - Complexity: O(n) Bianchi solutions.
    public func saturatedShares(of clients: [WiFiPHY]) -> [DataRate] {
        let n = clients.count
        guard n > 0 else { return [] }
        let rates = clients.map { effectiveRate(of: $0, activeStations: n) }
        switch fairness {
        case .perPacket:
            var timePerBit = 0.0
            for r in rates { timePerBit += 1 / r.bitsPerSecond }
            return Array(repeating: .bitsPerSecond(1 / timePerBit), count: n)
        case .airtime:
            return rates.map { $0 / Double(n) }
        }
    }
}

/// Channel access mode of a DCF station.
public enum WiFiAccessMode: String, Hashable, Sendable, Codable {
    /// DATA – ACK.
    case basic
    /// RTS – CTS – DATA – ACK.
    case rtsCts
}

/// How a cell shares time among saturated clients.
public enum WiFiFairness: String, Hashable, Sendable, Codable {
    /// DCF's default: equal transmission opportunities ⇒ equal throughput (rate anomaly).
    case perPacket
    /// An AP scheduler that gives each client an equal share of airtime.
    case airtime
}
