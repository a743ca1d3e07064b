/// A flow log's rows, read once (one pass over the file, so a pipe or FIFO works) and kept
/// in replay order as flat arrays, with each endpoint and service name stored once.
///
/// Filled while the scenario is read (every row checked) and shared, read-only, by every
/// replication's workload: the file is never read a second time.
///
/// **Limits**: at most ``maxRows`` rows kept (about 60 bytes each: 600 MB at the limit);
/// more is refused at the first row past it, with its line and column — together with the
/// reader's line and byte limits (``CSVLineReader``), a log that never ends stops with a
/// message instead of filling memory.
public final class FlowLogRows: @unchecked Sendable {
    /// The most rows one activity replays.
    public static let maxRows = 10_000_000
    var time: [Int64] = [], bytes: [Int64] = [], maxRate: [Double] = []
    var source: [Int32] = [], destination: [Int32] = [], service: [Int32] = []
    var line: [Int] = [], sourceColumn: [Int32] = [], destinationColumn: [Int32] = []
    var names: [String] = []
    var nameIndex: [String: Int32] = [:]
    /// The reader's counts: rows unmapped (nfdump), before `startAt`, per endpoint (nfdump).
    public internal(set) var rowsUnmapped = 0, rowsBeforeStart = 0
    /// nfdump rows per endpoint they were mapped to.
    public internal(set) var rowsPerEndpoint: [String: Int] = [:]

    /// Rows kept.
    public var count: Int { time.count }

    /// Reads every row of `configuration`'s log, in time order; `each` sees each row first
    /// (checks against the scenario).
    ///
    /// - Throws: ``FlowLogError`` at the row's line and column (``maxRows`` included).
    public static func read(_ configuration: FlowLogConfiguration, limit: Int = maxRows,
                            each: (FlowLogRecord) throws(FlowLogError) -> Void = { _ in }) throws(FlowLogError) -> FlowLogRows {
        let reader = try FlowLogReader(configuration: configuration)
        let rows = FlowLogRows()
        while let r = try reader.next() {
            guard rows.count < limit else {
                throw FlowLogError(file: configuration.path, line: r.line, column: 1,
                                   message: "more than \(limit) rows, the most one activity replays; split the log or filter it first")
            }
            try each(r)
            rows.append(r)
        }
        rows.rowsUnmapped = reader.rowsUnmapped
        rows.rowsBeforeStart = reader.rowsBeforeStart
        rows.rowsPerEndpoint = reader.rowsPerEndpoint
        return rows
    }

    func intern(_ name: String) -> Int32 {
        if let i = nameIndex[name] { return i }
        let i = Int32(names.count)
        names.append(name)
        nameIndex[name] = i
        return i
    }

    func append(_ r: FlowLogRecord) {
        time.append(r.time.nanoseconds)
        bytes.append(r.bytes.bytes)
        maxRate.append(r.maxRate.bitsPerSecond)
        source.append(intern(r.source))
        destination.append(intern(r.destination))
        service.append(r.service.map { intern($0) } ?? -1)
        line.append(r.line)
        sourceColumn.append(Int32(clamping: r.sourceColumn))
        destinationColumn.append(Int32(clamping: r.destinationColumn))
    }

    /// Row `i` (in replay order).
    public subscript(i: Int) -> FlowLogRecord {
        FlowLogRecord(time: SimDuration(nanoseconds: time[i]), source: names[Int(source[i])], destination: names[Int(destination[i])],
                      bytes: .bytes(bytes[i]), service: service[i] >= 0 ? names[Int(service[i])] : nil,
                      maxRate: .bitsPerSecond(maxRate[i]), line: line[i], sourceColumn: Int(sourceColumn[i]),
                      destinationColumn: Int(destinationColumn[i]))
    }
}
