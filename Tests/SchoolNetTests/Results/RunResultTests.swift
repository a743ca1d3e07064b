import Testing
@testable import SchoolNet

/// The run summary and its bottleneck ranking, on the hand-built ``TestSchool``.
@Suite struct RunResultTests {
    /// In ``TestSchool`` the uplink holds 30 devices (classes 1–3) at 21.7 Mbps for about
    /// 10 MB / 21.7 Mbps ≈ 3.7 s each (≈ 110 flow-seconds), and class 0's 150 Mbps link
    /// holds its 10 devices at 15 Mbps for ≈ 5.3 s (≈ 53 flow-seconds): the uplink ranks
    /// first, class 0's link second. The only other entry is the tail: the last class to
    /// finish is alone on the uplink for a moment and is held by its own 300 Mbps link for
    /// milliseconds (still ranked, since anything > 0 is). For whom: the uplink
    /// was the worst limiter of Lesson A's class-1 devices (10) and all 20 of Lesson B's;
    /// class 0's link of Lesson A's other 10.
    @Test func rankingOrdersBottlenecksAndCountsEntities() {
        let run = TestSchool.run()
        let names = run.bottlenecks.map(\.name)
        #expect(Array(names.prefix(2)) == ["uplink ↓", "class-0 link ↓"], "ranking was \(names)")
        #expect(run.bottlenecks.dropFirst(2).allSatisfy { $0.delaySeconds < 0.01 }, "ranking was \(names)")
        let uplink = run.bottlenecks[0]
        #expect(uplink.heldBack.map(\.name) == ["Lesson B", "Lesson A"])
        #expect(uplink.heldBack.map(\.entities) == [20, 10])
        #expect(uplink.kind == .accessLine)
        #expect(uplink.delaySeconds > 90 && uplink.delaySeconds < 130, "\(uplink.delaySeconds) flow-s")
        let class0 = run.bottlenecks[1]
        #expect(class0.heldBack.map(\.name) == ["Lesson A"])
        #expect(class0.heldBack.map(\.entities) == [10])
        #expect(class0.kind == .lan)
        #expect(class0.delaySeconds > 40 && class0.delaySeconds < 65, "\(class0.delaySeconds) flow-s")
        // Both saturate at once, soon after the start (slow start takes a few 10 ms RTTs).
        let first = uplink.firstSaturated.map(\.seconds) ?? -1
        #expect(first > 0 && first < 1, "uplink first saturated at \(first) s")
        #expect(uplink.timeSaturated.seconds > 3 && uplink.timeSaturated.seconds < 4.5)
    }

    /// Per-resource numbers agree with the closed form: the uplink carried 40 × 10 MB
    /// = 3.2 Gbit in 20 s on 800 Mbps, a mean utilisation of 0.2; its peak second is full.
    @Test func resourceSummaryMatchesTheTraffic() {
        let run = TestSchool.run()
        let uplink = run.resources.first { $0.name == "uplink ↓" }!
        #expect(abs(uplink.meanUtilisation - 0.2) < 1e-3, "\(uplink.meanUtilisation)")
        #expect(uplink.utilisation.count == 20)
        #expect(uplink.peakUtilisation > 0.99 && uplink.peakUtilisation <= 1 + 1e-9)
        #expect(uplink.peakFlows == 40)
        #expect(uplink.limitedFlowSecondsByWorkload.count == 2)
        let idle = run.resources.first { $0.name == "uplink ↑" }!
        #expect(idle.firstSaturated == nil && idle.limitedFlowSeconds == 0)
        #expect(run.duration == .seconds(20) && run.clockStart == .hours(9))
    }

    /// A session table that refused or queued connections enters the ranking by its
    /// wait-seconds plus one second per refusal, beside the links; ties go by name.
    @Test func sessionTablesRankBesideLinks() {
        let table = SessionTableResult(node: 3, name: "dc firewall", nodeKind: "appliance", limit: 100,
                                       policy: "refuse", peak: 100, queued: 0, refused: 60, waitSeconds: 0)
        let run = TestSchool.run()
        let ranked = Bottleneck.rank(resources: run.resources, sessionTables: [table], workloads: run.workloads)
        #expect(Array(ranked.map(\.name).prefix(3)) == ["uplink ↓", "dc firewall sessions", "class-0 link ↓"])
        #expect(ranked[1].kind == .egress && ranked[1].evidence.contains("60 connections refused"))
    }

    /// Kinds come from the caller's map first, then from the names.
    @Test func kindsAreGivenOrGuessed() {
        #expect(ResourceKind.classify(group: "school-3 access", name: "school-3 access ↓") == .accessLine)
        #expect(ResourceKind.classify(group: "school-3 SINET access", name: "x") == .sinet)
        #expect(ResourceKind.classify(group: "6-1 Wi-Fi", name: "6-1 Wi-Fi airtime") == .wifi)
        #expect(ResourceKind.classify(group: "board egress", name: "board egress ↑") == .egress)
        #expect(ResourceKind.classify(group: "mystery", name: "mystery") == .other)
        let sim = TestSchool.simulation()
        sim.run(until: .seconds(20))
        let run = RunResult(simulation: sim, scenarioName: "k", description: "", seed: 1, clockStart: .zero,
                            kinds: ["uplink": .sinet])
        #expect(run.bottlenecks.first?.kind == .sinet)
    }
}
