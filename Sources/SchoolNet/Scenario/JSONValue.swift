/// A JSON value as parsed from a scenario file or built for a result file.
///
/// Objects keep their members in source order (a scenario echoed back, or explained, reads
/// in the order the planner wrote it) and are compared in order. Numbers are `Double`s, as
/// in RFC 8259 §6; a literal too large for a `Double` (`1e400`) parses to ±infinity, which
/// the scenario readers then reject. Where each value came from in the source is kept
/// beside the tree, in ``JSONDocument/SourceMap``, so that values stay plain data.
public enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object, members in source order. The parser rejects duplicate keys.
    case object([(key: String, value: JSONValue)])

    /// Whether two values are equal: same case, same payload; object members compared in
    /// order, numbers with `==` (so `0 == -0`).
    ///
    /// - Parameters:
    ///   - a: A value.
    ///   - b: Another value.
    /// - Returns: `true` when equal.
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    /// The value of member `key` when this is an object that has it, else `nil`.
    ///
    /// - Parameter key: A member name.
    /// - Complexity: O(*n*) in the number of members.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    /// The JSON type's name with an article, for messages: `a number`, `a string`,
    /// `an object`, `an array`, `a boolean`, `null`.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// How a message names this value after "found": `a number 3`, `"90 MHz"`, `true`,
    /// `null`, `an array`, `an object`; a number beyond `Double` range is
    /// `a number too large to represent`.
    public var foundDescription: String {
        switch self {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .number(let x): x.isFinite ? "a number \(JSONValue.format(number: x))" : "a number too large to represent"
        case .string(let s): UnitParsing.quoted(s)
        case .array: "an array"
        case .object: "an object"
        }
    }
}
