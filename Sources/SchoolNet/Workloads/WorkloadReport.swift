/// What every workload reports, in one shape.
public struct WorkloadReport: Sendable, Equatable, Codable {
    /// The workload's label.
    public var name: String
    /// Its kind (`cbt`, `video`, `conference`, `background`, …).
    public var kind: String
    /// How many entities (students, players, devices) it drove.
    public var entities: Int
    /// Its quality-of-experience metrics, in a fixed order.
    public var metrics: [Metric]
    /// Which resources held its transfers back: per resource, how many entities had it as
    /// their worst limiter and the seconds of delay, largest first.
    public var delayedBy: [DelayShare]

    /// Creates a report.
    public init(name: String, kind: String, entities: Int, metrics: [Metric], delayedBy: [DelayShare]) {
        self.name = name
        self.kind = kind
        self.entities = entities
        self.metrics = metrics
        self.delayedBy = delayedBy
    }
}

/// One QoE metric with its definition and, when the scenario sets one, its target.
public struct Metric: Sendable, Equatable, Codable {
    /// Machine key, e.g. `item_p95` (targets name it as `cbt.item_p95`).
    public var key: String
    /// Human label, e.g. "Item response time, 95th percentile".
    public var label: String
    /// The value in `unit`; NaN when undefined (no samples).
    public var value: Double
    /// Unit: `s`, `%`, `Mbps`, `count`, `ratio`.
    public var unit: String
    /// Whether larger is better (for targets and comparisons).
    public var higherIsBetter: Bool
    /// The target, if set: pass when `value <= target` (or `>=` if higher is better).
    public var target: Double?

    /// Creates a metric.
    public init(key: String, label: String, value: Double, unit: String, higherIsBetter: Bool = false, target: Double? = nil) {
        self.key = key
        self.label = label
        self.value = value
        self.unit = unit
        self.higherIsBetter = higherIsBetter
        self.target = target
    }

    /// Whether the target is met (nil without target or value).
    public var passed: Bool? {
        guard let target, !value.isNaN else { return nil }
        return higherIsBetter ? value >= target : value <= target
    }
}

/// How much of a workload's delay one resource caused.
public struct DelayShare: Sendable, Equatable, Codable {
    /// The resource.
    public var resource: ResourceID
    /// Entities for which it was the worst limiter.
    public var entities: Int
    /// Flow-seconds it limited the workload's transfers.
    public var seconds: Double
}

/// Collects, per entity, the resource that held its transfers back the most, from
/// ``TransferOutcome``s; summarised into ``DelayShare``s.
///
/// Deterministic: sums in arrays indexed by resource and entity; output sorted by
/// (seconds descending, resource ascending).
public struct DelayLedger: Sendable {
    var perEntityWorst: [Int32]
    var perEntityWorstSeconds: [Double]
    var perResourceSeconds: [Double]
    /// How many identical entities each ledger entity stands for (a cohort of students);
    /// empty when every entity is one.
    var multiplicity: [Int32] = []

    /// A ledger for `entities` entities over `resources` resources.
    public init(entities: Int, resources: Int) {
        perEntityWorst = Array(repeating: -1, count: entities)
        perEntityWorstSeconds = Array(repeating: 0, count: entities)
        perResourceSeconds = Array(repeating: 0, count: resources)
    }

    /// A ledger whose entity `e` stands for `multiplicity[e]` identical entities (cohorts):
    /// its delay seconds and its count in ``shares()`` are multiplied by that number, so the
    /// summary equals the one of the expanded entities.
    public init(multiplicity: [Int32], resources: Int) {
        self.init(entities: multiplicity.count, resources: resources)
        if multiplicity.contains(where: { $0 != 1 }) { self.multiplicity = multiplicity }
    }

    /// Records a finished transfer of `entity` (for a cohort, the transfer of each member).
    public mutating func record(_ o: TransferOutcome, entity: Int) {
        guard let r = o.worstLimiter, o.resourceLimitedSeconds > 0 else { return }
        perResourceSeconds[r.index] += multiplicity.isEmpty
            ? o.resourceLimitedSeconds : o.resourceLimitedSeconds * Double(multiplicity[entity])
        if o.resourceLimitedSeconds > perEntityWorstSeconds[entity] {
            perEntityWorstSeconds[entity] = o.resourceLimitedSeconds
            perEntityWorst[entity] = r.rawValue
        }
    }

    /// The summary, largest delay first.
    public func shares() -> [DelayShare] {
        var counts = Array(repeating: 0, count: perResourceSeconds.count)
        for (e, w) in perEntityWorst.enumerated() where w >= 0 {
            counts[Int(w)] += multiplicity.isEmpty ? 1 : Int(multiplicity[e])
        }
        var out: [DelayShare] = []
        for r in perResourceSeconds.indices where perResourceSeconds[r] > 0 || counts[r] > 0 {
            out.append(DelayShare(resource: ResourceID(r), entities: counts[r], seconds: perResourceSeconds[r]))
        }
        return out.sorted { $0.seconds > $1.seconds || ($0.seconds == $1.seconds && $0.resource < $1.resource) }
    }
}
