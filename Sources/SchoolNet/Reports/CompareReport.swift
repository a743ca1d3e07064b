import Foundation

/// The files of `schoolnet compare A.json B.json`: the difference table — per metric, A's
/// and B's means with their 95 % half-widths, the paired difference B − A with its 95 %
/// interval (common random numbers, ``Comparison``), whether it is significant and which
/// side is better — as CSV, as JSON (`"schema": "schoolnet.compare/1"`) and as an HTML page.
///
/// **CSV** (format as ``CSVReport``: UTF-8 with a byte-order mark, CRLF, quoted names, at
/// most 6 decimals, an empty field where a value does not apply), after `#` lines recording
/// each side as run. Wide (the default): one row per metric,
/// `activity,kind,metric,unit,a_mean,a_ci95_half_width,b_mean,b_ci95_half_width,b_minus_a,b_minus_a_ci95_low,b_minus_a_ci95_high,significant,better`,
/// where `metric` is named as the other tables name its column, unit included
/// (`cbt.item_p95 (s)`), and every number is in the row's `unit`. Long: one value per row,
/// `activity,kind,metric,unit,statistic,value`, the statistics being the wide layout's
/// number columns in that order.
///
/// Without two defined pairs (one replication) there is no interval: the half-widths,
/// interval bounds, `significant` and `better` are empty (`null` in JSON) and `b_minus_a`
/// is the difference of the means.
///
/// Deterministic: the same results give the same bytes.
///
/// **Validated by:** `OutputFormatTests.compareWritesEveryFormat`.
public enum CompareReport {
    /// The schema of a comparison's JSON.
    public static let schema = "schoolnet.compare/1"

    /// One metric compared, every number in its unit.
    struct Row {
        var workload: String
        var kind: String
        var metric: Metric
        var aMean: Double
        var aHalfWidth: Double?
        var bMean: Double
        var bHalfWidth: Double?
        var difference: Double
        var interval: ConfidenceInterval?
        var significant: Bool?
        var better: String?

        /// The number columns' names, in order.
        static let columnNames = ["a_mean", "a_ci95_half_width", "b_mean", "b_ci95_half_width", "b_minus_a", "b_minus_a_ci95_low",
                                  "b_minus_a_ci95_high"]

        /// The wide layout's number columns, named, in order.
        var statistics: [(String, Double?)] {
            Array(zip(Self.columnNames, [aMean, aHalfWidth, bMean, bHalfWidth, difference, interval?.lower, interval?.upper]))
        }
    }

    static func rows(_ c: Comparison, a: MultiRunResult, b: MultiRunResult) -> [Row] {
        c.metrics.map { m in
            let sa = a.metric(m.workload, m.metric.key), sb = b.metric(m.workload, m.metric.key)
            return Row(workload: m.workload, kind: sa?.workloadKind ?? "", metric: m.metric,
                       aMean: m.baselineMean, aHalfWidth: sa?.interval?.halfWidth,
                       bMean: m.treatmentMean, bHalfWidth: sb?.interval?.halfWidth,
                       difference: m.difference?.meanDifference ?? (m.treatmentMean - m.baselineMean),
                       interval: m.difference?.difference,
                       significant: m.difference.map { _ in m.isSignificant },
                       better: m.treatmentIsBetter.map { $0 ? "B" : "A" })
        }
    }

    /// The first entry of a side's ranking (its first replication), or nil.
    static func firstToGiveWay(_ r: MultiRunResult) -> String? { r.runs.first?.bottlenecks.first?.name }

    // MARK: CSV

    /// The difference table as CSV (`compare.csv`).
    ///
    /// - Parameters:
    ///   - comparison: B against A.
    ///   - a: A's replications.
    ///   - b: B's replications.
    ///   - recordA: A as run (a `#` line); nil for none.
    ///   - recordB: B as run (a `#` line); nil for none.
    ///   - layout: Wide (a row per metric) or long (a row per value).
    /// - Returns: The CSV text, with a byte-order mark.
    /// - Complexity: O(metrics × replications).
    public static func csv(_ comparison: Comparison, a: MultiRunResult, b: MultiRunResult, recordA: RunRecord?, recordB: RunRecord?,
                           layout: CSVReport.Layout = .wide) -> String {
        let q = CSVReport.quoted, nl = CSVReport.lineEnding
        var out = CSVReport.byteOrderMark + comments(recordA, recordB)
        out += "# \(comparison.pairs) paired replication\(comparison.pairs == 1 ? "" : "s") with common random numbers; intervals at 95 %; every number in the row's unit" + nl
        let table = rows(comparison, a: a, b: b)
        func label(_ r: Row) -> [String] {
            [q(r.workload), r.kind, q(CSVReport.metricColumn(r.workload, r.metric)), q(r.metric.unit)]
        }
        switch layout {
        case .wide:
            out += (["activity", "kind", "metric", "unit"] + Row.columnNames + ["significant", "better"])
                .joined(separator: ",") + nl
            for r in table {
                out += (label(r) + r.statistics.map { $0.1.map(CSVReport.cell) ?? "" }
                        + [r.significant.map { $0 ? "true" : "false" } ?? "", r.better ?? ""]).joined(separator: ",") + nl
            }
        case .long:
            out += "activity,kind,metric,unit,statistic,value" + nl
            for r in table {
                for (name, value) in r.statistics { out += (label(r) + [name, value.map(CSVReport.cell) ?? ""]).joined(separator: ",") + nl }
            }
        }
        return out
    }

    /// `# A as run: …` and `# B as run: …` lines.
    static func comments(_ recordA: RunRecord?, _ recordB: RunRecord?) -> String {
        var out = ""
        for (side, record) in [("A", recordA), ("B", recordB)] {
            guard let record else { continue }
            let line = record.line.replacingOccurrences(of: "As run: ", with: "\(side) as run: ")
            out += "# " + line.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") + CSVReport.lineEnding
        }
        return out
    }

    // MARK: JSON

    /// The comparison as JSON (`compare.json`; keys sorted, a trailing newline). Fields:
    /// `Sources/SchoolNet/Reports/JSONSchema.md`.
    ///
    /// - Parameters: as ``csv(_:a:b:recordA:recordB:layout:)``.
    /// - Returns: The JSON text.
    public static func json(_ comparison: Comparison, a: MultiRunResult, b: MultiRunResult, recordA: RunRecord?, recordB: RunRecord?) -> String {
        func side(_ name: String, _ r: MultiRunResult, _ record: RunRecord?) -> JSONValue {
            let tally = r.targetTally
            return .object([("scenario", .string(name)), ("run", record?.json ?? .null),
                            ("first_to_give_way", firstToGiveWay(r).map(JSONValue.string) ?? .null),
                            ("targets", .object([("set", .number(Double(tally.withTarget))), ("passed", .number(Double(tally.passed)))]))])
        }
        func number(_ x: Double?) -> JSONValue { x.map(JSONReport.sig) ?? .null }
        return JSONValue.object([
            ("schema", .string(schema)),
            ("a", side(comparison.baselineName, a, recordA)),
            ("b", side(comparison.treatmentName, b, recordB)),
            ("pairs", .number(Double(comparison.pairs))),
            ("confidence_level", .number(0.95)),
            ("metrics", .array(rows(comparison, a: a, b: b).map { r in
                .object([("workload", .string(r.workload)), ("workload_kind", .string(r.kind)), ("key", .string(r.metric.key)),
                         ("label", .string(r.metric.label)), ("unit", .string(r.metric.unit)),
                         ("higher_is_better", .bool(r.metric.higherIsBetter)),
                         ("target", r.metric.target.map(JSONReport.sig) ?? .null),
                         ("a_mean", number(r.aMean)), ("a_ci95_half_width", number(r.aHalfWidth)),
                         ("b_mean", number(r.bMean)), ("b_ci95_half_width", number(r.bHalfWidth)),
                         ("b_minus_a", number(r.difference)),
                         ("b_minus_a_ci95_low", number(r.interval?.lower)), ("b_minus_a_ci95_high", number(r.interval?.upper)),
                         ("significant", r.significant.map(JSONValue.bool) ?? .null),
                         ("better", r.better.map(JSONValue.string) ?? .null)])
            })),
        ]).serialized(sortedKeys: true, pretty: true) + "\n"
    }

    // MARK: HTML

    /// The comparison as an HTML page (`compare.html`): both sides as run, a caption saying
    /// what is measured, the difference table (rows where B is significantly better classed
    /// `b-better`, A `a-better`), and each side's first bottleneck. Self-contained, with the
    /// run report's style and CJK-capable font stack.
    ///
    /// - Parameters: as ``csv(_:a:b:recordA:recordB:layout:)``, and `title`, the page's title.
    /// - Returns: The HTML document.
    public static func html(_ comparison: Comparison, a: MultiRunResult, b: MultiRunResult, recordA: RunRecord?, recordB: RunRecord?,
                            title: String) -> String {
        let e = HTMLReport.escape
        let n = comparison.pairs
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        h += "<meta name=\"generator\" content=\"SchoolNet (\(schema))\">\n<title>" + e(title) + "</title>\n<style>\n" + HTMLReport.style
        h += "table.compare caption { text-align: left; padding-bottom: 6px; } table.qoe td.number { text-align: right; white-space: nowrap; }\n"
        h += "table.qoe tr.b-better td.better { background: #e3f4e8; color: #1b5e20; font-weight: bold; }\n"
        h += "table.qoe tr.a-better td.better { background: #fde7e4; color: #8e1b10; font-weight: bold; }\n</style>\n</head>\n<body>\n"
        h += "<header>\n<h1>" + e(title) + "</h1>\n"
        h += "<p class=\"meta\">A: " + e(comparison.baselineName) + (recordA.map { " — " + e($0.line) } ?? "") + "</p>\n"
        h += "<p class=\"meta\">B: " + e(comparison.treatmentName) + (recordB.map { " — " + e($0.line) } ?? "") + "</p>\n</header>\n"
        h += "<section id=\"differences\">\n<h2>Differences B − A</h2>\n<table class=\"qoe compare\">\n"
        h += "<caption class=\"caption\">" + e(caption(pairs: n)) + "</caption>\n"
        h += "<thead><tr><th>Activity</th><th>Metric (unit)</th><th>A mean ± 95 %</th><th>B mean ± 95 %</th>"
        h += "<th>B − A (95 % interval)</th><th>Significant</th><th>Better</th></tr></thead>\n<tbody>\n"
        func value(_ mean: Double, _ hw: Double?) -> String {
            CSVReport.cell(mean).isEmpty ? "—" : UnitFormat.number(mean) + (hw.map { " ± " + UnitFormat.number($0) } ?? "")
        }
        for r in rows(comparison, a: a, b: b) {
            let cls = r.better.map { $0 == "B" ? " class=\"b-better\"" : " class=\"a-better\"" } ?? ""
            let diff = UnitFormat.number(r.difference) + (r.interval.map { " (" + UnitFormat.number($0.lower) + " to " + UnitFormat.number($0.upper) + ")" } ?? "")
            h += "<tr\(cls)><td>" + e(r.workload) + "</td><td>" + e(r.metric.label + " (" + r.metric.unit + ")") + "</td>"
            h += "<td class=\"number\">" + e(value(r.aMean, r.aHalfWidth)) + "</td><td class=\"number\">" + e(value(r.bMean, r.bHalfWidth)) + "</td>"
            h += "<td class=\"number\">" + e(r.difference.isFinite ? diff : "—") + "</td>"
            h += "<td>" + e(r.significant.map { $0 ? "yes" : "no" } ?? "—") + "</td><td class=\"better\">" + e(r.better ?? "—") + "</td></tr>\n"
        }
        h += "</tbody>\n</table>\n</section>\n"
        h += "<p id=\"first-to-give-way\">" + e("First to give way (first replication) — A: \(firstToGiveWay(a) ?? "none"); B: \(firstToGiveWay(b) ?? "none")")
        return h + "</p>\n</body>\n</html>\n"
    }

    /// What the HTML table measures.
    static func caption(pairs n: Int) -> String {
        "Each row is one metric of one activity, in its unit. A and B: the mean over \(n) replication\(n == 1 ? "" : "s")"
            + " with its 95 % confidence half-width. B − A: the mean of the paired differences, replication i of A against"
            + " replication i of B run with the same seed (common random numbers), with its 95 % confidence interval."
            + " Significant: the interval excludes 0. Better: the side a significant difference favours, in the metric's"
            + " own direction (lower is better for a time, higher for a throughput)."
            + (n < 2 ? " With one replication there is no interval: run with --replications 5 or more." : "")
    }
}
