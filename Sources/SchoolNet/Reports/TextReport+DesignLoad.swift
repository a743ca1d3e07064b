/// The terminal summary's design-load lines: for the lines a planner buys (access lines,
/// mobile cells, SINET links, central egress), what they actually carried next to what
/// they have.
///
/// ```
/// Design load (what the lines carried, next to what they have)
///  uplink ↓ (access line): busiest minute 612 ± 12 Mbps, 95th percentile 380 ± 9 Mbps, 38 ± 2 devices at once; has 800 Mbps
/// ```
///
/// Shown: resources of those kinds that carried traffic, busiest first (busiest window ÷
/// capacity, then topology order), at most ``designLoadLimit``; the rest are in the HTML,
/// JSON and CSV reports. The window is named as measured ("busiest minute", "busiest
/// 20 s" for a shorter run, "busiest 5 min" with coarse intervals). Values are means over
/// the replications with their 95 % interval. See ``DesignLoad`` for the definitions.
extension TextReport {
    /// How many design-load lines the summary shows.
    public static let designLoadLimit = 4

    /// Kinds of link a planner sizes by the design load.
    static let procuredKinds: Set<ResourceKind> = [.accessLine, .mobile, .sinet, .egress]

    static func designLoad(_ result: MultiRunResult) -> [String] {
        let run = result.representative
        let summaries = run.resources.indices.compactMap { i -> MultiRunResult.DesignLoadSummary? in
            let r = run.resources[i]
            guard procuredKinds.contains(r.kind), let d = r.designLoad, d.peak.bitsPerSecond > 0 else { return nil }
            return result.designLoad(ofResource: i)
        }
        guard !summaries.isEmpty else { return [] }
        func share(_ s: MultiRunResult.DesignLoadSummary) -> Double {
            let c = s.resource.capacity.bitsPerSecond
            return c > 0 ? (s.resource.designLoad?.peak.bitsPerSecond ?? 0) / c : 0
        }
        let shown = summaries.sorted { share($0) != share($1) ? share($0) > share($1) : $0.resource.index < $1.resource.index }
        var lines = ["Design load (what the lines carried, next to what they have)"]
        for s in shown.prefix(designLoadLimit) {
            let window = min(s.window, run.duration)
            let name = window == .seconds(60) ? "minute" : ReportFormat.duration(window)
            let peak = MultiRunResult.DesignLoadSummary.summary(s.peak)
            let p95 = MultiRunResult.DesignLoadSummary.summary(s.p95)
            let devices = MultiRunResult.DesignLoadSummary.summary(s.devices)
            lines.append(" \(s.resource.name) (\(s.resource.kind.label)): busiest \(name) "
                         + ReportFormat.rate(peak.mean, halfWidth: peak.interval?.halfWidth)
                         + ", 95th percentile " + ReportFormat.rate(p95.mean, halfWidth: p95.interval?.halfWidth)
                         + ", " + ReportFormat.value(devices.mean, halfWidth: devices.interval?.halfWidth, unit: "count")
                         + (devices.mean == 1 && devices.interval == nil ? " device" : " devices")
                         + " at once; has \(s.resource.capacity)"
                         + (s.resource.acknowledgements.map { " left by up to \($0.load) of ACKs on its \($0.lineCapacity)" } ?? ""))
        }
        if shown.count > designLoadLimit {
            lines.append(" (\(shown.count - designLoadLimit) more, with every other link, in the HTML, JSON and CSV reports)")
        }
        return lines
    }
}
