/// Which way a school's traffic leaves: over SINET or a commercial ISP, per destination.
///
/// **Assumptions**: destinations are named by the scenario (e.g. `"mexcbt"`, `"cdn"`);
/// the first matching rule wins, in the order given; unmatched destinations take
/// ``defaultRoute``. No dictionary is used, so lookups are order-deterministic.
///
/// **Source**: REFERENCES.md §5
/// (SINET6, school access over a line plus VPN).
///
/// **Validated by**: `SINETAccessTests.egressPolicy`.
public struct EgressPolicy: Hashable, Sendable, Codable {
    /// An egress.
    public enum Route: String, Hashable, Sendable, Codable {
        /// Over the school's SINET access.
        case sinet
        /// Over a commercial ISP (the fiber / LTE access).
        case commercialISP
    }

    /// A per-destination rule.
    public struct Rule: Hashable, Sendable, Codable {
        /// The destination name.
        public var destination: String
        /// Its egress.
        public var route: Route
        /// Creates a rule.
        public init(destination: String, route: Route) {
            self.destination = destination
            self.route = route
        }
    }

    /// Rules in priority order.
    public var rules: [Rule]
    /// The egress of destinations without a rule.
    public var defaultRoute: Route

    /// Creates a policy.
    public init(rules: [Rule] = [], defaultRoute: Route = .commercialISP) {
        self.rules = rules
        self.defaultRoute = defaultRoute
    }

    /// The egress for `destination`.
    public func route(for destination: String) -> Route {
        rules.first { $0.destination == destination }?.route ?? defaultRoute
    }
}
