/// Groups: flows limited by the same saturated resource, their virtual clock, finish
/// tags and pair aggregates, and the group paths that move one group's share without a
/// re-solve (see the ``FlowSolver`` doc comment for the mathematics and conditions).
extension FlowSolver {
    /// Sets `f`'s limiter code outside groups, listing flows held at their ceiling on each
    /// resource they cross.
    mutating func setLimiterCode(_ f: Int, _ l: Int32) {
        let was = limiter[f] < Self.notLimited, now = l < Self.notLimited
        limiter[f] = l
        if was == now { return }
        let base = f * Self.maxHops
        for h in 0..<Int(hopCount[f]) {
            let r = Int(hopResource[base + h])
            if now {
                heldCeilings.insert(base + h, key: -ceiling[f] / weight[f], into: r)
            } else {
                heldCeilings.remove(base + h, from: r)
            }
        }
    }

    /// Re-keys held flow `f` after its ceiling changed.
    mutating func rekeyHeld(_ f: Int) {
        let base = f * Self.maxHops
        for h in 0..<Int(hopCount[f]) {
            let r = Int(hopResource[base + h])
            heldCeilings.update(base + h, key: -ceiling[f] / weight[f], in: r)
        }
    }

    /// The highest ceiling per weight of the flows held at their ceiling on `r`, other than
    /// flow-hop slot `x` (−∞ if none).
    func highestHeldCeiling(on r: Int, excluding x: Int = -1) -> Double {
        heldCeilings.minKey(of: r, excluding: x).map { -$0 } ?? -.infinity
    }

    /// Adds `f`'s usage per unit share to the pair aggregates of group `g` (`sign` ±1),
    /// syncing a lazy pair before its aggregate changes.
    mutating func addToPairs(_ f: Int, group g: Int, sign: Int32, now: Int64) {
        let base = f * Self.maxHops
        let wf = weight[f]
        for h in 0..<Int(hopCount[f]) {
            let l = Int(hopResource[base + h])
            let key = Int64(l) << 32 | Int64(g)
            var slot: Int
            if let p = pairSlot[key] {
                slot = Int(p)
                if lazyPair[l] == p { syncLazyPair(slot, now: now) }
            } else {
                precondition(sign > 0, "pair missing")
                if let free = freePairs.popLast() {
                    slot = Int(free)
                } else {
                    slot = pairResource.count
                    pairResource.append(0); pairGroup.append(0); pairWeight.append(0); pairCount.append(0)
                    pairIndexInGroup.append(0); pairIndexOnResource.append(0)
                    pairSeenLevel.append(0); pairSeenClock.append(0); pairSeenTime.append(0)
                }
                pairSlot[key] = Int32(slot)
                pairResource[slot] = Int32(l); pairGroup[slot] = Int32(g)
                pairWeight[slot] = 0; pairCount[slot] = 0
                pairIndexInGroup[slot] = Int32(groupPairs[g].count); groupPairs[g].append(Int32(slot))
                pairIndexOnResource[slot] = Int32(resourcePairs[l].count); resourcePairs[l].append(Int32(slot))
                if isLazy[g] && l != g {
                    // A second lazy pair on one resource is not kept: the group turns eager.
                    if lazyPair[l] >= 0 { makeEager(g, now: now) } else { addLazyPair(slot, now: now) }
                }
            }
            pairCount[slot] += sign
            pairWeight[slot] += Double(sign) * hopFactor[base + h] * wf
            let lazy = lazyPair[l] == Int32(slot)
            if pairCount[slot] == 0 {
                if lazy { lazyPair[l] = -1; lazyKeys.remove(slot, from: g) }
                pairSlot[key] = nil
                let ig = Int(pairIndexInGroup[slot])
                let lastG = groupPairs[g].removeLast()
                if ig < groupPairs[g].count { groupPairs[g][ig] = lastG; pairIndexInGroup[Int(lastG)] = Int32(ig) }
                let il = Int(pairIndexOnResource[slot])
                let lastL = resourcePairs[l].removeLast()
                if il < resourcePairs[l].count { resourcePairs[l][il] = lastL; pairIndexOnResource[Int(lastL)] = Int32(il) }
                freePairs.append(Int32(slot))
            } else if lazy {
                rekeyLazyPair(slot)
            }
        }
    }

    /// Σ factor × weight of group `g`'s members on resource `l` (0 if none).
    func pairWeight(_ l: Int, _ g: Int) -> Double {
        pairSlot[Int64(l) << 32 | Int64(g)].map { pairWeight[Int($0)] } ?? 0
    }

    /// Whether group `r`'s members cross only resources, other than `r`, that are not
    /// saturated and stay so if the share moves by `delta` (so a change of `r`'s share
    /// alone is the max-min solution).
    @inline(__always)
    func groupIsAlone(_ r: Int, delta: Double) -> Bool {
        if isLazy[r] { return lazyGroupIsAlone(r, delta: delta) }
        for p in groupPairs[r] {
            let l = Int(pairResource[Int(p)])
            if l == r { continue }
            if saturated(l) { return false }
            if trueLoad(l) + max(0, delta) * pairWeight[Int(p)] >= capacity[l] * (1 - Self.tolerance) { return false }
        }
        return true
    }

    /// Moves group `r`'s share to `newLevel` (its members' rates follow), with loads,
    /// virtual clock, completion entry and observer.
    mutating func moveGroupLevel(_ r: Int, to newLevel: Double, now: Int64) {
        advanceClock(r, now: now)
        makeLazyIfWorthIt(r, now: now)
        let delta = newLevel - level[r]
        if !isLazy[r] {
            for p in groupPairs[r] {
                let l = Int(pairResource[Int(p)])
                if l == r { continue }
                setLoad(l, max(0, load[l] + delta * pairWeight[Int(p)]))
                observer.resourceUpdated(l, load: load[l], saturated: saturated(l), flows: resourceEntries[l].count, at: now)
            }
        }
        level[r] = newLevel
        setFull(r, now: now)
        scheduleGroup(r, now: now)
        observer.resourceUpdated(r, load: load[r], saturated: saturated(r), flows: resourceEntries[r].count, at: now)
        counters.groupUpdates += 1
    }

    /// `f`'s rate now: its group's share times its weight if a resource limits it.
    @inline(__always)
    func currentRate(_ f: Int) -> Double {
        let l = limiter[f]
        return l >= 0 ? weight[f] * level[Int(l)] : rate[f]
    }

    /// Bytes `f` has moved since it was last settled.
    @inline(__always)
    func progress(_ f: Int, now: Int64) -> Double {
        let l = limiter[f]
        if l >= 0 { return weight[f] * (virtualTime(Int(l), at: now) - clockStart[f]) }
        return rate[f] / 8 * Double(now - lastUpdate[f]) * 1e-9
    }

    /// Resource `r`'s virtual time at `now` (bytes per unit weight).
    @inline(__always)
    func virtualTime(_ r: Int, at now: Int64) -> Double {
        let l = level[r]
        guard l.isFinite && l > 0 && now > clockTime[r] else { return clock[r] }
        return clock[r] + l / 8 * Double(now - clockTime[r]) * 1e-9
    }

    /// Brings `r`'s virtual clock to `now` at its current level (before the level changes).
    mutating func advanceClock(_ r: Int, now: Int64) {
        clock[r] = virtualTime(r, at: now)
        clockTime[r] = now
    }

    /// Makes settled `f` a member of resource `r`'s group (its limiter becomes `r`).
    mutating func joinGroup(_ f: Int, _ r: Int, now: Int64) {
        completions.remove(f)
        setLimiterCode(f, Self.notLimited)
        limiter[f] = Int32(r)
        clockStart[f] = virtualTime(r, at: now)
        groupSize[r] += 1
        addToPairs(f, group: r, sign: 1, now: now)
        if ceiling[f].isFinite { ceilingTags.insert(f, key: ceiling[f] / weight[f], into: r) }
        if remaining[f].isFinite { tagHeaps.insert(f, key: clockStart[f] + remaining[f] / weight[f], into: r) }
    }

    /// Takes settled `f` out of its group, if in one (its rate is fixed at the group's).
    mutating func leaveGroup(_ f: Int, now: Int64) {
        let l = limiter[f]
        guard l >= 0 else { return }
        let r = Int(l)
        rate[f] = weight[f] * level[r]
        tagHeaps.remove(f, from: r)
        ceilingTags.remove(f, from: r)
        groupSize[r] -= 1
        if groupSize[r] == 0 { makeEager(r, now: now) }
        addToPairs(f, group: r, sign: -1, now: now)
        limiter[f] = Self.notLimited
        if groupSize[r] == 0 {
            // Rebase the empty group's clock so it never grows without bound.
            clock[r] = 0
            clockTime[r] = now
        }
    }

    /// Puts group `r`'s next completion in the group heap.
    mutating func scheduleGroup(_ r: Int, now: Int64) {
        let l = level[r]
        guard let (_, tagv) = tagHeaps.min(of: r), l.isFinite, l > 0 else {
            groupCompletions.remove(r)
            return
        }
        let dt = max(0, tagv - virtualTime(r, at: now)) * 8 / l
        let ns = max(0, (dt * 1e9).rounded(.up))
        groupCompletions.update(r, to: ns >= 9.2e18 ? .max : now + Int64(ns))
    }

    /// Applies `f`'s new ceiling, or starts new flow `f`, by moving the share of the only
    /// saturated resource `r` on its route, when that is the whole max-min change. `f` is
    /// held at its ceiling, is a member of `r`'s group, or is new (rate 0, no limiter); the
    /// other members share what `f` and the flows not in the group leave: `f` stays held if its ceiling per weight is at most the new share, else
    /// it joins the group. Conditions as for the other group paths: if the share falls, no
    /// flow held on `r` (at its ceiling, or by another group) may be above it; if it rises,
    /// no member's ceiling may be below it; the members cross no other saturated resource,
    /// and no resource the change loads further becomes saturated.
    ///
    /// - Returns: whether it did (else nothing changed).
    /// - Complexity: O(hops × log n + P log R) for a group whose members cross P resources.
    mutating func reshareOnlyGroup(_ f: Int, now: Int64) -> Bool {
        let base = f * Self.maxHops
        var r = -1, a = 0.0, slot = -1
        for h in 0..<Int(hopCount[f]) {
            let l = Int(hopResource[base + h])
            if saturated(l) {
                if r >= 0 { return false }
                r = l
                a = hopFactor[base + h]
                slot = base + h
            }
        }
        guard r >= 0 else { return takeAlone(f, now: now) }
        let member = limiter[f] == Int32(r)
        guard member || limiter[f] < 0 else { return false }
        let others = Int(groupSize[r]) - (member ? 1 : 0)
        guard others > 0 else { return member ? leaveAlone(f, now: now) : takeAlone(f, now: now) }
        guard level[r].isFinite, level[r] > 0 else { return false }
        let L = level[r], w = weight[f], c = ceiling[f]
        let s = pairWeight(r, r)
        let sOthers = s - (member ? a * w : 0)
        let oldRate = currentRate(f)
        // Capacity of r left to the other members and f: all but the flows held elsewhere.
        let available = capacity[r] - (trueLoad(r) - L * s - (member ? 0 : a * oldRate))
        var newLevel = (available - a * c) / sOthers
        var joins = false
        if !(c / w <= newLevel) {
            newLevel = available / (sOthers + a * w)
            joins = true
        }
        guard newLevel.isFinite, newLevel > 0, sOthers > 0 else { return false }
        let newRate = joins ? w * newLevel : c
        let delta = newLevel - L
        if delta < 0 {
            if highestHeldCeiling(on: r, excluding: slot) > newLevel { return false }
            for p in resourcePairs[r] {
                let g = Int(pairGroup[Int(p)])
                if g != r && level[g] > newLevel { return false }
            }
        } else if let m = ceilingTags.minKey(of: r, excluding: f), m < newLevel {
            return false
        }
        guard groupIsAlone(r, delta: delta) else { return false }
        for h in 0..<Int(hopCount[f]) {
            let l = Int(hopResource[base + h])
            if l == r { continue }
            let grow = hopFactor[base + h] * (newRate - oldRate) + max(0, delta) * pairWeight(l, r)
            if grow > 0 && trueLoad(l) + grow >= capacity[l] * (1 - Self.tolerance) { return false }
        }
        settle(f, now: now)
        if member { leaveGroup(f, now: now) }
        moveGroupLevel(r, to: newLevel, now: now)
        for h in 0..<Int(hopCount[f]) {
            let l = Int(hopResource[base + h])
            if l != r { setLoad(l, max(0, load[l] + hopFactor[base + h] * (newRate - oldRate))) }
        }
        rate[f] = newRate
        if joins {
            joinGroup(f, r, now: now)
            scheduleGroup(r, now: now)
        } else {
            setLimiterCode(f, ceilingKind[f])
            scheduleCompletion(f, now: now)
        }
        notifyHops(f, now: now)
        return true
    }

    /// Gives `f` (new, or held at its ceiling, on no saturated resource with other members)
    /// everything its tightest resource `r` has left, when that ceiling is more than `f`
    /// can get: `r` saturates with `f` its group's only member. Exact when every other
    /// flow on `r` is held (at its ceiling or by another group) at a share no higher than
    /// `f`'s, and `f`'s other resources keep spare capacity.
    ///
    /// - Returns: whether it did (else nothing changed).
    mutating func takeAlone(_ f: Int, now: Int64) -> Bool {
        guard limiter[f] < 0 else { return false }
        let base = f * Self.maxHops
        let w = weight[f], oldRate = rate[f]
        var r = -1, slot = -1, share = Double.infinity
        for h in 0..<Int(hopCount[f]) {
            let l = Int(hopResource[base + h])
            if saturated(l) && groupSize[l] > 0 { return false }
            let most = (capacity[l] - trueLoad(l)) / hopFactor[base + h] + oldRate
            if most < share { share = most; r = l; slot = base + h }
        }
        let newLevel = share / w
        guard r >= 0, newLevel.isFinite, newLevel > 0, ceiling[f] / w > newLevel,
              highestHeldCeiling(on: r, excluding: slot) <= newLevel else { return false }
        for p in resourcePairs[r] where level[Int(pairGroup[Int(p)])] > newLevel { return false }
        for h in 0..<Int(hopCount[f]) {
            let l = Int(hopResource[base + h])
            if l != r && trueLoad(l) + hopFactor[base + h] * (share - oldRate) >= capacity[l] * (1 - Self.tolerance) { return false }
        }
        settle(f, now: now)
        if groupSize[r] == 0 { clock[r] = 0; clockTime[r] = now } else { advanceClock(r, now: now) }
        for h in 0..<Int(hopCount[f]) {
            let l = Int(hopResource[base + h])
            setLoad(l, max(0, load[l] + hopFactor[base + h] * (share - oldRate)))
        }
        setFull(r, now: now)
        level[r] = newLevel
        rate[f] = share
        joinGroup(f, r, now: now)
        scheduleGroup(r, now: now)
        notifyHops(f, now: now)
        counters.groupUpdates += 1
        return true
    }

    /// `f`, the only member of its group, drops to its new ceiling below the share: its
    /// resource has spare capacity again and no other flow there was limited by it.
    mutating func leaveAlone(_ f: Int, now: Int64) -> Bool {
        let r = Int(limiter[f]), c = ceiling[f]
        guard c / weight[f] < level[r] else { return false }
        let oldRate = currentRate(f)
        settle(f, now: now)
        leaveGroup(f, now: now)
        let base = f * Self.maxHops
        for h in 0..<Int(hopCount[f]) {
            let l = Int(hopResource[base + h])
            setLoad(l, max(0, load[l] + hopFactor[base + h] * (c - oldRate)))
        }
        level[r] = .infinity
        scheduleGroup(r, now: now)
        rate[f] = c
        setLimiterCode(f, ceilingKind[f])
        scheduleCompletion(f, now: now)
        notifyHops(f, now: now)
        counters.groupUpdates += 1
        return true
    }
}
