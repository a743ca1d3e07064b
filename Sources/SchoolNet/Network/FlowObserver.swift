/// Accumulates, for every resource, what bottleneck attribution and the reports need:
/// utilisation over time, time saturated, peak concurrent flows, and the flow-seconds and
/// bytes of flows whose rate the resource limited.
///
/// The solver calls it on every change, so it does O(1) work per call (plus one step per
/// time bucket crossed). All sums are in resource order; no hashing is involved.
///
/// **Definitions**
/// - *utilisation* of a resource over an interval: ∫ load dt / (capacity × interval).
/// - *limited flow-seconds*: Σ over flows of weight × the time during which the resource
///   was the flow's limiter (the saturated resource that fixed its max-min rate). A flow of
///   weight k stands for k identical connections (``TransferRequest/copies``), so it counts
///   k flow-seconds per second; every other flow has weight 1.
/// - *limited bytes*: bytes those flows moved while so limited.
/// - *time saturated*: total time the resource's load was at capacity with flows on it.
///
/// **Storage**: the per-resource tallies are ``Column``s (reference semantics, no
/// copy-on-write checks on the solver's hot path): a copy of an observer shares its tallies
/// with the original. Read copies freely once the run is over; never keep a copy across
/// further simulation as a snapshot (take `Array(observer.x)` instead). `Sendable` holds
/// under ``Column``'s rule: one task writes (the simulation's), others read after it.
public struct FlowObserver: Sendable {
    /// Width of a utilisation bucket, in nanoseconds (0 disables the time series).
    public var bucketWidth: Int64 = 1_000_000_000

    /// Per-resource capacity, bits/s (kept in step with the solver).
    public private(set) var capacity: Column<Double> = []
    /// ∫ load dt per resource, bits.
    public private(set) var carriedBits: Column<Double> = []
    /// Total saturated time per resource, ns (closed intervals only; see ``saturatedTime(_:at:)``).
    public private(set) var saturatedNanoseconds: Column<Int64> = []
    /// Peak concurrent flows per resource (a flow standing for k copies counts once).
    public private(set) var peakFlows: Column<Int> = []
    /// Flow-seconds limited by each resource.
    public private(set) var limitedFlowSeconds: Column<Double> = []
    /// Bytes moved by flows while limited by each resource.
    public private(set) var limitedBytes: Column<Double> = []
    /// Flow-seconds limited by each resource, per flow class: index `resource × maxClasses + class`.
    public private(set) var limitedFlowSecondsByClass: Column<Double> = []
    /// Flow classes (workloads) distinguished in attribution.
    public static let maxClasses = 8
    /// Flow-seconds limited by the flows' own ceilings, by ``CeilingKind`` (index `-2 - code`).
    public private(set) var ceilingFlowSeconds: Column<Double> = [0, 0, 0]
    /// Bytes moved while limited by the flows' own ceilings, by ``CeilingKind``.
    public private(set) var ceilingBytes: Column<Double> = [0, 0, 0]
    /// Utilisation time series: per resource, carried bits per bucket (complete after
    /// ``finish(at:)``: the bucket a resource is in is summed in `openBits` meanwhile).
    public private(set) var buckets: [[Double]] = []
    /// Per resource: the bucket being summed (−1 if none) and its running sum — the same
    /// additions in the same order as into `buckets`, on a flat array (one nested-array
    /// access per resource per bucket instead of per load change).
    var openBucket: Column<Int> = []
    var openBits: Column<Double> = []
    /// Per resource: the end (ns) of the open bucket, −1 if none — so that a change inside
    /// it is recognised without an integer division.
    var openEnd: Column<Int64> = []
    /// Time at which each resource became saturated, or -1.
    public private(set) var saturatedSince: Column<Int64> = []
    /// Time (ns) at which each resource was first saturated in the run, or -1 if never
    /// (reports print it as "gives way at 09:00:04").
    public private(set) var firstSaturated: Column<Int64> = []
    /// Time the first change was seen (start of the observation).
    public private(set) var lastChange: Column<Int64> = []
    /// Capacity changes of every resource in one log, in the order they happened, each entry
    /// linked to its resource's previous one (a busy national run changes millions of
    /// capacities: an append here touches one entry, not a per-resource array); read one
    /// resource's history with ``capacityHistory(_:)``.
    struct CapacityChange: BitwiseCopyable {
        var time: Int64, capacity: Double
        /// The resource's previous entry, or -1 for its initial capacity.
        var previous: Int32
    }
    var capacityLog: Column<CapacityChange> = []
    /// Per resource: its latest entry in ``capacityLog``.
    var capacityLast: Column<Int32> = []
    /// Current load per resource, bits/s.
    public private(set) var currentLoad: Column<Double> = []

    /// Creates an empty observer.
    public init() {}

    /// Utilisation cells (resources × buckets) a run may hold before buckets get coarser:
    /// 2²⁶ doubles = 512 MiB at worst (every resource loaded to the end of the run).
    public static let bucketBudget = 1 << 26

    /// Bucket widths to choose from, seconds: round divisors of a minute and an hour, so
    /// the series still reads as clock times.
    static let bucketSteps: [Int64] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600]

    /// The narrowest width from 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30, 60 min for which
    /// `resources × ⌈horizon / width⌉` fits ``bucketBudget`` (1 h if none does). Every
    /// reference scenario stays at 1 s (a municipality of 30 schools has ~1,000 resources ×
    /// 3,600 s = 3.6 M cells); the national CBT morning (~300,000 resources × 5,400 s)
    /// gets 30 s.
    ///
    /// - Parameters:
    ///   - resources: how many resources the topology has.
    ///   - horizon: the simulated period.
    /// - Returns: the bucket width.
    public static func automaticBucketWidth(resources: Int, horizon: SimDuration) -> SimDuration {
        let ns = max(horizon.nanoseconds, 1)
        for s in bucketSteps {
            let width = s * 1_000_000_000
            let buckets = (ns + width - 1) / width
            if Int64(resources) * buckets <= Int64(bucketBudget) { return .seconds(Double(s)) }
        }
        return .seconds(3600)
    }

    mutating func addResource(capacity c: Double) {
        capacity.append(c)
        capacityLast.append(Int32(capacityLog.count))
        capacityLog.append(CapacityChange(time: 0, capacity: c, previous: -1))
        carriedBits.append(0)
        saturatedNanoseconds.append(0)
        peakFlows.append(0)
        limitedFlowSeconds.append(0)
        limitedBytes.append(0)
        limitedFlowSecondsByClass.append(0, count: Self.maxClasses)
        buckets.append([])
        openBucket.append(-1)
        openEnd.append(-1)
        openBits.append(0)
        saturatedSince.append(-1)
        firstSaturated.append(-1)
        lastChange.append(0)
        currentLoad.append(0)
    }

    mutating func capacityChanged(_ r: Int, to c: Double, at now: Int64) {
        integrate(r, until: now)
        capacity[r] = c
        let last = capacityLast[r]
        if capacityLog[Int(last)].time == now {
            capacityLog[Int(last)].capacity = c
        } else {
            capacityLast[r] = Int32(capacityLog.count)
            capacityLog.append(CapacityChange(time: now, capacity: c, previous: last))
        }
    }

    /// Capacity changes of resource `r`: (time ns, bits/s), in time order, starting with the
    /// initial capacity at time 0 (capacities vary with best-effort availability and public
    /// load by hour, and with the contenders of a shared medium).
    public func capacityHistory(_ r: Int) -> [(time: Int64, capacity: Double)] {
        var h: [(time: Int64, capacity: Double)] = []
        var e = capacityLast[r]
        while e >= 0 {
            let entry = capacityLog[Int(e)]
            h.append((entry.time, entry.capacity))
            e = entry.previous
        }
        return h.reversed()
    }

    /// The capacity of `r` at time `t` (ns).
    public func capacity(_ r: Int, at t: Int64) -> Double { Self.capacity(in: capacityHistory(r), at: t) }

    /// The capacity at time `t` (ns) of a resource whose ``capacityHistory(_:)`` is `h`.
    public static func capacity(in h: [(time: Int64, capacity: Double)], at t: Int64) -> Double {
        var c = h[0].capacity
        for e in h where e.time <= t { c = e.capacity }
        return c
    }

    /// ∫ capacity dt of `r` over [from, to) ns, in bits (the denominator of utilisation when
    /// capacity varies over the day).
    public func capacityBits(_ r: Int, from: Int64, to: Int64) -> Double {
        Self.capacityBits(in: capacityHistory(r), from: from, to: to)
    }

    /// ``capacityBits(_:from:to:)`` of a resource whose ``capacityHistory(_:)`` is `h`.
    public static func capacityBits(in h: [(time: Int64, capacity: Double)], from: Int64, to: Int64) -> Double {
        guard to > from else { return 0 }
        var total = 0.0
        for (i, e) in h.enumerated() {
            let start = max(from, e.time)
            let end = min(to, i + 1 < h.count ? h[i + 1].time : Int64.max)
            if end > start { total += e.capacity * Double(end - start) * 1e-9 }
        }
        return total
    }

    /// ``capacityBits(_:from:to:)`` of every bucket of `width` ns in [0, end), in one pass over
    /// the history (a contended medium changes capacity with every change of senders).
    ///
    /// - Complexity: O(buckets + capacity changes).
    public func capacityBitsPerBucket(_ r: Int, width: Int64, end: Int64) -> [Double] {
        Self.capacityBitsPerBucket(in: capacityHistory(r), width: width, end: end)
    }

    /// ``capacityBitsPerBucket(_:width:end:)`` of a resource whose ``capacityHistory(_:)`` is `h`.
    public static func capacityBitsPerBucket(in h: [(time: Int64, capacity: Double)], width: Int64, end: Int64) -> [Double] {
        guard width > 0 && end > 0 else { return [] }
        let count = Int((end + width - 1) / width)
        var out = [Double](repeating: 0, count: count)
        var first = 0  // the last entry starting at or before the bucket
        for b in 0..<count {
            let from = Int64(b) * width, to = min(from + width, end)
            while first + 1 < h.count && h[first + 1].time <= from { first += 1 }
            var total = 0.0
            var i = first
            while i < h.count && h[i].time < to {
                let next = i + 1 < h.count ? h[i + 1].time : Int64.max
                let start = max(from, h[i].time), stop = min(to, next)
                if stop > start { total += h[i].capacity * Double(stop - start) * 1e-9 }
                i += 1
            }
            out[b] = total
        }
        return out
    }

    /// Integrates the current load of `r` up to `now`.
    mutating func integrate(_ r: Int, until now: Int64) {
        let from = lastChange[r]
        if now <= from { return }
        let l = currentLoad[r]
        if l > 0 {
            carriedBits[r] += l * Double(now - from) * 1e-9
            let end = openEnd[r]
            if now <= end && from < end {
                // Within the open bucket (it holds `from`: buckets only move forward).
                openBits[r] += l * Double(now - from) * 1e-9
            } else if bucketWidth > 0 && now <= (from / bucketWidth + 1) * bucketWidth {
                openBucket(r, Int(from / bucketWidth))
                openBits[r] += l * Double(now - from) * 1e-9
            } else if bucketWidth > 0 {
                closeBucket(r)
                var t = from
                while t < now {
                    let b = Int(t / bucketWidth)
                    let end = min(now, Int64(b + 1) * bucketWidth)
                    if buckets[r].count <= b {
                        buckets[r].append(contentsOf: repeatElement(0, count: b + 1 - buckets[r].count))
                    }
                    buckets[r][b] += l * Double(end - t) * 1e-9
                    t = end
                }
            }
        }
        lastChange[r] = now
    }

    /// Adds `bits` carried by `r` within the bucket that holds time `t` (a lazy group's
    /// share folded in late: the amount lies in one bucket, see `FlowSolver+LazyLoads`).
    mutating func addCarried(_ r: Int, bits: Double, at t: Int64) {
        carriedBits[r] += bits
        guard bucketWidth > 0 else { return }
        let b = Int(t / bucketWidth)
        if openBucket[r] == b {
            openBits[r] += bits
            return
        }
        if buckets[r].count <= b {
            buckets[r].append(contentsOf: repeatElement(0, count: b + 1 - buckets[r].count))
        }
        buckets[r][b] += bits
    }

    /// Makes `b` the bucket `r` sums into, writing back the previous one.
    @inline(__always)
    mutating func openBucket(_ r: Int, _ b: Int) {
        if openBucket[r] == b { return }
        closeBucket(r)
        if buckets[r].count <= b {
            buckets[r].append(contentsOf: repeatElement(0, count: b + 1 - buckets[r].count))
        }
        openBits[r] = buckets[r][b]
        openBucket[r] = b
        openEnd[r] = Int64(b + 1) * bucketWidth
    }

    /// Writes `r`'s open bucket back into `buckets`.
    mutating func closeBucket(_ r: Int) {
        let b = openBucket[r]
        if b < 0 { return }
        buckets[r][b] = openBits[r]
        openBucket[r] = -1
        openEnd[r] = -1
    }

    mutating func resourceUpdated(_ r: Int, load: Double, saturated: Bool, flows: Int, at now: Int64) {
        integrate(r, until: now)
        currentLoad[r] = load
        if flows > peakFlows[r] { peakFlows[r] = flows }
        if saturated {
            if saturatedSince[r] < 0 { saturatedSince[r] = now }
            if firstSaturated[r] < 0 { firstSaturated[r] = now }
        } else if saturatedSince[r] >= 0 {
            saturatedNanoseconds[r] += now - saturatedSince[r]
            saturatedSince[r] = -1
        }
    }

    mutating func flowProgressed(limiter: Int32, flowClass: Int, seconds: Double, bytes: Double) {
        if limiter >= 0 {
            limitedFlowSeconds[Int(limiter)] += seconds
            limitedFlowSecondsByClass[Int(limiter) * Self.maxClasses + flowClass] += seconds
            limitedBytes[Int(limiter)] += bytes
        } else if limiter <= CeilingKind.application.code {
            let k = Int(-2 - limiter)
            ceilingFlowSeconds[k] += seconds
            ceilingBytes[k] += bytes
        }
    }

    mutating func flowEnded(limiter: Int32) {}

    /// Closes open intervals at `now` (call once at the end of a run before reading).
    public mutating func finish(at now: Int64) {
        for r in capacity.indices {
            integrate(r, until: now)
            closeBucket(r)
            if saturatedSince[r] >= 0 {
                saturatedNanoseconds[r] += now - saturatedSince[r]
                saturatedSince[r] = now
            }
        }
    }

    /// Mean utilisation of `r` over [0, `until`].
    public func utilisation(_ r: ResourceID, over seconds: Double) -> Double {
        let c = capacity[r.index]
        return c > 0 && seconds > 0 ? carriedBits[r.index] / (c * seconds) : 0
    }
}
