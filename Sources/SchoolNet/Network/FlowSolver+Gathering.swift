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
    /// ``withGathering(_:)`` (no per-flow or per-resource column grows meanwhile); the
    /// component's flow and resource lists are column handles, appended to in place.
    struct Gathering {
        let epoch: UInt32
        let hopResource: UnsafeMutablePointer<Int32>
        let hopCount: UnsafeMutablePointer<UInt8>
        let load: UnsafeMutablePointer<Double>
        let capacity: UnsafeMutablePointer<Double>
        let entries: UnsafeBufferPointer<Column<Int32>>
        let mark: UnsafeMutablePointer<UInt32>
        let resourceMark: UnsafeMutablePointer<UInt32>
        let expanded: UnsafeMutablePointer<UInt32>
        let checked: UnsafeMutablePointer<UInt32>
        let flows: Column<Int32>
        let resources: Column<Int32>

        /// Lists resource `r` in the component (once).
        @inline(__always)
        func touch(_ r: Int) {
            if resourceMark[r] != epoch {
                resourceMark[r] = epoch
                resources.append(Int32(r))
            }
        }

        /// Adds flow `f` and the resources on its route (once).
        @inline(__always)
        func addFlow(_ f: Int) {
            if mark[f] == epoch { return }
            mark[f] = epoch
            flows.append(Int32(f))
            let base = f * FlowSolver.maxHops
            for h in 0..<Int(hopCount[f]) { touch(Int(hopResource[base + h])) }
        }

        /// Adds every flow on resource `r` (once).
        func expand(_ r: Int) {
            if expanded[r] == epoch { return }
            expanded[r] = epoch
            touch(r)
            entries[r].withUnsafeBufferPointer { es in
                for e in es { addFlow(Int(e >> 4)) }
            }
        }

        /// Expands every saturated resource the component's flows cross, until none is left.
        ///
        /// Walks the component's resources in the order they were listed: a flow lists the
        /// resources it is the first to cross, in hop order, when it joins, so this is the
        /// order of a walk through each flow's hops in turn (a resource listed by ``expand(_:)``
        /// itself is expanded already), with one step per resource rather than per flow-hop.
        func close() {
            var k = 0
            while k < resources.count {
                let r = Int(resources[k])
                k += 1
                // Loads do not change while the component grows: look at each resource once.
                if checked[r] == epoch { continue }
                checked[r] = epoch
                if expanded[r] != epoch
                    && FlowSolver.saturated(load: load[r], capacity: capacity[r], flows: entries[r].count) {
                    expand(r)
                }
            }
        }
    }

    /// Runs `body` with the gathering handle over this solver's columns.
    ///
    /// - Complexity: O(1) set-up (pointers and handles are read, nothing is copied).
    func withGathering<R>(_ body: (Gathering) -> R) -> R {
        // The gathering reads stored loads: every caller makes lazy groups eager first.
        assert(lazyGroups.isEmpty, "gathering with lazy groups (stale stored loads)")
        return resourceEntries.withUnsafeBufferPointer { entries in
            body(Gathering(epoch: epoch, hopResource: hopResource.base, hopCount: hopCount.base, load: load.base,
                           capacity: capacity.base, entries: entries, mark: mark.base,
                           resourceMark: resourceMark.base, expanded: expanded.base, checked: checked.base,
                           flows: componentFlows, resources: componentResources))
        }
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
