import Testing
@testable import SchoolNet

extension FlowSolverTests {
    /// Capacity changes of a shared medium (a Wi-Fi cell whose capacity follows its senders)
    /// through the group path give the rates, limiters and completions of full re-solves:
    /// random flows over a medium, two lines behind it and a shared uplink, with ceilings and
    /// sizes, and the medium's capacity moved between every flow event.
    @Test func capacityChangesMatchFullResolve() {
        var rng = RandomStream(seed: 11)
        var solvers = [FlowSolver(), FlowSolver()]
        solvers[1].groupPathsEnabled = false
        var resources: [[ResourceID]] = [[], []]
        for i in 0..<2 {
            resources[i] = [60, 40, 70, 90].map { solvers[i].addResource(capacity: .megabitsPerSecond($0)) }
        }
        var flows: [[FlowID]] = [[], []]
        for step in 0..<400 {
            let now = Self.t0 + .milliseconds(Double(step) * 10)
            let u = Double(rng.next() % 1000) / 1000
            if u < 0.45 || flows[0].isEmpty {
                let route = Int(rng.next() % 4)
                let ceiling = rng.next() % 3 == 0 ? DataRate.megabitsPerSecond(Double(1 + rng.next() % 30)) : .unlimited
                let bytes: ByteCount? = rng.next() % 2 == 0 ? .kilobytes(Double(100 + rng.next() % 5000)) : nil
                let w = Double(1 + rng.next() % 3)
                for i in 0..<2 {
                    let r = resources[i]
                    let hops = [[Hop(r[0])], [Hop(r[0]), Hop(r[1])], [Hop(r[0]), Hop(r[2])], [Hop(r[0], factor: 2.5), Hop(r[3])]][route]
                    flows[i].append(solvers[i].add(hops: hops, bytes: bytes, weight: w, ceiling: ceiling, now: now))
                }
            } else if u < 0.6 {
                let k = Int(rng.next() % UInt64(flows[0].count))
                for i in 0..<2 where solvers[i].isActive(flows[i][k]) { _ = solvers[i].remove(flows[i][k], now: now) }
                for i in 0..<2 { flows[i].remove(at: k) }
            } else {
                let c = DataRate.megabitsPerSecond(40 + Double(rng.next() % 400) / 10)
                for i in 0..<2 { solvers[i].setCapacity(resources[i][0], to: c, now: now) }
            }
            for (k, f) in flows[0].enumerated() where solvers[0].isActive(f) {
                let a = solvers[0].rate(of: f).bitsPerSecond, b = solvers[1].rate(of: flows[1][k]).bitsPerSecond
                #expect(abs(a - b) <= 1e-6 * max(1, b), "step \(step) flow \(k): \(a) vs \(b)")
                #expect(solvers[0].limiter(of: f) == solvers[1].limiter(of: flows[1][k]), "step \(step) flow \(k)")
            }
            #expect(solvers[0].invariantViolations().isEmpty, "step \(step)")
            // Let completions happen in both, in the same order.
            while let c0 = solvers[0].nextCompletion(), c0.time <= (now + .milliseconds(10)).nanoseconds {
                let done0 = solvers[0].completeNext()!, done1 = solvers[1].completeNext()!
                let k = flows[0].firstIndex(of: done0.flow)!
                #expect(abs(done0.time.nanoseconds - done1.time.nanoseconds) <= 1 && flows[1][k] == done1.flow, "step \(step)")
                flows[0].remove(at: k)
                flows[1].remove(at: k)
            }
        }
        #expect(solvers[0].counters.resolves < solvers[1].counters.resolves, "capacity changes took the group path")
    }
}
