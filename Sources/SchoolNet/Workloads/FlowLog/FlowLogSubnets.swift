/// IPv4 subnets declared in a scenario, each naming an endpoint, matched longest prefix
/// first (`10.1.6.0/24 → es/6-1` wins over `10.1.0.0/16 → es` for `10.1.6.7`).
///
/// **Assumptions**: IPv4 only; an IPv6 or otherwise unparsable address matches no subnet
/// (it is "outside": the default endpoint, or an unmapped row).
///
/// **Validated by**: `FlowLogNFDumpTests`.
public struct FlowLogSubnets: Sendable, Equatable {
    /// The declared subnets, in the order written: network address, prefix length, endpoint.
    public private(set) var entries: [(network: UInt32, prefix: Int, endpoint: String)] = []
    /// Per prefix length present (longest first): masked network → entry index.
    private var byPrefix: [(prefix: Int, table: [UInt32: Int])] = []

    /// No subnets.
    public init() {}

    /// Adds `cidr` (`"10.1.6.0/24"`) naming `endpoint`.
    ///
    /// - Throws: a description of what was expected when `cidr` is not an IPv4 CIDR or
    ///   repeats one already declared.
    public mutating func add(_ cidr: String, endpoint: String) throws(UnitParseError) {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = Self.address(String(parts[0])), let prefix = Int(parts[1]), (0...32).contains(prefix) else {
            throw UnitParseError(expected: "an IPv4 subnet such as \"10.1.6.0/24\"", found: UnitParsing.quoted(cidr))
        }
        let network = address & Self.mask(prefix)
        let i = entries.count
        if let p = byPrefix.firstIndex(where: { $0.prefix == prefix }) {
            guard byPrefix[p].table[network] == nil else {
                throw UnitParseError(expected: "each subnet once", found: "\(UnitParsing.quoted(cidr)) twice")
            }
            byPrefix[p].table[network] = i
        } else {
            byPrefix.append((prefix, [network: i]))
            byPrefix.sort { $0.prefix > $1.prefix }
        }
        entries.append((network, prefix, endpoint))
    }

    /// The endpoint of the longest subnet containing `address`, or nil.
    ///
    /// - Complexity: O(distinct prefix lengths), one hash lookup each.
    public func endpoint(for address: String) -> String? {
        guard let a = Self.address(address) else { return nil }
        for (prefix, table) in byPrefix {
            if let i = table[a & Self.mask(prefix)] { return entries[i].endpoint }
        }
        return nil
    }

    /// The mask of a prefix length.
    static func mask(_ prefix: Int) -> UInt32 { prefix == 0 ? 0 : UInt32.max << UInt32(32 - prefix) }

    /// Parses dotted-quad IPv4 (`"10.1.6.7"`); nil otherwise.
    public static func address(_ text: String) -> UInt32? {
        var value: UInt32 = 0, octet: UInt32 = 0, digits = 0, dots = 0
        for c in text.utf8 {
            if c == UInt8(ascii: ".") {
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | octet
                octet = 0; digits = 0; dots += 1
            } else if c >= 48 && c <= 57 {
                octet = octet * 10 + UInt32(c - 48)
                digits += 1
                guard octet <= 255, digits <= 3 else { return nil }
            } else {
                return nil
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        return value << 8 | octet
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.entries.elementsEqual(b.entries) { $0.network == $1.network && $0.prefix == $1.prefix && $0.endpoint == $1.endpoint }
    }
}
