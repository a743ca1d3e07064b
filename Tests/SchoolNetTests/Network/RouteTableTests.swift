import Testing
@testable import SchoolNet

/// The route cache's index against a dictionary.
@Suite struct RouteTableTests {
    /// Random node pairs (many more than the initial 64 slots, so the table grows several
    /// times): every pair inserted is found with its route number, every other pair is not.
    @Test(arguments: [31, 32] as [UInt64])
    func agreesWithADictionary(seed: UInt64) {
        var rng = RandomStream(seed: seed)
        var table = RouteTable()
        var reference: [Int64: Int32] = [:]
        for route in 0..<5_000 {
            let s = Int32(rng.next() % 2_000), d = Int32(rng.next() % 2_000)
            let key = Int64(s) << 32 | Int64(d)
            if reference[key] == nil {
                table.insert(NodeID(Int(s)), NodeID(Int(d)), route: Int32(route))
                reference[key] = Int32(route)
            }
            let qs = Int32(rng.next() % 2_000), qd = Int32(rng.next() % 2_000)
            #expect(table[NodeID(Int(qs)), NodeID(Int(qd))] == reference[Int64(qs) << 32 | Int64(qd)])
        }
        #expect(table.count == reference.count)
        for (key, route) in reference {
            #expect(table[NodeID(Int(key >> 32)), NodeID(Int(key & 0xffff_ffff))] == route)
        }
    }
}
