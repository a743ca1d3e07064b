/// One value the scenario reader resolved, and where it came from: the file or a
/// documented default.
///
/// The reader records one setting per leaf value it reads, in reading order, so that an
/// `explain` command can print the resolved scenario with every default and its source:
///
/// ```
/// schools[0].students = 600            (city.json:12:19)
/// schools[0].wifi.ceiling = unlimited  (default: REFERENCES.md §3)
/// schools[4].access.down = 1 Gbps      (Scenarios/board-sakura-schools.csv:6:40)
/// ```
public struct ScenarioSetting: Hashable, Sendable, CustomStringConvertible {
    /// Where a value came from.
    public enum Origin: Hashable, Sendable {
        /// Written in the file, at this position.
        case file(JSONDocument.Position)
        /// Written in another file the scenario names (a CSV list of schools), at this position.
        case table(file: String, position: JSONDocument.Position)
        /// Not written; the default applies, documented by `source` (e.g. `REFERENCES.md §3`).
        case defaultValue(source: String)
    }

    /// The value's key path.
    public var keyPath: ScenarioKeyPath
    /// The resolved value, in the units a planner reads (`300 Mbps`, `40 ms`, `"ax"`).
    public var value: String
    /// Where it came from.
    public var origin: Origin

    /// Creates a setting.
    ///
    /// - Parameters:
    ///   - keyPath: The value's key path.
    ///   - value: The resolved value, formatted for reading.
    ///   - origin: Where it came from.
    public init(keyPath: ScenarioKeyPath, value: String, origin: Origin) {
        self.keyPath = keyPath
        self.value = value
        self.origin = origin
    }

    /// Whether the value is a default rather than written in the file.
    public var isDefault: Bool {
        if case .defaultValue = origin { return true }
        return false
    }

    /// `PATH = VALUE (LINE:COLUMN)` or `PATH = VALUE (default: SOURCE)`.
    public var description: String {
        switch origin {
        case .file(let p): "\(keyPath) = \(value) (\(p))"
        case let .table(file, p): "\(keyPath) = \(value) (\(file):\(p))"
        case .defaultValue(let source): "\(keyPath) = \(value) (default: \(source))"
        }
    }
}
