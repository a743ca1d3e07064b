/// Propagation: a change of one flow held at its own ceiling (or a flow ending) absorbed by
/// moving the shares of every group it reaches, in order of share, without a re-solve.
///
/// While the *bottleneck structure* holds — which resource limits each flow, which flows
/// are held at their ceilings — the group shares are the solution of one linear equation
/// per saturated resource `l` with members: `fixed_l + Σ_g S[l][g] L_g = C_l`, where
/// `S[l][g]` are the pair aggregates (Σ factor × weight of group g's members crossing l)
/// and `fixed_l` the usage of the flows held at their ceilings. A member of group `g`
/// crossing a saturated resource `l` has `L_g ≤ L_l`, so the system is triangular in the
/// order of shares: a change of flow `f`'s usage on its resources moves the share of each
/// saturated resource it crosses, whose members' changed rates move the loads, hence the
/// shares, of the resources they cross at higher shares, and so on. Visiting the reached
/// resources from the lowest share up solves it in one pass over the groups (not flows).
///
/// The result is the max-min solution iff the structure still holds, which is checked on
/// aggregates: every new share is positive; a share that fell is no lower than the ceiling
/// of any flow held on that resource (max-heap per resource) and than the share of any
/// group crossing it; a share that rose is no higher than any member's ceiling (heap per
/// group); a group's share is no higher than that of any saturated resource its members
/// cross; unsaturated resources stay unsaturated; a saturated resource without members
/// takes no extra load; and `f`'s ceiling is no higher than the new share of any saturated
/// resource it crosses. Otherwise nothing changes and the caller re-solves the component.
///
/// **Join mode.** If `f`'s new ceiling per weight is above the new share of a saturated
/// resource it crosses (or `f`'s new rate would fill a resource on its route), `f` is not
/// held in the solution: it is limited by a resource `l*` and joins its group. The pass is
/// repeated with `f` a member of `l*`: `f`'s usage on each hop first moves from its old
/// rate to `w_f × L_{l*}` (old share), `f` adds `a_{f,l*} w_f` to `S[l*][l*]` when `l*`'s
/// share is solved, and once `l*`'s change is fixed `f` adds `a_{f,m} w_f × change` to the
/// load of every other resource `m` on its route. `l*` is
/// - a saturated resource with members: first the one with the lowest held-mode share on
///   `f`'s route, then (second attempt) the one with the lowest old share other than the
///   first (ties by lower index): the held-mode shares, with `f` at its full ceiling, can
///   rank them wrongly; or
/// - an unsaturated resource without members on `f`'s route that `f`'s new rate would
///   fill: a *fresh* group, `f` its only member, whose share starts at `f`'s old rate per
///   weight and whose old share counts as +∞ for the checks (every flow held on it, at its
///   ceiling or by another group, must be at or below the new share).
/// The checks above still apply, plus: `f`'s ceiling per weight is no lower than `l*`'s new
/// share, and that share is no higher than the new share of any other saturated resource
/// with members on `f`'s route (so `l*` really limits `f`). At most two join attempts. `l*`
/// is visited right after the groups crossing it, before `f`'s other resources; any order
/// is exact (a resource reached after its share was fixed refuses), the order only decides
/// how often the pass succeeds. On commit `f` joins `l*` (``joinGroup(_:_:now:)``), new
/// flows included (`add` with a ceiling above the share, or none).
///
/// - Complexity: O(G × P + T log) for G groups reached whose members cross P resources in
///   all, and T resources touched (linear scans for the next share: G is small). Join mode
///   repeats the pass at most twice.
extension FlowSolver {
    /// Moves held (or new) flow `f` to rate `newRate` at its ceiling — or, for a flow that
    /// has just ended (already detached, rate 0), frees the capacity of the resources
    /// listed in `propagationSeeds` that were saturated before it left — by propagating
    /// the change through the groups. When `f`'s ceiling turns out to be above the new
    /// share of a saturated resource it crosses, it retries with `f` joining the group of
    /// the one that will limit it (*join mode*).
    ///
    /// - Returns: whether it did (else nothing changed).
    mutating func propagateHeldChange(_ f: Int, to newRate: Double, ended: Bool, now: Int64) -> Bool {
        defer { propagationSeeds.removeAll(keepingCapacity: true) }
        var joining = -1
        if ended || newRate.isFinite {
            switch propagationPass(f, to: newRate, ended: ended, joining: -1) {
            case .solved:
                commitPropagation(f, to: newRate, ended: ended, joining: -1, now: now)
                return true
            case .refused:
                return false
            case .joins(let l):
                joining = l
            }
        } else {
            joining = lowestSaturatedGroup(on: f, excluding: -1)
        }
        guard !ended, joining >= 0 else { return false }
        // At most two join attempts. The second joins the resource the first would fill
        // on f's route, else the saturated resource with members on f's route with the
        // lowest old share other than the first (the held-mode shares, computed with f at
        // its full ceiling, can rank them wrongly).
        for attempt in 0..<2 {
            var next = -1
            switch propagationPass(f, to: newRate, ended: false, joining: joining) {
            case .solved:
                commitPropagation(f, to: newRate, ended: false, joining: joining, now: now)
                return true
            case .joins(let l) where l != joining:
                next = l
            default:
                next = lowestSaturatedGroup(on: f, excluding: joining)
            }
            guard attempt == 0, next >= 0 else { return false }
            joining = next
        }
        return false
    }

    /// The outcome of one propagation pass.
    enum PropagationOutcome {
        /// The shares in `propagationLevel` (resources in `propagationTouched`) are the
        /// max-min solution.
        case solved
        /// Not exact under the checks: the caller re-solves.
        case refused
        /// `f` is limited by a resource, not its ceiling: retry with `f` joining this
        /// group. Held mode: `f`'s new ceiling is above the new share of a saturated
        /// resource with members it crosses (the lowest new share on `f`'s route, ties by
        /// lower index); or `f`'s new rate would fill an unsaturated resource without
        /// members on its route (a new bottleneck, `f` its only member). Join mode: the
        /// latter, for another resource than the one joined.
        case joins(Int)
    }

    /// The saturated resource with members on `f`'s route, other than `x`, with the lowest
    /// share (ties by lower index), or -1.
    func lowestSaturatedGroup(on f: Int, excluding x: Int) -> Int {
        let base = f * Self.maxHops
        var best = -1
        for h in 0..<Int(hopCount[f]) {
            let l = Int(hopResource[base + h])
            guard l != x, groupSize[l] > 0, level[l].isFinite, level[l] > 0, saturated(l) else { continue }
            if best < 0 || level[l] < level[best] || (level[l] == level[best] && l < best) { best = l }
        }
        return best
    }

    /// One propagation pass: in *held mode* (`joining` < 0) `f` moves to `newRate` at its
    /// ceiling; in *join mode* `f` becomes a member of group `joining` (its rate follows
    /// that share). Computes the new shares into `propagationLevel` and checks the
    /// bottleneck structure; changes nothing else.
    mutating func propagationPass(_ f: Int, to newRate: Double, ended: Bool, joining lj: Int) -> PropagationOutcome {
        propagationEpoch &+= 1
        if propagationEpoch == 0 {
            for i in propagationMark.indices { propagationMark[i] = 0 }
            propagationEpoch = 1
        }
        propagationTouched.removeAll(keepingCapacity: true)
        let base = f * Self.maxHops
        let hops = Int(hopCount[f])
        let oldRate = ended ? 0 : rate[f]
        let w = weight[f]
        let join = lj >= 0
        // In join mode f is first moved to the old share of its new group (w × L_old), or
        // stays at its rate if the group has no members (its share starts at f's); the
        // change of that share then moves it further, like any member.
        let fresh = join && groupSize[lj] == 0
        let joinBase = !join ? 0 : fresh ? oldRate / w : level[lj]
        let seedRate = join ? w * joinBase : newRate
        // The joined group is visited right after every group crossing its resource
        // (their shares are lower, and their changes load it) — before f's other
        // resources, whose shares f's change moves. (Any order is exact: a resource reached
        // after its share was fixed refuses; the order only decides how often it succeeds.)
        var joinKey = -Double.infinity
        if join {
            for p in resourcePairs[lj] {
                let g = Int(pairGroup[Int(p)])
                if g != lj { joinKey = max(joinKey, level[g]) }
            }
            joinKey = joinKey.nextUp
            if !fresh { joinKey = min(joinKey, level[lj]) }
        }
        var joinFactor = 0.0  // f's factor on its new group's resource
        for s in propagationSeeds { touchForPropagation(Int(s), seed: true) }
        for h in 0..<hops {
            let l = Int(hopResource[base + h])
            touchForPropagation(l, seed: false)
            propagationDelta[l] += hopFactor[base + h] * (seedRate - oldRate)
            if l == lj { joinFactor = hopFactor[base + h] }
        }
        if join {
            if fresh {
                // A new bottleneck: f's rate fills it, so it must have had spare capacity.
                if propagationState[lj] != 1 || saturated(lj) || !(joinBase >= 0) || !joinBase.isFinite { return .refused }
                propagationState[lj] = 2
            } else if propagationState[lj] != 2 {
                return .refused
            }
        }
        // Visit the queued groups from the lowest share up.
        while true {
            var next = -1, nextKey = 0.0
            for tt in propagationTouched {
                let t = Int(tt)
                guard propagationState[t] == 2 else { continue }
                let key = t == lj ? joinKey : level[t]
                if next < 0 || key < nextKey || (key == nextKey && t < next) { next = t; nextKey = key }
            }
            if next < 0 { break }
            let l = next
            let s = pairWeight(l, l) + (l == lj ? joinFactor * w : 0)
            guard s > 0 else { return .refused }
            let change = (capacity[l] - trueLoad(l) - propagationDelta[l]) / s
            let newLevel = (l == lj ? joinBase : level[l]) + change
            guard newLevel.isFinite, newLevel > 0 else { return .refused }
            propagationLevel[l] = newLevel
            propagationState[l] = 3
            for p in groupPairs[l] {
                let m = Int(pairResource[Int(p)])
                if m == l { continue }
                touchForPropagation(m, seed: false)
                if propagationState[m] == 3 { return .refused }  // reached after its share was fixed
                propagationDelta[m] += pairWeight[Int(p)] * change
            }
            if l == lj {
                // f, the new member, moves with the share on the rest of its route.
                for h in 0..<hops {
                    let m = Int(hopResource[base + h])
                    if m == l { continue }
                    if propagationState[m] == 3 { return .refused }
                    propagationDelta[m] += hopFactor[base + h] * w * change
                }
            }
        }
        let tol = Self.tolerance
        if join {
            // f is limited by its new group: its ceiling is not below the share, and no
            // other saturated resource with members on its route has a lower one.
            let share = propagationLevel[lj]
            if newRate / w < share { return .refused }
            for h in 0..<hops {
                let m = Int(hopResource[base + h])
                if m != lj && groupSize[m] > 0 && (saturated(m) || propagationState[m] == 3)
                    && share > propagatedLevel(m) * (1 + tol) { return .refused }
            }
        } else if !ended {
            // f's ceiling must be no higher than the new share of any saturated resource
            // it crosses; else it joins the lowest of them.
            var lowest = -1
            for h in 0..<hops {
                let l = Int(hopResource[base + h])
                guard propagationState[l] == 3 else { continue }
                if lowest < 0 || propagationLevel[l] < propagationLevel[lowest]
                    || (propagationLevel[l] == propagationLevel[lowest] && l < lowest) { lowest = l }
            }
            if lowest >= 0 && newRate / w > propagationLevel[lowest] * (1 + tol) { return .joins(lowest) }
        }
        // Check the structure still holds.
        for tt in propagationTouched {
            let l = Int(tt)
            if propagationState[l] != 3 {
                let d = propagationDelta[l]
                if d <= 0 { continue }
                if saturated(l) || propagationSeed[l] == propagationEpoch { return .refused }
                if trueLoad(l) + d >= capacity[l] * (1 - tol) {
                    // f's new rate fills a resource on its route: it may be the new
                    // bottleneck, f its only member.
                    if !ended && l != lj && groupSize[l] == 0 && heldSlot(f, on: l) >= 0 { return .joins(l) }
                    return .refused
                }
                continue
            }
            // A fresh group's old share is +∞ (its resource was unsaturated).
            let old = l == lj && fresh ? Double.infinity : level[l], new = propagationLevel[l]
            if new < old {
                let slot = ended ? -1 : heldSlot(f, on: l)
                if highestHeldCeiling(on: l, excluding: slot) > new * (1 + tol) { return .refused }
                for p in resourcePairs[l] {
                    let g = Int(pairGroup[Int(p)])
                    if g != l && propagatedLevel(g) > new * (1 + tol) { return .refused }
                }
            } else if let m = ceilingTags.min(of: l)?.key, m < new * (1 - tol) {
                return .refused
            }
            for p in groupPairs[l] {
                let m = Int(pairResource[Int(p)])
                if m != l && groupSize[m] > 0 && (saturated(m) || propagationState[m] == 3)
                    && new > propagatedLevel(m) * (1 + tol) { return .refused }
            }
        }
        return .solved
    }

    /// Commits a solved pass: shares (virtual clocks first), loads, the flow (held at its
    /// new ceiling, or joining group `joining`), completion times.
    mutating func commitPropagation(_ f: Int, to newRate: Double, ended: Bool, joining lj: Int, now: Int64) {
        makeAllEager(now: now)
        if !ended { settle(f, now: now) }
        if lj >= 0 && groupSize[lj] == 0 { clock[lj] = 0; clockTime[lj] = now }  // a fresh group
        for tt in propagationTouched {
            let l = Int(tt)
            if propagationState[l] == 3 {
                advanceClock(l, now: now)
                level[l] = propagationLevel[l]
                load[l] = capacity[l]
            } else {
                load[l] = max(0, load[l] + propagationDelta[l])
            }
        }
        if lj >= 0 {
            if groupSize[lj] == 0 { counters.freshJoinPropagations += 1 }
            rate[f] = weight[f] * level[lj]
            joinGroup(f, lj, now: now)
            counters.joinPropagations += 1
        } else if !ended {
            rate[f] = newRate
            setLimiterCode(f, ceilingKind[f])
            scheduleCompletion(f, now: now)
        }
        for tt in propagationTouched {
            let l = Int(tt)
            if propagationState[l] == 3 { scheduleGroup(l, now: now) }
            observer.resourceUpdated(l, load: load[l], saturated: saturated(l), flows: resourceEntries[l].count, at: now)
        }
        counters.groupUpdates += 1
    }

    /// Adds `l` to the resources the propagation touches (once), queueing it if it is a
    /// saturated resource (or a seed) whose group has members.
    mutating func touchForPropagation(_ l: Int, seed: Bool) {
        if seed { propagationSeed[l] = propagationEpoch }
        if propagationMark[l] != propagationEpoch {
            propagationMark[l] = propagationEpoch
            propagationDelta[l] = 0
            propagationState[l] = 1
            propagationTouched.append(Int32(l))
        }
        if propagationState[l] == 1 && groupSize[l] > 0 && level[l].isFinite
            && (saturated(l) || propagationSeed[l] == propagationEpoch) {
            propagationState[l] = 2
        }
    }

    /// Group `g`'s share after the propagation (its new one if it was visited).
    func propagatedLevel(_ g: Int) -> Double {
        propagationMark[g] == propagationEpoch && propagationState[g] == 3 ? propagationLevel[g] : level[g]
    }

    /// The flow-hop slot of `f` on resource `l`, or -1.
    func heldSlot(_ f: Int, on l: Int) -> Int {
        let base = f * Self.maxHops
        for h in 0..<Int(hopCount[f]) where Int(hopResource[base + h]) == l { return base + h }
        return -1
    }
}
