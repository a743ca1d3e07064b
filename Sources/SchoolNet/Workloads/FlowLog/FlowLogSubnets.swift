/// IPv4 and IPv6 subnets declared in a scenario, each naming an endpoint, matched longest
/// prefix first (`10.1.6.0/24 → es/6-1` wins over `10.1.0.0/16 → es` for `10.1.6.7`;
/// `2001:db8:1:6::/64 → es/6-1` wins over `2001:db8:1::/48 → es` for `2001:db8:1:6::21`).
///
/// **Forms**: IPv4 dotted quads with a prefix of 0…32; IPv6 in full or `::`-compressed
/// form (RFC 4291 §2.2, hexadecimal in either case, an embedded dotted quad in the last
/// 32 bits allowed) with a prefix of 0…128. Bits beyond the prefix are ignored
/// (`10.1.6.7/24` is `10.1.6.0/24`).
///
/// **Assumptions**: the two families are separate tables: an IPv4 address matches only
/// IPv4 subnets and an IPv6 address only IPv6 ones (`::/0` is every IPv6 address, never an
/// IPv4 one). IPv4-mapped IPv6 (`::ffff:10.1.6.7`, RFC 4291 §2.5.5.2) is IPv4, both as an
/// address and as a subnet with a prefix of 96 or more (`::ffff:10.1.0.0/112` is
/// `10.1.0.0/16`). Addresses with a zone (`fe80::1%eth0`) or otherwise unparsable match no
/// subnet (they are "outside": the default endpoint, or an unmapped row).
///
/// **Validated by**: `FlowLogSubnetsTests`, `FlowLogNFDumpTests`.
public struct FlowLogSubnets: Sendable, Equatable {
    /// An IPv4 or IPv6 address or network: IPv4 in the low 32 bits of `low` (`high` 0).
    struct Address: Hashable, Sendable {
        var isIPv6: Bool
        var high: UInt64
        var low: UInt64

        /// The address with every bit past `prefix` cleared.
        func masked(_ prefix: Int) -> Address {
            guard isIPv6 else { return Address(isIPv6: false, high: 0, low: low & FlowLogSubnets.mask(prefix, width: 32)) }
            if prefix >= 64 { return Address(isIPv6: true, high: high, low: low & FlowLogSubnets.mask(prefix - 64, width: 64)) }
            return Address(isIPv6: true, high: high & FlowLogSubnets.mask(prefix, width: 64), low: 0)
        }

        /// Whether it lies in `::ffff:0:0/96` (IPv4-mapped).
        var isIPv4Mapped: Bool { isIPv6 && high == 0 && low >> 32 == 0xFFFF }
    }

    /// One declared subnet.
    public struct Entry: Sendable, Equatable {
        /// As written in the scenario.
        public var cidr: String
        /// The endpoint its addresses map to.
        public var endpoint: String
    }

    /// The declared subnets, in the order written.
    public private(set) var entries: [Entry] = []
    /// Per family and prefix length present (longest first): masked network → entry index.
    private var byPrefix: [(isIPv6: Bool, prefix: Int, table: [Address: Int])] = []

    /// No subnets.
    public init() {}

    /// Adds `cidr` (`"10.1.6.0/24"`, `"2001:db8:6::/48"`) naming `endpoint`.
    ///
    /// - Throws: what was expected and what was found, when `cidr` is not an IPv4 or IPv6
    ///   subnet, its prefix is out of range for its family, or it repeats a subnet already
    ///   declared (also written differently: `10.1.6.7/24` repeats `10.1.6.0/24`).
    /// - Complexity: O(distinct prefix lengths) to keep them ordered.
    public mutating func add(_ cidr: String, endpoint: String) throws(UnitParseError) {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, var address = Self.parse(String(parts[0]), mapping: false) else {
            throw UnitParseError(expected: "an IPv4 or IPv6 subnet such as \"10.1.6.0/24\" or \"2001:db8:6::/48\"", found: UnitParsing.quoted(cidr))
        }
        let width = address.isIPv6 ? 128 : 32
        let digits = parts[1].utf8
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }), var prefix = Int(parts[1]), prefix <= width else {
            throw UnitParseError(expected: "a prefix length from 0 to \(width) after the \"/\" of an \(address.isIPv6 ? "IPv6" : "IPv4") subnet",
                                 found: UnitParsing.quoted(cidr))
        }
        address = address.masked(prefix)
        if address.isIPv4Mapped && prefix >= 96 {
            address = Address(isIPv6: false, high: 0, low: address.low & 0xFFFF_FFFF)
            prefix -= 96
        }
        let i = entries.count
        if let p = byPrefix.firstIndex(where: { $0.isIPv6 == address.isIPv6 && $0.prefix == prefix }) {
            if let earlier = byPrefix[p].table[address] {
                let first = entries[earlier].cidr
                throw UnitParseError(expected: "each subnet once", found: first == cidr
                                     ? "\(UnitParsing.quoted(cidr)) twice"
                                     : "\(UnitParsing.quoted(cidr)), the same subnet as \(UnitParsing.quoted(first))")
            }
            byPrefix[p].table[address] = i
        } else {
            byPrefix.append((address.isIPv6, prefix, [address: i]))
            // Longest first; IPv4 before IPv6 at equal length (the families never meet).
            byPrefix.sort { ($0.prefix, $0.isIPv6 ? 1 : 0) > ($1.prefix, $1.isIPv6 ? 1 : 0) }
        }
        entries.append(Entry(cidr: cidr, endpoint: endpoint))
    }

    /// The endpoint of the longest subnet of the address's family containing `address`
    /// (IPv4, or IPv6 as nfdump prints it), or nil.
    ///
    /// - Complexity: O(distinct prefix lengths), one hash lookup each.
    public func endpoint(for address: String) -> String? {
        guard let a = Self.parse(address, mapping: true) else { return nil }
        for (isIPv6, prefix, table) in byPrefix where isIPv6 == a.isIPv6 {
            if let i = table[a.masked(prefix)] { return entries[i].endpoint }
        }
        return nil
    }

    /// The `width`-bit mask of the first `prefix` bits (`width` 32 or 64).
    static func mask(_ prefix: Int, width: Int) -> UInt64 {
        let all: UInt64 = width == 64 ? .max : (1 << UInt64(width)) - 1
        return prefix == 0 ? 0 : all & ~(all >> UInt64(prefix))
    }

    /// Parses an IPv4 or IPv6 address; with `mapping`, IPv4-mapped IPv6 becomes IPv4.
    static func parse(_ text: String, mapping: Bool) -> Address? {
        if let v4 = address(text) { return Address(isIPv6: false, high: 0, low: UInt64(v4)) }
        guard let (high, low) = ipv6(text) else { return nil }
        let a = Address(isIPv6: true, high: high, low: low)
        return mapping && a.isIPv4Mapped ? Address(isIPv6: false, high: 0, low: low & 0xFFFF_FFFF) : a
    }

    /// Parses dotted-quad IPv4 (`"10.1.6.7"`); nil otherwise.
    public static func address(_ text: String) -> UInt32? { ipv4(Substring(text).utf8) }

    static func ipv4(_ bytes: Substring.UTF8View) -> UInt32? {
        var value: UInt32 = 0, octet: UInt32 = 0, digits = 0, dots = 0
        for c in bytes {
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

    /// Parses IPv6 text (`"2001:db8::1"`, `"2001:0db8:0:0:0:0:0:1"`, `"::ffff:10.1.6.7"`)
    /// into its high and low 64 bits; nil otherwise.
    ///
    /// - Complexity: O(length).
    public static func ipv6(_ text: String) -> (high: UInt64, low: UInt64)? {
        let s = Substring(text).utf8
        let colon = UInt8(ascii: ":")
        var groups: [UInt16] = []
        groups.reserveCapacity(8)
        var gap: Int?  // where "::" stands, as a group index
        var i = s.startIndex
        if s.starts(with: [colon, colon]) {
            gap = 0
            i = s.index(i, offsetBy: 2)
        } else if s.first == colon || s.isEmpty {
            return nil
        }
        while i < s.endIndex {
            let end = s[i...].firstIndex(of: colon) ?? s.endIndex
            let field = s[i..<end]
            if field.contains(UInt8(ascii: ".")) {
                // An embedded IPv4 address: the last 32 bits.
                guard end == s.endIndex, groups.count <= 6, let v4 = ipv4(field) else { return nil }
                groups.append(UInt16(v4 >> 16))
                groups.append(UInt16(v4 & 0xFFFF))
                break
            }
            guard (1...4).contains(field.count), groups.count < 8 else { return nil }
            var g: UInt16 = 0
            for c in field {
                let d: UInt8
                switch c {
                case 48...57: d = c - 48
                case 65...70: d = c - 55
                case 97...102: d = c - 87
                default: return nil
                }
                g = g << 4 | UInt16(d)
            }
            groups.append(g)
            if end == s.endIndex { break }
            let next = s.index(after: end)
            if next < s.endIndex && s[next] == colon {
                guard gap == nil else { return nil }
                gap = groups.count
                i = s.index(after: next)
            } else {
                guard next < s.endIndex else { return nil }  // a trailing single ":"
                i = next
            }
        }
        if let gap {
            guard groups.count <= 7 else { return nil }
            groups.insert(contentsOf: repeatElement(0, count: 8 - groups.count), at: gap)
        }
        guard groups.count == 8 else { return nil }
        let high = groups[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = groups[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, low)
    }

    public static func == (a: Self, b: Self) -> Bool { a.entries == b.entries }
}
