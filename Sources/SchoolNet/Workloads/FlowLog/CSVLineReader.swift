import Foundation

/// Reads a text file line by line in fixed-size chunks, splitting each line into
/// comma-separated fields — bounded memory whatever the file's length.
///
/// **Format assumptions**: UTF-8, `\n` or `\r\n` line ends, fields never quoted and never
/// containing commas (true of both flow-log forms: nfdump's CSV has no quoting, and
/// SchoolNet's endpoint names have no commas). Blank lines are reported as empty.
///
/// - Complexity: O(line length) per line; memory O(chunk + longest line).
final class CSVLineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var head = 0
    private var atEOF = false
    private static let chunk = 1 << 20
    /// The current line's number (from 1).
    private(set) var lineNumber = 0
    /// The current line's bytes.
    private(set) var line: [UInt8] = []
    /// Each field's byte range in ``line``.
    private(set) var fields: [Range<Int>] = []
    /// Whether the current line is all ASCII (columns are then byte offsets).
    private(set) var isASCII = true

    /// Opens a file.
    ///
    /// - Throws: a message when it cannot be opened.
    init(path: String) throws(FlowLogError) {
        guard let h = FileHandle(forReadingAtPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw FlowLogError(file: path, line: 1, column: 1,
                               message: "cannot read the flow log: " + (exists ? (isDirectory.boolValue ? "it is a directory" : "permission denied") : "no such file"))
        }
        handle = h
    }

    deinit { try? handle.close() }

    /// Moves to the next line; false at the end of the file.
    func next() -> Bool {
        while true {
            if let nl = buffer[head...].firstIndex(of: UInt8(ascii: "\n")) {
                take(upTo: nl, skip: 1)
                return true
            }
            if atEOF {
                guard head < buffer.count else { return false }
                take(upTo: buffer.count, skip: 0)
                return true
            }
            if head > 0 { buffer.removeFirst(head); head = 0 }
            let data = (try? handle.read(upToCount: Self.chunk)) ?? nil
            if let data, !data.isEmpty { buffer.append(contentsOf: data) } else { atEOF = true }
        }
    }

    private func take(upTo end: Int, skip: Int) {
        var e = end
        if e > head && buffer[e - 1] == UInt8(ascii: "\r") { e -= 1 }
        line.removeAll(keepingCapacity: true)
        line.append(contentsOf: buffer[head..<e])
        head = end + skip
        lineNumber += 1
        fields.removeAll(keepingCapacity: true)
        var start = 0
        var high: UInt8 = 0
        for i in line.indices {
            let c = line[i]
            high |= c
            if c == UInt8(ascii: ",") {
                fields.append(start..<i)
                start = i + 1
            }
        }
        fields.append(start..<line.count)
        isASCII = high < 0x80
    }

    /// Whether the current line is empty or only spaces.
    var isBlank: Bool { line.allSatisfy { $0 == 32 || $0 == 9 } }

    /// Field `i`, trimmed of spaces, as a string ("" past the last field).
    func field(_ i: Int) -> String {
        guard i < fields.count else { return "" }
        var r = fields[i]
        while r.lowerBound < r.upperBound && (line[r.lowerBound] == 32 || line[r.lowerBound] == 9) { r = (r.lowerBound + 1)..<r.upperBound }
        while r.lowerBound < r.upperBound && (line[r.upperBound - 1] == 32 || line[r.upperBound - 1] == 9) { r = r.lowerBound..<(r.upperBound - 1) }
        return String(decoding: line[r], as: UTF8.self)
    }

    /// The column (from 1, in Unicode scalars) where field `i` starts.
    func column(ofField i: Int) -> Int {
        let byte = i < fields.count ? fields[i].lowerBound : line.count + 1
        if isASCII { return min(byte, line.count) + 1 }  // one byte per character
        return String(decoding: line[..<min(byte, line.count)], as: UTF8.self).unicodeScalars.count + 1
    }
}

/// ISO-8601 timestamps as flow logs write them, to nanoseconds since 1970-01-01 UTC:
/// `2024-06-11T09:00:00Z`, `2024-06-11T09:00:00.250+09:00`, and nfdump's
/// `2024-06-11 09:00:00.123` (no zone: read as UTC; only differences between rows matter).
enum FlowLogTimestamp {
    /// Parses `text`; nil when it is not such a timestamp.
    static func nanoseconds(_ text: String) -> Int64? {
        let s = Array(text.utf8)
        func num(_ a: Int, _ n: Int) -> Int? {
            guard a + n <= s.count else { return nil }
            var v = 0
            for c in s[a..<(a + n)] { guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard s.count >= 19, let y = num(0, 4), s[4] == 45, let mo = num(5, 2), s[7] == 45, let d = num(8, 2),
              s[10] == UInt8(ascii: "T") || s[10] == 32, let h = num(11, 2), s[13] == 58, let mi = num(14, 2), s[16] == 58,
              let sec = num(17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, sec < 61 else { return nil }
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
        // Days from the civil date (Howard Hinnant's algorithm).
        let yy = mo <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + sec - offset)
        return seconds * 1_000_000_000 + frac
    }
}
