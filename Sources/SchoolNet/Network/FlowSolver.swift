/// The fluid bandwidth-sharing model: weighted max-min fairness over shared resources,
/// solved incrementally, with each flow's progress and completion time.
///
/// ## The model
/// Flow `f` crosses hops (resource `l`, factor `a_fl`), has weight `w_f > 0` and a rate
/// ceiling `c_f` (its own limit: TCP window/RTT, slow-start window, a stream's target,
/// a NIC; +∞ if none). The solver finds the weighted max-min fair rates `r_f` subject to
/// `Σ_f a_fl r_f ≤ C_l` for every resource and `r_f ≤ c_f`, by *progressive filling*
/// (Bertsekas & Gallager, *Data Networks*, §6.5.2; SimGrid's `lmm` solver): all unfrozen
/// flows grow as `r_f = w_f t`; a flow freezes when it reaches its ceiling or when one of
/// its resources saturates, at which point every unfrozen flow on that resource freezes.
/// The level `t` at which resource `l` saturates is its *fair share per unit weight*; the
/// resource (or ceiling) that froze a flow is its **limiter**, which bottleneck attribution
/// accumulates.
///
/// ## Incremental solution
/// A flow event (start, end, ceiling change) can change only flows coupled to it through
/// **saturated** resources: a resource with spare capacity constrains nobody. So each event
///  1. takes a fast path when it provably changes nobody else (a capped flow starting or
///     ending on unsaturated resources, or changing its ceiling within their spare capacity:
///     O(hops));
///  2. takes a *group path* when the event only moves one group's share (see below):
///     O(hops + P log R) for a group whose members cross P resources;
///  3. otherwise gathers the *component*: the flow, plus every flow on a resource that is
///     saturated, transitively;
///  4. re-solves progressive filling on the component, with flows outside it fixed (their
///     usage is subtracted from each resource's capacity). Freezing a flow only marks the
///     level keys of its resources stale; they are re-keyed once before the level heap is
///     next read, so a saturation that freezes m flows costs O(m × hops + R log R), not
///     O(m × hops × log R). Capped flows wait sorted by ceiling per weight (distributed by
///     level when they share few levels), taken only when their ceiling comes before the
///     next saturation; a component of few resources finds the lowest level by a scan;
///  5. checks every resource the re-solve saturated: if a flow outside the component holds a
///     higher share there than the new level, that resource's flows join the component and
///     the solve repeats;
///  6. commits: loads come from the fill's residuals (per resource); only flows whose
///     limiter changed (or whose ceiling-held rate changed) are settled and re-scheduled.
///
/// ## Groups and virtual clocks
/// Flows limited by the same saturated resource `r` all run at `w_f × level_r`: they form
/// `r`'s *group*. Each resource keeps a virtual clock `V_r(t) = ∫ level_r dt / 8` (bytes per
/// unit weight), advanced whenever its level changes; a member stores `V_r` at its last
/// settlement, so its progress since is `w_f × ΔV_r`, and its *finish tag*
/// `V_r + remaining / w_f` does not change while it stays in the group. A per-group heap of
/// tags (``TagHeaps``) gives the group's first finisher, and one entry per group in a heap
/// of groups gives its time; flows held by their own ceiling keep an individual entry. A
/// re-solve that changes a group's share but not its membership moves one heap entry,
/// O(log R), instead of settling and re-scheduling every member. Exact: the completion
/// order and times are those of per-flow rates (up to rounding to whole nanoseconds).
///
/// *Pair aggregates* `S[l][g] = Σ a_fl w_f` over group `g`'s members crossing `l` make the
/// load of every resource a function of the group shares. Two events then need no
/// re-solve, which is exact when its conditions hold (else the component path runs):
/// - a member of the only saturated resource `r` on its route ends: `r`'s share rises to
///   `level_r + spare_r / S[r][r]`, provided no member's ceiling per weight is below it
///   (per-group heap of capped members) and every other resource `l` with `S[l][r] > 0`
///   is unsaturated and stays so under the rise (`load_l + Δ S[l][r] < C_l`): the other
///   flows on `r` are held at lower shares and stay, no other saturated resource moves;
/// - a flow whose route has one saturated resource `r` starts, or changes its ceiling
///   (TCP slow start raises it every round trip), and is held at its ceiling or in `r`'s
///   group: `r`'s share moves so that `r` stays full, the flow joining the group if its
///   ceiling is above the new share; provided, when the share falls, that no flow held on
///   `r` — at its own ceiling (a max-heap of ceilings per resource) or by another group
///   (pairs listed per resource) — is above it, when it rises, that no member's ceiling is
///   below it, that the flow's other resources keep spare capacity, and that `r`'s members
///   cross no other saturated resource (their changed rates would let it redistribute);
/// - a flow held at its ceiling on one saturated resource ends (as for a member);
/// - a flow on no saturated resource with members asks for more than its tightest
///   resource `r` has left: it takes the rest and is `r`'s only member, provided no flow
///   held on `r` is above its share; the only member dropping to a ceiling below the share
///   leaves `r` unsaturated, and the last member leaving frees nobody;
/// - a member whose new ceiling stays at or above its share changes nothing.
/// When several saturated resources are coupled, a flow held at its ceiling that starts,
/// changes ceiling or ends is *propagated* through the groups it reaches, lowest share
/// first (``propagateHeldChange(_:to:ended:now:)``, exact under checks on aggregates);
/// a flow whose new ceiling is above the share it would be held under instead *joins* the
/// group of the resource that limits it — a saturated one it crosses, or an unsaturated one
/// on its route that its rate fills (join mode, `FlowSolver+Propagation.swift`) — and other
/// flows whose status the change flips (joining a group whose share fell below their
/// ceilings, leaving one whose share rose above them, dissolving a group, forming a new
/// one on a resource the change fills) are taken along, a few per event.
/// A storm of n flows through one saturated resource then costs O(P log R + hops log n)
/// per event rather than O(n).
///
/// - Complexity: per event O(hops) on the fast path; otherwise O(E + R log R + k log n) for
///   a component with E flow-hops and R resources, of which k flows change limiter (or
///   ceiling-held rate). The gathering and filling are still linear in the component, so
///   events that fail the group-path conditions (a group member joining or leaving where
///   several saturated resources are coupled, a change that moves which resource limits
///   whom) still cost O(n) with a small constant — see the `flows-10k-tree*` benchmarks.
///   A group path costs O(P) in the resources its members cross (loads and observer are
///   updated per pair) for a small group; a large one (a central egress whose members
///   cross hundreds of school links) is *lazy*: its share moves in O(log P) and the loads
///   and utilisation integrals follow from the pair aggregates and its virtual clock when
///   read (`FlowSolver+LazyLoads.swift`). Per-flow observer
///   tallies of a group member are settled when it leaves its group, completes, or at
///   ``settleAll(now:)``; they are exact sums because its limiter is constant meanwhile.
///
/// ## Progress and completion
/// Progress is settled lazily: each flow stores its remaining bytes at the time of its last
/// settlement (rate or limiter change). The network meets the kernel through
/// ``nextCompletionTime`` and ``completeNext()``.
///
/// **Assumptions**: fluid (no packets), rates change instantly, a saturated resource is
/// shared exactly max-min (TCP's long-run behaviour with equal RTTs; RTT unfairness is not
/// modelled).
///
/// **Storage**: the flat per-resource, per-flow and per-pair arrays are ``Column``s
/// (reference semantics: no copy-on-write check per element write). A copy of a solver
/// shares them with the original, so a solver is never copied and then mutated as two
/// values; each solver (each ``Network``) is built fresh and owns its storage.
///
/// **Validated by**: `FlowSolverTests` (textbook max-min cases, parking lot, weights,
/// processor-sharing mean transfer time, conservation and capacity invariants, group
/// progress and attribution, group paths against full re-solves, with and without
/// completions and slow-start ceilings: `groupPathsMatchFullResolve*`; join mode:
/// `heldFlowJoins*`, `heldFlowFormsANewBottleneck`).
public struct FlowSolver {
    // MARK: Resources
    var capacity: Column<Double> = []  // bits/s
    var load: Column<Double> = []  // bits/s of capacity in use
    /// Flows on each resource, as `flow << 4 | hop`.
    var resourceEntries: ContiguousArray<Column<Int32>> = []
    var level: Column<Double> = []  // fair share per weight if saturated

    // MARK: Flows (structure of arrays, indexed by FlowID)
    var hopResource: Column<Int32> = []  // flow*maxHops + h
    var hopFactor: Column<Double> = []
    var hopPosition: Column<Int32> = []  // index in resourceEntries
    var hopCount: Column<UInt8> = []
    var weight: Column<Double> = []
    var ceiling: Column<Double> = []
    var rate: Column<Double> = []
    var remaining: Column<Double> = []  // bytes at lastUpdate
    var delivered: Column<Double> = []  // bytes at lastUpdate
    var lastUpdate: Column<Int64> = []
    var limiter: Column<Int32> = []
    var ceilingKind: Column<Int32> = []  // CeilingKind.code of the current ceiling
    var active: Column<Bool> = []
    var tag: Column<Int64> = []
    var flowClass: Column<UInt8> = []  // who the flow is for (attribution by workload)
    // Per-flow delay attribution: the longest run of time one resource limited the flow.
    var runLimiter: Column<Int32> = []
    var runSeconds: Column<Double> = []
    var worstLimiter: Column<Int32> = []
    var worstSeconds: Column<Double> = []
    var resourceLimitedSeconds: Column<Double> = []
    var freeFlows: Column<Int32> = []
    var completions = IndexedHeap()  // flows not in a group (ceiling-limited), by time

    // MARK: Groups: flows limited by a saturated resource share its virtual clock
    /// Virtual time per resource: bytes per unit weight a flow limited there has received,
    /// as of `clockTime` (advanced before the level changes).
    var clock: Column<Double> = []
    var clockTime: Column<Int64> = []
    /// Members per group (flows whose limiter is the resource, streams included).
    var groupSize: Column<Int32> = []
    /// A member's virtual time at its last settlement.
    var clockStart: Column<Double> = []
    /// Finish tags (`clockStart + remaining / weight`) of each group's finite members.
    var tagHeaps = TagHeaps()
    /// Each group's next completion time (one entry per resource with finite members).
    var groupCompletions = IndexedHeap()
    /// Ceiling per weight of each group's capped members (smallest first).
    var ceilingTags = TagHeaps()
    /// Flows held at their own ceiling, per resource crossed: a max-heap (keys are
    /// `-ceiling / weight`) of flow-hop slots `flow × maxHops + hop`, so a group path that
    /// lowers a share can check that every held flow stays below it.
    var heldCeilings = TagHeaps()
    /// Pair aggregates: for resource `l` and group `g`, Σ factor × weight of g's members
    /// crossing l (slot found through `pairSlot[l << 32 | g]`), listed per group and per
    /// resource in insertion order (never hash order).
    var pairSlot = IndexTable()
    var pairResource: Column<Int32> = []
    var pairGroup: Column<Int32> = []
    var pairWeight: Column<Double> = []
    var pairCount: Column<Int32> = []
    var pairIndexInGroup: Column<Int32> = []
    var pairIndexOnResource: Column<Int32> = []
    var freePairs: Column<Int32> = []
    var groupPairs: ContiguousArray<Column<Int32>> = []
    var resourcePairs: ContiguousArray<Column<Int32>> = []

    // MARK: Lazy groups (see FlowSolver+LazyLoads.swift)
    /// Per pair: the group share included in the stored load, and the group's virtual time
    /// and the time at which it was (for the observer's integral).
    var pairSeenLevel: Column<Double> = []
    var pairSeenClock: Column<Double> = []
    var pairSeenTime: Column<Int64> = []
    /// Per resource: the lazy pair on it, or -1 (at most one).
    var lazyPair: Column<Int32> = []
    /// Per group: whether its pairs are lazy.
    var isLazy: Column<Bool> = []
    /// The lazy groups, in the order they became lazy.
    var lazyGroups: Column<Int32> = []
    /// Per lazy group: its pairs keyed by the share at which their resource saturates.
    var lazyKeys = TagHeaps()
    /// The utilisation bucket of the last solver call (lazy pairs are synced at each
    /// boundary crossed).
    var lazyBucket: Int64 = 0
    /// Pairs a group needs to become lazy (smaller groups update loads eagerly).
    var lazyPairThreshold = 32
    /// Times a group became lazy (for tests).
    var lazyGroupsMade = 0

    // MARK: Scratch for component solves (reused, no allocation per event)
    var mark: Column<UInt32> = []  // flow in component when == epoch
    var resourceMark: Column<UInt32> = []  // resource touched
    var expanded: Column<UInt32> = []  // resource's flows all in
    var checked: Column<UInt32> = []  // resource's saturation looked at
    var epoch: UInt32 = 0
    var componentFlows: Column<Int32> = []
    var componentResources: Column<Int32> = []
    var residual: Column<Double> = []
    var weightSum: Column<Double> = []
    var newRate: Column<Double> = []
    var newLimiter: Column<Int32> = []
    var frozen: Column<Bool> = []
    var newLevel: Column<Double> = []
    var unfrozenOn: Column<Int32> = []
    var levelHeap = IndexedHeap()
    /// The fill's level queue of small components, stale levels and capped flows
    /// (``FillScratch``): one reference, so the solver stays small to copy.
    let fillScratch = FillScratch()
    /// Scratch for ``propagateHeldChange(_:to:ended:now:)``, per resource.
    var propagationEpoch: UInt32 = 0
    var propagationMark: Column<UInt32> = []
    var propagationSeed: Column<UInt32> = []
    var propagationState: Column<UInt8> = []  // 1 touched, 2 queued, 3 share fixed
    var propagationDelta: Column<Double> = []  // load change to absorb
    var propagationLevel: Column<Double> = []
    var propagationTouched: Column<Int32> = []
    /// Resources saturated before an ended flow left (set by ``detach(_:now:)``).
    var propagationSeeds: Column<Int32> = []
    /// Flows whose status the propagation flips (``PropagationFlip``), in the order found.
    var propagationFlips: Column<PropagationFlip> = []
    /// Flips a pass asks for (``PropagationOutcome/flips``), and the passes repeated for them.
    var propagationNewFlips: Column<PropagationFlip> = []
    var propagationPasses = 0
    var bfsQueue: Column<Int32> = []

    /// The observer told about every rate and saturation change (attribution, utilisation).
    public var observer = FlowObserver()

    /// Whether events that only move one group's share skip the component re-solve (off:
    /// every such event re-solves, the reference the tests compare against).
    var groupPathsEnabled = true

    /// Hops per route, at most.
    public static let maxHops = 16
    /// Relative tolerance for "saturated" and for level comparisons.
    public static let tolerance = 1e-9

    /// Limiter codes: a resource index (≥ 0), ``notLimited``, or a ``CeilingKind`` code.
    public static let notLimited: Int32 = -1

    /// Statistics of the solver's work.
    public internal(set) var counters = Counters()

    /// Work counters (deterministic for a given input).
    public struct Counters: Sendable, Equatable {
        /// Flow events that took the O(hops) fast path.
        public var fastPaths = 0
        /// Component re-solves (progressive filling runs).
        public var resolves = 0
        /// Flow-hops visited by re-solves, summed.
        public var resolvedFlows = 0
        /// Flow events resolved by moving one group's share (no component re-solve).
        public var groupUpdates = 0
        /// Group updates by propagation in join mode (a flow held at its ceiling, or new,
        /// joining the group of the saturated resource that now limits it).
        public var joinPropagations = 0
        /// Of those, joins of a resource that the flow saturates (a new bottleneck).
        public var freshJoinPropagations = 0
        /// Other flows whose status a propagation changed (a held flow joining a group whose
        /// share fell below its ceiling, a member leaving one whose share rose above it, a
        /// member moving to another group, flows forming a new group).
        public var propagationFlips = 0
        /// Of those, flows (held ones or another group's members) that formed a new group on
        /// a resource the change fills.
        public var freshGroupFlips = 0
        /// Groups whose every member left, held at its ceiling, by propagation.
        public var groupsDissolved = 0
        /// Of the flips, members that moved from one group to another (a group crossing a
        /// resource whose share fell below theirs, or that they fill).
        public var groupMoves = 0
        /// Flows started.
        public var flowsStarted = 0
        /// Flows finished or removed.
        public var flowsEnded = 0
    }

    /// Creates an empty solver.
    public init() {}

    /// The number of active flows.
    public var activeFlowCount: Int { counters.flowsStarted - counters.flowsEnded }
    /// The number of resources.
    public var resourceCount: Int { capacity.count }

    // MARK: - Resources

    /// Adds a resource with capacity `capacity`.
    ///
    /// - Returns: its identifier (dense, in order of addition).
    @discardableResult
    public mutating func addResource(capacity c: DataRate) -> ResourceID {
        precondition(c.bitsPerSecond >= 0 && !c.bitsPerSecond.isNaN, "capacity must be ≥ 0")
        let id = ResourceID(capacity.count)
        capacity.append(c.bitsPerSecond)
        load.append(0)
        resourceEntries.append([])
        level.append(.infinity)
        resourceMark.append(0)
        expanded.append(0)
        checked.append(0)
        residual.append(0)
        weightSum.append(0)
        newLevel.append(.infinity)
        unfrozenOn.append(0)
        fillScratch.addResource()
        clock.append(0)
        clockTime.append(0)
        groupSize.append(0)
        tagHeaps.addGroup()
        ceilingTags.addGroup()
        heldCeilings.addGroup()
        propagationMark.append(0); propagationSeed.append(0); propagationState.append(0)
        propagationDelta.append(0); propagationLevel.append(0)
        groupPairs.append([])
        resourcePairs.append([])
        lazyPair.append(-1)
        isLazy.append(false)
        lazyKeys.addGroup()
        observer.addResource(capacity: c.bitsPerSecond)
        return id
    }

    /// The capacity of a resource.
    public func capacity(of r: ResourceID) -> DataRate { DataRate(bitsPerSecond: capacity[r.index]) }
    /// The capacity in use on a resource.
    public func load(of r: ResourceID) -> DataRate { DataRate(bitsPerSecond: trueLoad(r.index)) }
    /// The number of flows crossing a resource.
    public func flowCount(on r: ResourceID) -> Int { resourceEntries[r.index].count }
    /// Whether a resource is saturated (its flows are limited by it).
    public func isSaturated(_ r: ResourceID) -> Bool { saturated(r.index) }
    /// The fair share per unit weight on a saturated resource, or nil.
    public func fairShare(of r: ResourceID) -> DataRate? {
        level[r.index].isFinite && saturated(r.index) ? DataRate(bitsPerSecond: level[r.index]) : nil
    }

    @inline(__always)
    func saturated(_ r: Int) -> Bool {
        Self.saturated(load: trueLoad(r), capacity: capacity[r], flows: resourceEntries[r].count)
    }

    /// Whether a resource with this load, capacity and number of flows is saturated.
    @inline(__always)
    static func saturated(load: Double, capacity: Double, flows: Int) -> Bool {
        load >= capacity * (1 - tolerance) && flows > 0
    }

    /// Changes a resource's capacity (a medium whose capacity varies over the day or with
    /// its number of contenders) and re-solves the flows that use it — unless the resource
    /// has spare capacity before and after, where it constrains nobody (O(1)), or only its
    /// group's share moves (``reshareOnCapacity(_:to:now:)``).
    ///
    /// The O(1) case is exact: a resource that is not saturated is nobody's bottleneck (every
    /// flow on it is held at its ceiling or by another saturated resource, where it has the
    /// largest share), and with the new capacity still above its load it stays unsaturated,
    /// so every flow keeps its bottleneck and the max-min allocation does not move — no rate,
    /// limiter or completion changes, and the observer takes the new capacity from `now` on
    /// (utilisation divides by the capacity in force at each instant). A fall to or below the
    /// load, or any change of a saturated resource, moves the shares and goes through the
    /// group path or a re-solve.
    public mutating func setCapacity(_ r: ResourceID, to c: DataRate, now: SimTime) {
        precondition(c.bitsPerSecond >= 0, "capacity must be ≥ 0")
        syncLazyAtBucketBoundary(now: now.nanoseconds)
        if !saturated(r.index) && trueLoad(r.index) < c.bitsPerSecond * (1 - Self.tolerance) {
            capacity[r.index] = c.bitsPerSecond
            observer.capacityChanged(r.index, to: c.bitsPerSecond, at: now.nanoseconds)
            if lazyPair[r.index] >= 0 { rekeyLazyPair(Int(lazyPair[r.index])) }
            return
        }
        if groupPathsEnabled && reshareOnCapacity(r.index, to: c.bitsPerSecond, now: now.nanoseconds) { return }
        makeAllEager(now: now.nanoseconds)
        capacity[r.index] = c.bitsPerSecond
        observer.capacityChanged(r.index, to: c.bitsPerSecond, at: now.nanoseconds)
        if resourceEntries[r.index].isEmpty { return }
        beginComponent()
        addResourceFlowsToComponent(r.index)
        closeComponent()
        solveComponent(now: now.nanoseconds)
    }

    // MARK: - Flows

    /// Starts a flow.
    ///
    /// - Parameters:
    ///   - hops: the resources crossed (1…``maxHops``; a resource at most once).
    ///   - bytes: the size; `nil` for an open-ended stream (ended by ``remove(_:now:)``).
    ///   - weight: the max-min weight (> 0).
    ///   - ceiling: the flow's own rate limit (``DataRate/unlimited`` for none).
    ///   - kind: what the ceiling stands for (for attribution).
    ///   - flowClass: who the flow serves (a workload index < ``FlowObserver/maxClasses``),
    ///     so attribution can say for whom a resource gave way.
    ///   - tag: caller data returned on completion.
    ///   - now: the current time.
    /// - Returns: the flow's identifier (recycled after it ends).
    /// - Complexity: O(hops) on the fast path, else a component re-solve.
    @discardableResult
    public mutating func add(hops: [Hop], bytes: ByteCount?, weight w: Double = 1, ceiling c: DataRate = .unlimited,
                             kind: CeilingKind = .application, flowClass: Int = 0, tag t: Int64 = 0,
                             now: SimTime) -> FlowID {
        precondition(!hops.isEmpty && hops.count <= Self.maxHops, "route must have 1…\(Self.maxHops) hops")
        precondition(w > 0 && w.isFinite, "weight must be positive")
        precondition(c.bitsPerSecond >= 0, "ceiling must be ≥ 0")
        syncLazyAtBucketBoundary(now: now.nanoseconds)
        let f: Int
        if let free = freeFlows.popLast() {
            f = Int(free)
        } else {
            f = weight.count
            precondition(f < (1 << 27), "too many concurrent flows")
            let H = Self.maxHops
            hopResource.append(contentsOf: repeatElement(-1, count: H))
            hopFactor.append(contentsOf: repeatElement(0, count: H))
            hopPosition.append(contentsOf: repeatElement(-1, count: H))
            hopCount.append(0); weight.append(0); ceiling.append(0); rate.append(0)
            remaining.append(0); delivered.append(0); lastUpdate.append(0); limiter.append(Self.notLimited)
            active.append(false); tag.append(0); ceilingKind.append(0); self.flowClass.append(0)
            runLimiter.append(-1); runSeconds.append(0); worstLimiter.append(-1); worstSeconds.append(0)
            resourceLimitedSeconds.append(0); mark.append(0); newRate.append(0); newLimiter.append(0)
            frozen.append(false); clockStart.append(0)
            tagHeaps.reserveFlows(f + 1)
            ceilingTags.reserveFlows(f + 1)
            heldCeilings.reserveFlows((f + 1) * Self.maxHops)
        }
        let base = f * Self.maxHops
        for (h, hop) in hops.enumerated() {
            let r = hop.resource.index
            hopResource[base + h] = Int32(r)
            hopFactor[base + h] = hop.factor
            hopPosition[base + h] = Int32(resourceEntries[r].count)
            resourceEntries[r].append(Int32(f << 4 | h))
        }
        hopCount[f] = UInt8(hops.count)
        weight[f] = w
        ceiling[f] = c.bitsPerSecond
        ceilingKind[f] = kind.code
        precondition(flowClass >= 0 && flowClass < FlowObserver.maxClasses, "flow class out of range")
        self.flowClass[f] = UInt8(flowClass)
        runLimiter[f] = -1; runSeconds[f] = 0; worstLimiter[f] = -1; worstSeconds[f] = 0
        resourceLimitedSeconds[f] = 0
        rate[f] = 0
        remaining[f] = bytes.map { Double($0.bytes) } ?? .infinity
        delivered[f] = 0
        lastUpdate[f] = now.nanoseconds
        limiter[f] = Self.notLimited
        active[f] = true
        tag[f] = t
        counters.flowsStarted += 1

        if remaining[f] <= 0 {
            // An empty transfer completes at once.
            notifyHops(f, now: now.nanoseconds)
            completions.update(f, to: now.nanoseconds)
            return FlowID(f)
        }
        // Fast path: a capped flow whose ceiling fits in the spare capacity everywhere.
        if c.bitsPerSecond.isFinite && fitsWithoutSaturating(f, extra: c.bitsPerSecond) {
            counters.fastPaths += 1
            setRate(f, c.bitsPerSecond, limiter: kind.code, now: now.nanoseconds)
            notifyHops(f, now: now.nanoseconds)
            return FlowID(f)
        }
        if groupPathsEnabled && reshareOnlyGroup(f, now: now.nanoseconds) { return FlowID(f) }
        if groupPathsEnabled && propagateHeldChange(f, to: c.bitsPerSecond, ended: false, now: now.nanoseconds) {
            return FlowID(f)
        }
        makeAllEager(now: now.nanoseconds)  // the gathering reads stored loads
        beginComponent()
        addFlowToComponent(f)
        addResourcesSaturatedBy(f, rate: c.bitsPerSecond)
        closeComponent()
        solveComponent(now: now.nanoseconds)
        return FlowID(f)
    }

    /// Changes a flow's ceiling (slow-start growth, a stream's new target).
    ///
    /// - Complexity: O(hops) when the flow is held by its ceiling on unsaturated resources
    ///   and the new ceiling fits; else a component re-solve.
    public mutating func setCeiling(_ id: FlowID, to c: DataRate, kind: CeilingKind? = nil, now: SimTime) {
        let f = id.index
        precondition(active[f], "flow is not active")
        syncLazyAtBucketBoundary(now: now.nanoseconds)
        if let kind {
            ceilingKind[f] = kind.code
            if limiter[f] < Self.notLimited { limiter[f] = kind.code }
        }
        let old = ceiling[f]
        let new = c.bitsPerSecond
        if new == old { return }
        ceiling[f] = new
        if limiter[f] < Self.notLimited { rekeyHeld(f) }
        if limiter[f] >= 0 {
            // A group member: its ceiling is listed with the group's; while it stays at or
            // above the share, the max-min solution does not move.
            let g = Int(limiter[f])
            ceilingTags.remove(f, from: g)
            if new.isFinite { ceilingTags.insert(f, key: new / weight[f], into: g) }
            if new / weight[f] >= level[g] {
                counters.fastPaths += 1
                return
            }
        }
        let onSaturated = touchesSaturated(f)
        if !onSaturated && limiter[f] < Self.notLimited && new.isFinite
            && (new < old || fitsWithoutSaturating(f, extra: new - rate[f])) {
            counters.fastPaths += 1
            setRate(f, new, limiter: ceilingKind[f], now: now.nanoseconds)
            notifyHops(f, now: now.nanoseconds)
            return
        }
        if !onSaturated && new >= old && limiter[f] >= Self.notLimited {
            // Held elsewhere and not on a saturated resource: cannot happen for an elastic
            // flow (it saturates its bottleneck); a rate-0 flow on a zero-capacity resource.
            return
        }
        if groupPathsEnabled && reshareOnlyGroup(f, now: now.nanoseconds) { return }
        if groupPathsEnabled && limiter[f] < Self.notLimited
            && propagateHeldChange(f, to: new, ended: false, now: now.nanoseconds) { return }
        makeAllEager(now: now.nanoseconds)  // the gathering reads stored loads
        beginComponent()
        addFlowToComponent(f)
        addResourcesSaturatedBy(f, rate: new)
        closeComponent()
        solveComponent(now: now.nanoseconds)
    }

    /// Ends a flow before completion (a stream stopped, a transfer abandoned).
    ///
    /// - Returns: the bytes it delivered.
    @discardableResult
    public mutating func remove(_ id: FlowID, now: SimTime) -> ByteCount {
        let f = id.index
        precondition(active[f], "flow is not active")
        syncLazyAtBucketBoundary(now: now.nanoseconds)
        settle(f, now: now.nanoseconds)
        let bytes = delivered[f]
        detach(f, now: now.nanoseconds)
        return ByteCount(bytes: Int64(bytes.rounded()))
    }

    /// The current rate of a flow.
    @inline(__always)
    public func rate(of id: FlowID) -> DataRate { DataRate(bitsPerSecond: currentRate(id.index)) }
    /// The current ceiling of a flow.
    public func ceiling(of id: FlowID) -> DataRate { DataRate(bitsPerSecond: ceiling[id.index]) }
    /// The caller's tag of a flow.
    public func tag(of id: FlowID) -> Int64 { tag[id.index] }
    /// Whether the flow is active.
    @inline(__always)
    public func isActive(_ id: FlowID) -> Bool { id.index < active.count && active[id.index] }
    /// What limits the flow now: a resource, its own ceiling, or nothing (rate 0).
    @inline(__always)
    public func limiter(of id: FlowID) -> FlowLimiter { FlowLimiter(code: limiter[id.index]) }
    /// The resource that held the flow back longest in one stretch (nil if none did), and
    /// the total seconds any resource limited it — settled at its last rate or limiter
    /// change, and at its completion (read it just after ``completeNext()``, before the
    /// identifier is reused, for the flow's whole life).
    @inline(__always)
    public func delay(of id: FlowID) -> (worst: ResourceID?, resourceLimitedSeconds: Double) {
        let f = id.index
        return (worstLimiter[f] >= 0 ? ResourceID(Int(worstLimiter[f])) : nil, resourceLimitedSeconds[f])
    }

    /// Bytes delivered by an active flow up to `now`.
    @inline(__always)
    public func delivered(_ id: FlowID, at now: SimTime) -> Double {
        delivered[id.index] + progress(id.index, now: now.nanoseconds)
    }
    /// Bytes still to deliver at `now` (∞ for streams).
    public func remaining(_ id: FlowID, at now: SimTime) -> Double {
        remaining[id.index] - progress(id.index, now: now.nanoseconds)
    }

    // MARK: - Completions

    /// The time of the next flow completion, or ``SimTime/never``.
    @inline(__always)
    public var nextCompletionTime: SimTime {
        nextCompletion().map { SimTime(nanoseconds: $0.time) } ?? .never
    }

    /// The next flow to complete and its time: the earlier of the individually scheduled
    /// flows and the groups' first finishers, ties broken by flow index.
    @inline(__always)
    func nextCompletion() -> (flow: Int, time: Int64)? {
        var best: (flow: Int, time: Int64)? = completions.min.map { ($0.index, $0.key) }
        if let (g, t) = groupCompletions.min, let (f, _) = tagHeaps.min(of: g) {
            if best == nil || t < best!.time || (t == best!.time && f < best!.flow) { best = (f, t) }
        }
        return best
    }

    /// Completes the flow due at ``nextCompletionTime``, re-solving what it leaves.
    ///
    /// - Returns: the finished flow's identifier (free again), tag, completion time, and the
    ///   bytes the fluid model delivered (equal to the size, up to rounding of the
    ///   completion time to whole nanoseconds).
    public mutating func completeNext() -> (flow: FlowID, tag: Int64, time: SimTime, delivered: Double)? {
        guard let (f, t) = nextCompletion() else { return nil }
        syncLazyAtBucketBoundary(now: t)
        completions.remove(f)
        settle(f, now: t)
        let bytes = delivered[f]
        remaining[f] = 0
        let tg = tag[f]
        detach(f, now: t)
        return (FlowID(f), tg, SimTime(nanoseconds: t), bytes)
    }

    /// Settles every active flow's progress at `now` (before reading the observer at the
    /// end of a run, so flows still running are counted).
    public mutating func settleAll(now: SimTime) {
        syncLazyAtBucketBoundary(now: now.nanoseconds)
        makeAllEager(now: now.nanoseconds)
        for f in 0..<active.count where active[f] { settle(f, now: now.nanoseconds) }
    }

    // MARK: - Internals: rates and progress

    /// Settles `f`'s progress at `now` at its current rate.
    mutating func settle(_ f: Int, now: Int64) {
        let dt = Double(now - lastUpdate[f]) * 1e-9
        if limiter[f] >= 0 {
            let v = virtualTime(Int(limiter[f]), at: now)
            let bytes = weight[f] * (v - clockStart[f])
            clockStart[f] = v
            if dt > 0 || bytes != 0 {
                delivered[f] += bytes
                remaining[f] -= bytes
                let l = limiter[f]
                observer.flowProgressed(limiter: l, flowClass: Int(flowClass[f]), seconds: max(0, dt) * weight[f], bytes: bytes)
                if dt > 0 {
                    resourceLimitedSeconds[f] += dt
                    if runLimiter[f] == l { runSeconds[f] += dt } else { runLimiter[f] = l; runSeconds[f] = dt }
                    if runSeconds[f] > worstSeconds[f] { worstSeconds[f] = runSeconds[f]; worstLimiter[f] = l }
                }
            }
            lastUpdate[f] = now
            return
        }
        if dt > 0 {
            let bytes = rate[f] / 8 * dt
            delivered[f] += bytes
            remaining[f] -= bytes
            let l = limiter[f]
            observer.flowProgressed(limiter: l, flowClass: Int(flowClass[f]), seconds: dt * weight[f], bytes: bytes)
            if l >= 0 {
                resourceLimitedSeconds[f] += dt
                if runLimiter[f] == l { runSeconds[f] += dt } else { runLimiter[f] = l; runSeconds[f] = dt }
                if runSeconds[f] > worstSeconds[f] { worstSeconds[f] = runSeconds[f]; worstLimiter[f] = l }
            }
        }
        lastUpdate[f] = now
    }

    /// Sets `f`'s rate and limiter, updating resource loads and the completion heap.
    mutating func setRate(_ f: Int, _ r: Double, limiter l: Int32, now: Int64) {
        settle(f, now: now)
        let old = currentRate(f)
        leaveGroup(f, now: now)
        if old != r {
            let base = f * Self.maxHops
            for h in 0..<Int(hopCount[f]) {
                let res = Int(hopResource[base + h])
                setLoad(res, max(0, load[res] + hopFactor[base + h] * (r - old)))
            }
            rate[f] = r
        }
        setLimiterCode(f, l)
        scheduleCompletion(f, now: now)
    }

    /// Puts `f`'s completion time (from its settled remaining bytes and rate) in the heap.
    mutating func scheduleCompletion(_ f: Int, now: Int64) {
        let r = rate[f]
        if remaining[f].isInfinite || r <= 0 {
            completions.remove(f)
        } else {
            let dt = remaining[f] * 8 / r
            let ns = max(0, (dt * 1e9).rounded(.up))
            completions.update(f, to: ns >= 9.2e18 ? .max : now + Int64(ns))
        }
    }

    mutating func notifyHops(_ f: Int, now: Int64) {
        let base = f * Self.maxHops
        for h in 0..<Int(hopCount[f]) {
            let r = Int(hopResource[base + h])
            observer.resourceUpdated(r, load: load[r], saturated: saturated(r), flows: resourceEntries[r].count, at: now)
        }
    }

    @inline(__always)
    func touchesSaturated(_ f: Int) -> Bool {
        let base = f * Self.maxHops
        for h in 0..<Int(hopCount[f]) where saturated(Int(hopResource[base + h])) { return true }
        return false
    }

    /// Whether adding `extra` bit/s to `f` keeps every resource on its route unsaturated.
    @inline(__always)
    func fitsWithoutSaturating(_ f: Int, extra: Double) -> Bool {
        let base = f * Self.maxHops
        for h in 0..<Int(hopCount[f]) {
            let r = Int(hopResource[base + h])
            if saturated(r) { return false }
            if trueLoad(r) + hopFactor[base + h] * extra >= capacity[r] * (1 - Self.tolerance) { return false }
        }
        return true
    }

    /// Removes `f` from its resources and re-solves what it leaves.
    mutating func detach(_ f: Int, now: Int64) {
        let base = f * Self.maxHops
        let n = Int(hopCount[f])
        // Resources that were saturated before f leaves: their other flows may grow.
        var coupled: (Int32, Int32, Int32, Int32) = (-1, -1, -1, -1)
        if limiter[f] >= 0 { advanceClock(Int(limiter[f]), now: now) }
        var coupledCount = 0
        var coupledOverflow = false
        for h in 0..<n {
            let res = Int(hopResource[base + h])
            if saturated(res) {
                switch coupledCount {
                case 0: coupled.0 = Int32(res)
                case 1: coupled.1 = Int32(res)
                case 2: coupled.2 = Int32(res)
                case 3: coupled.3 = Int32(res)
                default: coupledOverflow = true
                }
                coupledCount += 1
            }
        }
        completions.remove(f)
        let r = currentRate(f)
        let endedLimiter = limiter[f]
        let group = Int(limiter[f])
        leaveGroup(f, now: now)
        if group >= 0 { scheduleGroup(group, now: now) }
        for h in 0..<n {
            let res = Int(hopResource[base + h])
            let pos = Int(hopPosition[base + h])
            let lastEntry = resourceEntries[res].removeLast()
            if pos < resourceEntries[res].count {
                resourceEntries[res][pos] = lastEntry
                let g = Int(lastEntry >> 4), gh = Int(lastEntry & 15)
                hopPosition[g * Self.maxHops + gh] = Int32(pos)
            }
            setLoad(res, resourceEntries[res].isEmpty ? 0 : max(0, load[res] - hopFactor[base + h] * r))
            if resourceEntries[res].isEmpty { level[res] = .infinity }
            observer.resourceUpdated(res, load: load[res], saturated: saturated(res),
                                     flows: resourceEntries[res].count, at: now)
        }
        observer.flowEnded(limiter: endedLimiter)
        active[f] = false
        rate[f] = 0
        setLimiterCode(f, Self.notLimited)
        freeFlows.append(Int32(f))
        counters.flowsEnded += 1
        guard coupledCount > 0 else {
            hopCount[f] = 0
            counters.fastPaths += 1
            return
        }
        // One group's share alone grows: f was limited by the only saturated resource on
        // its route (the other flows there are held at lower shares and stay), no member's
        // ceiling is below the new share, and the members cross no other resource that is,
        // or would become, saturated.
        // The same holds when f was held at its own ceiling with r its only saturated
        // resource: its rate is freed on r alone. If f was the group's last member, the
        // flows left on r are held at their ceilings or by other resources: none grows.
        let only = Int(coupled.0)
        if groupPathsEnabled && coupledCount == 1 && (only == group || endedLimiter < Self.notLimited)
            && groupSize[only] == 0 {
            hopCount[f] = 0
            level[only] = .infinity
            counters.groupUpdates += 1
            return
        }
        if groupPathsEnabled && coupledCount == 1 && (only == group || endedLimiter < Self.notLimited)
            && groupSize[only] > 0 && level[only].isFinite {
            let w = pairWeight(only, only)
            let newLevel = level[only] + max(0, capacity[only] - trueLoad(only)) / w
            let minCap = ceilingTags.min(of: only)?.key ?? .infinity
            if w > 0 && newLevel.isFinite && minCap > newLevel
                && groupIsAlone(only, delta: newLevel - level[only]) {
                hopCount[f] = 0
                moveGroupLevel(only, to: newLevel, now: now)
                return
            }
        }
        if groupPathsEnabled && !coupledOverflow {
            for i in 0..<coupledCount { propagationSeeds.append(Self.element(i, of: coupled)) }
            if propagateHeldChange(f, to: 0, ended: true, now: now) {
                hopCount[f] = 0
                return
            }
        }
        // f has left every resource: it cannot enter the component.
        hopCount[f] = 0
        makeAllEager(now: now)  // the gathering reads stored loads
        beginComponent()
        withGathering { g in
            if coupledOverflow {
                for h in 0..<n { g.expand(Int(g.hopResource[base + h])) }
            } else {
                for i in 0..<coupledCount { g.expand(Int(Self.element(i, of: coupled))) }
            }
            g.close()
        }
        if !componentFlows.isEmpty { solveComponent(now: now) }
    }

    /// Element `i` (0…3) of a four-resource tuple.
    @inline(__always)
    static func element(_ i: Int, of t: (Int32, Int32, Int32, Int32)) -> Int32 {
        switch i {
        case 0: return t.0
        case 1: return t.1
        case 2: return t.2
        default: return t.3
        }
    }

    // MARK: - Internals: components

    /// Adds the flows of every unsaturated resource on `f`'s route that `f` at `rate` would
    /// saturate: they are the ones the re-solve will share it among, and gathering them now
    /// saves the check step a second fill.
    mutating func addResourcesSaturatedBy(_ f: Int, rate newRate: Double) {
        let base = f * Self.maxHops
        let extra = newRate - currentRate(f)
        guard extra > 0 else { return }
        for h in 0..<Int(hopCount[f]) {
            let r = Int(hopResource[base + h])
            if !saturated(r) && trueLoad(r) + hopFactor[base + h] * extra >= capacity[r] * (1 - Self.tolerance) {
                addResourceFlowsToComponent(r)
            }
        }
    }

    static func key(_ level: Double) -> Int64 {
        Int64(bitPattern: max(0, level).bitPattern)
    }

    /// Progressive filling over the current component, then commit of the new rates.
    mutating func solveComponent(now: Int64) {
        counters.resolves += 1
        makeAllEager(now: now)
        while true {
            counters.resolvedFlows += componentFlows.count
            fill()
            // Check: a resource this solve saturated may hold outside flows at a higher
            // share than its new level; those must join.
            var grew = false
            for rr in componentResources {
                let r = Int(rr)
                let t = newLevel[r]
                if !t.isFinite || expanded[r] == epoch { continue }
                for e in resourceEntries[r] {
                    let g = Int(e >> 4)
                    if mark[g] != epoch && currentRate(g) / weight[g] > t * (1 + Self.tolerance) + 1e-9 {
                        grew = true
                        break
                    }
                }
                if grew { addResourceFlowsToComponent(r); break }
            }
            if !grew { break }
            closeComponent()
        }
        // Loads follow from the fill: every component flow is frozen, so the residual is
        // capacity minus the load of flows outside plus the new rates of those inside.
        for rr in componentResources {
            let r = Int(rr)
            load[r] = resourceEntries[r].isEmpty ? 0 : max(0, capacity[r] - residual[r])
        }
        // Virtual clocks run at the old levels up to now.
        for rr in componentResources { advanceClock(Int(rr), now: now) }
        for ff in componentFlows {
            let f = Int(ff)
            let nr = newRate[f], nl = newLimiter[f]
            // A flow that keeps its limiting resource follows its group's share with no
            // work of its own; a flow at an unchanged ceiling keeps its completion time.
            if nl == limiter[f] && (nl >= 0 || nr == rate[f]) { continue }
            settle(f, now: now)
            leaveGroup(f, now: now)
            rate[f] = nr
            if nl >= 0 {
                joinGroup(f, Int(nl), now: now)
            } else {
                setLimiterCode(f, nl)
                scheduleCompletion(f, now: now)
            }
        }
        for rr in componentResources {
            let r = Int(rr)
            level[r] = newLevel[r]
            scheduleGroup(r, now: now)
            observer.resourceUpdated(r, load: load[r], saturated: saturated(r), flows: resourceEntries[r].count, at: now)
        }
    }

}
/// What a flow's own ceiling stands for, so attribution can say "slow start" rather than
/// just "its own limit".
public enum CeilingKind: Int32, Sendable, CaseIterable {
    /// The application's rate (a stream's target bitrate, a NIC, a paced upload).
    case application = -2
    /// TCP slow start: the congestion window has not yet grown to the fair share (or its
    /// last window leaves at the path's idle rate).
    case slowStart = -3
    /// The TCP receive window over the round-trip time.
    case window = -4

    /// The solver's limiter code.
    public var code: Int32 { rawValue }
    /// A short label for reports.
    public var label: String {
        switch self {
        case .application: return "application rate"
        case .slowStart: return "TCP slow start"
        case .window: return "TCP window / RTT"
        }
    }
}

/// What limits a flow's rate.
public enum FlowLimiter: Hashable, Sendable {
    /// A saturated resource: its fair share is the flow's rate.
    case resource(ResourceID)
    /// The flow's own ceiling.
    case ceiling(CeilingKind)
    /// Nothing: the flow has no rate yet.
    case none

    /// Decodes the solver's limiter code.
    public init(code: Int32) {
        if code >= 0 { self = .resource(ResourceID(Int(code))) } else if let k = CeilingKind(rawValue: code) { self = .ceiling(k) } else { self = .none }
    }
}
