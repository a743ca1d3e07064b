/// Streams a flow log's rows as ``FlowLogRecord``s in time order, in bounded memory.
///
/// **Order**: rows may be out of order by up to ``FlowLogConfiguration/tolerance`` (exports
/// merged from several collectors are nearly sorted); such rows are re-ordered through a
/// small heap holding only the rows inside one tolerance window. A row earlier than the
/// latest row so far by more than the tolerance is refused (``FlowLogError``: "time goes
/// backwards"): sort the file first (`sort -t, -k1,1 -g`, or `nfdump -O tstart`). Ties keep
/// file order.
///
/// **Times**: seconds since the log's time 0 (`12.5`), or ISO-8601 timestamps, taken
/// relative to the first row's; one form per file. With ``FlowLogConfiguration/startAt``,
/// times are taken relative to it instead (its form is the file's), and rows before it are
/// skipped (``rowsBeforeStart``) after their order is checked.
///
/// **Validated by**: `FlowLogReaderTests`, `FlowLogNFDumpTests`, `FlowLogBadInputTests`.
public final class FlowLogReader {
    /// The settings (file, format, subnets, default endpoint, tolerance).
    public let configuration: FlowLogConfiguration
    let csv: CSVLineReader
    var columns: (start: Int, source: Int, destination: Int, bytes: Int, service: Int?, maxRate: Int?)
    var heap: [FlowLogRecord] = []
    var latest: SimDuration?
    var timeOrigin: FlowLogInstant?
    /// The header's fields, to recognise it repeated (exports joined with `cat`).
    var headerNames: [String] = []
    /// nfdump: summary lines still to skip after a `Summary` line.
    var summaryLines = 0
    var isoTimes: Bool?
    /// What fixed the file's time form, for messages: the first row, or `startAt`.
    var timeFormSource = "the first row's"
    /// Log time (seconds form) that counts as 0.
    var secondsOrigin = SimDuration.zero
    var finished = false
    /// Data rows read (not counting the header, blank lines or nfdump's summary).
    public private(set) var rowsRead = 0
    /// nfdump rows with no endpoint on either side (or one outside side and no default).
    public private(set) var rowsUnmapped = 0
    /// Rows before ``FlowLogConfiguration/startAt``, skipped.
    public private(set) var rowsBeforeStart = 0
    /// nfdump rows per endpoint they were mapped to (each row counts for both ends).
    public private(set) var rowsPerEndpoint: [String: Int] = [:]

    /// Opens the log and reads its header.
    ///
    /// - Throws: ``FlowLogError`` when the file cannot be read or lacks needed columns.
    public init(configuration: FlowLogConfiguration) throws(FlowLogError) {
        self.configuration = configuration
        csv = try CSVLineReader(path: configuration.path)
        columns = (0, 0, 0, 0, nil, nil)
        repeat {
            guard try csv.next() else { throw error(column: 1, "the flow log is empty (expected a header line)") }
        } while csv.isBlank
        columns = try readHeader()
        switch configuration.startAt {
        case .timestamp(let t, _)?:
            timeOrigin = t
            isoTimes = true
            timeFormSource = "\"startAt\""
        case .seconds(let d)?:
            secondsOrigin = d
            isoTimes = false
            timeFormSource = "\"startAt\""
        case nil:
            break
        }
    }

    func error(column: Int, _ message: String) -> FlowLogError {
        FlowLogError(file: configuration.path, line: max(csv.lineNumber, 1), column: column, message: message)
    }

    func readHeader() throws(FlowLogError) -> (Int, Int, Int, Int, Int?, Int?) {
        let names = (0..<csv.fields.count).map { csv.field($0) }
        headerNames = names
        func find(_ options: [String], _ required: Bool, meaning: String) throws(FlowLogError) -> Int? {
            if let i = names.firstIndex(where: { options.contains($0) }) { return i }
            guard required else { return nil }
            let list = names.map { "\"\($0)\"" }.joined(separator: ", ")
            throw error(column: 1, "missing column \"\(options[0])\" (\(meaning)); the header has \(list)")
        }
        switch configuration.format {
        case .schoolnet:
            let known = ["start", "src", "dst", "bytes", "service", "maxRate"]
            for (i, n) in names.enumerated() where !known.contains(n) {
                throw error(column: csv.column(ofField: i), "unknown column \"\(n)\""
                            + (Spelling.suggestion(for: n, in: known).map { "; did you mean \"\($0)\"?" } ?? "; expected " + known.joined(separator: ", ")))
            }
            return (try find(["start"], true, meaning: "seconds or an ISO-8601 time")!, try find(["src"], true, meaning: "the sending endpoint")!,
                    try find(["dst"], true, meaning: "the receiving endpoint")!, try find(["bytes"], true, meaning: "the size")!,
                    try find(["service"], false, meaning: ""), try find(["maxRate"], false, meaning: ""))
        case .nfdump:
            return (try find(["ts"], true, meaning: "nfdump's flow start time")!, try find(["sa"], true, meaning: "source address")!,
                    try find(["da"], true, meaning: "destination address")!, try find(["ibyt", "byt"], true, meaning: "bytes")!, nil, nil)
        }
    }

    /// The next row in time order, or nil at the end.
    ///
    /// - Throws: ``FlowLogError`` for a malformed row or one too far out of order.
    public func next() throws(FlowLogError) -> FlowLogRecord? {
        while !finished {
            if let top = heap.first, let latest, latest > top.time + configuration.tolerance { break }
            guard let r = try readRow() else { finished = true; break }
            if let latest, r.time < latest - configuration.tolerance {
                throw error(column: csv.column(ofField: columns.start),
                            "time goes backwards: \(Self.seconds(r.time)) s after \(Self.seconds(latest)) s on an earlier line "
                            + "(more than the \(Self.seconds(configuration.tolerance)) s tolerance); sort the log by start time")
            }
            if latest == nil || r.time > latest! { latest = r.time }
            // Only startAt makes a time negative on purpose (without it, a row a little
            // before the first is re-ordered, not dropped).
            if configuration.startAt != nil && r.time < .zero { rowsBeforeStart += 1; continue }
            push(r)
        }
        return popMin()
    }

    static func seconds(_ d: SimDuration) -> String {
        let s = d.seconds
        return s == s.rounded() ? String(Int64(s)) : String(s)
    }

    /// Whether the current line repeats the header (exports joined with `cat`).
    var isHeaderAgain: Bool {
        csv.fields.count == headerNames.count && headerNames.indices.allSatisfy { csv.field($0) == headerNames[$0] }
    }

    /// Reads and parses the next data row (skipping blank lines, repeated headers, nfdump's
    /// summaries and unmapped nfdump rows); nil at the end.
    func readRow() throws(FlowLogError) -> FlowLogRecord? {
        while try csv.next() {
            if csv.isBlank || isHeaderAgain { continue }
            if configuration.format == .nfdump {
                // nfdump's summary: "Summary", then "flows,bytes,…" and one line of totals.
                if summaryLines > 0 {
                    summaryLines -= 1
                    if summaryLines == 1 && csv.field(0) != "flows" { summaryLines = 0 } else { continue }
                }
                if csv.field(0).hasPrefix("Summary") { summaryLines = 2; continue }
            }
            let needed = max(columns.start, columns.source, columns.destination, columns.bytes, columns.service ?? 0, columns.maxRate ?? 0)
            guard csv.fields.count > needed else {
                throw error(column: csv.column(ofField: csv.fields.count), "expected at least \(needed + 1) fields, found \(csv.fields.count)")
            }
            rowsRead += 1
            let time = try parseTime(csv.field(columns.start))
            let bytes = try parseBytes(csv.field(columns.bytes))
            var source = csv.field(columns.source), destination = csv.field(columns.destination)
            var service: String?
            var maxRate = DataRate.unlimited
            if configuration.format == .nfdump {
                let s = configuration.subnets.endpoint(for: source), d = configuration.subnets.endpoint(for: destination)
                guard s != nil || d != nil, let src = s ?? configuration.defaultEndpoint, let dst = d ?? configuration.defaultEndpoint else {
                    rowsUnmapped += 1
                    continue
                }
                source = src
                destination = dst
                rowsPerEndpoint[src, default: 0] += 1
                rowsPerEndpoint[dst, default: 0] += 1
            } else {
                if let c = columns.service { let v = csv.field(c); service = v.isEmpty ? nil : v }
                if let c = columns.maxRate { maxRate = try parseRate(csv.field(c), column: csv.column(ofField: c)) }
                for (name, c) in [(source, columns.source), (destination, columns.destination)] where name.isEmpty {
                    throw error(column: csv.column(ofField: c), "expected an endpoint name, found an empty field")
                }
            }
            return FlowLogRecord(time: time, source: source, destination: destination, bytes: bytes, service: service,
                                 maxRate: maxRate, line: csv.lineNumber, sourceColumn: csv.column(ofField: columns.source),
                                 destinationColumn: csv.column(ofField: columns.destination))
        }
        return nil
    }

    func parseTime(_ text: String) throws(FlowLogError) -> SimDuration {
        let column = csv.column(ofField: columns.start)
        if let s = Double(text), s.isFinite, configuration.format == .schoolnet {
            guard isoTimes != true else { throw error(column: column, "expected an ISO-8601 time like \(timeFormSource), found \"\(text)\"") }
            isoTimes = false
            guard s >= 0, s < 9e9 else { throw error(column: column, "expected a start time of 0 s or more, found \"\(text)\"") }
            return .seconds(s) - secondsOrigin
        }
        guard let instant = FlowLogTimestamp.instant(text) else {
            throw error(column: column, "expected a start time (seconds such as 12.5, or ISO-8601 such as 2024-06-11T09:00:00.250Z), found \"\(text)\"")
        }
        guard isoTimes != false else { throw error(column: column, "expected seconds like \(timeFormSource), found \"\(text)\"") }
        isoTimes = true
        let origin = timeOrigin ?? instant
        timeOrigin = origin
        guard let d = instant.duration(since: origin) else {
            throw error(column: column, "\"\(text)\" is more than \(FlowLogInstant.maxSpan) s (about 285 years) from \(timeFormSource) time; "
                        + "drop placeholder timestamps such as 0001-01-01 or 9999-12-31, or set \"startAt\"")
        }
        return d
    }

    func parseBytes(_ text: String) throws(FlowLogError) -> ByteCount {
        let column = csv.column(ofField: columns.bytes)
        var value: Double?
        if let v = Double(text) { value = v } else if configuration.format == .schoolnet, let b = try? UnitParsing.bytes(text) { value = Double(b.bytes) }
        guard let v = value, v.isFinite, v < 9e18 else { throw error(column: column, "expected a size in bytes (a number such as 15000, or \"2 MB\"), found \"\(text)\"") }
        guard v.rounded() >= 1 else { throw error(column: column, "expected a size of at least 1 byte, found \"\(text)\"") }
        return .bytes(Int64(v.rounded()))
    }

    func parseRate(_ text: String, column: Int) throws(FlowLogError) -> DataRate {
        if text.isEmpty { return .unlimited }
        if let v = Double(text), v.isFinite, v > 0 { return .bitsPerSecond(v) }
        if let r = try? UnitParsing.rate(text), r.bitsPerSecond > 0 { return r }
        throw error(column: column, "expected a rate ceiling (bits/s such as 20000000, or \"20 Mbps\"), found \"\(text)\"")
    }

    // MARK: Re-ordering heap, keyed (time, line)

    static func before(_ a: FlowLogRecord, _ b: FlowLogRecord) -> Bool { (a.time, a.line) < (b.time, b.line) }

    func push(_ r: FlowLogRecord) {
        heap.append(r)
        var i = heap.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard Self.before(heap[i], heap[p]) else { break }
            heap.swapAt(i, p)
            i = p
        }
    }

    func popMin() -> FlowLogRecord? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count && Self.before(heap[l], heap[m]) { m = l }
            if r < heap.count && Self.before(heap[r], heap[m]) { m = r }
            if m == i { break }
            heap.swapAt(i, m)
            i = m
        }
        return top
    }
}
