/// How to read one kind of scenario value from JSON: what to expect, how to convert, and
/// how to show the result in an `explain` listing.
///
/// The reader's typed methods (``ScenarioReader/rate(_:allowUnlimited:expected:)`` and friends) are sugar
/// over ``ScenarioReader/read(_:as:)`` with these kinds; other layers can define their own:
///
/// ```swift
/// extension ScenarioValueKind where Value == ChannelWidth {
///     static let channelWidth = ScenarioValueKind.oneOf(
///         [("20 MHz", .mhz20), ("40 MHz", .mhz40)], expected: "one of 20, 40 MHz")
/// }
/// ```
public struct ScenarioValueKind<Value>: Sendable {
    /// What a message says was expected, e.g. `a bit rate such as "300 Mbps"`; also used
    /// in the missing-key message.
    public var expected: String
    /// Converts a JSON value, throwing ``UnitParseError`` (expected / found / suggestion).
    public var convert: @Sendable (JSONValue) throws -> Value
    /// Formats a value for a ``ScenarioSetting``.
    public var format: @Sendable (Value) -> String

    /// Creates a kind.
    ///
    /// - Parameters:
    ///   - expected: What a message says was expected.
    ///   - convert: Converts a JSON value; throws ``UnitParseError`` when it does not fit.
    ///   - format: Formats a value for a ``ScenarioSetting``.
    public init(expected: String, convert: @escaping @Sendable (JSONValue) throws -> Value,
                format: @escaping @Sendable (Value) -> String) {
        self.expected = expected
        self.convert = convert
        self.format = format
    }

    /// The same kind, described differently in missing-key and wrong-type messages
    /// (`"a whole number of students, e.g. 600"`).
    ///
    /// - Parameter expected: The new description.
    /// - Returns: A copy with that description.
    public func expecting(_ expected: String) -> ScenarioValueKind {
        var copy = self
        let old = self.expected, convert = self.convert
        copy.expected = expected
        copy.convert = { json in
            do { return try convert(json) } catch var e as UnitParseError {
                if e.expected == old { e.expected = expected }  // keep specific range messages
                throw e
            }
        }
        return copy
    }

    /// A kind read from a JSON string by `parse` (a ``UnitParsing`` function).
    ///
    /// - Parameters:
    ///   - expected: What a message says was expected for a non-string.
    ///   - parse: Parses the string; throws ``UnitParseError``.
    ///   - format: Formats a value.
    /// - Returns: The kind.
    public static func string(
        expected: String, parse: @escaping @Sendable (String) throws -> Value,
        format: @escaping @Sendable (Value) -> String
    ) -> ScenarioValueKind {
        ScenarioValueKind(expected: expected, convert: { json in
            guard case .string(let s) = json else { throw UnitParseError(expected: expected, found: json.foundDescription) }
            return try parse(s)
        }, format: format)
    }

    /// One of a fixed set of strings, each standing for a value; a misspelling gets a
    /// suggestion.
    ///
    /// - Parameters:
    ///   - choices: The accepted strings and their values, in the order to list them.
    ///   - expected: What to say was expected; by default `one of "a", "b"`.
    /// - Returns: The kind; its values format as their strings.
    public static func oneOf(_ choices: [(String, Value)], expected: String? = nil) -> ScenarioValueKind where Value: Sendable {
        let names = choices.map(\.0)
        let expected = expected ?? "one of " + names.map(UnitParsing.quoted).joined(separator: ", ")
        let pairs = choices
        return ScenarioValueKind(expected: expected, convert: { json in
            guard case .string(let s) = json else { throw UnitParseError(expected: expected, found: json.foundDescription) }
            guard let match = pairs.first(where: { $0.0 == s }) else {
                throw UnitParseError(expected: expected, found: json.foundDescription,
                                     suggestion: Spelling.suggestion(for: s, in: names))
            }
            return match.1
        }, format: { value in
            // Values need not be Equatable: show the first choice whose value formats alike.
            pairs.first(where: { "\($0.1)" == "\(value)" }).map { UnitParsing.quoted($0.0) } ?? "\(value)"
        })
    }
}
