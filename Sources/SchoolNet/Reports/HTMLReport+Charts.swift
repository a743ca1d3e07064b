import Foundation

/// The inline SVG charts of the HTML report: plain `<svg>` elements with axes, labels and
/// stable classes (`chart utilisation`, `chart ranking`, `chart latency`) and ids, drawn
/// with fixed-decimal coordinates so the file is byte-identical run to run.
extension HTMLReport {
    /// Colours of the series, in ranking order (colour-blind-safe Okabe–Ito palette).
    static let palette = ["#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9"]

    /// Most points drawn per series; longer series are reduced to the maximum of each
    /// group of buckets, so short peaks stay visible.
    static let maxPoints = 480

    /// Utilisation over time of `resources` (indices into `run.resources`): a line chart
    /// with a clock-time x axis and a 0–100 % y axis, one polyline per resource, legend below.
    static func utilisationChart(_ run: RunResult, resources: [Int]) -> String {
        let w = 960.0, h = 300.0, left = 56.0, right = 40.0, top = 16.0, bottom = 40.0
        let pw = w - left - right, ph = h - top - bottom
        let legendHeight = Double((resources.count + 1) / 2) * 20
        var s = "<svg class=\"chart utilisation\" id=\"chart-utilisation\" role=\"img\" "
            + "aria-label=\"Utilisation over time\" viewBox=\"0 0 \(f(w)) \(f(h + legendHeight))\" "
            + "width=\"\(f(w))\" height=\"\(f(h + legendHeight))\">\n"
        for p in [0, 25, 50, 75, 100] {
            let y = top + ph * (1 - Double(p) / 100)
            s += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + pw))\" y2=\"\(f(y))\"/>"
            s += "<text class=\"tick y\" x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(p) %</text>\n"
        }
        let total = max(run.duration.seconds, 1e-9)
        for i in 0...5 {
            let t = total * Double(i) / 5
            let x = left + pw * Double(i) / 5
            s += "<line class=\"tick-mark\" x1=\"\(f(x))\" y1=\"\(f(top + ph))\" x2=\"\(f(x))\" y2=\"\(f(top + ph + 5))\"/>"
            s += "<text class=\"tick x\" x=\"\(f(x))\" y=\"\(f(top + ph + 20))\" text-anchor=\"middle\">"
                + ReportFormat.clock(.seconds(t), from: run.clockStart) + "</text>\n"
        }
        s += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + ph))\"/>"
        s += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top + ph))\" x2=\"\(f(left + pw))\" y2=\"\(f(top + ph))\"/>\n"
        s += "<text class=\"axis-label\" x=\"\(f(left + pw / 2))\" y=\"\(f(h - 4))\" text-anchor=\"middle\">"
            + "time of day (each point: one \(escape(ReportFormat.duration(run.bucketWidth))) interval)</text>\n"
        for (n, r) in resources.enumerated() {
            let series = reduced(run.resources[r].utilisation)
            let step = run.bucketWidth.seconds * Double(series.factor)
            var points: [String] = []
            for (i, u) in series.values.enumerated() {
                let x = left + pw * min(1, Double(i) * step / total)
                let y = top + ph * (1 - min(1, max(0, u)))
                points.append(f(x) + "," + f(y))
            }
            let colour = palette[n % palette.count]
            s += "<polyline class=\"series series-\(n)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\""
                + points.joined(separator: " ") + "\"/>\n"
            let lx = left + Double(n % 2) * pw / 2, ly = h + Double(n / 2) * 20 + 4
            s += "<rect class=\"legend-key\" x=\"\(f(lx))\" y=\"\(f(ly))\" width=\"14\" height=\"4\" fill=\"\(colour)\"/>"
            s += "<text class=\"legend\" x=\"\(f(lx + 20))\" y=\"\(f(ly + 6))\">"
                + escape("\(run.resources[r].name) (\(run.resources[r].capacity))") + "</text>\n"
        }
        return s + "</svg>\n"
    }

    /// The bottleneck ranking as horizontal bars of delay (hours, minutes or seconds).
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
                + "height=\"\(f(rowHeight - 8))\" fill=\"\(palette[i % palette.count])\"><title>"
                + escape(b.name + ": " + ReportFormat.seconds(b.delaySeconds)) + "</title></rect>"
            s += "<text class=\"bar-value\" x=\"\(f(labelWidth + bw + 6))\" y=\"\(f(y + 18))\">"
                + escape(ReportFormat.seconds(b.delaySeconds)) + "</text>\n"
        }
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
