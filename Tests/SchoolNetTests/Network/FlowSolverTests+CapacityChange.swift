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

    /// A capacity change of a resource that limits nobody (spare capacity before, new
    /// capacity above its load) is recorded without a re-solve: every rate, limiter and
    /// completion time stays bit for bit, no solver path runs (the counters do not move), and
    /// utilisation uses the new capacity from that instant. A change below the load, and a
    /// rise of a saturated resource, do move the rates.
    @Test func nonBindingCapacityChangeSkipsTheSolve() {
        var s = FlowSolver()
        let a = s.addResource(capacity: .megabitsPerSecond(100))  // the cell: spare capacity
        let b = s.addResource(capacity: .megabitsPerSecond(10))  // the line: saturated
        let f1 = s.add(hops: [Hop(a), Hop(b)], bytes: .megabytes(5), now: Self.t0)
        let f2 = s.add(hops: [Hop(a)], bytes: .megabytes(20), ceiling: .megabitsPerSecond(30), now: Self.t0)
        #expect(mbps(s, f1) == 10e6 && mbps(s, f2) == 30e6)
        let rates = [mbps(s, f1), mbps(s, f2)], limiters = [s.limiter(of: f1), s.limiter(of: f2)]
        let next = s.nextCompletionTime, counters = s.counters
        let t1 = Self.t0 + .seconds(1), t2 = Self.t0 + .seconds(2)
        s.setCapacity(a, to: .megabitsPerSecond(45), now: t1)  // load 40 ≤ 45: not binding
        s.setCapacity(a, to: .megabitsPerSecond(400), now: t2)  // a rise of an unsaturated resource
        #expect([mbps(s, f1), mbps(s, f2)] == rates)
        #expect([s.limiter(of: f1), s.limiter(of: f2)] == limiters)
        #expect(s.nextCompletionTime == next)
        #expect(s.counters == counters, "no solver path ran")
        #expect(s.invariantViolations().isEmpty)
        // The observer switches capacity at each instant: 100 Mbit over [0, 1 s), 45 Mbit over
        // [1 s, 2 s), 400 Mbit over [2 s, 3 s).
        #expect(s.observer.capacity(a.index, at: t1.nanoseconds - 1) == 100e6)
        #expect(s.observer.capacity(a.index, at: t1.nanoseconds) == 45e6)
        #expect(s.observer.capacity(a.index, at: t2.nanoseconds) == 400e6)
        let bits = s.observer.capacityBits(a.index, from: 0, to: (Self.t0 + .seconds(3)).nanoseconds)
        #expect(abs(bits - 545e6) <= 1e-6 * 545e6)
        // Below the load: the held flow gives way (a re-solve or a group path).
        s.setCapacity(a, to: .megabitsPerSecond(20), now: t2)
        #expect(mbps(s, f1) + mbps(s, f2) <= 20e6 * (1 + 1e-9) && mbps(s, f2) < 30e6)
        // A rise of the saturated line: its flow speeds up.
        s.setCapacity(a, to: .megabitsPerSecond(400), now: t2)
        s.setCapacity(b, to: .megabitsPerSecond(20), now: t2)
        #expect(abs(mbps(s, f1) - 20e6) <= 1e-3)
        #expect(s.invariantViolations().isEmpty)
    }
}
