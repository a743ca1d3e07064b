import Foundation

/// The HTML report: one self-contained file (inline CSS and SVG; no scripts, fonts or
/// anything fetched from the network) that a planner can open, print or attach to a budget
/// paper.
///
/// Sections, each with a stable id for scripts and screenshots:
/// - `#verdict` — the one-line verdict, coloured pass/fail;
/// - `#ranking` — "What gives way first": `<svg class="chart ranking">` (bars of delay,
///   the top ``rankingBars``, coloured by kind of link with a legend) and a list of *every*
///   entry with when, for whom and the fix (the text report's "N more" points here);
/// - `#utilisation` — one `<svg class="chart utilisation">` panel per top-ranked link (or
///   the busiest, if nothing gave way): small multiples, so a line at 100 % is never hidden
///   behind another; period bands and whole-minute ticks on the time axis;
/// - `#design-load` — `<table class="design">`: per link, capacity next to the busiest
///   minute's load, its 95th percentile and the devices active at once (see
///   `HTMLReport+DesignLoad.swift`);
/// - `#quality` — `<table class="qoe">`: every metric against its target, rows classed
///   `pass`, `fail` or `none`;
/// - `#latency` — per activity, `<svg class="chart latency">` when its metrics include
///   `…_p50`, `…_p95` and `…_p99` in seconds, otherwise `<svg class="chart targets">` when
///   it misses a target: one chart for every failing activity.
///
/// Every chart sits in a `<figure>` whose caption says what is measured and what the
/// colours mean. The font stack names CJK fonts (Noto Sans CJK, Hiragino, Yu Gothic,
/// Meiryo) so Japanese school and activity names render.
///
/// Deterministic: the same result gives the same bytes.
///
/// **Validated by:** `ReportsTests.htmlIsSelfContainedWithTheCharts`; look with
/// `Tests/Scripts/screenshot-report.sh`.
public enum HTMLReport {
    /// How many links the utilisation panels show.
    public static let utilisationSeries = 5
    /// How many entries the ranking chart draws (the list below it has them all).
    public static let rankingBars = 10

    /// Renders a single run.
    ///
    /// - Parameter run: The run.
    /// - Returns: The HTML document.
    public static func render(_ run: RunResult) -> String { render(MultiRunResult(run)) }

    /// Renders replications of one scenario (the charts show the first replication; the
    /// table shows means with 95 % intervals).
    ///
    /// - Parameter result: The replications.
    /// - Returns: The HTML document.
    public static func render(_ result: MultiRunResult) -> String {
        let run = result.representative
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"generator\" content=\"SchoolNet (\(JSONReport.schema))\">\n"
        h += "<title>" + escape("SchoolNet — " + run.scenarioName) + "</title>\n<style>\n" + style + "</style>\n</head>\n<body>\n"
        h += "<header>\n<h1>" + escape("SchoolNet — " + run.scenarioName) + "</h1>\n"
        if !run.description.isEmpty { h += "<p class=\"description\">" + escape(run.description) + "</p>\n" }
        h += "<p class=\"meta\">" + escape(TextReport.header(result)) + "</p>\n</header>\n"
        let verdict = TextReport.verdict(result)
        let cls = verdict.contains("FAIL") ? "fail" : verdict.contains("PASS") ? "pass" : "none"
        h += "<p id=\"verdict\" class=\"verdict \(cls)\">" + escape(verdict) + "</p>\n"

        h += "<section id=\"ranking\">\n<h2>What gives way first</h2>\n" + rankingFigure(run) + "<ol class=\"bottlenecks\">\n"
        for b in run.bottlenecks {
            let whom = BottleneckWords.whom(b, in: run)
            h += "<li><strong>" + escape(b.name) + "</strong> <span class=\"kind\">(" + escape(b.kind.label) + ")</span>: "
                + escape(BottleneckWords.when(b, in: run)) + ".<br>For whom: "
                + escape(whom.isEmpty ? "not attributed per activity" : whom.joined(separator: "; "))
                + ".<br><span class=\"fix\">Fix: " + escape(b.fix) + "</span></li>\n"
        }
        h += "</ol>\n</section>\n"

        var shown = run.bottlenecks.compactMap { b -> Int? in
            if case .resource(let i) = b.source { return i }
            return nil
        }
        if shown.isEmpty {
            shown = run.resources.indices.sorted {
                run.resources[$0].peakUtilisation != run.resources[$1].peakUtilisation
                    ? run.resources[$0].peakUtilisation > run.resources[$1].peakUtilisation : $0 < $1
            }
        }
        shown = Array(shown.prefix(utilisationSeries))
        h += "<section id=\"utilisation\">\n<h2>Utilisation over time</h2>\n<figure>\n"
        for (n, r) in shown.enumerated() { h += utilisationChart(run, resource: r, panel: n) }
        h += "<figcaption>Share of each link's capacity in use, one panel per link (the "
            + (run.bottlenecks.isEmpty ? "busiest links" : "links that held traffic back most")
            + ", in ranking order), each point one " + escape(ReportFormat.duration(run.bucketWidth))
            + " interval. The dashed line is 100 %: a line along it means the link was full. "
            + "Shaded bands are the timetable's periods. Colour: the kind of link, as in the ranking.</figcaption>\n"
            + "</figure>\n</section>\n"
        h += designLoadSection(result)

        h += "<section id=\"quality\">\n<h2>Quality per activity against targets</h2>\n" + qualityTable(result) + "</section>\n"

        var activities = ""
        for (i, w) in run.workloads.enumerated() {
            let values = { (m: Metric) in result.metric(w.name, m.key)?.mean ?? m.value }
            let failed = w.metrics.contains { m in
                guard let t = m.target else { return false }
                let v = values(m)
                return !v.isNaN && !(m.higherIsBetter ? v >= t : v <= t)
            }
            if let chart = latencyChart(w, id: i, values: values) {
                activities += "<figure>\n<h3>" + escape(w.name) + "</h3>\n" + chart
                    + "<figcaption>Response times of " + escape(w.name) + ": median (p50), 95th and 99th percentile "
                    + "over every request of every student. A red dashed line marks a target.</figcaption>\n</figure>\n"
            } else if failed, let chart = targetChart(w, id: i, values: values) {
                activities += "<figure>\n<h3>" + escape(w.name) + "</h3>\n" + chart
                    + "<figcaption>" + escape(w.name) + ": each measure with a target, as a share of that target "
                    + "(the dashed line). Bars past the line miss it (red); bars short of it meet it (green).</figcaption>\n</figure>\n"
            }
        }
        if !activities.isEmpty {
            h += "<section id=\"latency\">\n<h2>Activities: response times and missed targets</h2>\n" + activities + "</section>\n"
        }
        h += "<footer>Simulated by SchoolNet, a flow-level model: the time a link held traffic back is summed over "
            + "transfers and streams; utilisation is averaged over each " + escape(ReportFormat.duration(run.bucketWidth))
            + " interval. Sources of every default: REFERENCES.md in the SchoolNet source tree.</footer>\n"
        return h + "</body>\n</html>\n"
    }

    static func qualityTable(_ result: MultiRunResult) -> String {
        var t = "<table class=\"qoe\">\n<thead><tr><th>Activity</th><th>Metric</th><th>Value</th><th>Target</th>"
            + "<th>Result</th></tr></thead>\n<tbody>\n"
        for s in result.metrics {
            let cls = s.passed.map { $0 ? "pass" : "fail" } ?? "none"
            let value = ReportFormat.value(s.mean, halfWidth: s.interval?.halfWidth, unit: s.metric.unit)
            t += "<tr class=\"\(cls)\"><td>" + escape(s.workload) + "</td><td>" + escape(s.metric.label) + "</td><td>"
                + escape(value) + "</td><td>" + escape(ReportFormat.target(s.metric)) + "</td><td>"
                + ReportFormat.verdict(s.passed) + "</td></tr>\n"
        }
        return t + "</tbody>\n</table>\n"
    }

    /// Text escaped for HTML content and attribute values.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The text with `&`, `<`, `>`, `"` and `'` replaced by entities.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static let style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK JP", "Noto Sans JP",
               "Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic", "Meiryo", "Source Han Sans JP",
               "IPAexGothic", "WenQuanYi Zen Hei", sans-serif;
               margin: 24px auto; max-width: 1000px; color: #222; line-height: 1.45; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ccc; padding-bottom: 4px; }
        .meta, .description { color: #555; margin: 0.2em 0; }
        .verdict { font-weight: bold; padding: 10px 14px; border-radius: 4px; }
        .verdict.pass { background: #e3f4e8; color: #1b5e20; } .verdict.fail { background: #fde7e4; color: #8e1b10; }
        .verdict.none { background: #eee; }
        .bottlenecks li { margin-bottom: 0.6em; } .kind, .evidence { color: #666; } .fix { color: #0b4f8a; }
        svg.chart { display: block; max-width: 100%; height: auto; margin: 8px 0 16px; font-size: 13px; }
        svg .grid { stroke: #e4e4e4; } svg .axis, svg .tick-mark { stroke: #444; }
        svg .tick, svg .legend, svg .bar-value, svg .bar-label { fill: #333; } svg .axis-label { fill: #555; }
        svg .target { stroke: #c62828; stroke-width: 2; stroke-dasharray: 5 3; }
        figure { margin: 8px 0 20px; } figcaption { color: #555; font-size: 0.9em; }
        svg .full { stroke: #888; stroke-dasharray: 4 3; } svg .period { fill: #f1f4f8; } svg .period-label { fill: #667; }
        svg .panel-title { fill: #222; font-weight: bold; }
        table.qoe, table.design { border-collapse: collapse; width: 100%; }
        table.qoe th, table.qoe td, table.design th, table.design td { border: 1px solid #ddd; padding: 5px 8px; text-align: left; }
        table.qoe th, table.design th { background: #f3f3f3; } .caption { color: #555; font-size: 0.9em; }
        table.qoe tr.pass td:last-child { background: #e3f4e8; color: #1b5e20; font-weight: bold; }
        table.qoe tr.fail td:last-child { background: #fde7e4; color: #8e1b10; font-weight: bold; }
        table.qoe tr.fail td { background: #fff6f5; }
        footer { margin-top: 32px; color: #777; font-size: 0.85em; }

        """
}
