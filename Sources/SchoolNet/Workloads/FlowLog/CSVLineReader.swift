import Foundation

/// Reads a text file line by line in fixed-size chunks, splitting each line into
/// comma-separated fields — bounded memory whatever the file's length, one pass, so a pipe
/// or FIFO works.
///
/// **Format assumptions**: UTF-8, with or without a byte-order mark (Excel's "CSV UTF-8");
/// lines end in `\n`, `\r\n` or a lone `\r` (all three may be mixed); a field may be quoted
/// (RFC 4180: `"a,b"`, `""` for a quote inside), but a quoted field never spans lines (such a
/// line is refused at the opening quote). Blank lines are reported as empty.
///
/// **Limits** (refused with the line and column, so a file that never ends — `/dev/zero`, a
/// FIFO — stops with a message): a line of at most ``maxLineBytes`` bytes; at most
/// ``maxBytes`` bytes in all.
///
/// - Complexity: O(line length) per line; memory O(chunk + longest line).
final class CSVLineReader {
    private let handle: FileHandle
    private let path: String
    private var buffer: [UInt8] = []
    private var head = 0
    private var atEOF = false
    private var bytesRead = 0
    private static let chunk = 1 << 16
    /// The longest line read (bytes, without its end).
    static let maxLineBytes = 1 << 16
    /// The most bytes read from one file (4 GiB).
    static let maxBytes = 1 << 32
    /// Limits actually used (tests lower them).
    var lineLimit = CSVLineReader.maxLineBytes, byteLimit = CSVLineReader.maxBytes
    /// The current line's number (from 1).
    private(set) var lineNumber = 0
    /// The current line's bytes, as in the file (for columns).
    private(set) var line: [UInt8] = []
    /// The fields' values, unquoted, one after the other.
    private(set) var values: [UInt8] = []
    /// Each field's byte range in ``values``.
    private(set) var fields: [Range<Int>] = []
    /// Each field's first byte in ``line`` (its column, for messages).
    private(set) var fieldStarts: [Int] = []
    /// Whether the current line is all ASCII (columns are then byte offsets).
    private(set) var isASCII = true

    /// Opens a file.
    ///
    /// - Throws: a message when it cannot be opened.
    init(path: String) throws(FlowLogError) {
        self.path = path
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        guard !(exists && isDirectory.boolValue), let h = FileHandle(forReadingAtPath: path) else {
            throw FlowLogError(file: path, line: 1, column: 1,
                               message: "cannot read the flow log: " + (exists ? (isDirectory.boolValue ? "it is a directory" : "permission denied") : "no such file"))
        }
        handle = h
    }

    deinit { try? handle.close() }

    private func failure(_ column: Int, _ message: String) -> FlowLogError {
        FlowLogError(file: path, line: max(lineNumber, 1), column: column, message: message)
    }

    /// Moves to the next line; false at the end of the file.
    ///
    /// - Throws: ``FlowLogError`` for a line or file over the limits, or a quoted field left open.
    func next() throws(FlowLogError) -> Bool {
        var searchFrom = head
        while true {
            var i = searchFrom
            let n = buffer.count
            while i < n {
                let c = buffer[i]
                if c == 10 { try take(upTo: i, skip: 1); return true }
                if c == 13 {
                    if i + 1 < n { try take(upTo: i, skip: buffer[i + 1] == 10 ? 2 : 1); return true }
                    if atEOF { try take(upTo: i, skip: 1); return true }
                    break  // a "\r" at the end of the buffer: is a "\n" next?
                }
                i += 1
            }
            if i >= n && atEOF {
                guard head < buffer.count else { return false }
                try take(upTo: buffer.count, skip: 0)
                return true
            }
            searchFrom = i
            if i - head > lineLimit {
                lineNumber += 1
                throw failure(1, "a line longer than \(lineLimit) bytes (is this a flow log? a CSV export has short lines)")
            }
            if head > 0 { buffer.removeFirst(head); searchFrom -= head; head = 0 }
            guard bytesRead < byteLimit else {
                lineNumber += 1
                throw failure(1, "the flow log is longer than \(byteLimit) bytes, the most one activity replays; split it or filter it first")
            }
            let data = (try? handle.read(upToCount: min(Self.chunk, byteLimit - bytesRead + 1))) ?? nil
            if let data, !data.isEmpty { buffer.append(contentsOf: data); bytesRead += data.count } else { atEOF = true }
        }
    }

    private func take(upTo end: Int, skip: Int) throws(FlowLogError) {
        var start = head
        if lineNumber == 0 && end - start >= 3 && buffer[start] == 0xEF && buffer[start + 1] == 0xBB && buffer[start + 2] == 0xBF { start += 3 }
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: buffer[start..<end])
        head = end + skip
        lineNumber += 1
        guard line.count <= lineLimit else {
            throw failure(1, "a line longer than \(lineLimit) bytes (is this a flow log? a CSV export has short lines)")
        }
        try split()
    }

    /// Splits ``line`` into fields (unquoting quoted ones).
    private func split() throws(FlowLogError) {
        fields.removeAll(keepingCapacity: true)
        fieldStarts.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        var high: UInt8 = 0
        for c in line { high |= c }
        isASCII = high < 0x80
        let n = line.count
        var i = 0
        while true {
            fieldStarts.append(i)
            var j = i
            while j < n && (line[j] == 32 || line[j] == 9) { j += 1 }
            let from = values.count
            if j < n && line[j] == 34 {  // a quoted field
                let open = j
                j += 1
                var closed = false
                while j < n {
                    if line[j] == 34 {
                        if j + 1 < n && line[j + 1] == 34 { values.append(34); j += 2; continue }
                        closed = true
                        j += 1
                        break
                    }
                    values.append(line[j])
                    j += 1
                }
                guard closed else { throw failure(column(ofByte: open), "a quoted field with no closing quote on its line (quoted fields may not span lines)") }
                while j < n && (line[j] == 32 || line[j] == 9) { j += 1 }
                guard j == n || line[j] == 44 else {
                    throw failure(column(ofByte: j), "expected a comma after the closing quote of a quoted field")
                }
                fields.append(from..<values.count)
            } else {
                var e = j
                while e < n && line[e] != 44 { e += 1 }
                var t = e
                while t > j && (line[t - 1] == 32 || line[t - 1] == 9) { t -= 1 }
                values.append(contentsOf: line[j..<t])
                fields.append(from..<values.count)
                j = e
            }
            if j >= n { break }
            i = j + 1  // past the comma
        }
    }

    /// Whether the current line is empty or only spaces.
    var isBlank: Bool { line.allSatisfy { $0 == 32 || $0 == 9 } }

    /// Field `i`, trimmed of spaces and unquoted, as a string ("" past the last field).
    func field(_ i: Int) -> String {
        guard i < fields.count else { return "" }
        return String(decoding: values[fields[i]], as: UTF8.self)
    }

    /// The column (from 1, in Unicode scalars) where field `i` starts.
    func column(ofField i: Int) -> Int {
        column(ofByte: i < fields.count ? fieldStarts[i] : line.count + 1)
    }

    private func column(ofByte byte: Int) -> Int {
        if isASCII { return min(byte, line.count) + 1 }  // one byte per character
        return String(decoding: line[..<min(byte, line.count)], as: UTF8.self).unicodeScalars.count + 1
    }
}

/// An instant of a flow log: whole seconds since 1970-01-01 UTC (negative before) and the
/// nanoseconds after them — years 1 to 9999 fit, which nanoseconds alone (±292 years) do not.
public struct FlowLogInstant: Sendable, Hashable, Comparable {
    /// Whole seconds since 1970-01-01 00:00:00 UTC.
    public var seconds: Int64
    /// Nanoseconds after ``seconds`` (0 to 999,999,999).
    public var nanoseconds: Int64

    /// The most seconds between two instants of one log (about 285 years): differences
    /// stay well inside a ``SimDuration``.
    public static let maxSpan: Int64 = 9_000_000_000

    public static func < (a: FlowLogInstant, b: FlowLogInstant) -> Bool { (a.seconds, a.nanoseconds) < (b.seconds, b.nanoseconds) }

    /// `self − origin`, or nil when more than ``maxSpan`` seconds apart.
    public func duration(since origin: FlowLogInstant) -> SimDuration? {
        let s = seconds - origin.seconds  // both within ±3e11: no overflow
        guard abs(s) <= Self.maxSpan else { return nil }
        return SimDuration(nanoseconds: s * 1_000_000_000 + (nanoseconds - origin.nanoseconds))
    }
}

/// ISO-8601 timestamps as flow logs write them: `2024-06-11T09:00:00Z`,
/// `2024-06-11T09:00:00.250+09:00`, and nfdump's `2024-06-11 09:00:00.123` (no zone: read as
/// UTC; only differences between rows matter). Years 0001 to 9999 (placeholders such as
/// `0001-01-01` and `9999-12-31` included) parse; rows more than ``FlowLogInstant/maxSpan``
/// apart are refused by the reader.
enum FlowLogTimestamp {
    /// Parses `text`; nil when it is not such a timestamp.
    static func instant(_ text: String) -> FlowLogInstant? {
        let s = Array(text.utf8)
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= s.count else { return nil }
            var v = 0
            for c in s[a..<(a + n)] { guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard s.count >= 19, let y = num(0, 4), s[4] == 45, let mo = num(5, 2), s[7] == 45, let d = num(8, 2),
              s[10] == UInt8(ascii: "T") || s[10] == 32, let h = num(11, 2), s[13] == 58, let mi = num(14, 2), s[16] == 58,
              let sec = num(17, 2), y >= 1, (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, sec < 61 else { return nil }
        var i = 19
        var frac: Int64 = 0
        if i < s.count && s[i] == UInt8(ascii: ".") {
            i += 1
            var digits = 0
            while i < s.count, s[i] >= 48, s[i] <= 57 {
                if digits < 9 { frac = frac * 10 + Int64(s[i] - 48); digits += 1 }
                i += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<9 { frac *= 10 }
        }
        var offset = 0
        if i < s.count {
            if s[i] == UInt8(ascii: "Z") && i + 1 == s.count {
                i += 1
            } else if (s[i] == 43 || s[i] == 45), let oh = num(i + 1, 2), i + 3 < s.count, s[i + 3] == 58, let om = num(i + 4, 2), i + 6 == s.count {
                offset = (s[i] == 43 ? 1 : -1) * (oh * 3600 + om * 60)
                i += 6
            } else {
                return nil
            }
        }
        // Days from the civil date (Howard Hinnant's algorithm); |seconds| < 3e11 for years 1–9999.
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        return FlowLogInstant(seconds: Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + sec - offset), nanoseconds: frac)
    }
}
