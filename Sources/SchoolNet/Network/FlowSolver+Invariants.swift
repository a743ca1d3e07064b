extension FlowSolver {
    /// Checks the solver's state against the definition of weighted max-min fairness and
    /// its own bookkeeping; returns a description of each violation (empty when sound).
    ///
    /// Checked: each resource's load equals Σ factor × rate of its flows, and does not
    /// exceed capacity; every active flow either runs at its ceiling or has a *bottleneck* —
    /// a saturated resource on its route on which no other flow has a higher rate per unit
    /// weight (the max-min optimality condition, Bertsekas & Gallager §6.5.2); and no flow
    /// exceeds its ceiling.
    ///
    /// - Complexity: O(total flow-hops). For tests and debugging, not the hot path.
    public func invariantViolations(relativeTolerance tol: Double = 1e-6) -> [String] {
        var problems: [String] = []
        for r in 0..<capacity.count {
            var sum = 0.0
            var maxShare = 0.0
            for e in resourceEntries[r] {
                let f = Int(e >> 4), h = Int(e & 15)
                sum += hopFactor[f * Self.maxHops + h] * currentRate(f)
                maxShare = max(maxShare, currentRate(f) / weight[f])
            }
            let scale = max(capacity[r], 1)
            if abs(sum - trueLoad(r)) > tol * scale { problems.append("resource \(r): load \(trueLoad(r)) ≠ Σ rates \(sum)") }
            if sum > capacity[r] * (1 + tol) + 1e-6 { problems.append("resource \(r): load \(sum) > capacity \(capacity[r])") }
        }
        for f in 0..<active.count where active[f] {
            if currentRate(f) > ceiling[f] * (1 + tol) + 1e-6 { problems.append("flow \(f): rate \(currentRate(f)) > ceiling \(ceiling[f])") }
            if currentRate(f) >= ceiling[f] * (1 - tol) { continue }
            var hasBottleneck = false
            let base = f * Self.maxHops
            for h in 0..<Int(hopCount[f]) {
                let r = Int(hopResource[base + h])
                guard trueLoad(r) >= capacity[r] * (1 - tol) else { continue }
                var isMax = true
                for e in resourceEntries[r] {
                    let g = Int(e >> 4)
                    if currentRate(g) / weight[g] > currentRate(f) / weight[f] * (1 + tol) + 1e-9 { isMax = false; break }
                }
                if isMax { hasBottleneck = true; break }
            }
            if !hasBottleneck { problems.append("flow \(f): rate \(currentRate(f)) below ceiling with no bottleneck") }
        }
        // Groups: a flow limited by a resource is in its group (and tag heap if finite),
        // and nowhere else; others are not in any group.
        var members = ContiguousArray<Int32>(repeating: 0, count: capacity.count)
        for f in 0..<active.count where active[f] {
            let l = limiter[f]
            let inTags = tagHeaps.contains(f)
            if l >= 0 {
                members[Int(l)] += 1
                if inTags != remaining[f].isFinite { problems.append("flow \(f): tag heap membership wrong") }
                if completions.contains(f) { problems.append("flow \(f): in a group and individually scheduled") }
            } else if inTags {
                problems.append("flow \(f): in a tag heap without a limiting resource")
            }
        }
        // Pair aggregates: Σ factor × weight of each group's members per resource.
        var pairs: [Int64: Double] = [:]
        for f in 0..<active.count where active[f] && limiter[f] >= 0 {
            let base = f * Self.maxHops
            for h in 0..<Int(hopCount[f]) {
                pairs[Int64(hopResource[base + h]) << 32 | Int64(limiter[f]), default: 0] += hopFactor[base + h] * weight[f]
            }
        }
        if pairs.count != pairSlot.count { problems.append("pair aggregates: \(pairSlot.count) pairs, expected \(pairs.count)") }
        for (key, w) in pairs.sorted(by: { $0.key < $1.key }) {
            let got = pairWeight(Int(key >> 32), Int(key & 0xffff_ffff))
            if abs(got - w) > tol * max(w, 1) { problems.append("pair \(key >> 32)/\(key & 0xffff_ffff): weight \(got) ≠ \(w)") }
        }
        for r in 0..<capacity.count where members[r] != groupSize[r] {
            problems.append("resource \(r): group size \(groupSize[r]) ≠ \(members[r]) members")
        }
        return problems
    }
}
