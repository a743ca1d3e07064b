/// The recursive-descent parser behind `JSONDocument.init(parsing:maxDepth:)`.
///
/// Works on UTF-8 bytes; tracks the current line and where it starts, and computes columns
/// (in Unicode scalars) incrementally, so recording a position for every value stays O(*n*)
/// overall even for a one-line file. Recursion is bounded by `maxDepth`.
struct JSONParser {
    private let bytes: [UInt8]
    private let maxDepth: Int
    private var i = 0
    private var line = 1
    private var lineStart = 0
    private var columnCache = (offset: 0, column: 1)

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    /// Parses the whole text: one value, surrounded only by whitespace.
    mutating func parseDocument() throws(JSONSyntaxError) -> (JSONValue, JSONDocument.SourceMap) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3; lineStart = 3; columnCache = (3, 1) }
        let result = try parseValue(depth: 0)
        skipWhitespace()
        if i < bytes.count { throw error("expected end of input after the top-level value, found \(found())") }
        return result
    }

    // MARK: Values

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> (JSONValue, JSONDocument.SourceMap) {
        skipWhitespace()
        let start = position()
        guard i < bytes.count else { throw error("expected a value, found end of input") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1, start: start)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1, start: start)
        case UInt8(ascii: "\""): return (.string(try parseString()), .init(position: start))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return (.number(try parseNumber()), .init(position: start))
        case UInt8(ascii: "t") where literal("true"): return (.bool(true), .init(position: start))
        case UInt8(ascii: "f") where literal("false"): return (.bool(false), .init(position: start))
        case UInt8(ascii: "n") where literal("null"): return (.null, .init(position: start))
        default: throw error("expected a value, found \(found())")
        }
    }

    private mutating func parseObject(depth: Int, start: JSONDocument.Position) throws(JSONSyntaxError) -> (JSONValue, JSONDocument.SourceMap) {
        try checkDepth(depth)
        i += 1
        var members: [(key: String, value: JSONValue)] = []
        var children: [JSONDocument.SourceMap] = []
        var keyPositions: [String: JSONDocument.Position] = [:]
        skipWhitespace()
        if peek(is: "}") { i += 1; return (.object([]), .init(position: start, children: [])) }
        while true {
            skipWhitespace()
            guard peek(is: "\"") else {
                if members.isEmpty { throw error("expected a string key or '}', found \(found())") }
                if peek(is: "}") { throw error("expected a string key after ',', found '}' (JSON does not allow a trailing comma)") }
                throw error("expected a string key after ',', found \(found())")
            }
            let keyPosition = position()
            let key = try parseString()
            if let first = keyPositions[key] {
                throw JSONSyntaxError(position: keyPosition, message: "duplicate key \(UnitParsing.quoted(key)) (first at line \(first.line), column \(first.column))")
            }
            keyPositions[key] = keyPosition
            skipWhitespace()
            guard peek(is: ":") else { throw error("expected ':' after object key, found \(found())") }
            i += 1
            let (value, map) = try parseValue(depth: depth)
            members.append((key, value))
            children.append(map)
            skipWhitespace()
            if peek(is: ",") { i += 1; continue }
            if peek(is: "}") { i += 1; return (.object(members), .init(position: start, children: children)) }
            throw error("expected ',' or '}' after object member, found \(found())")
        }
    }

    private mutating func parseArray(depth: Int, start: JSONDocument.Position) throws(JSONSyntaxError) -> (JSONValue, JSONDocument.SourceMap) {
        try checkDepth(depth)
        i += 1
        var elements: [JSONValue] = []
        var children: [JSONDocument.SourceMap] = []
        skipWhitespace()
        if peek(is: "]") { i += 1; return (.array([]), .init(position: start, children: [])) }
        while true {
            skipWhitespace()
            if !elements.isEmpty, peek(is: "]") {
                throw error("expected a value after ',', found ']' (JSON does not allow a trailing comma)")
            }
            let (value, map) = try parseValue(depth: depth)
            elements.append(value)
            children.append(map)
            skipWhitespace()
            if peek(is: ",") { i += 1; continue }
            if peek(is: "]") { i += 1; return (.array(elements), .init(position: start, children: children)) }
            throw error("expected ',' or ']' after array element, found \(found())")
        }
    }

    private mutating func checkDepth(_ depth: Int) throws(JSONSyntaxError) {
        if depth > maxDepth {
            throw error("expected at most \(maxDepth) nested arrays and objects, found deeper nesting")
        }
    }

    // MARK: Strings

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = position()
        i += 1
        var utf8: [UInt8] = []
        while true {
            guard i < bytes.count else {
                throw error("expected '\"' to close the string that starts at line \(start.line), column \(start.column), found end of input")
            }
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &utf8)
            case 0..<0x20:
                throw error("expected '\"' to close the string that starts at line \(start.line), column \(start.column), found \(found()) (control characters must be escaped)")
            case 0x80...:
                let n = utf8SequenceLength(at: i)
                guard n > 0 else { throw error("expected UTF-8 text, found byte \(hex(b))") }
                utf8.append(contentsOf: bytes[i..<i + n])
                i += n
            default:
                utf8.append(b)
                i += 1
            }
        }
    }

    private mutating func parseEscape(into utf8: inout [UInt8]) throws(JSONSyntaxError) {
        i += 1
        guard i < bytes.count else { throw error("expected an escape sequence after '\\', found end of input") }
        let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
        if let byte = simple[bytes[i]] { utf8.append(byte); i += 1; return }
        guard bytes[i] == UInt8(ascii: "u") else {
            throw error("expected an escape sequence (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX) after '\\', found \(found())")
        }
        i += 1
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard peek(is: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "u") else {
                throw error("expected '\\u' and a low surrogate after the high surrogate \\u\(String(scalar, radix: 16, uppercase: true)), found \(found())")
            }
            i += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error("expected a low surrogate (\\uDC00 to \\uDFFF), found \\u\(String(low, radix: 16, uppercase: true))")
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw error("expected a Unicode character, found the lone low surrogate \\u\(String(scalar, radix: 16, uppercase: true))")
        }
        utf8.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard i < bytes.count, let d = hexDigit(bytes[i]) else {
                throw error("expected 4 hex digits after '\\u', found \(found())")
            }
            value = value << 4 | d
            i += 1
        }
        return value
    }

    private func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(b - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(b - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(b - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = i
        if peek(is: "-") { i += 1 }
        guard i < bytes.count, isDigit(bytes[i]) else { throw error("expected a digit after '-', found \(found())") }
        if bytes[i] == UInt8(ascii: "0"), i + 1 < bytes.count, isDigit(bytes[i + 1]) {
            var end = i
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            throw error("expected a number without leading zeros, found '\(String(decoding: bytes[start..<end], as: UTF8.self))'")
        }
        while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        if peek(is: ".") {
            i += 1
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("expected a digit after '.', found \(found())") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        if peek(is: "e") || peek(is: "E") {
            i += 1
            if peek(is: "+") || peek(is: "-") { i += 1 }
            guard i < bytes.count, isDigit(bytes[i]) else { throw error("expected a digit in the exponent, found \(found())") }
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
        }
        // The grammar above is a subset of what Double(_:) accepts; overflow gives ±infinity.
        return Double(String(decoding: bytes[start..<i], as: UTF8.self)) ?? .nan
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    // MARK: Scanning helpers

    private func peek(is c: Unicode.Scalar) -> Bool { i < bytes.count && bytes[i] == UInt8(ascii: c) }

    private mutating func literal(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard bytes[i...].starts(with: w) else { return false }
        let end = i + w.count
        if end < bytes.count, isWordByte(bytes[end]) { return false }  // "nullx" is not null
        i = end
        return true
    }

    private func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || isDigit(b) || b == UInt8(ascii: "_")
    }

    private mutating func skipWhitespace() {
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): i += 1
            case UInt8(ascii: "\n"): i += 1; line += 1; lineStart = i; columnCache = (i, 1)
            default: return
            }
        }
    }

    /// The length of the valid UTF-8 sequence starting at `at`, or 0 if it is invalid.
    private func utf8SequenceLength(at k: Int) -> Int {
        let b = bytes[k]
        let (n, lo, hi): (Int, UInt8, UInt8) = switch b {
        case 0xC2...0xDF: (2, 0x80, 0xBF)
        case 0xE0: (3, 0xA0, 0xBF)
        case 0xED: (3, 0x80, 0x9F)
        case 0xE1...0xEF: (3, 0x80, 0xBF)
        case 0xF0: (4, 0x90, 0xBF)
        case 0xF1...0xF3: (4, 0x80, 0xBF)
        case 0xF4: (4, 0x80, 0x8F)
        default: (0, 0, 0)
        }
        guard n > 0, k + n <= bytes.count, (lo...hi).contains(bytes[k + 1]) else { return 0 }
        for j in 2..<max(2, n) where !(0x80...0xBF).contains(bytes[k + j]) { return 0 }
        return n
    }

    /// The current position; columns count Unicode scalars (bytes that are not UTF-8
    /// continuation bytes) since the start of the line.
    private mutating func position() -> JSONDocument.Position {
        var (offset, column) = columnCache
        while offset < i {
            if bytes[offset] & 0xC0 != 0x80 { column += 1 }
            offset += 1
        }
        columnCache = (offset, column)
        return JSONDocument.Position(line: line, column: column)
    }

    /// Describes what is at the current position, for "found …".
    private func found() -> String {
        guard i < bytes.count else { return "end of input" }
        let b = bytes[i]
        switch b {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"): return "a line break"
        case UInt8(ascii: "\t"): return "a tab"
        case 0..<0x20, 0x7F: return "byte \(hex(b))"
        case _ where isWordByte(b) && !isDigit(b):
            var end = i
            while end < bytes.count, isWordByte(bytes[end]) { end += 1 }
            let word = String(decoding: bytes[i..<end], as: UTF8.self)
            let note = ["NaN", "Infinity", "inf", "nan"].contains(word) ? " (NaN and Infinity are not JSON numbers)" : ""
            return "'\(word)'" + note
        case 0x80...:
            let n = utf8SequenceLength(at: i)
            return n > 0 ? "'\(String(decoding: bytes[i..<i + n], as: UTF8.self))'" : "byte \(hex(b))"
        default: return "'\(Character(Unicode.Scalar(b)))'"
        }
    }

    private func hex(_ b: UInt8) -> String {
        let h = String(b, radix: 16, uppercase: true)
        return "0x" + (h.count == 1 ? "0" + h : h)
    }

    private mutating func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(position: position(), message: message)
    }
}
