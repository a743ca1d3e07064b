/// One `--set KEY=VALUE` / `--vary KEY` edit of a scenario's JSON, applied before reading,
/// so every override goes through the same checks (and error messages) as the file.
///
/// Key paths use the error messages' syntax: `schools[0].access.down`,
/// `schoolTypes.elementary.radio.mcs`, `egress.uplink`. A value is taken as JSON when it
/// parses as a JSON number, boolean or quoted string, else as a string (`2 Gbps`).
public struct ScenarioOverride: Sendable, Equatable, CustomStringConvertible {
    /// The path's components.
    public var path: [ScenarioKeyPath.Component]
    /// The text of the path as given.
    public var pathText: String
    /// The new value.
    public var value: JSONValue
    /// The option it came from, for messages: `--set` or `--vary`.
    public var option: String = "--set"

    /// Parses `KEY=VALUE`.
    ///
    /// - Throws: ``ExperimentError`` for a malformed argument.
    public init(parsing argument: String) throws(ExperimentError) {
        guard let eq = argument.firstIndex(of: "=") else {
            throw ExperimentError("--set/--vary expects KEY=VALUE, e.g. schools[0].access.down=\"2 Gbps\"; found \"\(argument)\"")
        }
        try self.init(path: String(argument[..<eq]), value: String(argument[argument.index(after: eq)...]))
    }

    /// An override of `path` with the value text `value`.
    public init(path: String, value: String, option: String = "--set") throws(ExperimentError) {
        self.option = option
        pathText = path
        self.path = try Self.parsePath(path)
        self.value = Self.parseValue(value)
    }

    /// The same path with another value text.
    public func with(value text: String) -> ScenarioOverride {
        var o = self
        o.value = Self.parseValue(text)
        return o
    }

    public var description: String {
        if case .string(let s) = value { return "\(pathText)=\(s)" }
        return "\(pathText)=\(value.serialized())"
    }

    static func parseValue(_ text: String) -> JSONValue {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let doc = try? JSONDocument(parsing: t) {
            switch doc.root {
            case .number, .bool, .string: return doc.root
            default: break
            }
        }
        return .string(t)
    }

    static func parsePath(_ text: String) throws(ExperimentError) -> [ScenarioKeyPath.Component] {
        var out: [ScenarioKeyPath.Component] = []
        var current = ""
        var chars = Array(text)
        var i = 0
        func flush() { if !current.isEmpty { out.append(.key(current)); current = "" } }
        while i < chars.count {
            let c = chars[i]
            if c == "." {
                flush()
            } else if c == "[" {
                flush()
                guard let close = chars[i...].firstIndex(of: "]"), let n = Int(String(chars[(i + 1)..<close])), n >= 0 else {
                    throw ExperimentError("bad key path \"\(text)\": expected [index] with a whole number")
                }
                out.append(.index(n))
                i = close
            } else {
                current.append(c)
            }
            i += 1
        }
        flush()
        chars.removeAll()
        guard !out.isEmpty else { throw ExperimentError("empty key path in \"\(text)\"") }
        return out
    }

    /// Applies the override to a document's root.
    ///
    /// - Throws: ``ExperimentError`` naming the part of the path that does not exist.
    public func apply(to root: JSONValue) throws(ExperimentError) -> JSONValue {
        try Self.set(root, path[...], value, walked: "")
    }

    static func set(_ v: JSONValue, _ path: ArraySlice<ScenarioKeyPath.Component>, _ new: JSONValue, walked: String) throws(ExperimentError) -> JSONValue {
        guard let first = path.first else { return new }
        switch (first, v) {
        case (.key(let k), .object(var members)):
            let here = walked.isEmpty ? k : walked + "." + k
            if let i = members.firstIndex(where: { $0.key == k }) {
                members[i].value = try set(members[i].value, path.dropFirst(), new, walked: here)
            } else if path.count == 1 {
                members.append((k, new))  // a new key: the reader checks whether it is known
            } else if case .key = path[path.index(after: path.startIndex)] {
                // A missing object on the way (`tcp.initialWindow` in a file without `tcp`):
                // created empty; the reader then refuses a key the schema does not have,
                // with its "did you mean".
                members.append((k, try set(.object([]), path.dropFirst(), new, walked: here)))
            } else {
                throw ExperimentError("key path \"\(here)\" does not exist in the scenario (a list cannot be created by --set)")
            }
            return .object(members)
        case (.index(let n), .array(var items)):
            let here = walked + "[\(n)]"
            guard n < items.count else { throw ExperimentError("key path \"\(here)\": the list has \(items.count) elements") }
            items[n] = try set(items[n], path.dropFirst(), new, walked: here)
            return .array(items)
        default:
            let part: String
            switch first {
            case .index(let n): part = "element [\(n)]"
            case .key(let k): part = "key \"\(k)\""
            }
            throw ExperimentError("key path \"\(walked.isEmpty ? "(top)" : walked)\" is \(v.foundDescription), which has no \(part)")
        }
    }
}

/// A problem with an experiment's command-line description (bad override, bad sweep).
public struct ExperimentError: Error, CustomStringConvertible, Equatable {
    /// What is wrong.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
