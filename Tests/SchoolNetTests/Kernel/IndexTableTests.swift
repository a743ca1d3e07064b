import Testing
@testable import SchoolNet

/// The hot-path index map against a dictionary.
@Suite struct IndexTableTests {
    /// Random inserts, replacements and removals over index-pair keys (clustered, as the
    /// solver's resource–group pairs are), many more keys than the initial 16 slots so the
    /// table grows, and long enough for removals to shift runs back: every lookup agrees
    /// with a dictionary, and so does the count.
    @Test(arguments: [31, 32, 33] as [UInt64])
    func agreesWithADictionary(seed: UInt64) {
        var rng = RandomStream(seed: seed)
        var table = IndexTable()
        var reference: [Int64: Int32] = [:]
        for step in 0..<60_000 {
            let key = Int64(rng.next() % 60) << 32 | Int64(rng.next() % 60)
            switch rng.next() % 3 {
            case 0:
                table[key] = nil
                reference[key] = nil
            default:
                table[key] = Int32(step)
                reference[key] = Int32(step)
            }
            let probe = Int64(rng.next() % 60) << 32 | Int64(rng.next() % 60)
            #expect(table[probe] == reference[probe])
            #expect(table.count == reference.count)
        }
        for (key, value) in reference { #expect(table[key] == value) }
    }
}
