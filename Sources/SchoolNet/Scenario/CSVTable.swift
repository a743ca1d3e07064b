/// A small CSV table read whole from UTF-8 bytes, every cell with its line and column —
/// for the tables a planner keeps in a spreadsheet (a board's list of schools).
///
/// **Format** (RFC 4180 as spreadsheets write it): fields separated by commas; a field may be
/// quoted (`"Sakura, east"`, `""` for a quote inside) and a quoted field may span lines;
/// spaces and tabs around a field are dropped; lines end in `\n`, `\r\n` or a lone `\r`; a
/// leading UTF-8 byte-order mark (Excel's "CSV UTF-8") is skipped. Blank lines, and lines
/// whose every field is empty (a spreadsheet's empty rows export as `,,,`), are not rows.
///
/// **Refused**, with the line and column: bytes that are not UTF-8 (Shift_JIS, UTF-16: the
/// message says how to save as UTF-8), a quoted field left open, text after a closing quote,
/// a file over ``maxBytes``.
///
/// Lines and columns count from 1, columns in Unicode scalars (as the JSON reader counts).
///
/// - Complexity: O(*n*) in the file's length.
struct CSVTable {
    /// One field: its text (unquoted, trimmed) and where it starts.
    struct Cell: Equatable {
        var text: String
        var position: JSONDocument.Position
    }

    /// One row: its cells, and the line it starts on.
    struct Row: Equatable {
        var cells: [Cell]
        var line: Int
        /// Where the row ends (for a missing field's message).
        var end: JSONDocument.Position
    }

    /// The most bytes read (a list of 40,000 schools fits many times over).
    static let maxBytes = 64 << 20

    /// The rows, the header first.
    var rows: [Row] = []

    /// Parses `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - file: The file's name, for messages.
    ///   - what: What the file holds, for messages ("the school list").
    /// - Throws: ``ScenarioError`` `FILE:LINE:COLUMN: MESSAGE`.
    init(bytes: [UInt8], file: String, what: String) throws {
        func fail(_ p: JSONDocument.Position, _ message: String) -> ScenarioError {
            ScenarioError(file: file, kind: .syntax(JSONSyntaxError(position: p, message: message)))
        }
        guard bytes.count <= Self.maxBytes else {
            throw fail(.init(line: 1, column: 1), "\(what) is longer than \(Self.maxBytes >> 20) MiB; is this the right file?")
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            throw fail(.init(line: 1, column: 1), "\(what) is UTF-16 text (a spreadsheet's \"Unicode text\"); save it as \"CSV UTF-8 (comma delimited)\"")
        }
        // Decode to scalars, finding the first byte that is not UTF-8.
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(body.count)
        var iterator = body.makeIterator()
        var decoder = UTF8()
        var line = 1, column = 1
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let s):
                scalars.append(s)
                if s == "\n" || (s == "\r") { line += 1; column = 1 } else { column += 1 }
                if s == "\n", scalars.count >= 2, scalars[scalars.count - 2] == "\r" { line -= 1 }
            case .emptyInput:
                break decoding
            case .error:
                throw fail(.init(line: line, column: column),
                           "\(what) is not UTF-8 text (a spreadsheet's plain \"CSV\" on a Japanese system is Shift_JIS); "
                           + "save it as \"CSV UTF-8 (comma delimited)\", or convert it: iconv -f CP932 -t UTF-8")
            }
        }
        var parser = Parser(scalars: scalars)
        while let row = try parser.row(fail) {
            if row.cells.allSatisfy({ $0.text.isEmpty }) { continue }
            rows.append(row)
        }
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var i = 0
        var line = 1
        var column = 1

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var position: JSONDocument.Position { .init(line: line, column: column) }

        /// Moves past one scalar, counting lines (`\r\n` is one line end).
        mutating func advance() {
            let s = scalars[i]
            i += 1
            if s == "\r" {
                if i < scalars.count && scalars[i] == "\n" { i += 1 }
                line += 1
                column = 1
            } else if s == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }

        func isLineEnd(_ s: Unicode.Scalar) -> Bool { s == "\n" || s == "\r" }
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" }

        /// The next row, or nil at the end of the text.
        mutating func row(_ fail: (JSONDocument.Position, String) -> ScenarioError) throws -> Row? {
            guard i < scalars.count else { return nil }
            let startLine = line
            var cells: [Cell] = []
            while true {
                while i < scalars.count && isSpace(scalars[i]) { advance() }
                let start = position
                var text = String.UnicodeScalarView()
                if i < scalars.count && scalars[i] == "\"" {
                    advance()
                    var closed = false
                    while i < scalars.count {
                        let s = scalars[i]
                        if s == "\"" {
                            advance()
                            if i < scalars.count && scalars[i] == "\"" { text.append("\""); advance(); continue }
                            closed = true
                            break
                        }
                        if s == "\r" {  // a line break inside a quoted field is kept as "\n"
                            text.append("\n")
                        } else {
                            text.append(s)
                        }
                        advance()
                    }
                    guard closed else { throw fail(start, "a quoted field is not closed (its closing quote is missing)") }
                    while i < scalars.count && isSpace(scalars[i]) { advance() }
                    if i < scalars.count && scalars[i] != "," && !isLineEnd(scalars[i]) {
                        throw fail(position, "expected a comma or the end of the line after the closing quote, found \"\(scalars[i])\""
                                   + " (write a quote inside a quoted field as \"\")")
                    }
                } else {
                    var trailing = 0
                    while i < scalars.count && scalars[i] != "," && !isLineEnd(scalars[i]) {
                        let s = scalars[i]
                        text.append(s)
                        trailing = isSpace(s) ? trailing + 1 : 0
                        advance()
                    }
                    if trailing > 0 { text.removeLast(trailing) }
                }
                cells.append(Cell(text: String(text), position: start))
                if i < scalars.count && scalars[i] == "," { advance(); continue }
                let end = position
                if i < scalars.count { advance() }  // the line end
                return Row(cells: cells, line: startLine, end: end)
            }
        }
    }
}
