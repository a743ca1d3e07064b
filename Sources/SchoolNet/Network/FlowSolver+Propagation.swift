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
/// **Flips.** A pass whose checks fail because *other* flows change status is repeated
/// with their new status (at most ``maxPropagationPasses`` times, ``maxPropagationFlips``
/// flows in all):
/// - a flow held at its ceiling on a resource whose share fell below that ceiling joins its
///   group (it moves to the old share first, then with the group);
/// - a member whose ceiling is below its group's risen share leaves it, held at its
///   ceiling; when every member leaves, the group *dissolves* (share +∞) provided its
///   resource is left with spare capacity;
/// - the members of a group crossing a resource whose share fell below theirs (or whose
///   share would fall to zero) *move* to that resource's group together;
/// - when the changed rates fill a resource without members, what asks most of it there is
///   limited by it: the members of the group crossing it with the highest share move
///   there, or `f` joins it (join mode), or the held flow with the highest ceiling per
///   weight; they form a *fresh* group, its share starting at their old rate per weight.
/// A group with moves out is visited after the groups they move to (their new share is the
/// lower one); the pair aggregates of members that all move are skipped.
/// Every check above applies to the flipped flows too (a joiner's or mover's ceiling is at
/// or above its new group's share, which no other share on its route — its old group's
/// included — undercuts; a leaver's ceiling is at or below every share on its route), so a
/// committed pass is still the max-min solution. The twin-solver tests
/// (`FlowSolverTests.groupPathsMatchFullResolve*`) compare every rate and completion with a
/// solver that re-solves each change.
///
/// - Complexity: O(G × P + T log) for G groups reached whose members cross P resources in
///   all, and T resources touched (linear scans for the next share: G is small). Join mode
///   repeats the pass at most twice, each attempt at most ``maxPropagationPasses`` + 1
///   times.
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
        defer {
            propagationSeeds.removeAll(keepingCapacity: true)
            restoreFlips()
        }
        var joining = -1
        if ended || newRate.isFinite {
            switch propagationPassWithFlips(f, to: newRate, ended: ended, joining: -1) {
            case .solved:
                commitPropagation(f, to: newRate, ended: ended, joining: -1, now: now)
                return true
            case .refused, .flips:  // (flips are taken inside the pass)
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
            switch propagationPassWithFlips(f, to: newRate, ended: false, joining: joining) {
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

    /// Flips at most this many other flows per attempt (a group's members crossing a
    /// resource move together).
    static let maxPropagationFlips = 64
    /// Repeats a pass for new flips at most this many times per attempt.
    static let maxPropagationPasses = 8

    /// Runs ``propagationPass(_:to:ended:joining:)`` from no flips, adding the flips each
    /// pass asks for and repeating — at most ``maxPropagationPasses`` repeats and
    /// ``maxPropagationFlips`` flipped flows, else it refuses.
    mutating func propagationPassWithFlips(_ f: Int, to newRate: Double, ended: Bool, joining lj: Int) -> PropagationOutcome {
        restoreFlips()
        propagationPasses = 0
        while true {
            propagationNewFlips.removeAll(keepingCapacity: true)
            let outcome = propagationPass(f, to: newRate, ended: ended, joining: lj)
            guard case .flips = outcome else { return outcome }
            guard propagationFlips.count + propagationNewFlips.count <= Self.maxPropagationFlips,
                  propagationPasses < Self.maxPropagationPasses else { return .refused }
            propagationPasses += 1
            for flip in propagationNewFlips {
                // Out of the heaps that the checks read: a flow held at its ceiling that
                // joins a group is no longer held; a member that leaves no longer bounds its
                // group's share from above.
                let x = Int(flip.flow)
                if flip.from < 0 {
                    let base = x * Self.maxHops
                    for h in 0..<Int(hopCount[x]) { heldCeilings.remove(base + h, from: Int(hopResource[base + h])) }
                } else {
                    ceilingTags.remove(x, from: Int(flip.from))
                }
                propagationFlips.append(flip)
            }
        }
    }

    /// Puts the flipped flows back in the heaps (a refused pass, or a new join attempt).
    /// Their keys are those they had, so every heap holds what it held.
    mutating func restoreFlips() {
        for flip in propagationFlips {
            let x = Int(flip.flow)
            if flip.from < 0 {
                let base = x * Self.maxHops
                for h in 0..<Int(hopCount[x]) {
                    heldCeilings.insert(base + h, key: -ceiling[x] / weight[x], into: Int(hopResource[base + h]))
                }
            } else {
                ceilingTags.insert(x, key: ceiling[x] / weight[x], into: Int(flip.from))
            }
        }
        propagationFlips.removeAll(keepingCapacity: true)
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
        /// Not exact as it stands, because other flows change status (listed in
        /// `propagationNewFlips`): a flow held at its ceiling above a share that fell joins
        /// that group, a member whose ceiling is below a share that rose leaves it, the
        /// members of a group crossing a resource whose share fell below theirs move to it,
        /// or flows form a new group on a resource the change fills. Repeat with the flips.
        case flips
    }

    /// The saturated resource with members on `f`'s route, other than `x`, with the lowest
    /// share (ties by lower index), or -1.
    @inline(__always)
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
        // Flipped flows: one joining or moving to a group moves to that group's old share,
        // then with it; a leaving member moves to its ceiling and no longer follows its group.
        for flip in propagationFlips {
            let x = Int(flip.flow), g = Int(flip.to), xb = x * Self.maxHops
            let to = g >= 0 ? weight[x] * (g == lj ? joinBase : shareBase(g)) : ceiling[x]
            let from = flip.from < 0 ? rate[x] : weight[x] * level[Int(flip.from)]
            for h in 0..<Int(hopCount[x]) {
                let l = Int(hopResource[xb + h])
                touchForPropagation(l, seed: false)
                propagationDelta[l] += hopFactor[xb + h] * (to - from)
            }
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
        for flip in propagationFlips where flip.to >= 0 && Int(flip.to) != lj && groupSize[Int(flip.to)] == 0 {
            // Flows forming a fresh group on a resource that they and the others fill.
            let g = Int(flip.to)
            if propagationState[g] == 1 && !saturated(g) && propagationSeed[g] != propagationEpoch {
                propagationState[g] = 2
            } else if propagationState[g] != 2 {
                return .refused
            }
        }
        // Visit the queued groups from the lowest share up.
        while true {
            var next = -1, nextKey = 0.0, blocked = -1
            for tt in propagationTouched {
                let t = Int(tt)
                guard propagationState[t] == 2 else { continue }
                let key = t == lj ? joinKey : groupSize[t] == 0 ? freshKey(t) : level[t]
                // A group whose members move to a group not yet visited waits for it (their
                // new share is the lower one, and it moves them on this group's resource).
                let waits = propagationFlips.contains { Int($0.from) == t && $0.to >= 0 && Int($0.to) != t
                    && propagationState[Int($0.to)] == 2 }
                if waits { if next < 0 { blocked = t }; continue }
                if next < 0 || key < nextKey || (key == nextKey && t < next) { next = t; nextKey = key }
            }
            if next < 0 { next = blocked }
            if next < 0 { break }
            let l = next
            var s = pairWeight(l, l) + (l == lj ? joinFactor * w : 0)
            var members = groupSize[l] + (l == lj ? 1 : 0)
            for flip in propagationFlips where Int(flip.to) == l || Int(flip.from) == l {
                let x = Int(flip.flow), slot = heldSlot(x, on: l)
                guard slot >= 0 else { return .refused }
                let sign = Int(flip.to) == l ? 1 : -1
                s += Double(sign) * hopFactor[slot] * weight[x]
                members += Int32(sign)
            }
            if members == 0 {
                // Every member leaves, held at its ceiling: the group dissolves (its share
                // +∞) if its resource is left with spare capacity (checked below). The
                // leavers' moves are in the deltas already; nothing moves with the share.
                propagationLevel[l] = .infinity
                propagationState[l] = 3
                continue
            }
            guard s > 0 else { return .refused }
            let change = (capacity[l] - trueLoad(l) - propagationDelta[l]) / s
            let newLevel = (l == lj ? joinBase : shareBase(l)) + change
            guard newLevel.isFinite, newLevel > 0 else {
                // The others' changes load l more than its members can give back: the
                // members of the group crossing l with the highest new share move to l.
                if newLevel.isFinite, let g = highestGroupCrossing(l, above: -Double.infinity, visitedOnly: true),
                   moveMembers(of: g, crossing: l, excluding: f) { return .flips }
                return .refused
            }
            propagationLevel[l] = newLevel
            propagationState[l] = 3
            for p in groupPairs[l] {
                let m = Int(pairResource[Int(p)])
                if m == l { continue }
                if !propagationFlips.isEmpty && membersLeft(p) == 0 { continue }  // all flipped away
                touchForPropagation(m, seed: false)
                if propagationState[m] == 3 { return .refused }  // reached after its share was fixed
                propagationDelta[m] += pairWeight[Int(p)] * change
            }
            for flip in propagationFlips where Int(flip.to) == l || Int(flip.from) == l {
                // A joining flow moves with the share on the rest of its route; a leaving
                // member's part of the pair aggregates no longer does.
                let x = Int(flip.flow), xb = x * Self.maxHops, sign = Int(flip.to) == l ? 1.0 : -1.0
                for h in 0..<Int(hopCount[x]) {
                    let m = Int(hopResource[xb + h])
                    if m == l { continue }
                    if sign < 0, let p = pairSlot[Int64(m) << 32 | Int64(l)], membersLeft(p) == 0 { continue }  // skipped above
                    touchForPropagation(m, seed: false)
                    if propagationState[m] == 3 { return .refused }
                    propagationDelta[m] += sign * hopFactor[xb + h] * weight[x] * change
                }
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
                if m != lj && limitsAtShare(m)
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
        // A joining flow's ceiling is at or above its group's new share, which no other
        // saturated resource with members on its route undercuts; a leaving member's ceiling
        // is at or below the share of every saturated resource with members it crosses.
        for flip in propagationFlips {
            let x = Int(flip.flow), g = Int(flip.to), xb = x * Self.maxHops
            let c = ceiling[x] / weight[x]
            var share = Double.infinity
            if g >= 0 {
                guard propagationMark[g] == propagationEpoch, propagationState[g] == 3 else { return .refused }
                share = propagationLevel[g]
                if c < share { return .refused }
            }
            for h in 0..<Int(hopCount[x]) {
                let m = Int(hopResource[xb + h])
                guard m != g, limitsAtShare(m) else { continue }
                if g >= 0 {
                    if share > propagatedLevel(m) * (1 + tol) { return .refused }
                } else if c > propagatedLevel(m) * (1 + tol) {
                    return .refused
                }
            }
        }
        // Check the structure still holds.
        for tt in propagationTouched {
            let l = Int(tt)
            if propagationState[l] != 3 {
                let d = propagationDelta[l]
                if d <= 0 { continue }
                if saturated(l) || propagationSeed[l] == propagationEpoch { return .refused }
                if trueLoad(l) + d >= capacity[l] * (1 - tol) {
                    // The flows' new rates fill a resource without members: a new
                    // bottleneck, limiting first the flow on it with the highest ceiling
                    // per weight — f (it joins), or a flow held there (it flips).
                    guard groupSize[l] == 0, l != lj else { return .refused }
                    let slot = ended ? -1 : heldSlot(f, on: l)
                    let mine = slot < 0 ? -Double.infinity : join ? propagationLevel[lj] : newRate / w
                    var held = -Double.infinity
                    let x = heldFlowAbove(on: l, excluding: slot)
                    if let x { held = ceiling[x] / weight[x] }
                    if let g = highestGroupCrossing(l, above: max(mine, held), visitedOnly: false) {
                        // The members of a group crossing l, at a higher share than any
                        // other flow there asks, move to l together.
                        return moveMembers(of: g, crossing: l, excluding: f) ? .flips : .refused
                    }
                    if let x, held > mine {
                        propagationNewFlips.append(PropagationFlip(flow: x, from: -1, to: l))
                        return .flips
                    }
                    if slot >= 0 { return .joins(l) }
                    return .refused
                }
                continue
            }
            // A fresh group's old share is +∞ (its resource was unsaturated).
            let old = groupSize[l] == 0 ? Double.infinity : level[l], new = propagationLevel[l]
            if new == .infinity {
                // A dissolved group: its resource must have spare capacity.
                if trueLoad(l) + propagationDelta[l] >= capacity[l] * (1 - tol) { return .refused }
                continue
            }
            if new < old {
                let slot = ended ? -1 : heldSlot(f, on: l)
                if highestHeldCeiling(on: l, excluding: slot) > new * (1 + tol) {
                    // The held flow with the highest ceiling joins l's group.
                    if let x = heldFlowAbove(on: l, excluding: slot) {
                        propagationNewFlips.append(PropagationFlip(flow: x, from: -1, to: l))
                        return .flips
                    }
                    return .refused
                }
                if let g = highestGroupCrossing(l, above: new * (1 + tol), visitedOnly: false) {
                    // The members of a group at a higher share crossing l move to l.
                    return moveMembers(of: g, crossing: l, excluding: f) ? .flips : .refused
                }
            } else if let (x, m) = ceilingTags.min(of: l), m < new * (1 - tol) {
                // The member with the lowest ceiling leaves l's group, held at its ceiling.
                propagationNewFlips.append(PropagationFlip(flow: x, from: l, to: -1))
                return .flips
            }
            for p in groupPairs[l] {
                let m = Int(pairResource[Int(p)])
                if m != l && limitsAtShare(m) && membersLeft(p) > 0
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
        for flip in propagationFlips { settle(Int(flip.flow), now: now) }
        if lj >= 0 && groupSize[lj] == 0 { clock[lj] = 0; clockTime[lj] = now }  // a fresh group
        for flip in propagationFlips where flip.to >= 0 && Int(flip.to) != lj && groupSize[Int(flip.to)] == 0 {
            clock[Int(flip.to)] = 0; clockTime[Int(flip.to)] = now
            counters.freshGroupFlips += 1
        }
        for tt in propagationTouched {
            let l = Int(tt)
            if propagationState[l] == 3 {
                if !propagationLevel[l].isFinite { counters.groupsDissolved += 1 }
                advanceClock(l, now: now)
                level[l] = propagationLevel[l]
                // A dissolved group's resource (share +∞) keeps spare capacity.
                load[l] = level[l].isFinite ? capacity[l] : max(0, load[l] + propagationDelta[l])
            } else {
                load[l] = max(0, load[l] + propagationDelta[l])
            }
        }
        for flip in propagationFlips where flip.from >= 0 {
            // Settled at the old share before the levels above moved (the clocks were
            // advanced first): leaves its group, held at its ceiling or moving on.
            let x = Int(flip.flow)
            leaveGroup(x, now: now)
            if flip.to < 0 {
                rate[x] = ceiling[x]
                setLimiterCode(x, ceilingKind[x])
                scheduleCompletion(x, now: now)
            }
        }
        for flip in propagationFlips where flip.to >= 0 {
            let x = Int(flip.flow), g = Int(flip.to)
            if flip.from >= 0 { counters.groupMoves += 1 }
            if g == lj { continue }  // joins with f, below
            rate[x] = weight[x] * level[g]
            joinGroup(x, g, now: now)
        }
        counters.propagationFlips += propagationFlips.count
        if lj >= 0 {
            if groupSize[lj] == 0 { counters.freshJoinPropagations += 1 }
            rate[f] = weight[f] * level[lj]
            joinGroup(f, lj, now: now)
            for flip in propagationFlips where Int(flip.to) == lj {
                let x = Int(flip.flow)
                if flip.from >= 0 { counters.groupMoves += 1 }
                rate[x] = weight[x] * level[lj]
                joinGroup(x, lj, now: now)
            }
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
        propagationFlips.removeAll(keepingCapacity: true)  // committed: nothing to restore
    }

    /// The share group `g`'s change in a pass starts from: its share, or for a fresh group
    /// formed by flipped flows, the rate per weight of the first of them (the others move
    /// to it first).
    @inline(__always)
    func shareBase(_ g: Int) -> Double {
        guard groupSize[g] == 0 else { return level[g] }
        for flip in propagationFlips where Int(flip.to) == g {
            return flip.from < 0 ? rate[Int(flip.flow)] / weight[Int(flip.flow)] : level[Int(flip.from)]
        }
        return level[g]
    }

    /// The members of pair `p`'s group crossing its resource that no flip takes away.
    @inline(__always)
    func membersLeft(_ p: Int32) -> Int {
        var n = Int(pairCount[Int(p)])
        let g = pairGroup[Int(p)], l = Int(pairResource[Int(p)])
        for flip in propagationFlips where flip.from == g && heldSlot(Int(flip.flow), on: l) >= 0 { n -= 1 }
        return n
    }

    /// The group other than `l`'s own whose members cross `l` (some not flipped away) with
    /// the highest share after the pass above `floor` — among the groups the pass visited
    /// if `visitedOnly` — or nil (ties by lower index).
    @inline(__always)
    func highestGroupCrossing(_ l: Int, above floor: Double, visitedOnly: Bool) -> Int? {
        var best = -1, bestLevel = floor
        for p in resourcePairs[l] {
            let g = Int(pairGroup[Int(p)])
            guard g != l, membersLeft(p) > 0 else { continue }
            let visited = propagationMark[g] == propagationEpoch && propagationState[g] == 3
            if visitedOnly && !visited { continue }
            let v = propagatedLevel(g)
            if v.isFinite && (v > bestLevel || (v == bestLevel && best >= 0 && g < best)) { best = g; bestLevel = v }
        }
        return best >= 0 ? best : nil
    }

    /// Lists in `propagationNewFlips` a move to group `l` for every member of group `g`
    /// crossing `l` that is not flipped already (`f` aside).
    ///
    /// - Returns: whether it listed any.
    mutating func moveMembers(of g: Int, crossing l: Int, excluding f: Int) -> Bool {
        for e in resourceEntries[l] {
            let x = Int(e >> 4)
            guard x != f, Int(limiter[x]) == g else { continue }
            if propagationFlips.contains(where: { Int($0.flow) == x }) { continue }
            propagationNewFlips.append(PropagationFlip(flow: x, from: g, to: l))
        }
        return !propagationNewFlips.isEmpty
    }

    /// The visiting key of a fresh group: just above the shares of the groups crossing its
    /// resource (their changes load it).
    @inline(__always)
    func freshKey(_ g: Int) -> Double {
        var key = -Double.infinity
        for p in resourcePairs[g] {
            let h = Int(pairGroup[Int(p)])
            if h != g { key = max(key, level[h]) }
        }
        return key.nextUp
    }

    /// The flow held at its ceiling on `l` with the highest ceiling per weight, other than
    /// flow-hop slot `x`, or nil.
    @inline(__always)
    func heldFlowAbove(on l: Int, excluding x: Int) -> Int? {
        guard let top = heldCeilings.min(of: l) else { return nil }
        if top.flow != x { return top.flow / Self.maxHops }
        guard let next = heldCeilings.secondMin(of: l) else { return nil }
        return next / Self.maxHops
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

    /// Whether resource `m` has a share after the pass that limits the flows crossing it:
    /// a saturated resource with members, or a group the pass visited (fresh ones included).
    @inline(__always)
    func limitsAtShare(_ m: Int) -> Bool {
        if propagationMark[m] == propagationEpoch && propagationState[m] == 3 { return true }
        return groupSize[m] > 0 && saturated(m)
    }

    /// Group `g`'s share after the propagation (its new one if it was visited).
    @inline(__always)
    func propagatedLevel(_ g: Int) -> Double {
        propagationMark[g] == propagationEpoch && propagationState[g] == 3 ? propagationLevel[g] : level[g]
    }

    /// The flow-hop slot of `f` on resource `l`, or -1.
    @inline(__always)
    func heldSlot(_ f: Int, on l: Int) -> Int {
        let base = f * Self.maxHops
        for h in 0..<Int(hopCount[f]) where Int(hopResource[base + h]) == l { return base + h }
        return -1
    }
}


/// A flow whose status a propagation pass changes besides the flow that started it: from
/// held at its ceiling (`from` -1) or a member of group `from`, to held at its ceiling
/// (`to` -1) or a member of group `to`.
struct PropagationFlip: BitwiseCopyable {
    var flow: Int32
    var from: Int32
    var to: Int32

    init(flow: Int, from: Int, to: Int) {
        self.flow = Int32(flow)
        self.from = Int32(from)
        self.to = Int32(to)
    }
}
