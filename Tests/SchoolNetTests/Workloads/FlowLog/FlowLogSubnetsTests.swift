import Testing
@testable import SchoolNet

/// Subnet parsing (IPv4, IPv6 full and compressed, IPv4-mapped) and longest-prefix
/// matching across both families; error texts verbatim.
@Suite struct FlowLogSubnetsTests {
    /// Expected 128-bit values written out group by group (RFC 4291 §2.2 examples).
    @Test(arguments: [
        ("2001:db8::1", 0x2001_0db8_0000_0000 as UInt64, 0x0000_0000_0000_0001 as UInt64),
        ("2001:0DB8:0000:0000:0008:0800:200C:417A", 0x2001_0db8_0000_0000, 0x0008_0800_200c_417a),
        ("2001:db8::8:800:200c:417a", 0x2001_0db8_0000_0000, 0x0008_0800_200c_417a),
        ("::", 0, 0),
        ("::1", 0, 1),
        ("ff01::", 0xff01_0000_0000_0000, 0),
        ("1:2:3:4:5:6:7::", 0x0001_0002_0003_0004, 0x0005_0006_0007_0000),
        ("::2:3:4:5:6:7:8", 0x0000_0002_0003_0004, 0x0005_0006_0007_0008),
        ("::ffff:10.1.6.7", 0, 0x0000_ffff_0a01_0607),
        ("64:ff9b::192.0.2.33", 0x0064_ff9b_0000_0000, 0x0000_0000_c000_0221),
    ])
    func parsesIPv6(text: String, high: UInt64, low: UInt64) {
        let a = FlowLogSubnets.ipv6(text)
        #expect(a?.high == high && a?.low == low, "\(text)")
    }

    @Test(arguments: ["", ":", ":::", "1:::2", "1::2::3", ":1::", "1::2:", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7",
                      "1:2:3:4:5:6:7:8::", "12345::", "g::1", "::1.2.3", "1.2.3.4::", "::1.2.3.4:5", "fe80::1%eth0", "1:2:3:4:5:6:7:1.2.3.4"])
    func rejectsMalformedIPv6(text: String) {
        #expect(FlowLogSubnets.ipv6(text) == nil, "\(text)")
    }

    /// One table with both families: each address matches the longest subnet of its own
    /// family; `::/0` catches every IPv6 address but no IPv4 one; IPv4-mapped is IPv4.
    @Test func longestPrefixAcrossBothFamilies() throws {
        var s = FlowLogSubnets()
        for (cidr, endpoint) in [("::/0", "internet"), ("10.1.0.0/16", "es"), ("2001:db8:1::/48", "es"), ("10.1.6.0/24", "es/6-1"),
                                 ("2001:db8:1:6::/64", "es/6-1"), ("2001:db8:1:6::7/128", "es/6-1/7"), ("0.0.0.0/0", "office")] {
            try s.add(cidr, endpoint: endpoint)
        }
        let cases: [(String, String?)] = [
            ("10.1.6.21", "es/6-1"), ("10.1.5.9", "es"), ("192.0.2.1", "office"),
            ("2001:db8:1:6::21", "es/6-1"), ("2001:db8:1:6::7", "es/6-1/7"), ("2001:0db8:0001:0005:0000:0000:0000:0009", "es"),
            ("2001:db8:2::1", "internet"), ("::ffff:10.1.6.21", "es/6-1"), ("::ffff:192.0.2.1", "office"),
            ("fe80::1%eth0", nil), ("10.1.6", nil), ("not an address", nil),
        ]
        for (address, endpoint) in cases { #expect(s.endpoint(for: address) == endpoint, "\(address)") }
        #expect(s.entries.map(\.cidr).first == "::/0")
    }

    /// Prefix 0 and the full length are both valid; host bits are ignored.
    @Test func prefixBoundsAndHostBits() throws {
        var s = FlowLogSubnets()
        try s.add("2001:db8::1/128", endpoint: "a")
        try s.add("2001:db8::1:0/112", endpoint: "b")
        try s.add("10.1.6.7/24", endpoint: "c")
        #expect(s.endpoint(for: "2001:db8::1") == "a" && s.endpoint(for: "2001:db8::2") == nil && s.endpoint(for: "2001:db8::1:ff") == "b")
        #expect(s.endpoint(for: "10.1.6.200") == "c")
    }

    /// An IPv4-mapped subnet of prefix ≥ 96 is that IPv4 subnet.
    @Test func ipv4MappedSubnetIsIPv4() throws {
        var s = FlowLogSubnets()
        try s.add("::ffff:10.1.0.0/112", endpoint: "es")
        #expect(s.endpoint(for: "10.1.200.3") == "es" && s.endpoint(for: "::ffff:10.1.200.3") == "es" && s.endpoint(for: "10.2.0.1") == nil)
    }

    @Test(arguments: [
        ("10.1.6.0", #"expected an IPv4 or IPv6 subnet such as "10.1.6.0/24" or "2001:db8:6::/48", found "10.1.6.0""#),
        ("10.1.6/24", #"expected an IPv4 or IPv6 subnet such as "10.1.6.0/24" or "2001:db8:6::/48", found "10.1.6/24""#),
        ("2001:db8::g/48", #"expected an IPv4 or IPv6 subnet such as "10.1.6.0/24" or "2001:db8:6::/48", found "2001:db8::g/48""#),
        ("10.1.6.0/33", #"expected a prefix length from 0 to 32 after the "/" of an IPv4 subnet, found "10.1.6.0/33""#),
        ("10.1.6.0/", #"expected a prefix length from 0 to 32 after the "/" of an IPv4 subnet, found "10.1.6.0/""#),
        ("2001:db8::/129", #"expected a prefix length from 0 to 128 after the "/" of an IPv6 subnet, found "2001:db8::/129""#),
        ("2001:db8::/+48", #"expected a prefix length from 0 to 128 after the "/" of an IPv6 subnet, found "2001:db8::/+48""#),
    ])
    func badCIDRMessages(cidr: String, message: String) {
        var s = FlowLogSubnets()
        do {
            try s.add(cidr, endpoint: "es")
            Issue.record("accepted \(cidr)")
        } catch {
            #expect("expected \(error.expected), found \(error.found)" == message)
        }
    }

    /// The same subnet twice, also when written differently, names both spellings.
    @Test func duplicateSubnets() throws {
        var s = FlowLogSubnets()
        try s.add("2001:db8:1::/48", endpoint: "es")
        try s.add("10.1.0.0/16", endpoint: "es")
        #expect(throws: UnitParseError(expected: "each subnet once", found: #""2001:DB8:1:0::/48", the same subnet as "2001:db8:1::/48""#)) {
            try s.add("2001:DB8:1:0::/48", endpoint: "es2")
        }
        #expect(throws: UnitParseError(expected: "each subnet once", found: #""::ffff:10.1.0.0/112", the same subnet as "10.1.0.0/16""#)) {
            try s.add("::ffff:10.1.0.0/112", endpoint: "es2")
        }
    }
}
