/// The per-flow CSV of flow-log replays (`flows.csv`): one line per replayed row, so a
/// planner can sort and filter last Tuesday's flows by how much they suffered and what
/// held them back.
///
/// **Columns** (``flowColumns``):
///
/// | column | meaning |
/// |---|---|
/// | `activity` | the flowLog activity's name |
/// | `line` | the row's line in the log file (from 1; the header is line 1) |
/// | `start` | when it was requested, as a clock time `HH:MM:SS.mmm` (milliseconds truncated) |
/// | `src`, `dst` | the nodes it ran between (`office`, `es/core`, `es/6-1/3`: a class row names the device it went to) |
/// | `service` | the service it is counted under: its `service` column, else its service endpoint, else `other` |
/// | `bytes` | its size |
/// | `status` | `finished`, `unfinished` (still running at the end of the run), `refused` (a full session table), `no-route` |
/// | `time_s` | seconds from request to last byte (finished rows only) |
/// | `alone_s` | seconds it would take alone on the empty network |
/// | `slowdown` | `time_s` ÷ `alone_s` (finished rows only) |
/// | `limited_by` | the link that held its rate back longest in one stretch; empty if none did (its own ceiling, TCP set-up or slow start set its pace; queueing on loaded links may still have lengthened its round trips) — for an unfinished row, so far |
///
/// Rows are in log order (the file's line order, whatever order they were replayed in),
/// activities in scenario order. Rows that never reached the replay (nfdump rows with no
/// endpoint, rows before `startAt`) are not listed.
///
/// **Format**: as ``utilisation(_:resources:decimals:byteOrderMark:)`` — UTF-8 with a
/// byte-order mark, CRLF line ends, names always quoted (`"` doubled), numbers unquoted
/// with a `.` decimal point and fixed decimals (6 for seconds, 4 for the slowdown), an
/// empty field where a value does not apply.
///
/// **Validated by**: `FlowLogFlowTableTests`.
extension CSVReport {
    /// The per-flow CSV's header, in order.
    public static let flowColumns = ["activity", "line", "start", "src", "dst", "service", "bytes", "status",
                                     "time_s", "alone_s", "slowdown", "limited_by"]

    /// Writes the per-flow CSV of `run`'s flow-log replays (``RunResult/flowLogs``) to
    /// `output`, one line at a time (nothing the size of the file is built).
    ///
    /// - Parameters:
    ///   - run: The run; only its ``RunResult/flowLogs`` and ``RunResult/clockStart`` are read.
    ///   - byteOrderMark: Whether to start with a UTF-8 byte-order mark; default true.
    ///   - output: Where the text goes.
    /// - Complexity: O(rows).
    public static func flows(_ run: RunResult, byteOrderMark: Bool = true, to output: inout some TextOutputStream) {
        output.write((byteOrderMark ? Self.byteOrderMark : "") + flowColumns.joined(separator: ",") + lineEnding)
        for table in run.flowLogs {
            let activity = quoted(table.activity)
            let endpoints = table.endpointNames.map(quoted), groups = table.groupNames.map(quoted)
            let resources = table.resourceNames.map(quoted)
            for row in table.rows {
                var line = activity
                line += "," + String(row.line)
                line += "," + clock(row.requested, from: run.clockStart)
                line += "," + endpoints[Int(row.source)] + "," + endpoints[Int(row.destination)]
                line += "," + (row.service >= 0 ? groups[Int(row.service)] : "")
                line += "," + String(row.bytes.bytes)
                line += "," + row.status.rawValue
                line += "," + (row.seconds.map { UnitFormat.fixed($0, decimals: 6, trim: false) } ?? "")
                line += "," + (row.alone.isFinite ? UnitFormat.fixed(row.alone, decimals: 6, trim: false) : "")
                line += "," + (row.slowdown.map { UnitFormat.fixed($0, decimals: 4, trim: false) } ?? "")
                line += "," + (row.limiter >= 0 ? resources[Int(row.limiter)] : "")
                output.write(line + lineEnding)
            }
        }
    }

    /// The per-flow CSV of `run` as one string (tests, small logs); see
    /// ``flows(_:byteOrderMark:to:)``.
    ///
    /// - Parameters:
    ///   - run: The run.
    ///   - byteOrderMark: Whether to start with a UTF-8 byte-order mark; default true.
    /// - Returns: The CSV text.
    public static func flows(_ run: RunResult, byteOrderMark: Bool = true) -> String {
        var text = ""
        flows(run, byteOrderMark: byteOrderMark, to: &text)
        return text
    }

    /// `HH:MM:SS.mmm` for a simulated instant.
    static func clock(_ t: SimTime, from clockStart: SimDuration) -> String {
        let offset = t - SimTime.zero
        let ms = (clockStart + offset).nanoseconds / 1_000_000 % 1000
        return ReportFormat.clock(offset, from: clockStart) + "." + String(repeating: "0", count: ms < 10 ? 2 : ms < 100 ? 1 : 0) + String(ms)
    }
}
