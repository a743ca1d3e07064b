/// The design-load table of `schoolnet run --format csv` (`design-load.csv`): per resource
/// that carried traffic, what it had to carry in each replication, then the mean and the
/// half-width of its 95 % interval over the replications (see ``DesignLoad``).
///
/// **Format:** as the other tables (``CSVReport/metrics(_:record:layout:)``): UTF-8 with a
/// byte-order mark, CRLF, quoted names, `#` comment lines recording the scenario as run,
/// units in the column names. Wide: a row per (resource, replication | `mean` |
/// `ci95_half_width`) with the three measures as columns. Long: a row per value.
/// Loads are in Mbps to 6 decimals; devices are counts (means may be fractional).
///
/// **Validated by:** `DesignLoadTests.csvAndJSONCarryTheDesignLoad`.
extension CSVReport {
    /// The measures of a design load: column name, unit, the per-run values, in Mbps or count.
    static func designMeasures(_ s: MultiRunResult.DesignLoadSummary) -> [(key: String, unit: String, values: [Double])] {
        [("busiest_window_load", "Mbps", s.peak.map { $0 / 1e6 }),
         ("window_load_p95", "Mbps", s.p95.map { $0 / 1e6 }),
         ("devices_at_once", "count", s.devices)]
    }

    /// The design-load table.
    ///
    /// - Parameters:
    ///   - result: The replications.
    ///   - record: The scenario as run (comment lines); nil for none.
    ///   - layout: Wide or long.
    /// - Returns: The CSV text, with a byte-order mark.
    /// - Complexity: O(resources × replications).
    public static func designLoad(_ result: MultiRunResult, record: RunRecord?, layout: Layout = .wide) -> String {
        var out = byteOrderMark + (record?.csvComments() ?? "")
        let summaries = result.designLoads.filter { $0.peak.contains { $0 > 0 } }
        let seeds = result.runs.map { String($0.seed) }
        func labels(_ s: MultiRunResult.DesignLoadSummary) -> [String] {
            [quoted(s.resource.name), quoted(s.resource.group), s.resource.kind.rawValue,
             cell(s.resource.capacity.bitsPerSecond / 1e6), cell(s.window.seconds)]
        }
        let labelHeader = "resource,link,kind,capacity (Mbps),window (s)"
        switch layout {
        case .wide:
            out += labelHeader + ",replication,seed,busiest_window_load (Mbps),window_load_p95 (Mbps),devices_at_once (count)"
                + lineEnding
            for s in summaries {
                let measures = designMeasures(s)
                let head = labels(s).joined(separator: ",")
                for r in result.runs.indices {
                    out += head + ",\(r + 1),\(seeds[r])," + measures.map { cell($0.values[r]) }.joined(separator: ",") + lineEnding
                }
                let stats = measures.map { MultiRunResult.DesignLoadSummary.summary($0.values) }
                out += head + ",mean,," + stats.map { cell($0.mean) }.joined(separator: ",") + lineEnding
                out += head + ",ci95_half_width,," + stats.map { $0.interval.map { cell($0.halfWidth) } ?? "" }.joined(separator: ",")
                    + lineEnding
            }
        case .long:
            out += labelHeader + ",replication,seed,measure,unit,value" + lineEnding
            for s in summaries {
                let head = labels(s).joined(separator: ",")
                for m in designMeasures(s) {
                    for r in result.runs.indices {
                        out += head + ",\(r + 1),\(seeds[r]),\(m.key),\(m.unit)," + cell(m.values[r]) + lineEnding
                    }
                    let (mean, interval) = MultiRunResult.DesignLoadSummary.summary(m.values)
                    out += head + ",mean,,\(m.key),\(m.unit)," + cell(mean) + lineEnding
                    out += head + ",ci95_half_width,,\(m.key),\(m.unit)," + (interval.map { cell($0.halfWidth) } ?? "") + lineEnding
                }
            }
        }
        return out
    }
}
