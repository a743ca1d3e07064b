/// A capacity change of a saturated resource as a group path (a contended medium's capacity
/// moves with its number of senders, so this is frequent).
extension FlowSolver {
    /// Moves saturated resource `r`'s share so that it stays full at capacity `c`, when that
    /// alone is the max-min solution: the flows held on `r` at their ceilings or by other
    /// groups stay below the new share if it falls, no member's ceiling is below it if it
    /// rises, and `r`'s members cross no other saturated resource and saturate none
    /// (``groupIsAlone(_:delta:)``). Exact under those conditions, like the other group paths
    /// (the members' rates are their weight times the share; the others do not move).
    ///
    /// - Returns: whether it did (else nothing changed).
    /// - Complexity: O(P) for a group whose members cross P resources (O(log P) if lazy).
    mutating func reshareOnCapacity(_ r: Int, to c: Double, now: Int64) -> Bool {
        guard saturated(r), groupSize[r] > 0, level[r].isFinite, level[r] > 0 else { return false }
        let s = pairWeight(r, r)
        guard s > 0 else { return false }
        let L = level[r]
        let held = trueLoad(r) - L * s  // flows on r not in its group
        let newLevel = (c - held) / s
        guard newLevel.isFinite, newLevel > 0 else { return false }
        let delta = newLevel - L
        if delta < 0 {
            if highestHeldCeiling(on: r) > newLevel { return false }
            for p in resourcePairs[r] {
                let g = Int(pairGroup[Int(p)])
                if g != r && level[g] > newLevel { return false }
            }
        } else if let m = ceilingTags.minKey(of: r, excluding: -1), m < newLevel {
            return false
        }
        guard groupIsAlone(r, delta: delta) else { return false }
        capacity[r] = c
        observer.capacityChanged(r, to: c, at: now)
        moveGroupLevel(r, to: newLevel, now: now)
        return true
    }
}
