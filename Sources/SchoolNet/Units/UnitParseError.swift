/// Why a unit string such as `"300 Mbps"` could not be read.
///
/// Carries the two halves of a scenario error message — what was expected and what was
/// found — so that the scenario layer can prefix the file and key path:
/// `city.json: uplink: expected a bit rate with a unit (…), found "300"`.
public struct UnitParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the parser expected, e.g. `a non-negative duration`.
    public var expected: String
    /// What it found, already quoted, e.g. `"-5 s"`.
    public var found: String
    /// A corrected spelling to suggest, unquoted (e.g. `300 Mbps`), or `nil`.
    public var suggestion: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - expected: What the parser expected.
    ///   - found: What it found, already quoted for display.
    ///   - suggestion: A corrected spelling to suggest, if one is close.
    public init(expected: String, found: String, suggestion: String? = nil) {
        self.expected = expected
        self.found = found
        self.suggestion = suggestion
    }

    /// `expected EXPECTED, found FOUND`, plus `; did you mean SUGGESTION?` when there is one.
    public var description: String {
        "expected \(expected), found \(found)" + (suggestion.map { "; did you mean \(UnitParsing.quoted($0))?" } ?? "")
    }
}
