/// Lazy loads: a large group's share moves without visiting the resources its members cross.
///
/// A group path moves group `r`'s share `L_r`; every resource `l` its members cross carries
/// `S[l][r] × L_r` of it (pair aggregates). Updating those loads — and the utilisation
/// integrals the observer keeps — costs O(P) per event for a group whose members cross P
/// resources: with a central egress (hundreds of school links behind one saturated proxy)
/// that was most of a municipality's run time. A *lazy* group leaves them stale instead:
///
/// - **Loads.** Each of `r`'s pairs `p = (l, r)` remembers the share `seen_p` at which its
///   part is included in the stored `load[l]`; the true load is
///   `load[l] + S[l][r] × (L_r − seen_p)` (``trueLoad(_:)``, O(1): a resource carries at
///   most one lazy pair). A pair is *synced* (the difference folded into `load[l]`) before
///   its aggregate changes, and every pair of a group before anything but a group path
///   touches it (a re-solve, a propagation commit, a capacity change, the end of a run).
/// - **Checks.** The group paths ask whether `r`'s share may rise by `δ` without saturating
///   any resource its members cross: `load_l + δ S[l][r] < C_l (1 − tol)` for every pair.
///   With `held_l = load[l] − S[l][r] × seen_p` (the part not from `r`, independent of
///   `L_r`) that is `L_r + δ < key_p = (C_l (1 − tol) − held_l) / S[l][r]`: each pair keeps
///   its key in a per-group min-heap, re-keyed when the stored load of its resource changes
///   (a held flow, another, eager group), so the check is one heap read.
/// - **Utilisation.** The observer integrates the stored load; the difference
///   `S[l][r] (L_r − seen_p)` integrates exactly through `r`'s virtual clock:
///   `∫ L_r dt = 8 ΔV_r`, so a sync adds `S (8 (V_r − V_seen) − seen_p Δt)` bits. For the
///   per-second time series every lazy pair is synced at each bucket boundary the run
///   crosses (at the first solver call past it; shares are constant since the last call),
///   so each added amount falls in one bucket. That costs O(P) per lazy group per bucket
///   instead of per event.
///
/// A group becomes lazy on a group path once it has at least ``lazyPairThreshold`` pairs
/// and none of its resources carries another lazy group's pair; a flow joining it on such a
/// resource makes it eager again. Exact: the loads, decisions and integrals are those of
/// the eager updates up to rounding (`lazyGroupsMatchEagerOnes` compares them).
extension FlowSolver {
    /// The load of `l` including the part of a lazy group's share not yet folded in.
    @inline(__always)
    func trueLoad(_ l: Int) -> Double {
        let p = Int(lazyPair[l])
        if p < 0 { return load[l] }
        return max(0, load[l] + pairWeight[p] * (level[Int(pairGroup[p])] - pairSeenLevel[p]))
    }

    /// Sets the stored load of `l` (keeping a lazy pair's key there current).
    @inline(__always)
    mutating func setLoad(_ l: Int, _ value: Double) {
        load[l] = value
        if lazyPair[l] >= 0 { rekeyLazyPair(Int(lazyPair[l])) }
    }

    /// Sets saturated resource `l`'s true load to its capacity (a group path that fills it).
    /// Another group's lazy pair on `l` is synced first: the shares that fill `l` were
    /// computed from its true load, pending part included, so storing the capacity over an
    /// unsynced pair would leave the true load off by that part — a full resource read as
    /// having spare capacity (its members then lose their bottleneck at the next re-solve),
    /// or one read as over capacity.
    @inline(__always)
    mutating func setFull(_ l: Int, now: Int64) {
        if lazyPair[l] >= 0 { syncLazyPair(Int(lazyPair[l]), now: now) }
        setLoad(l, capacity[l])
    }

    /// The key of lazy pair `p`: the share of its group at which its resource saturates.
    @inline(__always)
    func lazyKey(_ p: Int) -> Double {
        let l = Int(pairResource[p]), s = pairWeight[p]
        guard s > 0 else { return .infinity }
        return (capacity[l] * (1 - Self.tolerance) - load[l] + s * pairSeenLevel[p]) / s
    }

    mutating func rekeyLazyPair(_ p: Int) {
        // The key first: read inside the mutating access to `lazyKeys`, the non-mutating
        // `lazyKey` would be called on a copy of the whole solver (a kilobyte memcpy per call).
        let key = lazyKey(p), g = Int(pairGroup[p])
        lazyKeys.update(p, key: key, in: g)
    }

    /// Whether lazy group `r`'s share may rise by `max(0, delta)` with every resource its
    /// members cross staying unsaturated (``groupIsAlone(_:delta:)`` for a lazy group).
    @inline(__always)
    func lazyGroupIsAlone(_ r: Int, delta: Double) -> Bool {
        guard let k = lazyKeys.min(of: r)?.key else { return true }
        return level[r] + max(0, delta) < k
    }

    /// Folds lazy pair `p`'s pending part into its resource's stored load at `now` and
    /// gives the observer the integral it missed.
    mutating func syncLazyPair(_ p: Int, now: Int64) {
        let g = Int(pairGroup[p]), l = Int(pairResource[p])
        let s = pairWeight[p], seen = pairSeenLevel[p]
        let v = virtualTime(g, at: now)
        let bits = s * (8 * (v - pairSeenClock[p]) - seen * Double(now - pairSeenTime[p]) * 1e-9)
        if bits != 0 { observer.addCarried(l, bits: bits, at: pairSeenTime[p]) }
        pairSeenClock[p] = v
        pairSeenTime[p] = now
        let lv = level[g]
        if lv != seen {
            load[l] = max(0, load[l] + s * (lv - seen))
            pairSeenLevel[p] = lv
            observer.resourceUpdated(l, load: load[l], saturated: saturated(l), flows: resourceEntries[l].count, at: now)
        }
    }

    /// Registers pair `p` (resource `l` ≠ its group) as lazy, in step with the stored load.
    mutating func addLazyPair(_ p: Int, now: Int64) {
        let g = Int(pairGroup[p]), l = Int(pairResource[p])
        lazyKeys.reserveFlows(pairResource.count)
        lazyPair[l] = Int32(p)
        pairSeenLevel[p] = level[g]
        pairSeenClock[p] = virtualTime(g, at: now)
        pairSeenTime[p] = now
        let key = lazyKey(p)
        lazyKeys.insert(p, key: key, into: g)
    }

    /// Syncs lazy pair `p` and makes its resource eager.
    mutating func dropLazyPair(_ p: Int, now: Int64) {
        syncLazyPair(p, now: now)
        lazyPair[Int(pairResource[p])] = -1
        lazyKeys.remove(p, from: Int(pairGroup[p]))
    }

    /// Makes group `r` lazy if it is large and none of its resources carries another lazy
    /// pair (called on a group path, with `r`'s clock advanced to `now`).
    mutating func makeLazyIfWorthIt(_ r: Int, now: Int64) {
        guard !isLazy[r], groupPairs[r].count >= lazyPairThreshold else { return }
        for p in groupPairs[r] {
            let l = Int(pairResource[Int(p)])
            if l != r && lazyPair[l] >= 0 { return }
        }
        isLazy[r] = true
        lazyGroups.append(Int32(r))
        lazyGroupsMade += 1
        for p in groupPairs[r] where Int(pairResource[Int(p)]) != r { addLazyPair(Int(p), now: now) }
    }

    /// Makes group `r` eager: every pending part folded in at `now`.
    mutating func makeEager(_ r: Int, now: Int64) {
        guard isLazy[r] else { return }
        for p in groupPairs[r] where lazyPair[Int(pairResource[Int(p)])] == p { dropLazyPair(Int(p), now: now) }
        isLazy[r] = false
        if let i = lazyGroups.firstIndex(of: Int32(r)) { lazyGroups.remove(at: i) }
    }

    /// Makes every group eager at `now` (before a re-solve, a propagation commit, a
    /// capacity change, the end of a run).
    mutating func makeAllEager(now: Int64) {
        while let g = lazyGroups.last { makeEager(Int(g), now: now) }
    }

    /// At the first solver call in a new utilisation bucket, syncs every lazy pair at the
    /// boundary after the previous call (shares were constant since), so that each amount
    /// the observer is given lies in one bucket.
    mutating func syncLazyAtBucketBoundary(now: Int64) {
        let w = observer.bucketWidth
        guard w > 0 else { return }
        let b = now / w
        if b <= lazyBucket { return }
        if !lazyGroups.isEmpty {
            let boundary = (lazyBucket + 1) * w
            for g in lazyGroups {
                for p in groupPairs[Int(g)] where lazyPair[Int(pairResource[Int(p)])] == p {
                    syncLazyPair(Int(p), now: boundary)
                }
            }
        }
        lazyBucket = b
    }
}
