/// Where a value sits in a scenario file, as a planner would point at it:
/// `schools[3].classes[1].wifi.channelWidth`.
///
/// Keys that are not plain identifiers are written as quoted subscripts
/// (`links["egress A"]`) so that every path reads back unambiguously.
public struct ScenarioKeyPath: Hashable, Sendable, CustomStringConvertible {
    /// One step: an object member or an array element.
    public enum Component: Hashable, Sendable {
        /// The member with this key.
        case key(String)
        /// The element at this index (from 0, as in the file).
        case index(Int)
    }

    /// The steps from the top of the file; empty for the top-level value.
    public var components: [Component]

    /// Creates a path.
    ///
    /// - Parameter components: The steps from the top of the file.
    public init(_ components: [Component] = []) { self.components = components }

    /// The path of the top-level value.
    public static let root = ScenarioKeyPath()

    /// Whether this is the path of the top-level value.
    public var isRoot: Bool { components.isEmpty }

    /// This path extended by the member `key`.
    ///
    /// - Parameter key: A member name.
    /// - Returns: The longer path.
    public func appending(key: String) -> ScenarioKeyPath { ScenarioKeyPath(components + [.key(key)]) }

    /// This path extended by the element at `index`.
    ///
    /// - Parameter index: An array index, from 0.
    /// - Returns: The longer path.
    public func appending(index: Int) -> ScenarioKeyPath { ScenarioKeyPath(components + [.index(index)]) }

    /// The path as text: `schools[3].wifi.channelWidth`; empty for the root.
    public var description: String {
        var out = ""
        for component in components {
            switch component {
            case .index(let i): out += "[\(i)]"
            case .key(let k) where ScenarioKeyPath.isIdentifier(k): out += (out.isEmpty ? "" : ".") + k
            case .key(let k): out += "[\(UnitParsing.quoted(k))]"
            }
        }
        return out
    }

    /// Whether `key` can be written bare: a letter or `_`, then letters, digits, `_` or `-`.
    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }
    }
}
