/// A problem with a scenario file, told in the planner's coordinates: the file, the key
/// path and what was expected.
///
/// Messages (tested verbatim in `ScenarioErrorTests`):
///
/// | kind | message |
/// |---|---|
/// | ``Kind/unreadableFile(reason:)`` | `FILE: cannot read the scenario file: REASON` |
/// | ``Kind/syntax(_:)`` | `FILE:LINE:COLUMN: expected …, found …` |
/// | ``Kind/invalidValue(expected:found:suggestion:)`` | `FILE: PATH: expected EXPECTED, found FOUND[; did you mean "S"?]` |
/// | ``Kind/missingKey(_:expected:)`` | `FILE: PATH: missing required key "K" (expected EXPECTED)` |
/// | ``Kind/unknownKey(suggestion:known:)`` | `FILE: PATH: unknown key; did you mean "S"?` or `…; expected one of "a", "b"` |
/// | ``Kind/invalid(_:)`` | `FILE: PATH: MESSAGE` |
///
/// `PATH: ` is left out for the top-level value. The command-line tool prints the
/// description on stderr and exits with ``exitCode``.
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The file could not be read (missing, a directory, no permission).
        case unreadableFile(reason: String)
        /// The file is not valid JSON.
        case syntax(JSONSyntaxError)
        /// A value has the wrong type, form or range. `found` is already formatted
        /// (`a number 3`, `"90 MHz"`); `suggestion` is unquoted.
        case invalidValue(expected: String, found: String, suggestion: String?)
        /// An object lacks a required member.
        case missingKey(String, expected: String)
        /// An object has a member nobody read (the key path ends with it).
        case unknownKey(suggestion: String?, known: [String])
        /// Any other problem, e.g. a rule between two values.
        case invalid(String)
    }

    /// The file as the user named it, e.g. `Scenarios/city.json`.
    public var file: String
    /// The value at fault.
    public var keyPath: ScenarioKeyPath
    /// What went wrong.
    public var kind: Kind

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - file: The file as the user named it.
    ///   - keyPath: The value at fault.
    ///   - kind: What went wrong.
    public init(file: String, keyPath: ScenarioKeyPath = .root, kind: Kind) {
        self.file = file
        self.keyPath = keyPath
        self.kind = kind
    }

    /// The process exit status for a bad scenario: 2, as for a usage error.
    public var exitCode: Int32 { 2 }

    /// The message, starting with the file (and the key path or line and column).
    public var description: String {
        switch kind {
        case .syntax(let e):
            return "\(file):\(e.position.line):\(e.position.column): \(e.message)"
        default:
            return file + ": " + message
        }
    }

    /// The message without the file: `PATH: expected …, found …` (the key path left out for
    /// the top-level value), or for a syntax error the message alone.
    public var message: String {
        let at = keyPath.isRoot ? "" : "\(keyPath): "
        switch kind {
        case .unreadableFile(let reason):
            return "cannot read the scenario file: \(reason)"
        case .syntax(let e):
            return e.message
        case let .invalidValue(expected, found, suggestion):
            return at + "expected \(expected), found \(found)" + Self.didYouMean(suggestion)
        case let .missingKey(key, expected):
            return at + "missing required key \(UnitParsing.quoted(key)) (expected \(expected))"
        case let .unknownKey(suggestion?, _):
            return at + "unknown key" + Self.didYouMean(suggestion)
        case let .unknownKey(nil, known) where known.isEmpty:
            return at + "unknown key (no keys are read here)"
        case let .unknownKey(nil, known):
            return at + "unknown key; expected one of " + known.map(UnitParsing.quoted).joined(separator: ", ")
        case .invalid(let message):
            return at + message
        }
    }

    private static func didYouMean(_ suggestion: String?) -> String {
        suggestion.map { "; did you mean \(UnitParsing.quoted($0))?" } ?? ""
    }
}
