/// Why a text is not valid JSON, and where: `line 12, column 5: expected ',' or '}' after
/// object member, found '"'`.
///
/// Lines and columns count from 1; columns count Unicode scalars, so a line of Japanese
/// text points at the right character. The scenario layer prefixes the file name:
/// `Scenarios/city.json:12:5: expected …`.
public struct JSONSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Where the problem was found.
    public var position: JSONDocument.Position
    /// What was wrong, usually `expected X, found Y`.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - position: Where the problem was found.
    ///   - message: What was wrong.
    public init(position: JSONDocument.Position, message: String) {
        self.position = position
        self.message = message
    }

    /// `line L, column C: MESSAGE`.
    public var description: String { "line \(position.line), column \(position.column): \(message)" }
}
