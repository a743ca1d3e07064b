import Foundation

/// The CSV files of `schoolnet run --format csv`: the metrics of every replication
/// (`result.csv`) and the utilisation series of every replication (`utilisation.csv`),
/// each in a wide layout (one column per metric or resource, for a spreadsheet) or a long,
/// tidy layout (one value per row, for pandas, R or a database; the size of a large
/// network's table grows with its rows, not its columns).
///
/// **Format:** as ``utilisation(_:resources:decimals:byteOrderMark:)`` (UTF-8 with a
/// byte-order mark, CRLF, quoted names), after `#` comment lines recording the scenario as
/// run (``RunRecord/csvComments(lineEnding:)``). Column names carry their unit in
/// parentheses: `cbt.item_p95 (s)`, `utilisation (fraction)`. Every row is labelled: its
/// replication (1, 2, …) and seed, or `mean` / `ci95_half_width` / `target` for the summary rows.
/// Numbers use a `.` decimal point, at most 6 decimals, no exponent; an empty field is a
/// value that does not apply (NaN, no target).
///
/// **Validated by:** `OutputFormatTests`.
extension CSVReport {
    /// The layout of a table.
    public enum Layout: String, Sendable, CaseIterable {
        /// One row per replication (or time bucket), one column per metric (or resource).
        case wide
        /// One row per value: label columns, then `value`.
        case long
    }

    /// A number for a CSV cell: empty for NaN, else at most 6 decimals.
    static func cell(_ x: Double) -> String {
        x.isNaN || !x.isFinite ? "" : UnitFormat.fixed(x, decimals: 6, trim: true)
    }

    /// A metric's column name with its unit: `cbt.item_p95 (s)`.
    static func metricColumn(_ workload: String, _ m: Metric) -> String {
        "\(workload).\(m.key) (\(m.unit))"
    }

    /// The per-replication metrics table (`result.csv`).
    ///
    /// - Parameters:
    ///   - result: The replications.
    ///   - record: The scenario as run (comment lines); nil for none.
    ///   - layout: Wide (a row per replication and summary rows) or long.
    /// - Returns: The CSV text, with a byte-order mark.
    public static func metrics(_ result: MultiRunResult, record: RunRecord?, layout: Layout = .wide) -> String {
        var out = byteOrderMark + (record?.csvComments() ?? "")
        let metrics = result.metrics
        switch layout {
        case .wide:
            out += (["replication", "seed"] + metrics.map { quoted(metricColumn($0.workload, $0.metric)) }).joined(separator: ",") + lineEnding
            for (r, run) in result.runs.enumerated() {
                out += (["\(r + 1)", String(run.seed)] + metrics.map { r < $0.values.count ? cell($0.values[r]) : "" }).joined(separator: ",") + lineEnding
            }
            out += (["mean", ""] + metrics.map { cell($0.mean) }).joined(separator: ",") + lineEnding
            out += (["ci95_half_width", ""] + metrics.map { $0.interval.map { cell($0.halfWidth) } ?? "" }).joined(separator: ",") + lineEnding
            out += (["target", ""] + metrics.map { $0.metric.target.map(cell) ?? "" }).joined(separator: ",") + lineEnding
        case .long:
            out += "replication,seed,activity,kind,metric,unit,value,ci95_half_width,target,passed" + lineEnding
            func row(_ label: String, _ seed: String, _ s: MultiRunResult.MetricSummary, _ value: Double, _ hw: String, _ passed: Bool?) -> String {
                [label, seed, quoted(s.workload), s.workloadKind, s.metric.key, quoted(s.metric.unit), cell(value), hw,
                 s.metric.target.map(cell) ?? "", passed.map { $0 ? "true" : "false" } ?? ""].joined(separator: ",") + lineEnding
            }
            for (r, run) in result.runs.enumerated() {
                for s in metrics where r < s.values.count {
                    var m = s.metric
                    m.value = s.values[r]
                    out += row("\(r + 1)", String(run.seed), s, s.values[r], "", m.passed)
                }
            }
            for s in metrics { out += row("mean", "", s, s.mean, s.interval.map { cell($0.halfWidth) } ?? "", s.passed) }
        }
        return out
    }

    /// The utilisation series of every replication (`utilisation.csv`): wide, a row per
    /// (replication, time bucket) and a column per resource; long, a row per (replication,
    /// time bucket, resource).
    ///
    /// - Parameters:
    ///   - result: The replications.
    ///   - record: The scenario as run (comment lines); nil for none.
    ///   - layout: Wide or long.
    /// - Returns: The CSV text, with a byte-order mark.
    public static func utilisationTable(_ result: MultiRunResult, record: RunRecord?, layout: Layout = .wide) -> String {
        var text = ""
        utilisationTable(result, record: record, layout: layout, to: &text)
        return text
    }

    /// Writes the utilisation table to `output` a row at a time (nothing the size of the
    /// file is built); see ``utilisationTable(_:record:layout:)``.
    public static func utilisationTable(_ result: MultiRunResult, record: RunRecord?, layout: Layout = .wide,
                                        to output: inout some TextOutputStream) {
        var out = byteOrderMark + (record?.csvComments() ?? "")
        let first = result.representative
        switch layout {
        case .wide:
            out += "replication,time (HH:MM:SS)"
            for r in first.resources { out += "," + quoted(r.name + " utilisation (fraction)") }
        case .long:
            out += "replication,time (HH:MM:SS),resource,utilisation (fraction)"
        }
        out += lineEnding
        for (k, run) in result.runs.enumerated() {
            let rows = run.resources.map(\.utilisation.count).max() ?? 0
            let names = run.resources.map { quoted($0.name) }
            for b in 0..<rows {
                let time = bucketLabel(run, b)
                switch layout {
                case .wide:
                    out += "\(k + 1)," + time
                    for r in run.resources { out += "," + UnitFormat.fixed(b < r.utilisation.count ? r.utilisation[b] : 0, decimals: 4, trim: false) }
                    out += lineEnding
                case .long:
                    for (i, r) in run.resources.enumerated() {
                        out += "\(k + 1),\(time),\(names[i]),"
                            + UnitFormat.fixed(b < r.utilisation.count ? r.utilisation[b] : 0, decimals: 4, trim: false) + lineEnding
                    }
                }
                output.write(out)
                out = ""
            }
        }
        output.write(out)
    }

    /// A bucket's start as `HH:MM:SS` (with `.mmm` when buckets are not whole seconds).
    static func bucketLabel(_ run: RunResult, _ b: Int) -> String {
        let start = run.bucketWidth * b
        var s = ReportFormat.clock(start, from: run.clockStart)
        if run.bucketWidth.nanoseconds % 1_000_000_000 != 0 {
            let ms = (run.clockStart + start).nanoseconds / 1_000_000 % 1000
            s += "." + String(repeating: "0", count: ms < 10 ? 2 : ms < 100 ? 1 : 0) + String(ms)
        }
        return s
    }
}
