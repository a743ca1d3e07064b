/// Progressive filling on a component (the inner loops over raw buffers).
extension FlowSolver {
    /// Per resource: its key in a small component's level queue, and whether it waits.
    var levelKey: Column<Int64> { fillScratch.levelKey }
    var levelWaiting: Column<Bool> { fillScratch.levelWaiting }
    /// Resources whose level key is stale (re-keyed once before the queue is read).
    var dirtyResources: Column<Int32> { fillScratch.dirtyResources }
    var isDirty: Column<Bool> { fillScratch.isDirty }
    /// The component's capped flows, sorted by (ceiling / weight, flow) for the fill.
    var cappedFlows: Column<CappedEntry> { fillScratch.cappedFlows }

    /// Progressive filling: computes `newRate`, `newLimiter` for component flows and
    /// `newLevel` for component resources.
    ///
    /// Freezing a flow changes the level key of each resource on its route; those keys are
    /// marked stale and re-keyed once before the next read of the level heap, so a batch of
    /// flows frozen by one saturation costs one heap update per resource, not per flow-hop.
    /// Capped flows wait sorted by ceiling per weight; all those whose ceiling comes before
    /// the next saturation freeze as one batch.
    mutating func fill() {
        let scan = componentResources.count <= Self.levelScanLimit
        levelHeap.removeAll()
        for rr in componentResources {
            let r = Int(rr)
            residual[r] = capacity[r] - load[r]
            weightSum[r] = 0
            unfrozenOn[r] = 0
            newLevel[r] = .infinity
            levelWaiting[r] = false
        }
        cappedFlows.removeAll(keepingCapacity: true)
        addComponentUsage()
        for rr in componentResources {
            let r = Int(rr)
            if unfrozenOn[r] > 0 {
                let k = Self.key(residual[r] / weightSum[r])
                if scan {
                    levelKey[r] = k
                    levelWaiting[r] = true
                } else {
                    levelHeap.update(r, to: k)
                }
            }
        }
        CappedEntry.sort(cappedFlows, using: fillScratch.capped)
        var next = 0  // first capped entry not yet passed
        var unfrozen = componentFlows.count
        while unfrozen > 0 {
            flushDirtyLevels(scan: scan)
            while next < cappedFlows.count && frozen[Int(cappedFlows[next].flow)] { next += 1 }
            let tc = next < cappedFlows.count ? cappedFlows[next].level : .infinity
            let top = scan ? lowestWaitingLevel() : levelHeap.min
            let tl = top.map { Double(bitPattern: UInt64(bitPattern: $0.key)) } ?? .infinity
            if tc <= tl {
                // Freezing a capped flow below a resource's level only raises that level, so
                // every capped flow up to the lowest level freezes before any saturation:
                // one batch, one re-keying of the levels.
                precondition(tc.isFinite, "unconstrained flow in component")
                let batch = freezeCapped(from: next, through: tl)
                next = batch.next
                unfrozen -= batch.frozen
            } else {
                let r = top!.index
                if scan { levelWaiting[r] = false } else { levelHeap.remove(r) }
                newLevel[r] = tl
                unfrozen -= freezeAll(on: r, level: tl)
            }
        }
        flushDirtyLevels(scan: scan)
    }

    /// Components with at most this many resources keep their waiting levels in
    /// `levelKey`/`levelWaiting` and find the lowest by a scan: cheaper than the heap's
    /// updates when few resources wait. Both give the lowest (key, resource) pair, so the
    /// fill is the same either way.
    static let levelScanLimit = 64

    /// The waiting resource with the lowest (level key, index), as the level heap's `min`
    /// would give it, found by a scan of the component's resources.
    func lowestWaitingLevel() -> (index: Int, key: Int64)? {
        let waiting = levelWaiting.base, keys = levelKey.base
        var best = -1, bestKey = Int64.max
        for rr in componentResources {
            let r = Int(rr)
            if !waiting[r] { continue }
            let k = keys[r]
            if best < 0 || k < bestKey || (k == bestKey && r < best) {
                best = r
                bestKey = k
            }
        }
        return best < 0 ? nil : (best, bestKey)
    }

    /// Fill set-up: marks component flows unfrozen, adds their current usage back to each
    /// resource's residual, sums weights and counts per resource, and collects the capped
    /// flows. Runs per flow-hop on the columns' raw pointers (no uniqueness or bounds checks).
    mutating func addComponentUsage() {
        let H = Self.maxHops
        let limiter = limiter.base, level = level.base, rate = rate.base, ceiling = ceiling.base
        let hopResource = hopResource.base, hopFactor = hopFactor.base, hopCount = hopCount.base
        let weight = weight.base, capacity = capacity.base
        let residual = residual.base, weightSum = weightSum.base, unfrozenOn = unfrozenOn.base
        let frozen = frozen.base, capped = cappedFlows
        let flows = componentFlows.base, flowCount = componentFlows.count
        capped.reserveCapacity(flowCount)
        for i in 0..<flowCount {
            let ff = flows[i], f = Int(ff)
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
                unfrozenOn[r] &+= 1  // wrapping: a count of flows, far below Int32.max
                most = Swift.min(most, capacity[r] / a)
            }
            if ceiling[f] < most { capped.append(CappedEntry(level: ceiling[f] / wf, flow: ff)) }
        }
    }

    /// Raw views of what freezing writes, valid only inside ``withFreezing(_:)`` (no column
    /// grows meanwhile): the fill's inner loop runs per flow-hop, so it has no uniqueness or
    /// bounds checks.
    struct Freezing {
        let hopResource: UnsafeMutablePointer<Int32>
        let hopFactor: UnsafeMutablePointer<Double>
        let hopCount: UnsafeMutablePointer<UInt8>
        let weight: UnsafeMutablePointer<Double>
        let residual: UnsafeMutablePointer<Double>
        let weightSum: UnsafeMutablePointer<Double>
        let unfrozenOn: UnsafeMutablePointer<Int32>
        let frozen: UnsafeMutablePointer<Bool>
        let newRate: UnsafeMutablePointer<Double>
        let newLimiter: UnsafeMutablePointer<Int32>
        let isDirty: UnsafeMutablePointer<Bool>
        let dirty: Column<Int32>

        /// Freezes flow `f` at rate `r`, limited by `l`: its usage leaves the residual of each
        /// resource on its route, whose level key becomes stale.
        @inline(__always)
        func freeze(_ f: Int, rate r: Double, limiter l: Int32) {
            frozen[f] = true
            newRate[f] = r
            newLimiter[f] = l
            let base = f * FlowSolver.maxHops
            let wf = weight[f]
            for h in 0..<Int(hopCount[f]) {
                let q = Int(hopResource[base + h])
                let a = hopFactor[base + h]
                residual[q] -= a * r
                weightSum[q] -= a * wf
                unfrozenOn[q] &-= 1  // wrapping: a count of flows, far below Int32.max
                if !isDirty[q] {
                    isDirty[q] = true
                    dirty.append(Int32(q))
                }
            }
        }
    }

    /// Runs `body` with the freezing handle over this solver's columns.
    ///
    /// - Complexity: O(1) set-up (pointers are read, nothing is copied).
    func withFreezing<R>(_ body: (Freezing) -> R) -> R {
        body(Freezing(hopResource: hopResource.base, hopFactor: hopFactor.base, hopCount: hopCount.base,
                      weight: weight.base, residual: residual.base, weightSum: weightSum.base,
                      unfrozenOn: unfrozenOn.base, frozen: frozen.base, newRate: newRate.base,
                      newLimiter: newLimiter.base, isDirty: isDirty.base, dirty: dirtyResources))
    }

    /// Freezes the capped flows from `cappedFlows[start]` whose ceiling per weight is at most
    /// `tl`, at their ceilings (skipping those already frozen).
    ///
    /// - Returns: the first capped entry not passed, and the number of flows frozen.
    mutating func freezeCapped(from start: Int, through tl: Double) -> (next: Int, frozen: Int) {
        let capped = cappedFlows.base, end = cappedFlows.count
        let ceiling = self.ceiling.base, kind = ceilingKind.base
        return withFreezing { fz in
            var next = start, count = 0
            while next < end && capped[next].level <= tl {
                let f = Int(capped[next].flow)
                next += 1
                if fz.frozen[f] { continue }
                fz.freeze(f, rate: ceiling[f], limiter: kind[f])
                count += 1
            }
            return (next, count)
        }
    }

    /// Freezes every unfrozen component flow on `r` at `level × weight`, limited by `r`.
    ///
    /// - Returns: the number of flows frozen.
    mutating func freezeAll(on r: Int, level tl: Double) -> Int {
        let entries = resourceEntries[r]  // shared, not copied (a handle)
        let flows = entries.base, flowCount = entries.count, mark = self.mark.base
        let ep = epoch, lim = Int32(r)
        return withFreezing { fz in
            var count = 0
            for i in 0..<flowCount {
                let g = Int(flows[i] >> 4)
                if mark[g] != ep || fz.frozen[g] { continue }
                fz.freeze(g, rate: fz.weight[g] * tl, limiter: lim)
                count += 1
            }
            return count
        }
    }

    /// Re-keys (or removes) the resources whose level changed since the last read, in the
    /// scanned queue (`scan`) or the heap.
    mutating func flushDirtyLevels(scan: Bool) {
        for rr in dirtyResources {
            let res = Int(rr)
            isDirty[res] = false
            if scan {
                if levelWaiting[res] {
                    if unfrozenOn[res] == 0 {
                        levelWaiting[res] = false
                    } else {
                        levelKey[res] = Self.key(max(0, residual[res]) / max(weightSum[res], 1e-300))
                    }
                }
            } else if levelHeap.contains(res) {
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

    @inline(__always)
    func precedes(_ o: CappedEntry) -> Bool { level < o.level || (level == o.level && flow < o.flow) }

    /// Scratch storage of ``sort(_:using:)``, kept across calls (no allocation per sort):
    /// per flow index its level and bucket while a sort runs, and a bitmap of flow indices
    /// (all zero between sorts).
    struct Scratch {
        let level = Column<Double>()
        let bucket = Column<UInt8>()
        let bitmap = Column<UInt64>()
    }

    /// Sorts `a` by ``precedes(_:)`` in place.
    static func sort(_ a: Column<CappedEntry>) { sort(a, using: Scratch()) }

    /// Sorts `a` by ``precedes(_:)`` in place. The order is total (flows are distinct), so
    /// any correct sort gives the same array; which one runs is a matter of speed:
    /// - at most ``maxBuckets`` distinct levels, on flow indices spread over no more than
    ///   about 64 × count (a component's capped flows mostly share a few ceilings:
    ///   slow-start steps, stream bitrates): ``bucketSort(_:using:)``, O(n × levels) at
    ///   worst and about O(n) in practice;
    /// - otherwise a quicksort (median of three, insertion sort below 16 entries) on the
    ///   raw buffer, with no allocation — the standard library's stable sort allocates a
    ///   merge buffer on each of the thousands of re-solves.
    ///
    /// - Precondition: the flows of `a` are distinct and non-negative.
    static func sort(_ a: Column<CappedEntry>, using scratch: Scratch) {
        guard a.count > 1 else { return }
        if a.count >= 16 && bucketSort(a, using: scratch) { return }
        a.withUnsafeMutableBufferPointer { h in
            var depth = 0
            var n = h.count
            while n > 1 { depth += 2; n >>= 1 }
            quicksort(h, 0, h.count - 1, depth: depth)
        }
    }

    /// The most distinct levels ``bucketSort(_:using:)`` takes.
    static let maxBuckets = 32

    /// Sorts `a` by level, then flow, without comparing entries: the distinct levels are
    /// ranked (levels equal under `==` share a bucket, as ``precedes(_:)`` treats them as
    /// equal), the flows visited in increasing index through a bitmap, and each written
    /// to the next slot of its level's range.
    ///
    /// - Returns: whether it sorted — false (with `a` untouched) when there are more than
    ///   ``maxBuckets`` distinct levels or the flow indices span more than 64 × (count + 16).
    static func bucketSort(_ a: Column<CappedEntry>, using scratch: Scratch) -> Bool {
        let n = a.count
        var lowest = Int.max, highest = -1
        a.withUnsafeMutableBufferPointer { h in
            for e in h {
                lowest = Swift.min(lowest, Int(e.flow))
                highest = Swift.max(highest, Int(e.flow))
            }
        }
        let firstWord = lowest >> 6, lastWord = highest >> 6
        if lastWord - firstWord + 1 > n + 16 { return false }
        if scratch.level.count <= highest {
            let grow = Swift.max(highest + 1 - scratch.level.count, scratch.level.count)
            scratch.level.append(0, count: grow)
            scratch.bucket.append(0, count: grow)
        }
        if scratch.bitmap.count <= lastWord {
            scratch.bitmap.append(0, count: Swift.max(lastWord + 1 - scratch.bitmap.count, scratch.bitmap.count))
        }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: maxBuckets) { levelBuffer in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * maxBuckets) { countBuffer in
                let levels = levelBuffer.baseAddress!, counts = countBuffer.baseAddress!
                let h = a.base, flowLevel = scratch.level.base, flowBucket = scratch.bucket.base
                // The distinct levels, in order of first appearance, and each flow's.
                var distinct = 0, last = 0
                for i in 0..<n {
                    let x = h[i].level
                    if distinct == 0 || levels[last] != x {
                        var d = -1
                        for k in 0..<distinct where levels[k] == x {
                            d = k
                            break
                        }
                        if d < 0 {
                            if distinct == maxBuckets { return false }
                            d = distinct
                            levels[d] = x
                            counts[d] = 0
                            distinct += 1
                        }
                        last = d
                    }
                    let f = Int(h[i].flow)
                    flowLevel[f] = x
                    flowBucket[f] = UInt8(last)
                    counts[last] += 1
                }
                // The buckets by level (insertion sort of at most maxBuckets), then each
                // bucket's first slot.
                let order = counts + maxBuckets
                for k in 0..<distinct {
                    var m = k
                    while m > 0 && levels[k] < levels[order[m - 1]] {
                        order[m] = order[m - 1]
                        m -= 1
                    }
                    order[m] = k
                }
                var position = 0
                for m in 0..<distinct {
                    let k = order[m]
                    let size = counts[k]
                    counts[k] = position  // now the next free slot of bucket k
                    position += size
                }
                let bitmap = scratch.bitmap.base
                for i in 0..<n {
                    let f = Int(h[i].flow)
                    bitmap[f >> 6] |= 1 << UInt64(f & 63)
                }
                for w in firstWord...lastWord {
                    var bits = bitmap[w]
                    bitmap[w] = 0
                    while bits != 0 {
                        let f = w << 6 | bits.trailingZeroBitCount
                        bits &= bits &- 1
                        let k = Int(flowBucket[f])
                        h[counts[k]] = CappedEntry(level: flowLevel[f], flow: Int32(f))
                        counts[k] += 1
                    }
                }
                return true
            }
        }
    }

    static func quicksort(_ h: UnsafeMutableBufferPointer<CappedEntry>, _ low: Int, _ high: Int, depth: Int) {
        var lo = low, hi = high, depth = depth
        while hi - lo >= 16 {
            if depth == 0 {
                // Too many bad pivots: fall back to the library sort for this range.
                var range = UnsafeMutableBufferPointer(rebasing: h[lo...hi])
                range.sort { $0.precedes($1) }
                return
            }
            depth -= 1
            let mid = lo + (hi - lo) / 2
            if h[mid].precedes(h[lo]) { h.swapAt(mid, lo) }
            if h[hi].precedes(h[lo]) { h.swapAt(hi, lo) }
            if h[hi].precedes(h[mid]) { h.swapAt(hi, mid) }
            let pivot = h[mid]
            var i = lo, j = hi
            while i <= j {
                while h[i].precedes(pivot) { i += 1 }
                while pivot.precedes(h[j]) { j -= 1 }
                if i <= j {
                    h.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Recurse into the smaller side, loop on the larger (O(log n) stack).
            if j - lo < hi - i {
                quicksort(h, lo, j, depth: depth)
                lo = i
            } else {
                quicksort(h, i, hi, depth: depth)
                hi = j
            }
        }
        if hi <= lo { return }
        for k in (lo + 1)...hi {
            let x = h[k]
            var m = k
            while m > lo && x.precedes(h[m - 1]) {
                h[m] = h[m - 1]
                m -= 1
            }
            h[m] = x
        }
    }
}

/// The fill's scratch columns, behind one reference (a ``FlowSolver`` is a large value that
/// callers sometimes copy to read it; the scratch adds one pointer to it). Shared by copies
/// of a solver, like its ``Column``s.
final class FillScratch {
    /// Per resource: its key in a small component's level queue, and whether it waits
    /// (see ``FlowSolver/levelScanLimit``).
    let levelKey = Column<Int64>()
    let levelWaiting = Column<Bool>()
    /// Resources whose level key is stale, and the flag per resource.
    let dirtyResources = Column<Int32>()
    let isDirty = Column<Bool>()
    /// The component's capped flows, and the scratch that sorts them.
    let cappedFlows = Column<CappedEntry>()
    let capped = CappedEntry.Scratch()

    /// Makes room for one more resource.
    func addResource() {
        levelKey.append(0)
        levelWaiting.append(false)
        isDirty.append(false)
    }
}
