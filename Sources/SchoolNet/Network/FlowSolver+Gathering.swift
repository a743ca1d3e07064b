/// Gathering a component: the flows a re-solve revisits, closed under "shares a saturated
/// resource" (step 3 of the ``FlowSolver`` doc comment).
///
/// The walk visits every hop of every component flow (≈ 150 flows × 5 hops per school-day
/// re-solve), so it runs on raw buffers behind one handle, ``Gathering``: the per-hop marks
/// cost a load and a store, with no uniqueness or bounds check. The order in which flows and
/// resources enter the component is the same as a walk through the arrays themselves (the
/// fill's sums depend on it).
extension FlowSolver {
    /// Raw views of what gathering reads and writes, valid only inside
    /// ``withGathering(_:)``; the component's flow and resource lists are moved in and out.
    struct Gathering {
        let epoch: UInt32
        let hopResource: UnsafeBufferPointer<Int32>
        let hopCount: UnsafeBufferPointer<UInt8>
        let load: UnsafeBufferPointer<Double>
        let capacity: UnsafeBufferPointer<Double>
        let entries: UnsafeBufferPointer<ContiguousArray<Int32>>
        let mark: UnsafeMutableBufferPointer<UInt32>
        let resourceMark: UnsafeMutableBufferPointer<UInt32>
        let expanded: UnsafeMutableBufferPointer<UInt32>
        let checked: UnsafeMutableBufferPointer<UInt32>
        var flows: ContiguousArray<Int32>
        var resources: ContiguousArray<Int32>

        /// Lists resource `r` in the component (once).
        @inline(__always)
        mutating func touch(_ r: Int) {
            if resourceMark[r] != epoch {
                resourceMark[r] = epoch
                resources.append(Int32(r))
            }
        }

        /// Adds flow `f` and the resources on its route (once).
        @inline(__always)
        mutating func addFlow(_ f: Int) {
            if mark[f] == epoch { return }
            mark[f] = epoch
            flows.append(Int32(f))
            let base = f * FlowSolver.maxHops
            for h in 0..<Int(hopCount[f]) { touch(Int(hopResource[base + h])) }
        }

        /// Adds every flow on resource `r` (once).
        mutating func expand(_ r: Int) {
            if expanded[r] == epoch { return }
            expanded[r] = epoch
            touch(r)
            entries[r].withUnsafeBufferPointer { es in
                for e in es { addFlow(Int(e >> 4)) }
            }
        }

        /// Expands every saturated resource the component's flows cross, until none is left.
        mutating func close() {
            var i = 0
            while i < flows.count {
                let f = Int(flows[i])
                let base = f * FlowSolver.maxHops
                for h in 0..<Int(hopCount[f]) {
                    let r = Int(hopResource[base + h])
                    // Loads do not change while the component grows: look at each resource once.
                    if checked[r] == epoch { continue }
                    checked[r] = epoch
                    if expanded[r] != epoch
                        && FlowSolver.saturated(load: load[r], capacity: capacity[r], flows: entries[r].count) {
                        expand(r)
                    }
                }
                i += 1
            }
        }
    }

    /// Runs `body` with the gathering handle over this solver's arrays.
    ///
    /// - Complexity: O(1) set-up (arrays are swapped, not copied).
    mutating func withGathering<R>(_ body: (inout Gathering) -> R) -> R {
        // The gathering reads stored loads: every caller makes lazy groups eager first.
        assert(lazyGroups.isEmpty, "gathering with lazy groups (stale stored loads)")
        var m = ContiguousArray<UInt32>(), rm = ContiguousArray<UInt32>()
        var ex = ContiguousArray<UInt32>(), ch = ContiguousArray<UInt32>()
        var flows = ContiguousArray<Int32>(), resources = ContiguousArray<Int32>()
        swap(&m, &mark); swap(&rm, &resourceMark); swap(&ex, &expanded); swap(&ch, &checked)
        swap(&flows, &componentFlows); swap(&resources, &componentResources)
        defer {
            swap(&m, &mark); swap(&rm, &resourceMark); swap(&ex, &expanded); swap(&ch, &checked)
            swap(&flows, &componentFlows); swap(&resources, &componentResources)
        }
        let ep = epoch
        return hopResource.withUnsafeBufferPointer { hopResource in
        hopCount.withUnsafeBufferPointer { hopCount in
        load.withUnsafeBufferPointer { load in
        capacity.withUnsafeBufferPointer { capacity in
        resourceEntries.withUnsafeBufferPointer { entries in
        m.withUnsafeMutableBufferPointer { mark in
        rm.withUnsafeMutableBufferPointer { resourceMark in
        ex.withUnsafeMutableBufferPointer { expanded in
        ch.withUnsafeMutableBufferPointer { checked in
            var g = Gathering(epoch: ep, hopResource: hopResource, hopCount: hopCount, load: load, capacity: capacity,
                              entries: entries, mark: mark, resourceMark: resourceMark, expanded: expanded,
                              checked: checked, flows: [], resources: [])
            swap(&g.flows, &flows); swap(&g.resources, &resources)
            defer { swap(&g.flows, &flows); swap(&g.resources, &resources) }
            return body(&g)
        }}}}}}}}}
    }

    /// Starts a new, empty component.
    mutating func beginComponent() {
        epoch &+= 1
        if epoch == 0 {
            // Wrapped: clear every mark once.
            for i in mark.indices { mark[i] = 0 }
            for i in resourceMark.indices { resourceMark[i] = 0; expanded[i] = 0; checked[i] = 0 }
            epoch = 1
        }
        componentFlows.removeAll(keepingCapacity: true)
        componentResources.removeAll(keepingCapacity: true)
    }

    /// Adds flow `f` and its resources to the component.
    mutating func addFlowToComponent(_ f: Int) {
        if mark[f] == epoch { return }
        withGathering { $0.addFlow(f) }
    }

    /// Adds every flow on resource `r` to the component.
    mutating func addResourceFlowsToComponent(_ r: Int) {
        if expanded[r] == epoch { return }
        withGathering { $0.expand(r) }
    }

    /// Closes the component under "shares a saturated resource".
    mutating func closeComponent() {
        withGathering { $0.close() }
    }
}
