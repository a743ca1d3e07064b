import Foundation

/// The utilisation time series as CSV, for a spreadsheet: one row per time bucket
/// (1 s by default), a `time` column with the bucket's start as a clock time `HH:MM:SS`
/// (`HH:MM:SS.mmm` when buckets are not whole seconds),
/// then one column per resource with its utilisation in that bucket as a fraction
/// (0.8125 = 81.25 % of capacity).
///
/// **Format** (RFC 4180):
/// - UTF-8, with a byte-order mark by default: Excel (notably in a Japanese locale) reads
///   a CSV without one as Shift_JIS and garbles names such as `"school-1 access ↑"`;
///   LibreOffice, Numbers, pandas (`encoding="utf-8-sig"`) and R accept it.
/// - Lines end in CRLF, as RFC 4180 specifies; every spreadsheet accepts it.
/// - A header row; resource names are always quoted, with `"` doubled inside; the time
///   column is unquoted and holds only digits and colons.
/// - Values use a `.` decimal point and a fixed number of decimals (4 by default), never
///   thousands separators or exponents, so no locale reads them differently. A comma
///   separates fields whatever the locale.
///
/// The per-flow CSV of flow-log replays follows the same format (`CSVReport+Flows.swift`).
///
/// **Validated by:** `ReportsTests.csvHasOneRowPerBucketAndQuotedHeader`.
public enum CSVReport {
    /// The line ending used (RFC 4180).
    public static let lineEnding = "\r\n"
    /// The UTF-8 byte-order mark written at the start by default.
    public static let byteOrderMark = "\u{FEFF}"

    /// Renders a run's utilisation series.
    ///
    /// - Parameters:
    ///   - run: The run.
    ///   - resources: Indices into `run.resources` of the columns, in order; nil for all
    ///     resources in topology order.
    ///   - decimals: Digits after the decimal point; default 4.
    ///   - byteOrderMark: Whether to start with a UTF-8 byte-order mark; default true.
    /// - Returns: The CSV text.
    /// - Complexity: O(buckets × columns).
    public static func utilisation(_ run: RunResult, resources: [Int]? = nil, decimals: Int = 4,
                                   byteOrderMark: Bool = true) -> String {
        let columns = (resources ?? Array(run.resources.indices)).map { run.resources[$0] }
        var out = byteOrderMark ? Self.byteOrderMark : ""
        out += "time"
        for r in columns { out += "," + quoted(r.name) }
        out += lineEnding
        let rows = columns.map(\.utilisation.count).max() ?? 0
        let subSecond = run.bucketWidth.nanoseconds % 1_000_000_000 != 0
        for b in 0..<rows {
            let start = run.bucketWidth * b
            out += ReportFormat.clock(start, from: run.clockStart)
            if subSecond {
                let ms = (run.clockStart + start).nanoseconds / 1_000_000 % 1000
                out += "." + String(repeating: "0", count: ms < 10 ? 2 : ms < 100 ? 1 : 0) + String(ms)
            }
            for r in columns {
                let u = b < r.utilisation.count ? r.utilisation[b] : 0
                out += "," + UnitFormat.fixed(u, decimals: decimals, trim: false)
            }
            out += lineEnding
        }
        return out
    }

    /// A field quoted per RFC 4180: wrapped in `"`, with each `"` doubled.
    ///
    /// - Parameter field: The text.
    /// - Returns: The quoted field.
    public static func quoted(_ field: String) -> String {
        "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
