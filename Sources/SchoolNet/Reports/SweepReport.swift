import Foundation

/// The files of `schoolnet sweep` and `schoolnet size`: the table of points as CSV (wide:
/// a row per point with a column per varied key and per metric; long: a row per point and
/// metric), as JSON (`"schema": "schoolnet.sweep/1"` or `"schoolnet.size/1"`) and as an HTML
/// page with one chart per metric: the metric (y) against the option (x), the target as a
/// dashed line, failing points in red.
///
/// The metrics shown are those with a target, or all when there are at most six (as in the
/// terminal table). Numbers: as ``CSVReport`` (at most 6 decimals; NaN an empty field or
/// `null`). Every file records the scenario as run (``RunRecord``).
///
/// **Validated by:** `OutputFormatTests.sweepAndSizeWriteEveryFormat`.
public enum SweepReport {
    /// The schema of a sweep's JSON.
    public static let sweepSchema = "schoolnet.sweep/1"
    /// The schema of a sizing's JSON.
    public static let sizeSchema = "schoolnet.size/1"

    /// The metrics a table shows, as indices into the first point's means.
    static func shown(_ p: Sweep.Point) -> [Int] {
        p.means.indices.filter { p.means[$0].metric.target != nil || p.means.count <= 6 }
    }

    /// A point's setting of a key (its `--vary` value), or "" if it does not set it.
    static func value(_ p: Sweep.Point, _ path: String) -> String {
        guard let o = p.overrides.last(where: { $0.pathText == path }) else { return "" }
        if case .string(let s) = o.value { return s }
        return o.value.serialized()
    }

    // MARK: CSV

    /// The sweep table as CSV.
    ///
    /// - Parameters:
    ///   - points: The grid's points, in order.
    ///   - axes: The varied keys (columns).
    ///   - record: The scenario as run.
    ///   - layout: Wide or long.
    /// - Returns: The CSV text.
    public static func csv(_ points: [Sweep.Point], axes: [String], record: RunRecord?, layout: CSVReport.Layout = .wide) -> String {
        var out = CSVReport.byteOrderMark + (record?.csvComments() ?? "")
        guard let first = points.first else { return out }
        let cols = shown(first)
        let q = CSVReport.quoted, nl = CSVReport.lineEnding
        switch layout {
        case .wide:
            out += (["point"] + axes.map(q) + cols.map { q(CSVReport.metricColumn(first.means[$0].workload, first.means[$0].metric)) }
                    + ["top_bottleneck", "targets"]).joined(separator: ",") + nl
            for (i, p) in points.enumerated() {
                out += (["\(i + 1)"] + axes.map { q(value(p, $0)) } + cols.map { $0 < p.means.count ? CSVReport.cell(p.means[$0].metric.value) : "" }
                        + [q(p.topBottleneck ?? ""), verdict(p.passed)]).joined(separator: ",") + nl
            }
        case .long:
            out += (["point"] + axes.map(q) + ["activity", "metric", "unit", "value", "target", "passed"]).joined(separator: ",") + nl
            for (i, p) in points.enumerated() {
                for m in p.means {
                    out += (["\(i + 1)"] + axes.map { q(value(p, $0)) }
                            + [q(m.workload), m.metric.key, q(m.metric.unit), CSVReport.cell(m.metric.value),
                               m.metric.target.map(CSVReport.cell) ?? "", m.metric.passed.map { $0 ? "true" : "false" } ?? ""])
                        .joined(separator: ",") + nl
                }
            }
        }
        return out
    }

    static func verdict(_ passed: Bool?) -> String { passed.map { $0 ? "PASS" : "FAIL" } ?? "" }

    /// A sizing point's verdict: on the means, or on the share of simulated days when the
    /// search asked for one.
    static func judged(_ p: Sweep.Point?, _ s: Sweep.Sizing) -> Bool? {
        guard let p else { return nil }
        return s.daysShare == nil ? p.passed : p.meetsTargets(daysShare: s.daysShare)
    }

    /// The sizing table as CSV: a row per option in the order tried.
    public static func csv(_ s: Sweep.Sizing, axis: Sweep.Axis, record: RunRecord?) -> String {
        var out = CSVReport.byteOrderMark + (record?.csvComments() ?? "")
        let q = CSVReport.quoted, nl = CSVReport.lineEnding
        let first = s.candidates.compactMap(\.point).first
        let cols = first.map(shown) ?? []
        out += ([q(axis.path), "cost"] + cols.map { q(CSVReport.metricColumn(first!.means[$0].workload, first!.means[$0].metric)) }
                + ["targets", "top_bottleneck", "chosen", "verified"]).joined(separator: ",") + nl
        for (i, c) in s.candidates.enumerated() {
            let chosen = s.chosen == i
            out += ([q(c.value), c.cost.map(CSVReport.cell) ?? ""]
                    + cols.map { k in c.point.map { k < $0.means.count ? CSVReport.cell($0.means[k].metric.value) : "" } ?? "" }
                    + [c.point == nil ? "not tried" : verdict(judged(c.point, s)), q(c.point?.topBottleneck ?? ""),
                       chosen ? "true" : "false", chosen ? verdict(judged(s.verification, s)) : ""]).joined(separator: ",") + nl
        }
        return out
    }

    // MARK: JSON

    static func pointValue(_ p: Sweep.Point, axes: [String]) -> JSONValue {
        .object([
            ("settings", .object(axes.map { ($0, .string(value(p, $0))) })),
            ("overrides", .array(p.overrides.map { .string($0.description) })),
            ("metrics", .array(p.means.map { m in
                .object([("workload", .string(m.workload)), ("workload_kind", .string(m.kind)), ("key", .string(m.metric.key)),
                         ("label", .string(m.metric.label)), ("unit", .string(m.metric.unit)),
                         ("value", m.metric.value.isFinite ? JSONReport.sig(m.metric.value) : .null),
                         ("target", m.metric.target.map(JSONReport.sig) ?? .null),
                         ("passed", m.metric.passed.map(JSONValue.bool) ?? .null)])
            })),
            ("top_bottleneck", p.topBottleneck.map(JSONValue.string) ?? .null),
            ("passed", p.passed.map(JSONValue.bool) ?? .null),
            ("days", .number(Double(p.days))), ("days_passed", .number(Double(p.daysPassed))),
            ("days_planned", .number(Double(max(p.days, p.daysPlanned)))),
        ])
    }

    /// The sweep as JSON (keys sorted, a trailing newline).
    public static func json(_ points: [Sweep.Point], axes: [String], record: RunRecord?) -> String {
        JSONValue.object([
            ("schema", .string(sweepSchema)),
            ("run", record?.json ?? .null),
            ("axes", .array(axes.map(JSONValue.string))),
            ("points", .array(points.map { pointValue($0, axes: axes) })),
        ]).serialized(sortedKeys: true, pretty: true) + "\n"
    }

    /// The sizing as JSON (keys sorted, a trailing newline).
    public static func json(_ s: Sweep.Sizing, axis: Sweep.Axis, record: RunRecord?) -> String {
        JSONValue.object([
            ("schema", .string(sizeSchema)),
            ("run", record?.json ?? .null),
            ("key", .string(axis.path)),
            ("candidates", .array(s.candidates.map { c in
                .object([("value", .string(c.value)), ("cost", c.cost.map(JSONReport.sig) ?? .null),
                         ("result", c.point.map { pointValue($0, axes: [axis.path]) } ?? .null)])
            })),
            ("chosen", s.chosen.map { .string(s.candidates[$0].value) } ?? .null),
            ("verification", s.verification.map { pointValue($0, axes: [axis.path]) } ?? .null),
            ("days_share", s.daysShare.map { JSONReport.sig($0) } ?? .null),
        ]).serialized(sortedKeys: true, pretty: true) + "\n"
    }

    // MARK: HTML

    /// The sweep as an HTML page: the scenario as run, one metric-versus-option chart per
    /// metric shown, and the table.
    public static func html(_ points: [Sweep.Point], axes: [String], record: RunRecord?, title: String) -> String {
        let labels = points.map { p in axes.map { value(p, $0) }.joined(separator: " · ") }
        return page(title: title, record: record, xLabel: axes.joined(separator: " · "), labels: labels, points: points.map { Optional($0) },
                    note: nil)
    }

    /// The sizing as an HTML page: as ``html(_:axes:record:title:)`` over the options tried.
    public static func html(_ s: Sweep.Sizing, axis: Sweep.Axis, record: RunRecord?, title: String) -> String {
        let note = s.chosen.map { "Smallest option meeting every target: \(axis.path) = \(s.candidates[$0].value)"
            + (s.verified ? " (verified with fresh seeds)." : " (verification with fresh seeds failed: take the next option).") }
            ?? "No option meets every target."
        return page(title: title, record: record, xLabel: axis.path, labels: s.candidates.map(\.value), points: s.candidates.map(\.point), note: note)
    }

    static func page(title: String, record: RunRecord?, xLabel: String, labels: [String], points: [Sweep.Point?], note: String?) -> String {
        let e = HTMLReport.escape
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + e(title) + "</title>\n<style>\n"
        h += HTMLReport.style + "svg text { font-size: 11px; } .fail { fill: #c0392b; } .pass { fill: #2471a3; }\n</style>\n</head>\n<body>\n"
        h += "<header>\n<h1>" + e(title) + "</h1>\n"
        if let record { h += "<p class=\"meta\">" + e(record.line) + "</p>\n" }
        if let note { h += "<p>" + e(note) + "</p>\n" }
        h += "</header>\n"
        guard let first = points.compactMap({ $0 }).first else { return h + "</body>\n</html>\n" }
        for k in shown(first) {
            let m = first.means[k]
            h += "<figure>\n" + chart(metric: k, labels: labels, points: points, xLabel: xLabel)
            h += "<figcaption>" + e("\(m.workload): \(m.metric.label) (\(m.metric.unit)) against \(xLabel)"
                                    + (m.metric.target.map { "; dashed line: the target \(UnitFormat.number($0)) \(m.metric.unit)" } ?? "")
                                    + "; red points miss a target") + "</figcaption>\n</figure>\n"
        }
        h += "<table>\n<thead><tr><th>" + e(xLabel) + "</th>"
        for k in shown(first) { h += "<th>" + e(CSVReport.metricColumn(first.means[k].workload, first.means[k].metric)) + "</th>" }
        h += "<th>Top bottleneck</th><th>Targets</th></tr></thead>\n<tbody>\n"
        for (i, p) in points.enumerated() {
            h += "<tr><td>" + e(labels[i]) + "</td>"
            for k in shown(first) { h += "<td>" + e(p.map { k < $0.means.count ? CSVReport.cell($0.means[k].metric.value) : "" } ?? "") + "</td>" }
            h += "<td>" + e(p?.topBottleneck ?? "—") + "</td><td>" + e(p == nil ? "not tried" : (verdict(p?.passed).isEmpty ? "—" : verdict(p?.passed))) + "</td></tr>\n"
        }
        return h + "</tbody>\n</table>\n</body>\n</html>\n"
    }

    /// An SVG chart of metric `k` over the points (x: the options in order, evenly spaced).
    static func chart(metric k: Int, labels: [String], points: [Sweep.Point?], xLabel: String) -> String {
        let w = 640.0, h = 260.0, left = 70.0, right = 20.0, top = 16.0, bottom = 56.0
        let values: [Double?] = points.map { p in p.flatMap { k < $0.means.count && $0.means[k].metric.value.isFinite ? $0.means[k].metric.value : nil } }
        let target = points.compactMap { $0 }.first.flatMap { k < $0.means.count ? $0.means[k].metric.target : nil }
        let all = values.compactMap { $0 } + (target.map { [$0] } ?? [])
        var lo = min(0, all.min() ?? 0), hi = all.max() ?? 1
        if hi <= lo { hi = lo + 1 }
        hi += (hi - lo) * 0.05
        lo = lo < 0 ? lo - (hi - lo) * 0.05 : lo
        let n = max(labels.count, 1)
        func x(_ i: Int) -> Double { left + (w - left - right) * (n == 1 ? 0.5 : Double(i) / Double(n - 1)) }
        func y(_ v: Double) -> Double { top + (h - top - bottom) * (1 - (v - lo) / (hi - lo)) }
        func f(_ v: Double) -> String { UnitFormat.fixed(v, decimals: 1, trim: true) }
        var s = "<svg viewBox=\"0 0 \(f(w)) \(f(h))\" width=\"\(f(w))\" height=\"\(f(h))\" role=\"img\">\n"
        s += "<line x1=\"\(f(left))\" y1=\"\(f(h - bottom))\" x2=\"\(f(w - right))\" y2=\"\(f(h - bottom))\" stroke=\"#888\"/>\n"
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(h - bottom))\" stroke=\"#888\"/>\n"
        for t in 0...4 {
            let v = lo + (hi - lo) * Double(t) / 4
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">" + HTMLReport.escape(UnitFormat.number(v)) + "</text>\n"
        }
        for (i, l) in labels.enumerated() {
            s += "<text x=\"\(f(x(i)))\" y=\"\(f(h - bottom + 16))\" text-anchor=\"middle\">" + HTMLReport.escape(l) + "</text>\n"
        }
        s += "<text x=\"\(f((left + w - right) / 2))\" y=\"\(f(h - 8))\" text-anchor=\"middle\">" + HTMLReport.escape(xLabel) + "</text>\n"
        if let target {
            s += "<line x1=\"\(f(left))\" y1=\"\(f(y(target)))\" x2=\"\(f(w - right))\" y2=\"\(f(y(target)))\" stroke=\"#555\" stroke-dasharray=\"5,4\"/>\n"
        }
        let path = values.enumerated().compactMap { i, v in v.map { "\(f(x(i))),\(f(y($0)))" } }
        if path.count > 1 { s += "<polyline fill=\"none\" stroke=\"#2471a3\" stroke-width=\"2\" points=\"" + path.joined(separator: " ") + "\"/>\n" }
        for (i, v) in values.enumerated() {
            guard let v else { continue }
            let failed = points[i].map { k < $0.means.count && $0.means[k].metric.passed == false } ?? false
            s += "<circle cx=\"\(f(x(i)))\" cy=\"\(f(y(v)))\" r=\"4\" class=\"\(failed ? "fail" : "pass")\"><title>"
                + HTMLReport.escape("\(labels[i]): \(UnitFormat.number(v))") + "</title></circle>\n"
        }
        return s + "</svg>\n"
    }
}
