import Foundation

/// Who contends for a Wi-Fi cell's medium in saturation.
///
/// Uplink, every station with frames to send is a contender; downlink, the AP is **one**
/// contender whatever the number of stations it sends to (it serves them from one queue
/// per access category); when both directions carry traffic the AP contends with the
/// stations.
///
/// **Validated by**: `WiFiCellTests.ns3Reference` (uplink = N contenders, downlink = 1,
/// against ns-3 3.44 in both directions; Reference/ns3-wifi/).
public struct WiFiContention: Hashable, Sendable {
    /// Stations with uplink traffic.
    public var uplinkStations: Int
    /// Whether the AP has downlink traffic.
    public var downlink: Bool

    /// Creates a contention level.
    public init(uplinkStations: Int, downlink: Bool) {
        precondition(uplinkStations >= 0)
        self.uplinkStations = uplinkStations
        self.downlink = downlink
    }

    /// The number of contenders in Bianchi's model (at least one).
    public var contenders: Int { max(1, uplinkStations + (downlink ? 1 : 0)) }
}

extension WiFiCell {
    /// The cell's capacity when `contention` contends.
    public func capacity(_ contention: WiFiContention) -> DataRate {
        capacity(activeStations: contention.contenders)
    }

    /// The cell's capacity for every contention level of a cell of `stations` stations and
    /// its AP: element k − 1 is the capacity with k contenders, k = 1 … stations + 1. Computed
    /// once per cell, so a change of contention level is a look-up.
    ///
    /// - Complexity: O(stations) Bianchi solutions.
    public func capacityTable(stations: Int) -> [DataRate] {
        (1...max(1, stations + 1)).map { capacity(activeStations: $0) }
    }
}

extension DataRate {
    /// The rate in Mbit/s to three significant figures ("427 Mbps", "80.3 Mbps", "6.45 Mbps").
    public var threeSignificantFigures: String {
        let mbps = megabitsPerSecond
        guard mbps > 0 && mbps.isFinite else { return "0 Mbps" }
        let digits = max(0, 2 - Int(Foundation.floor(Foundation.log10(mbps))))
        return String(format: "%.\(digits)f Mbps", mbps)
    }
}
