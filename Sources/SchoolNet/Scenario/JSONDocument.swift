/// A parsed JSON text: its value and where each part of it came from.
///
/// ```swift
/// let document = try JSONDocument(parsing: Array(text.utf8))
/// document.root                     // the JSONValue
/// document.sourceMap.position       // line and column of the root value
/// ```
public struct JSONDocument: Sendable {
    /// A place in the source text; lines and columns count from 1, columns in Unicode scalars.
    public struct Position: Hashable, Comparable, Sendable, CustomStringConvertible {
        /// The line, from 1.
        public var line: Int
        /// The column, from 1, in Unicode scalars.
        public var column: Int

        /// Creates a position.
        ///
        /// - Parameters:
        ///   - line: The line, from 1.
        ///   - column: The column, from 1.
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }

        /// Orders positions by line, then column.
        public static func < (a: Position, b: Position) -> Bool { (a.line, a.column) < (b.line, b.column) }

        /// `LINE:COLUMN`.
        public var description: String { "\(line):\(column)" }
    }

    /// The source positions of a value and, for arrays and objects, of its elements or
    /// member values, in the same order as in the ``JSONValue``.
    public struct SourceMap: Sendable {
        /// Where the value starts (its first character).
        public var position: Position
        /// One entry per array element or object member; empty for scalars.
        public var children: [SourceMap]

        /// Creates a source map node.
        ///
        /// - Parameters:
        ///   - position: Where the value starts.
        ///   - children: The nodes of its elements or member values, in order.
        public init(position: Position, children: [SourceMap] = []) {
            self.position = position
            self.children = children
        }
    }

    /// The default nesting limit: deeper input is rejected rather than risking the stack.
    public static let defaultMaxDepth = 256

    /// The top-level value.
    public var root: JSONValue
    /// Where each value of ``root`` came from.
    public var sourceMap: SourceMap

    /// Creates a document from a value, with every position at 1:1 (for values built in code).
    ///
    /// - Parameter root: The value.
    public init(root: JSONValue) {
        self.root = root
        func map(_ v: JSONValue) -> SourceMap {
            let start = Position(line: 1, column: 1)
            switch v {
            case .array(let a): return SourceMap(position: start, children: a.map(map))
            case .object(let o): return SourceMap(position: start, children: o.map { map($0.value) })
            default: return SourceMap(position: start)
            }
        }
        self.sourceMap = map(root)
    }

    /// Parses UTF-8 JSON text strictly by RFC 8259.
    ///
    /// Rejected: trailing commas, comments, single quotes, unescaped control characters in
    /// strings, invalid escapes and lone surrogates, leading zeros, `NaN`/`Infinity`, invalid
    /// UTF-8, duplicate keys in one object, content after the top-level value, and nesting
    /// deeper than `maxDepth`. A leading UTF-8 byte-order mark is skipped.
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 text.
    ///   - maxDepth: The deepest nesting of arrays and objects accepted.
    /// - Throws: ``JSONSyntaxError`` naming the line, column, what was expected and found.
    /// - Complexity: O(*n*) in the length of the text.
    public init(parsing bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) {
        var parser = JSONParser(bytes: bytes, maxDepth: maxDepth)
        (root, sourceMap) = try parser.parseDocument()
    }

    /// Parses JSON text strictly by RFC 8259; see the `[UInt8]` initializer.
    ///
    /// - Parameters:
    ///   - text: The JSON text.
    ///   - maxDepth: The deepest nesting of arrays and objects accepted.
    /// - Throws: ``JSONSyntaxError`` naming the line, column, what was expected and found.
    public init(parsing text: String, maxDepth: Int = defaultMaxDepth) throws(JSONSyntaxError) {
        try self.init(parsing: Array(text.utf8), maxDepth: maxDepth)
    }
}
