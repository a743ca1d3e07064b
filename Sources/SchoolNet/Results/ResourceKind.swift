/// What kind of thing a capacity resource is, for grouping and for the plain-language
/// "what fixes it" hint of the bottleneck ranking.
///
/// The network layer only knows resource names and groups (link names), so the kind is
/// either given by the caller (``RunResult/init(simulation:scenarioName:description:seed:clockStart:kinds:)``
/// takes a map from group name to kind, which the scenario builder knows exactly) or
/// guessed from the words in the group and resource name by ``classify(group:name:)``.
///
/// The hints are deliberately generic: the simulator knows *that* a link was full and how
/// much it carried, not what the market offers or costs. They name the usual remedies for
/// that kind of link and leave the choice to the planner.
public enum ResourceKind: String, Sendable, CaseIterable, Equatable, Codable {
    /// A school's access line (fiber, FTTH, dedicated line).
    case accessLine = "access-line"
    /// A Wi-Fi cell's shared airtime.
    case wifi
    /// A mobile cell (public LTE or local 5G) or a SIM data plan.
    case mobile
    /// Aggregation, the central egress, firewall/proxy/filter throughput.
    case egress
    /// SINET: the school's or board's link to its SINET node.
    case sinet
    /// A service endpoint (CBT server, CDN, update server).
    case service
    /// A LAN link inside the school (classroom switch, core switch, device NIC).
    case lan
    /// Anything not recognised.
    case other

    /// Guesses the kind from a resource's group (link name) and its own name.
    ///
    /// Words are matched case-insensitively, first rule winning, on `group + " " + name`:
    ///
    /// | kind | words |
    /// |---|---|
    /// | ``sinet`` | `sinet` |
    /// | ``wifi`` | `wi-fi`, `wifi`, `wlan`, `airtime`, `ap-`, ` ap` |
    /// | ``mobile`` | `lte`, `5g`, `local-5g`, `nr cell`, `cell`, `sim` |
    /// | ``egress`` | `egress`, `aggregation`, `breakout`, `firewall`, `proxy`, `utm`, `filter`, `data center`, `datacenter`, `dc ` |
    /// | ``accessLine`` | `access`, `fiber`, `fibre`, `ftth`, `uplink`, `wan`, `line` |
    /// | ``service`` | `server`, `service`, `cdn`, `cloud` |
    /// | ``lan`` | `lan`, `switch`, `class`, `nic`, `room` |
    ///
    /// - Parameters:
    ///   - group: The resource's group (its link's name).
    ///   - name: The resource's name.
    /// - Returns: The kind, ``other`` when no word matches.
    public static func classify(group: String, name: String) -> ResourceKind {
        let text = " " + (group + " " + name).lowercased() + " "
        let rules: [(ResourceKind, [String])] = [
            (.sinet, ["sinet"]),
            (.wifi, ["wi-fi", "wifi", "wlan", "airtime", "ap-", " ap "]),
            (.mobile, ["lte", "5g", "nr cell", "cell", " sim"]),
            (.egress, ["egress", "aggregation", "breakout", "firewall", "proxy", "utm", "filter",
                       "data center", "datacenter", " dc "]),
            (.accessLine, ["access", "fiber", "fibre", "ftth", "uplink", "wan", "line"]),
            (.service, ["server", "service", "cdn", "cloud"]),
            (.lan, ["lan", "switch", "class", "nic", "room"]),
        ]
        for (kind, words) in rules where words.contains(where: { text.contains($0) }) { return kind }
        return .other
    }

    /// A short noun for reports: "access line", "Wi-Fi cell", ….
    public var label: String {
        switch self {
        case .accessLine: "access line"
        case .wifi: "Wi-Fi cell"
        case .mobile: "mobile cell"
        case .egress: "central egress"
        case .sinet: "SINET link"
        case .service: "service"
        case .lan: "school LAN link"
        case .other: "link"
        }
    }

    /// The usual remedies for this kind of resource, in plain words.
    public var remedy: String {
        switch self {
        case .accessLine: "a faster access line (or a dedicated/IPoE line), or a local breakout"
        case .wifi: "more access points, or 5 GHz with 80 MHz channels"
        case .mobile: "more cell capacity or a larger data plan, or move these devices to Wi-Fi"
        case .egress: "more egress capacity at the data center, or a local breakout per school"
        case .sinet: "a faster link to the SINET node"
        case .service: "more server capacity, or spread the start times"
        case .lan: "a faster switch uplink on this segment"
        case .other: "add capacity here or move traffic off this link"
        }
    }
}
