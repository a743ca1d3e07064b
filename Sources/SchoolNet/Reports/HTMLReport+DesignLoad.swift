/// The HTML report's design-load section (`#design-load`, `<table class="design">`): for
/// each link direction that carried traffic, its capacity next to what it had to carry —
/// the busiest window's load, the 95th percentile of the window loads and the most devices
/// active at once — as means with 95 % intervals over the replications, and when the first
/// replication's busiest window began.
///
/// Rows: the lines a planner buys first (access lines, mobile cells, SINET links, central
/// egress), then every other shared link (Wi-Fi cells, school LAN links, services); each
/// group busiest first (busiest window ÷ capacity, then topology order). A device's own
/// link (kind `other`) is left out unless nothing else carried traffic; the JSON and CSV
/// reports have every resource. See ``DesignLoad`` for the definitions.
extension HTMLReport {
    /// Most rows the design-load table shows.
    public static let designLoadRows = 40

    static func designLoadSection(_ result: MultiRunResult) -> String {
        let run = result.representative
        let all = result.designLoads.filter { $0.peak.contains { $0 > 0 } }
        guard !all.isEmpty else { return "" }
        var rows = all.filter { $0.resource.kind != .other }
        if rows.isEmpty { rows = all }
        func share(_ s: MultiRunResult.DesignLoadSummary) -> Double {
            let c = s.resource.capacity.bitsPerSecond
            return c > 0 ? (s.resource.designLoad?.peak.bitsPerSecond ?? 0) / c : 0
        }
        func procured(_ s: MultiRunResult.DesignLoadSummary) -> Bool { TextReport.procuredKinds.contains(s.resource.kind) }
        rows.sort {
            procured($0) != procured($1) ? procured($0)
                : share($0) != share($1) ? share($0) > share($1) : $0.resource.index < $1.resource.index
        }
        let window = min(rows[0].window, run.duration)
        let name = window == .seconds(60) ? "minute" : ReportFormat.duration(window)
        var t = "<section id=\"design-load\">\n<h2>Design load: what the links carried, next to what they have</h2>\n"
        t += "<table class=\"design\">\n<thead><tr><th>Link</th><th>Kind</th><th>Capacity</th><th>Busiest " + escape(name)
            + "</th><th>95th percentile</th><th>Devices at once</th><th>Busiest " + escape(name) + " from</th></tr></thead>\n<tbody>\n"
        for s in rows.prefix(designLoadRows) {
            let peak = MultiRunResult.DesignLoadSummary.summary(s.peak)
            let p95 = MultiRunResult.DesignLoadSummary.summary(s.p95)
            let devices = MultiRunResult.DesignLoadSummary.summary(s.devices)
            let from = s.resource.designLoad.map { ReportFormat.clock($0.peakAt, from: run.clockStart) } ?? "—"
            t += "<tr><td>" + escape(s.resource.name) + "</td><td>" + escape(s.resource.kind.label) + "</td><td>"
                + escape(s.resource.capacity.description) + "</td><td>"
                + escape(ReportFormat.rate(peak.mean, halfWidth: peak.interval?.halfWidth)) + "</td><td>"
                + escape(ReportFormat.rate(p95.mean, halfWidth: p95.interval?.halfWidth)) + "</td><td>"
                + escape(ReportFormat.value(devices.mean, halfWidth: devices.interval?.halfWidth, unit: "count"))
                + "</td><td>" + from + "</td></tr>\n"
        }
        t += "</tbody>\n</table>\n<p class=\"caption\">Loads are the traffic each link direction carried, averaged over "
            + "consecutive " + escape(ReportFormat.duration(rows[0].window)) + " windows from the start of the run; the 95th "
            + "percentile is the load the busiest 5 % of windows exceed (idle windows count). Devices at once: devices with "
            + "a transfer or stream in progress across the link. A full link's load is its capacity: what it held back is "
            + "in the ranking above."
        if rows.count > designLoadRows { t += " \(rows.count - designLoadRows) more links in the JSON and CSV reports." }
        if result.replications > 1 { t += " Means over \(result.replications) replications with their 95 % interval." }
        return t + "</p>\n</section>\n"
    }
}
