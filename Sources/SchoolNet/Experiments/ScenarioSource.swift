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
        do { document = try JSONDocument(parsing: [UInt8](data)) } catch { throw ScenarioError(file: file, kind: .syntax(error)) }
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
        for o in overrides { root = try o.apply(to: root) }
        let text = root.serialized()
        return try Scenario.read(json: text, file: file + " (with " + overrides.map(\.description).joined(separator: ", ") + ")")
    }

    /// The scenario's JSON with `overrides` applied, keys sorted, no spaces: the same text
    /// for the same content wherever the file lives and however it is laid out (the
    /// fingerprint of ``ShardFile``).
    ///
    /// - Throws: ``ExperimentError`` for a path that does not exist.
    public func canonicalJSON(with overrides: [ScenarioOverride] = []) throws -> String {
        var root = document.root
        for o in overrides { root = try o.apply(to: root) }
        return root.serialized(sortedKeys: true)
    }
}
