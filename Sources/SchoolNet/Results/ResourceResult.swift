/// What one capacity resource (one direction of a link, or a shared medium) did during a
/// run: how full it was, when, for how long, and whose traffic it held back.
///
/// Built from the network's ``FlowObserver`` by ``RunResult``; plain data, so it can be
/// compared, summarised over replications and rendered.
///
/// **Definitions** (see ``FlowObserver`` for the underlying integrals):
/// - *mean utilisation*: carried bits / ∫ capacity dt over the simulated period.
/// - *peak utilisation*: the largest utilisation of one time bucket (1 s by default).
/// - *limited flow-seconds*: Σ over transfers of the time this resource fixed their rate.
///   It is the ranking key of the bottleneck list: "how much waiting it caused".
public struct ResourceResult: Sendable, Equatable, Codable {
    /// Index of the resource in the topology (`ResourceID.rawValue`).
    public var index: Int
    /// Name, e.g. `"school-1 access ↓"`.
    public var name: String
    /// The link or medium it belongs to, e.g. `"school-1 access"`.
    public var group: String
    /// What kind of link it is (given, or guessed from its names).
    public var kind: ResourceKind
    /// Capacity in force during the peak bucket (capacities of best-effort lines and LTE
    /// sectors change by the hour; utilisation always divides by the capacity in force).
    public var capacity: DataRate
    /// Mean utilisation over the simulated period, as a fraction (0…1).
    public var meanUtilisation: Double
    /// Largest utilisation of one bucket, as a fraction.
    public var peakUtilisation: Double
    /// Start of the bucket with the peak utilisation, from the start of the run.
    public var peakAt: SimDuration
    /// Total time the resource was saturated (full, with flows on it).
    public var timeSaturated: SimDuration
    /// When it was first saturated, from the start of the run; nil if never.
    public var firstSaturated: SimDuration?
    /// Largest number of concurrent flows.
    public var peakFlows: Int
    /// Flow-seconds during which this resource limited a transfer's rate.
    public var limitedFlowSeconds: Double
    /// Limited flow-seconds per workload (index = workload index); the last slot collects
    /// workloads beyond ``FlowObserver/maxClasses``.
    public var limitedFlowSecondsByWorkload: [Double]
    /// Bytes moved by transfers while this resource limited them.
    public var limitedBytes: Double
    /// Utilisation per time bucket (fraction), from the start of the run; the last bucket
    /// may be partial and is divided by its own length.
    public var utilisation: [Double]
    /// What the resource had to carry: busiest minute, its 95th percentile, most devices at
    /// once (nil in results that did not measure it).
    public var designLoad: DesignLoad?
    /// The delay its drop-tail buffer adds to every round trip through it when full,
    /// seconds (the buffer at the capacity in force during the peak interval: the most its
    /// standing queue can be, ``QueueDiscipline``); nil behind fq_codel or when not known.
    public var fullBufferDelay: Double? = nil
    /// The largest ACK load of the other direction's downloads it carried ahead of its own
    /// flows, and its line capacity then (``Network``'s ACK load); nil if none. Its
    /// ``capacity`` is then what the ACKs left, and ``fullBufferDelay`` the buffer at the
    /// line capacity (ACKs and data drain from one queue).
    public var acknowledgements: AckShare? = nil

    /// ACKs carried on a link: their peak rate and the line's capacity then.
    public struct AckShare: Sendable, Equatable, Codable {
        /// The largest ACK load.
        public var load: DataRate
        /// The line capacity when it was carried.
        public var lineCapacity: DataRate
    }

    /// Creates a resource result from its parts.
    public init(index: Int, name: String, group: String, kind: ResourceKind, capacity: DataRate,
                meanUtilisation: Double, peakUtilisation: Double, peakAt: SimDuration, timeSaturated: SimDuration,
                firstSaturated: SimDuration?, peakFlows: Int, limitedFlowSeconds: Double,
                limitedFlowSecondsByWorkload: [Double], limitedBytes: Double, utilisation: [Double],
                designLoad: DesignLoad? = nil) {
        self.index = index
        self.name = name
        self.group = group
        self.kind = kind
        self.capacity = capacity
        self.meanUtilisation = meanUtilisation
        self.peakUtilisation = peakUtilisation
        self.peakAt = peakAt
        self.timeSaturated = timeSaturated
        self.firstSaturated = firstSaturated
        self.peakFlows = peakFlows
        self.limitedFlowSeconds = limitedFlowSeconds
        self.limitedFlowSecondsByWorkload = limitedFlowSecondsByWorkload
        self.limitedBytes = limitedBytes
        self.utilisation = utilisation
        self.designLoad = designLoad
    }

    /// Reads resource `r` from an observer that has been finished at `end`.
    ///
    /// - Parameters:
    ///   - r: The resource index.
    ///   - topology: The topology (names and groups).
    ///   - observer: The finished observer.
    ///   - end: The end of the simulated period (the run started at zero).
    ///   - workloads: The number of workloads (length of the per-workload array).
    ///   - kind: The resource's kind.
    ///   - peakDevices: The most devices active on it at once (``DeviceActivity/peak``).
    /// - Complexity: O(buckets + workloads).
    init(_ r: Int, topology: Topology, observer o: FlowObserver, end: SimTime, workloads: Int, kind: ResourceKind,
         peakDevices: Int) {
        let res = topology.resources[r]
        let period = end.seconds
        let width = o.bucketWidth
        var series: [Double] = []
        let history = o.capacityHistory(r)
        if width > 0 && end.nanoseconds > 0 {
            let count = Int((end.nanoseconds + width - 1) / width)
            series.reserveCapacity(count)
            let capacityBits = FlowObserver.capacityBitsPerBucket(in: history, width: width, end: end.nanoseconds)
            for b in 0..<count {
                let bits = b < o.buckets[r].count ? o.buckets[r][b] : 0
                let available = capacityBits[b]
                series.append(available > 0 ? bits / available : 0)
            }
        }
        // The peak, and the first interval at it to within 10⁻⁶ (the precision reports
        // print): intervals saturated for minutes differ only by rounding, and the first
        // one is the answer a planner wants ("full from 10:12:35").
        let peak = series.max() ?? 0
        let peakBucket = peak > 0 ? series.firstIndex { $0 >= peak * (1 - 1e-6) } ?? 0 : 0
        let classes = FlowObserver.maxClasses
        let byWorkload = (0..<min(max(workloads, 1), classes)).map { o.limitedFlowSecondsByClass[r * classes + $0] }
        self.init(index: r, name: res.name, group: res.group, kind: kind,
                  capacity: DataRate(bitsPerSecond: FlowObserver.capacity(in: history, at: Int64(peakBucket) * width)),
                  meanUtilisation: period > 0 && FlowObserver.capacityBits(in: history, from: 0, to: end.nanoseconds) > 0
                      ? o.carriedBits[r] / FlowObserver.capacityBits(in: history, from: 0, to: end.nanoseconds) : 0,
                  peakUtilisation: peak, peakAt: SimDuration(nanoseconds: Int64(peakBucket) * width),
                  timeSaturated: SimDuration(nanoseconds: o.saturatedNanoseconds[r]),
                  firstSaturated: o.firstSaturated[r] >= 0 ? SimDuration(nanoseconds: o.firstSaturated[r]) : nil,
                  peakFlows: o.peakFlows[r], limitedFlowSeconds: o.limitedFlowSeconds[r],
                  limitedFlowSecondsByWorkload: byWorkload, limitedBytes: o.limitedBytes[r], utilisation: series,
                  designLoad: DesignLoad(bits: o.buckets[r], carried: o.carriedBits[r], bucketWidth: width,
                                         end: end.nanoseconds, peakDevices: peakDevices))
        if res.discipline == .fifo && capacity.bitsPerSecond > 0 { fullBufferDelay = res.buffer.bits / capacity.bitsPerSecond }
    }

    /// The largest load carried in one bucket (peak utilisation × capacity).
    public var peakLoad: DataRate { capacity * peakUtilisation }
}
