import Foundation

/// The inline SVG charts of the HTML report: plain `<svg>` elements with axes, labels and
/// stable classes (`chart utilisation`, `chart ranking`, `chart latency`, `chart targets`) and ids, drawn
/// with fixed-decimal coordinates so the file is byte-identical run to run.
extension HTMLReport {
    /// Colours (colour-blind-safe Okabe–Ito palette): one per kind of link, in
    /// ``ResourceKind`` order, and the quantile bars of the latency charts.
    static let palette = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// Most points drawn per series; longer series are reduced to the maximum of each
    /// group of buckets, so short peaks stay visible.
    static let maxPoints = 480

    /// The colour of a kind of link (bars of the ranking, lines of the utilisation panels).
    static func colour(of kind: ResourceKind) -> String {
        palette[(ResourceKind.allCases.firstIndex(of: kind) ?? 0) % palette.count]
    }

    /// Whole-minute tick positions (seconds from the run's start) for a time axis: every
    /// 1, 2, 5, 10, 15, 30 or 60 minutes of clock time, the finest giving at most 8 ticks.
    static func minuteTicks(_ run: RunResult) -> [Double] {
        let start = run.clockStart.seconds, total = run.duration.seconds
        let step = ([1.0, 2, 5, 10, 15, 30, 60, 120, 240].first { total / ($0 * 60) <= 8 } ?? 480) * 60
        var t = (start / step).rounded(.up) * step
        var out: [Double] = []
        while t <= start + total + 1e-9 {
            out.append(t - start)
            t += step
        }
        return out
    }

    /// Utilisation over time of one resource, as one panel of small multiples: 0–100 % on
    /// the y axis with a dashed line at 100 %, clock time on the x axis with whole-minute
    /// ticks, the timetable's periods as labelled bands.
    static func utilisationChart(_ run: RunResult, resource r: Int, panel: Int) -> String {
        let res = run.resources[r]
        let w = 960.0, h = 150.0, left = 56.0, right = 40.0, top = 26.0, bottom = 34.0
        let pw = w - left - right, ph = h - top - bottom
        let total = max(run.duration.seconds, 1e-9)
        let x = { (t: Double) in left + pw * min(1, max(0, t / total)) }
        let title = "\(res.name) (\(res.kind.label), \(res.capacity)): busiest "
            + ReportFormat.percent(res.peakUtilisation)
        var s = "<svg class=\"chart utilisation\" id=\"chart-utilisation-\(panel)\" role=\"img\" aria-label=\""
            + escape("Utilisation over time: " + title) + "\" viewBox=\"0 0 \(f(w)) \(f(h))\" width=\"\(f(w))\" height=\"\(f(h))\">\n"
        s += "<text class=\"panel-title\" x=\"\(f(left))\" y=\"16\">" + escape(title) + "</text>\n"
        for p in run.periods {
            let a = (p.start - run.clockStart).seconds, b = (p.end - run.clockStart).seconds
            guard b > 0, a < total else { continue }
            s += "<rect class=\"period\" x=\"\(f(x(a)))\" y=\"\(f(top))\" width=\"\(f(x(b) - x(a)))\" height=\"\(f(ph))\"/>"
            s += "<text class=\"period-label\" x=\"\(f(x(a) + 4))\" y=\"\(f(top + 12))\">" + escape("period " + p.name) + "</text>\n"
        }
        for p in [0, 50] {
            let y = top + ph * (1 - Double(p) / 100)
            s += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + pw))\" y2=\"\(f(y))\"/>"
            s += "<text class=\"tick y\" x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(p) %</text>\n"
        }
        s += "<line class=\"full\" x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left + pw))\" y2=\"\(f(top))\"/>"
        s += "<text class=\"tick y\" x=\"\(f(left - 6))\" y=\"\(f(top + 4))\" text-anchor=\"end\">100 %</text>\n"
        for t in minuteTicks(run) {
            s += "<line class=\"tick-mark\" x1=\"\(f(x(t)))\" y1=\"\(f(top + ph))\" x2=\"\(f(x(t)))\" y2=\"\(f(top + ph + 5))\"/>"
            s += "<text class=\"tick x\" x=\"\(f(x(t)))\" y=\"\(f(top + ph + 18))\" text-anchor=\"middle\">"
                + ReportFormat.clock(.seconds(t), from: run.clockStart).prefix(5) + "</text>\n"
        }
        s += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + ph))\"/>"
        s += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top + ph))\" x2=\"\(f(left + pw))\" y2=\"\(f(top + ph))\"/>\n"
        let series = reduced(res.utilisation)
        let step = run.bucketWidth.seconds * Double(series.factor)
        let points = series.values.enumerated().map { i, u in
            f(x(Double(i) * step)) + "," + f(top + ph * (1 - min(1, max(0, u))))
        }
        s += "<polyline class=\"series series-\(panel)\" fill=\"none\" stroke=\"\(colour(of: res.kind))\" stroke-width=\"2\" points=\""
            + points.joined(separator: " ") + "\"/>\n"
        return s + "</svg>\n"
    }

    /// The ranking chart in a figure with its caption and the legend of colours.
    static func rankingFigure(_ run: RunResult) -> String {
        let entries = run.bottlenecks.prefix(rankingBars)
        var kinds: [ResourceKind] = []
        for b in entries where !kinds.contains(b.kind) { kinds.append(b.kind) }
        let legend = kinds.map {
            "<span class=\"legend-item\"><span style=\"display:inline-block;width:12px;height:12px;background:"
                + colour(of: $0) + "\"></span> " + escape($0.label) + "</span>"
        }.joined(separator: " &nbsp; ")
        let count = run.bottlenecks.count > rankingBars
            ? "the \(rankingBars) largest of \(run.bottlenecks.count); every one is listed below"
            : "every one is listed below"
        return "<figure>\n" + rankingChart(run, limit: rankingBars)
            + "<figcaption>How long each link held traffic back, summed over every transfer and stream it slowed ("
            + count + "). Colour: the kind of link — " + legend + ".</figcaption>\n</figure>\n"
    }

    /// The bottleneck ranking as horizontal bars of delay (hours, minutes or seconds),
    /// coloured by kind of link.
    static func rankingChart(_ run: RunResult, limit: Int = 10) -> String {
        let entries = Array(run.bottlenecks.prefix(limit))
        let w = 960.0, labelWidth = 300.0, valueWidth = 120.0, rowHeight = 28.0
        let h = Double(max(entries.count, 1)) * rowHeight + 8
        var s = "<svg class=\"chart ranking\" id=\"chart-ranking\" role=\"img\" aria-label=\"Bottleneck ranking\" "
            + "viewBox=\"0 0 \(f(w)) \(f(h))\" width=\"\(f(w))\" height=\"\(f(h))\">\n"
        if entries.isEmpty {
            s += "<text class=\"empty\" x=\"8\" y=\"20\">Nothing gave way.</text>\n"
        }
        let largest = entries.first?.delaySeconds ?? 1
        for (i, b) in entries.enumerated() {
            let y = 4 + Double(i) * rowHeight
            let bw = max(1, (w - labelWidth - valueWidth) * b.delaySeconds / max(largest, 1e-12))
            s += "<text class=\"bar-label\" x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 18))\" text-anchor=\"end\">"
                + escape("\(i + 1). \(b.name)") + "</text>"
            s += "<rect class=\"bar rank-\(i + 1)\" x=\"\(f(labelWidth))\" y=\"\(f(y + 4))\" width=\"\(f(bw))\" "
                + "height=\"\(f(rowHeight - 8))\" fill=\"\(colour(of: b.kind))\"><title>"
                + escape(b.name + " (" + b.kind.label + "): " + ReportFormat.seconds(b.delaySeconds)) + "</title></rect>"
            s += "<text class=\"bar-value\" x=\"\(f(labelWidth + bw + 6))\" y=\"\(f(y + 18))\">"
                + escape(ReportFormat.seconds(b.delaySeconds)) + "</text>\n"
        }
        return s + "</svg>\n"
    }

    /// One activity's measures that have a target, each as a horizontal bar of value ÷
    /// target (for "higher is better" measures, target ÷ value), with the target at 1 as a
    /// dashed line; red when missed, green when met. Nil when no measure has a target.
    static func targetChart(_ report: WorkloadReport, id: Int, values: (Metric) -> Double) -> String? {
        let judged = report.metrics.filter { $0.target != nil && !values($0).isNaN }
        guard !judged.isEmpty else { return nil }
        let ratios = judged.map { m -> Double in
            let v = values(m), t = m.target!
            if m.higherIsBetter { return v > 0 ? t / v : 10 }
            return t > 0 ? v / t : (v > 0 ? 10 : 0)
        }
        let scale = max(2, min(10, niceCeiling(ratios.max() ?? 1)))
        let w = 960.0, labelWidth = 320.0, right = 150.0, rowHeight = 30.0, top = 8.0
        let pw = w - labelWidth - right, h = top + Double(judged.count) * rowHeight + 26
        var s = "<svg class=\"chart targets\" id=\"chart-targets-\(id)\" role=\"img\" aria-label=\""
            + escape(report.name) + " against its targets\" viewBox=\"0 0 \(f(w)) \(f(h))\" width=\"\(f(w))\" height=\"\(f(h))\">\n"
        let xTarget = labelWidth + pw / scale
        for (i, m) in judged.enumerated() {
            let y = top + Double(i) * rowHeight
            let missed = !(m.passed ?? true)
            let bw = max(1, pw * min(1, ratios[i] / scale))
            s += "<text class=\"bar-label\" x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 19))\" text-anchor=\"end\">"
                + escape(m.label) + "</text>"
            s += "<rect class=\"bar \(missed ? "fail" : "pass")\" x=\"\(f(labelWidth))\" y=\"\(f(y + 5))\" width=\"\(f(bw))\" "
                + "height=\"\(f(rowHeight - 10))\" fill=\"\(missed ? "#C62828" : "#2E7D32")\"><title>" + escape(m.label) + "</title></rect>"
            s += "<text class=\"bar-value\" x=\"\(f(labelWidth + bw + 6))\" y=\"\(f(y + 19))\">"
                + escape(ReportFormat.value(values(m), unit: m.unit) + " (target " + ReportFormat.target(m) + ")") + "</text>\n"
        }
        let bottom = top + Double(judged.count) * rowHeight
        s += "<line class=\"target\" x1=\"\(f(xTarget))\" y1=\"\(f(top))\" x2=\"\(f(xTarget))\" y2=\"\(f(bottom))\"/>"
        s += "<text class=\"axis-label\" x=\"\(f(xTarget))\" y=\"\(f(bottom + 18))\" text-anchor=\"middle\">target</text>\n"
        return s + "</svg>\n"
    }

    /// Latency quantiles of one workload: for each metric family with `_p50`, `_p95` and
    /// `_p99` keys in seconds, three bars; a dashed line marks a target on any of them.
    static func latencyChart(_ report: WorkloadReport, id: Int, values: (Metric) -> Double) -> String? {
        let quantiles = ["p50", "p95", "p99"]
        var families: [(String, [Metric])] = []
        for m in report.metrics where m.unit == "s" && m.key.hasSuffix("_p50") {
            let stem = String(m.key.dropLast(4))
            let members = quantiles.compactMap { q in report.metrics.first { $0.key == stem + "_" + q } }
            if members.count == 3 { families.append((stem, members)) }
        }
        guard !families.isEmpty else { return nil }
        let w = 960.0, h = 240.0, left = 56.0, top = 16.0, bottom = 40.0
        let ph = h - top - bottom
        let all = families.flatMap { $0.1.map(values) + $0.1.compactMap(\.target) }.filter(\.isFinite)
        let scale = niceCeiling(all.max() ?? 1)
        var s = "<svg class=\"chart latency\" id=\"chart-latency-\(id)\" role=\"img\" aria-label=\""
            + escape(report.name) + " latency\" viewBox=\"0 0 \(f(w)) \(f(h))\" width=\"\(f(w))\" height=\"\(f(h))\">\n"
        for i in 0...4 {
            let v = scale * Double(i) / 4, y = top + ph * (1 - Double(i) / 4)
            s += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(w - 16))\" y2=\"\(f(y))\"/>"
            s += "<text class=\"tick y\" x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">"
                + escape(ReportFormat.value(v, unit: "s")) + "</text>\n"
        }
        let slot = (w - left - 16) / Double(families.count)
        for (k, (stem, members)) in families.enumerated() {
            let bar = min(60, slot / 5)
            for (q, m) in members.enumerated() {
                let v = values(m), x = left + Double(k) * slot + slot / 2 + (Double(q) - 1.5) * bar * 1.2
                let bh = v.isFinite ? ph * min(1, v / scale) : 0
                s += "<rect class=\"bar \(quantiles[q])\" x=\"\(f(x))\" y=\"\(f(top + ph - bh))\" width=\"\(f(bar))\" "
                    + "height=\"\(f(bh))\" fill=\"\(palette[q + 1])\"><title>" + escape(m.label) + "</title></rect>"
                s += "<text class=\"bar-value\" x=\"\(f(x + bar / 2))\" y=\"\(f(top + ph - bh - 4))\" "
                    + "text-anchor=\"middle\">" + escape(ReportFormat.value(v, unit: "s")) + "</text>"
                s += "<text class=\"tick x\" x=\"\(f(x + bar / 2))\" y=\"\(f(top + ph + 16))\" text-anchor=\"middle\">"
                    + quantiles[q] + "</text>\n"
                if let t = m.target {
                    let y = top + ph * (1 - min(1, t / scale))
                    s += "<line class=\"target\" x1=\"\(f(x - 4))\" y1=\"\(f(y))\" x2=\"\(f(x + bar + 4))\" y2=\"\(f(y))\">"
                        + "<title>target " + escape(ReportFormat.target(m)) + "</title></line>\n"
                }
            }
            s += "<text class=\"axis-label\" x=\"\(f(left + Double(k) * slot + slot / 2))\" y=\"\(f(h - 4))\" "
                + "text-anchor=\"middle\">" + escape(stem.replacingOccurrences(of: "_", with: " ")) + "</text>\n"
        }
        return s + "</svg>\n"
    }

    /// A series reduced to at most ``maxPoints`` by taking the maximum of each group.
    static func reduced(_ values: [Double]) -> (values: [Double], factor: Int) {
        let factor = max(1, (values.count + maxPoints - 1) / maxPoints)
        guard factor > 1 else { return (values, 1) }
        let groups = stride(from: 0, to: values.count, by: factor).map { values[$0..<min($0 + factor, values.count)].max()! }
        return (groups, factor)
    }

    /// The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `x` (an axis maximum).
    static func niceCeiling(_ x: Double) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        var p = 1.0
        while p > x { p /= 10 }
        while p * 10 <= x { p *= 10 }
        for m in [1.0, 2, 2.5, 5, 10] where p * m >= x { return p * m }
        return p * 10
    }

    /// A coordinate with one decimal.
    static func f(_ x: Double) -> String { UnitFormat.fixed(x, decimals: 1) }
}
