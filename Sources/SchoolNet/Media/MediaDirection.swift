/// The direction of traffic on an access medium, seen from the school.
///
/// `downlink` carries data towards the devices (internet → school → device), `uplink`
/// away from them. Half-duplex media (Wi-Fi) share one capacity between both; FDD LTE and
/// fiber have one capacity per direction; TDD NR splits time between them.
public enum MediaDirection: String, Hashable, Sendable, Codable, CaseIterable {
    /// Towards the devices.
    case downlink
    /// Away from the devices.
    case uplink
}
