/// Progressive filling on a component (the inner loops over raw buffers).
extension FlowSolver {
    /// Progressive filling: computes `newRate`, `newLimiter` for component flows and
    /// `newLevel` for component resources.
    ///
    /// Freezing a flow changes the level key of each resource on its route; those keys are
    /// marked stale and re-keyed once before the next read of the level heap, so a batch of
    /// flows frozen by one saturation costs one heap update per resource, not per flow-hop.
    /// Capped flows wait sorted by ceiling per weight; all those whose ceiling comes before
    /// the next saturation freeze as one batch.
    mutating func fill() {
        levelHeap.removeAll()
        for rr in componentResources {
            let r = Int(rr)
            residual[r] = capacity[r] - load[r]
            weightSum[r] = 0
            unfrozenOn[r] = 0
            newLevel[r] = .infinity
        }
        cappedFlows.removeAll(keepingCapacity: true)
        addComponentUsage()
        for rr in componentResources {
            let r = Int(rr)
            if unfrozenOn[r] > 0 { levelHeap.update(r, to: Self.key(residual[r] / weightSum[r])) }
        }
        cappedFlows.sort { $0.precedes($1) }
        var next = 0  // first capped entry not yet passed
        var unfrozen = componentFlows.count
        while unfrozen > 0 {
            flushDirtyLevels()
            while next < cappedFlows.count && frozen[Int(cappedFlows[next].flow)] { next += 1 }
            let tc = next < cappedFlows.count ? cappedFlows[next].level : .infinity
            let top = levelHeap.min
            let tl = top.map { Double(bitPattern: UInt64(bitPattern: $0.key)) } ?? .infinity
            if tc <= tl {
                // Freezing a capped flow below a resource's level only raises that level, so
                // every capped flow up to the lowest level freezes before any saturation:
                // one batch, one re-keying of the levels.
                precondition(tc.isFinite, "unconstrained flow in component")
                while next < cappedFlows.count && cappedFlows[next].level <= tl {
                    let f = Int(cappedFlows[next].flow)
                    next += 1
                    if frozen[f] { continue }
                    freeze(f, rate: ceiling[f], limiter: ceilingKind[f])
                    unfrozen -= 1
                }
            } else {
                let r = top!.index
                levelHeap.remove(r)
                newLevel[r] = tl
                unfrozen -= freezeAll(on: r, level: tl)
            }
        }
        flushDirtyLevels()
    }

    mutating func freeze(_ f: Int, rate r: Double, limiter l: Int32) {
        frozen[f] = true
        newRate[f] = r
        newLimiter[f] = l
        let base = f * Self.maxHops
        let wf = weight[f]
        for h in 0..<Int(hopCount[f]) {
            let res = Int(hopResource[base + h])
            let a = hopFactor[base + h]
            residual[res] -= a * r
            weightSum[res] -= a * wf
            unfrozenOn[res] -= 1
            if !isDirty[res] {
                isDirty[res] = true
                dirtyResources.append(Int32(res))
            }
        }
    }

    /// Fill set-up over raw buffers: marks component flows unfrozen, adds their current
    /// usage back to each resource's residual, sums weights and counts per resource, and
    /// collects the capped flows.
    mutating func addComponentUsage() {
        var res = ContiguousArray<Double>(), ws = ContiguousArray<Double>(), uo = ContiguousArray<Int32>()
        var fz = ContiguousArray<Bool>(), capped = ContiguousArray<CappedEntry>()
        swap(&res, &residual); swap(&ws, &weightSum); swap(&uo, &unfrozenOn)
        swap(&fz, &frozen); swap(&capped, &cappedFlows)
        defer {
            swap(&res, &residual); swap(&ws, &weightSum); swap(&uo, &unfrozenOn)
            swap(&fz, &frozen); swap(&capped, &cappedFlows)
        }
        let H = Self.maxHops
        componentFlows.withUnsafeBufferPointer { flows in
        limiter.withUnsafeBufferPointer { limiter in
        level.withUnsafeBufferPointer { level in
        rate.withUnsafeBufferPointer { rate in
        ceiling.withUnsafeBufferPointer { ceiling in
        hopResource.withUnsafeBufferPointer { hopResource in
        hopFactor.withUnsafeBufferPointer { hopFactor in
        hopCount.withUnsafeBufferPointer { hopCount in
        weight.withUnsafeBufferPointer { weight in
        capacity.withUnsafeBufferPointer { capacity in
        res.withUnsafeMutableBufferPointer { residual in
        ws.withUnsafeMutableBufferPointer { weightSum in
        uo.withUnsafeMutableBufferPointer { unfrozenOn in
        fz.withUnsafeMutableBufferPointer { frozen in
            for ff in flows {
                let f = Int(ff)
                frozen[f] = false
                let wf = weight[f], l = limiter[f]
                let rf = l >= 0 ? wf * level[Int(l)] : rate[f]  // currentRate(f)
                let base = f * H
                // The most f could get: a resource's whole capacity; a ceiling at or above
                // that never binds, so it stays out of the capped heap.
                var most = Double.infinity
                for h in 0..<Int(hopCount[f]) {
                    let r = Int(hopResource[base + h])
                    let a = hopFactor[base + h]
                    residual[r] += a * rf
                    weightSum[r] += a * wf
                    unfrozenOn[r] += 1
                    most = Swift.min(most, capacity[r] / a)
                }
                if ceiling[f] < most { capped.append(CappedEntry(level: ceiling[f] / wf, flow: ff)) }
            }
        }}}}}}}}}}}}}}
    }

    /// Freezes every unfrozen component flow on `r` at `level × weight`, limited by `r`, as
    /// ``freeze(_:rate:limiter:)`` does one by one (the fill's inner loop, over raw buffers:
    /// no uniqueness or bounds checks per flow-hop).
    ///
    /// - Returns: the number of flows frozen.
    mutating func freezeAll(on r: Int, level tl: Double) -> Int {
        var res = ContiguousArray<Double>(), ws = ContiguousArray<Double>(), uo = ContiguousArray<Int32>()
        var fz = ContiguousArray<Bool>(), nr = ContiguousArray<Double>(), nl = ContiguousArray<Int32>()
        var dirtyFlag = ContiguousArray<Bool>(), dirty = ContiguousArray<Int32>()
        swap(&res, &residual); swap(&ws, &weightSum); swap(&uo, &unfrozenOn)
        swap(&fz, &frozen); swap(&nr, &newRate); swap(&nl, &newLimiter)
        swap(&dirtyFlag, &isDirty); swap(&dirty, &dirtyResources)
        defer {
            swap(&res, &residual); swap(&ws, &weightSum); swap(&uo, &unfrozenOn)
            swap(&fz, &frozen); swap(&nr, &newRate); swap(&nl, &newLimiter)
            swap(&dirtyFlag, &isDirty); swap(&dirty, &dirtyResources)
        }
        let ep = epoch, lim = Int32(r), H = Self.maxHops
        var count = 0
        resourceEntries[r].withUnsafeBufferPointer { entries in
        mark.withUnsafeBufferPointer { mark in
        hopResource.withUnsafeBufferPointer { hopResource in
        hopFactor.withUnsafeBufferPointer { hopFactor in
        hopCount.withUnsafeBufferPointer { hopCount in
        weight.withUnsafeBufferPointer { weight in
        res.withUnsafeMutableBufferPointer { residual in
        ws.withUnsafeMutableBufferPointer { weightSum in
        uo.withUnsafeMutableBufferPointer { unfrozenOn in
        fz.withUnsafeMutableBufferPointer { frozen in
        nr.withUnsafeMutableBufferPointer { newRate in
        nl.withUnsafeMutableBufferPointer { newLimiter in
        dirtyFlag.withUnsafeMutableBufferPointer { isDirty in
            for e in entries {
                let g = Int(e >> 4)
                if mark[g] != ep || frozen[g] { continue }
                let wg = weight[g], rg = wg * tl
                frozen[g] = true
                newRate[g] = rg
                newLimiter[g] = lim
                let base = g * H
                for h in 0..<Int(hopCount[g]) {
                    let q = Int(hopResource[base + h])
                    let a = hopFactor[base + h]
                    residual[q] -= a * rg
                    weightSum[q] -= a * wg
                    unfrozenOn[q] -= 1
                    if !isDirty[q] {
                        isDirty[q] = true
                        dirty.append(Int32(q))
                    }
                }
                count += 1
            }
        }}}}}}}}}}}}}
        return count
    }

    /// Re-keys (or removes) the resources whose level changed since the last read.
    mutating func flushDirtyLevels() {
        for rr in dirtyResources {
            let res = Int(rr)
            isDirty[res] = false
            if levelHeap.contains(res) {
                if unfrozenOn[res] == 0 {
                    levelHeap.remove(res)
                } else {
                    levelHeap.update(res, to: Self.key(max(0, residual[res]) / max(weightSum[res], 1e-300)))
                }
            }
        }
        dirtyResources.removeAll(keepingCapacity: true)
    }
}

/// A capped flow waiting in progressive filling, ordered by (ceiling / weight, flow) so
/// ties break deterministically.
struct CappedEntry {
    var level: Double
    var flow: Int32

    func precedes(_ o: CappedEntry) -> Bool { level < o.level || (level == o.level && flow < o.flow) }
}
