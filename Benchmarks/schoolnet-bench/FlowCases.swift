import SchoolNet

extension BenchCase {
    /// The flow solver on a three-level tree (root → 20 aggregation links → 500 leaves)
    /// with 10,000 concurrent flows kept up by closed-loop arrivals: every completion starts
    /// a new flow on a random leaf. Two regimes: a root with spare capacity (the shared
    /// egress of a well-provisioned board: only leaves and aggregation links couple flows)
    /// and a saturated root (every flow coupled through it: the O(n)-per-event worst case).
    static let flowCases: [BenchCase] = [
        flowTree(name: "flows-10k-tree", rootGbps: 1000, summary: "10k concurrent flows, 3-level tree, root with spare capacity"),
        flowTree(name: "flows-10k-tree-saturated-root", rootGbps: 2, summary: "10k concurrent flows, 3-level tree, saturated root", quick: false),
    ]

    static func flowTree(name: String, rootGbps: Double, summary: String, quick: Bool = true) -> BenchCase {
        BenchCase(name, summary, quick: quick) { scale in
            let completions = scale == .quick ? 20_000 : 200_000
            return FlowTreeBenchmark.run(rootGbps: rootGbps, concurrent: 10_000, completions: completions, seed: 1)
        }
    }
}

/// The workload of ``BenchCase/flowCases``.
enum FlowTreeBenchmark {
    static func run(rootGbps: Double, concurrent: Int, completions: Int, seed: UInt64) -> CaseMeasurement {
        var solver = FlowSolver()
        var rng = RandomStream(seed: seed)
        let root = solver.addResource(capacity: .gigabitsPerSecond(rootGbps))
        let aggs = (0..<20).map { _ in solver.addResource(capacity: .gigabitsPerSecond(1)) }
        let leaves = (0..<500).map { _ in solver.addResource(capacity: .megabitsPerSecond(100)) }
        func start(now: SimTime) {
            let leaf = Int(rng.next() % 500)
            // Mean 1 MB, exponential; one flow in three capped at 2–20 Mbps (paced media).
            let bytes = Int64(max(1, Distribution.exponential(mean: 1e6).sample(using: &rng)))
            let capped = rng.next() % 3 == 0
            let ceiling: DataRate = capped ? .megabitsPerSecond(Double(2 + rng.next() % 19)) : .unlimited
            solver.add(hops: [Hop(leaves[leaf]), Hop(aggs[leaf / 25]), Hop(root)], bytes: .bytes(bytes),
                       ceiling: ceiling, now: now)
        }
        let stopwatch = Stopwatch()
        for _ in 0..<concurrent { start(now: .zero) }
        var done = 0
        while done < completions, let c = solver.completeNext() {
            done += 1
            start(now: c.time)
        }
        let seconds = stopwatch.elapsedSeconds
        let k = solver.counters
        return CaseMeasurement(events: UInt64(k.flowsStarted + k.flowsEnded), flows: UInt64(k.flowsEnded),
                               resolves: UInt64(k.resolves), measuredSeconds: seconds,
                               metrics: ["resolvesPerSecond": Double(k.resolves) / seconds,
                                         "fastPathFraction": Double(k.fastPaths) / Double(k.flowsStarted + k.flowsEnded),
                                         "flowsVisitedPerResolve": Double(k.resolvedFlows) / Double(max(1, k.resolves))])
    }
}
