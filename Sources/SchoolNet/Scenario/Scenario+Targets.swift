extension Scenario {
    /// Attaches the scenario's targets to the matching metrics of workload reports (by
    /// workload kind and metric key). The comparison written in the target (`<=` or `>=`)
    /// decides pass or fail.
    ///
    /// - Parameter reports: the workloads' reports, in workload order.
    /// - Returns: the reports with targets set.
    public func applyingTargets(to reports: [WorkloadReport]) -> [WorkloadReport] {
        reports.map { r in
            var r = r
            for i in r.metrics.indices {
                if let t = targets.first(where: { $0.kind == r.kind && $0.metric == r.metrics[i].key }) {
                    r.metrics[i].target = t.threshold
                    r.metrics[i].higherIsBetter = !t.atMost
                }
            }
            return r
        }
    }
}
