import Testing
@testable import SchoolNet

/// The solver's per-group heaps of finish tags against a plain list.
@Suite struct TagHeapsTests {
    /// Flows moving between a few groups with random tags (many ties), re-keyed in place or
    /// removed at random: each group's minimum and its runner-up (`minKey(of:excluding:)`)
    /// are those of a plain list, ties broken by flow index.
    @Test(arguments: [41, 42] as [UInt64])
    func minimaMatchAReference(seed: UInt64) {
        var rng = RandomStream(seed: seed)
        var heaps = TagHeaps()
        let groups = 4, flows = 200
        for _ in 0..<groups { heaps.addGroup() }
        heaps.reserveFlows(flows)
        var member: [(group: Int, key: Double)?] = Array(repeating: nil, count: flows)
        for _ in 0..<20_000 {
            let f = Int(rng.next() % UInt64(flows))
            if let m = member[f], rng.next() % 2 == 0 {
                let key = Double(rng.next() % 50)
                heaps.update(f, key: key, in: m.group)
                member[f] = (m.group, key)
            } else if let m = member[f] {
                heaps.remove(f, from: m.group)
                member[f] = nil
            } else {
                let g = Int(rng.next() % UInt64(groups)), key = Double(rng.next() % 50)
                heaps.insert(f, key: key, into: g)
                member[f] = (g, key)
            }
            for g in 0..<groups {
                let inG = member.indices.filter { member[$0]?.group == g }
                    .sorted { (member[$0]!.key, $0) < (member[$1]!.key, $1) }
                #expect(heaps.count(of: g) == inG.count)
                #expect(heaps.min(of: g)?.flow == inG.first)
                if let first = inG.first {
                    #expect(heaps.minKey(of: g, excluding: first) == (inG.count > 1 ? member[inG[1]]!.key : nil))
                }
            }
            #expect(heaps.contains(f) == (member[f] != nil))
        }
    }
}
