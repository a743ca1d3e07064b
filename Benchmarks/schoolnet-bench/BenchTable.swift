import Foundation

/// The human-readable results table printed on stdout.
///
/// Columns: case key, the three counts, wall median and min–max over repeats (seconds),
/// events per second (median), peak RSS in MiB (`*` = not isolated: the process maximum
/// so far), the ratio to the baseline's median with its verdict, and the case's metrics.
enum BenchTable {
    /// Renders `results` with their comparisons (keyed by case key).
    static func render(_ results: [CaseResult], comparisons: [String: BaselineComparison]) -> String {
        let header = ["case", "events", "flows", "resolves", "wall median", "min–max", "events/s", "peak MiB", "vs base", "metrics"]
        var rows = [header]
        for r in results {
            var vsBase = "—"
            if let c = comparisons[r.key] {
                vsBase = String(format: "%.2f×", c.timeRatio)
                if c.timeVerdict != .same { vsBase += " " + c.timeVerdict.rawValue }
                if c.memoryGrew { vsBase += " MORE MEMORY" }
                if !c.countMismatches.isEmpty { vsBase += " COUNTS DIFFER" }
            }
            let peak = r.peakRSSBytes.map { String(format: "%.1f", Double($0) / 1_048_576) + (r.peakRSSIsolated ? "" : "*") } ?? "n/a"
            rows.append([
                r.key, String(r.events), String(r.flows), String(r.resolves),
                seconds(r.wallSeconds.median),
                seconds(r.wallSeconds.min) + "–" + seconds(r.wallSeconds.max),
                rate(r.eventsPerSecond), peak, vsBase,
                r.metrics.sorted { $0.key < $1.key }.map { "\($0.key)=\(number($0.value))" }.joined(separator: " "),
            ])
        }
        let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        let numeric: Set<Int> = [1, 2, 3, 4, 6, 7]
        return rows.map { row in
            row.indices.map { i in
                let pad = String(repeating: " ", count: widths[i] - row[i].count)
                return i == row.count - 1 ? row[i] : (numeric.contains(i) ? pad + row[i] : row[i] + pad)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Seconds with four significant digits.
    static func seconds(_ s: Double) -> String { String(format: "%.4g s", s) }

    /// A rate with an SI prefix: `12.3 M`.
    static func rate(_ r: Double) -> String {
        if r >= 1e9 { return String(format: "%.2f G", r / 1e9) }
        if r >= 1e6 { return String(format: "%.2f M", r / 1e6) }
        if r >= 1e3 { return String(format: "%.2f k", r / 1e3) }
        return String(format: "%.1f", r)
    }

    /// A metric value: integers plainly, others with four significant digits.
    static func number(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.6g", v)
    }
}
