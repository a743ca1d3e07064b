import Testing
@testable import SchoolNet

/// The strict JSON parser: what it accepts, where it says things are, and the messages
/// (with line and column) a planner reads for a broken file.
@Suite struct JSONDocumentTests {
    @Test func parsesAllTypesAndKeepsKeyOrder() throws {
        let doc = try JSONDocument(parsing: #"{"z": 1, "a": [true, false, null], "m": {"s": "x\u00e9\n\ud83d\ude00"}, "n": -1.5e2}"#)
        #expect(doc.root == .object([
            ("z", .number(1)),
            ("a", .array([.bool(true), .bool(false), .null])),
            ("m", .object([("s", .string("xé\n😀"))])),
            ("n", .number(-150)),
        ]))
    }

    @Test func recordsLineAndColumnOfEachValue() throws {
        // Columns count characters, so the Japanese key does not shift them by bytes.
        let doc = try JSONDocument(parsing: "{\n  \"学校\": 3,\n  \"b\": [1,\n    {\"c\": \"d\"}]\n}")
        #expect(doc.sourceMap.position == .init(line: 1, column: 1))
        #expect(doc.sourceMap.children[0].position == .init(line: 2, column: 9))
        #expect(doc.sourceMap.children[1].position == .init(line: 3, column: 8))
        #expect(doc.sourceMap.children[1].children[1].position == .init(line: 4, column: 5))
        #expect(doc.sourceMap.children[1].children[1].children[0].position == .init(line: 4, column: 11))
    }

    @Test func hugeExponentBecomesInfinity() throws {
        #expect(try JSONDocument(parsing: "1e400").root == .number(.infinity))
        #expect(try JSONDocument(parsing: "-1e400").root == .number(-.infinity))
    }

    /// Each malformed text and the exact message.
    @Test(arguments: [
        ("", "line 1, column 1: expected a value, found end of input"),
        ("{\"a\": 1,}", "line 1, column 9: expected a string key after ',', found '}' (JSON does not allow a trailing comma)"),
        ("[1, 2,]", "line 1, column 7: expected a value after ',', found ']' (JSON does not allow a trailing comma)"),
        ("{\n  \"a\": 1\n  \"b\": 2\n}", "line 3, column 3: expected ',' or '}' after object member, found '\"'"),
        ("[1 2]", "line 1, column 4: expected ',' or ']' after array element, found '2'"),
        ("{\"a\" 1}", "line 1, column 6: expected ':' after object key, found '1'"),
        ("{a: 1}", "line 1, column 2: expected a string key or '}', found 'a'"),
        ("\"abc", "line 1, column 5: expected '\"' to close the string that starts at line 1, column 1, found end of input"),
        ("\"ab\ncd\"", "line 1, column 4: expected '\"' to close the string that starts at line 1, column 1, found a line break (control characters must be escaped)"),
        ("\"a\\qb\"", "line 1, column 4: expected an escape sequence (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX) after '\\', found 'qb'"),
        ("\"\\u12G4\"", "line 1, column 6: expected 4 hex digits after '\\u', found 'G4'"),
        ("\"\\uDC00\"", "line 1, column 8: expected a Unicode character, found the lone low surrogate \\uDC00"),
        ("\"\\uD83Dx\"", "line 1, column 8: expected '\\u' and a low surrogate after the high surrogate \\uD83D, found 'x'"),
        ("NaN", "line 1, column 1: expected a value, found 'NaN' (NaN and Infinity are not JSON numbers)"),
        ("[Infinity]", "line 1, column 2: expected a value, found 'Infinity' (NaN and Infinity are not JSON numbers)"),
        ("-Infinity", "line 1, column 2: expected a digit after '-', found 'Infinity' (NaN and Infinity are not JSON numbers)"),
        ("012", "line 1, column 1: expected a number without leading zeros, found '012'"),
        ("1.", "line 1, column 3: expected a digit after '.', found end of input"),
        ("1e+", "line 1, column 4: expected a digit in the exponent, found end of input"),
        ("tru", "line 1, column 1: expected a value, found 'tru'"),
        ("nullx", "line 1, column 1: expected a value, found 'nullx'"),
        ("{} {}", "line 1, column 4: expected end of input after the top-level value, found '{'"),
        ("// c\n{}", "line 1, column 1: expected a value, found '/'"),
        ("['a']", "line 1, column 2: expected a value, found '''"),
        ("{\"k\": 1, \"k\": 2}", "line 1, column 10: duplicate key \"k\" (first at line 1, column 2)"),
    ])
    func malformed(text: String, message: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONDocument(parsing: text) }
        do { _ = try JSONDocument(parsing: text) } catch { #expect(error.description == message) }
    }

    @Test func invalidUTF8InString() {
        let bytes: [UInt8] = [0x22, 0x61, 0xFF, 0x22]
        #expect(throws: JSONSyntaxError(position: .init(line: 1, column: 3), message: "expected UTF-8 text, found byte 0xFF")) {
            try JSONDocument(parsing: bytes)
        }
    }

    /// 100,000 nested arrays would overflow the stack of a naive parser; the limit turns
    /// them into an error.
    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSyntaxError(position: .init(line: 1, column: 257), message: "expected at most 256 nested arrays and objects, found deeper nesting")) {
            try JSONDocument(parsing: deep)
        }
        let ok = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        _ = try JSONDocument(parsing: ok)
    }

    @Test func skipsByteOrderMark() throws {
        #expect(try JSONDocument(parsing: [0xEF, 0xBB, 0xBF] + Array("[1]".utf8)).root == .array([.number(1)]))
    }
}
