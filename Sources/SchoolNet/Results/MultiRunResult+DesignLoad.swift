/// The design load of every resource over the replications: each measure's value per run,
/// its mean and 95 % Student-t interval, as the reports give every other metric.
///
/// **Assumptions:** replications of one scenario have the same resources; a resource is
/// matched by index when the names agree, else by name, and a run without it (or without a
/// measured design load) leaves a NaN that the mean and interval skip.
///
/// **Validated by:** `DesignLoadTests.replicationsGiveMeanAndInterval`.
extension MultiRunResult {
    /// One resource's design load over the replications.
    public struct DesignLoadSummary: Sendable, Equatable {
        /// The resource in the first run.
        public var resource: ResourceResult
        /// The window of the loads (1 minute unless the utilisation interval is coarser).
        public var window: SimDuration
        /// Busiest window load of each run, bits/s (NaN where not measured).
        public var peak: [Double]
        /// 95th percentile of the window loads of each run, bits/s.
        public var p95: [Double]
        /// Most devices active at once in each run.
        public var devices: [Double]

        /// Mean and 95 % interval (nil with fewer than two defined values) of a measure.
        ///
        /// - Parameter values: ``peak``, ``p95`` or ``devices``.
        /// - Returns: The mean over the runs that define it (NaN if none) and the interval.
        public static func summary(_ values: [Double]) -> (mean: Double, interval: ConfidenceInterval?) {
            let defined = values.filter { !$0.isNaN }
            let mean = defined.isEmpty ? Double.nan : defined.reduce(0, +) / Double(defined.count)
            return (mean, ConfidenceInterval(defined, level: 0.95))
        }
    }

    /// The design load of resource `index` of the first run over every replication, nil if
    /// the first run did not measure it.
    ///
    /// - Parameter index: A resource index of ``representative``.
    /// - Returns: The summary.
    /// - Complexity: O(runs), plus O(resources) per run whose resources are in another order.
    public func designLoad(ofResource index: Int) -> DesignLoadSummary? {
        let first = representative.resources[index]
        guard let d = first.designLoad else { return nil }
        var peak: [Double] = [], p95: [Double] = [], devices: [Double] = []
        for run in runs {
            let match = index < run.resources.count && run.resources[index].name == first.name
                ? run.resources[index] : run.resources.first { $0.name == first.name }
            let load = match?.designLoad
            peak.append(load?.peak.bitsPerSecond ?? .nan)
            p95.append(load?.p95.bitsPerSecond ?? .nan)
            devices.append(load.map { Double($0.peakDevices) } ?? .nan)
        }
        return DesignLoadSummary(resource: first, window: d.window, peak: peak, p95: p95, devices: devices)
    }

    /// Every resource's design load, in topology order (those measured).
    public var designLoads: [DesignLoadSummary] {
        representative.resources.indices.compactMap { designLoad(ofResource: $0) }
    }
}
