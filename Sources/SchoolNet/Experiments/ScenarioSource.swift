import Foundation

/// A scenario as the user gave it — a file, or the built-in default — from which edited
/// variants (``ScenarioOverride``) are read through the same checks.
public struct ScenarioSource: Sendable {
    /// The name used in messages (the path, or `(built-in default)`).
    public var file: String
    /// The parsed JSON.
    public var document: JSONDocument

    /// Reads a scenario file.
    ///
    /// - Throws: ``ScenarioError`` (unreadable file, malformed JSON).
    public init(file: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw ScenarioError(file: file, kind: .unreadableFile(reason: "no such file"))
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: file) else {
            throw ScenarioError(file: file, kind: .unreadableFile(reason: isDirectory.boolValue ? "it is a directory" : "permission denied or read error"))
        }
        self.file = file
        do { document = try JSONDocument(parsing: [UInt8](data)) } catch {
            if let format = Self.otherFormat(file: file, data: data) {
                throw ScenarioError(file: file, kind: .invalid("scenario files are JSON; this looks like \(format). Convert it to JSON "
                                                               + "(see Scenarios/README.md and the examples in Scenarios/)"))
            }
            throw ScenarioError(file: file, kind: .syntax(error))
        }
    }

    /// The format a file that is not JSON seems to be in, by its name or its first bytes
    /// (YAML, TOML, CSV, a spreadsheet, XML); nil when it looks like broken JSON.
    static func otherFormat(file: String, data: Data) -> String? {
        let ext = (file as NSString).pathExtension.lowercased()
        switch ext {
        case "yaml", "yml": return "YAML"
        case "toml": return "TOML"
        case "csv", "tsv": return "a \(ext.uppercased()) table"
        case "xlsx", "xls", "ods", "numbers": return "a spreadsheet"
        case "xml": return "XML"
        default: break
        }
        var bytes = data.prefix(4096)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "a spreadsheet or other ZIP file" }
        let text = String(decoding: bytes, as: UTF8.self)
        let first = text.drop(while: { $0.isWhitespace })
        if first.hasPrefix("{") || first.hasPrefix("[") || first.isEmpty { return nil }
        if first.hasPrefix("<") { return "XML or HTML" }
        if first.hasPrefix("---") || first.hasPrefix("#") { return "YAML" }
        let line = first.prefix(while: { $0 != "\n" })
        if line.hasPrefix("[") || line.range(of: #"^[A-Za-z_][A-Za-z0-9_.-]*\s*=\s*"#, options: .regularExpression) != nil { return "TOML" }
        if line.range(of: #"^[A-Za-z_"'][^:]*:(\s|$)"#, options: .regularExpression) != nil { return "YAML" }
        if line.contains(",") || line.contains("\t") { return "a CSV table" }
        return nil
    }

    /// Wraps JSON text.
    public init(json: String, file: String) throws {
        self.file = file
        do { document = try JSONDocument(parsing: json) } catch { throw ScenarioError(file: file, kind: .syntax(error)) }
    }

    /// The scenario with `overrides` applied.
    ///
    /// - Throws: ``ExperimentError`` for a path that does not exist, ``ScenarioError`` for
    ///   a value the scenario rejects (named with its key path).
    public func scenario(with overrides: [ScenarioOverride] = []) throws -> Scenario {
        if overrides.isEmpty { return try Scenario.read(ScenarioReader(document: document, file: file)) }
        var root = document.root
        for o in overrides { root = try apply(o, to: root) }
        let text = root.serialized()
        let reader = try ScenarioReader(json: text, file: file + " (with " + overrides.map { "\($0.option) \($0.description)" }.joined(separator: ", ") + ")")
        reader.scenarioPath = file
        return try Scenario.read(reader)
    }

    /// The scenario's JSON with `overrides` applied, keys sorted, no spaces: the same text
    /// for the same content wherever the file lives and however it is laid out (the
    /// fingerprint of ``ShardFile``).
    ///
    /// - Throws: ``ExperimentError`` for a path that does not exist.
    public func canonicalJSON(with overrides: [ScenarioOverride] = []) throws -> String {
        var root = document.root
        for o in overrides { root = try apply(o, to: root) }
        return root.serialized(sortedKeys: true)
    }

    /// Applies one override; a bad path is reported with the file and the option:
    /// `city.json: --set schools[0].acess.down: key path "schools[0].acess" …; did you mean "access"?`.
    func apply(_ o: ScenarioOverride, to root: JSONValue) throws(ExperimentError) -> JSONValue {
        do { return try o.apply(to: root) } catch {
            var message = "\(file): \(o.option) \(o.pathText): \(error.description)"
            if let hint = Self.suggestion(for: o, in: root) { message += "; did you mean \"\(hint)\"?" }
            if case .key("schools")? = o.path.first, case .object(let members)? = root["schools"], let csv = members.first(where: { $0.key == "csv" }),
               case .string(let name) = csv.value {
                message += "; the schools are listed in \(name): edit that file, set their school type (schoolTypes.NAME.KEY), or name another list (schools.csv=FILE)"
            }
            throw ExperimentError(message)
        }
    }

    /// The nearest existing key at the first component of `o`'s path that is missing.
    static func suggestion(for o: ScenarioOverride, in root: JSONValue) -> String? {
        var v = root
        for c in o.path {
            switch (c, v) {
            case (.key(let k), .object(let members)):
                guard let m = members.first(where: { $0.key == k }) else {
                    return Spelling.suggestion(for: k, in: members.map(\.key))
                }
                v = m.value
            case (.index(let n), .array(let items)) where n < items.count:
                v = items[n]
            default:
                return nil
            }
        }
        return nil
    }
}
