import Foundation

/// A cursor over one value of a scenario file that knows its file and key path, reads
/// typed values, records defaults, and rejects keys nobody read.
///
/// ```swift
/// let root = try ScenarioReader(contentsOfFile: "Scenarios/city.json")
/// let schools = try root.array("schools", minCount: 1) { school in
///     let students = try school.int("students", in: 1...5000,
///                                   expected: "a whole number of students, e.g. 600")
///     let wifi = try school.object("wifi") { wifi in
///         (try wifi.oneOf("standard", ["ac", "ax"]),
///          try wifi.rate("ceiling", default: .unlimited, source: "REFERENCES.md §3"))
///     }
///     return (students, wifi)
/// }
/// try root.finish()        // city.json: schools[3].wifi.chanelWidth: unknown key; did you mean "channelWidth"?
/// root.settings            // every value read, with its position or default source
/// ```
///
/// Every read of a member marks it as used; ``finish()`` then reports the first member (in
/// file order) that was never read, suggesting the closest key that was asked for. The
/// closure forms of ``object(_:_:)`` and ``array(_:minCount:_:)`` call ``finish()`` on
/// objects for you. A reader is not thread-safe; it is meant for one pass over a file.
public final class ScenarioReader {
    /// The file as the user named it, used as the prefix of every message.
    public let file: String
    /// The path of this reader's value.
    public let keyPath: ScenarioKeyPath
    /// The value under the cursor.
    public let value: JSONValue
    /// Where the value and its parts are in the file.
    public let sourceMap: JSONDocument.SourceMap

    private let log: Log
    private var used: [Bool]
    private var asked: [String] = []

    /// The settings read so far through this reader or any reader derived from it, in
    /// reading order.
    public var settings: [ScenarioSetting] { log.entries }

    /// The scenario file's path, against which the files it names (a flow log, a school list)
    /// are resolved: ``file`` unless set (a scenario read with `--set` overrides is named
    /// `city.json (with --set …)` in messages but still lives at `city.json`). Shared by
    /// every reader derived from this one.
    public var scenarioPath: String {
        get { log.scenarioPath ?? file }
        set { log.scenarioPath = newValue }
    }

    /// Where the value starts in the file.
    public var position: JSONDocument.Position { sourceMap.position }

    /// Reads and parses a scenario file.
    ///
    /// - Parameter path: The file's path; messages name the file exactly as given.
    /// - Throws: ``ScenarioError`` when the file cannot be read or is not valid JSON.
    public convenience init(contentsOfFile path: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScenarioError(file: path, kind: .unreadableFile(reason: "no such file"))
        }
        guard !isDirectory.boolValue else { throw ScenarioError(file: path, kind: .unreadableFile(reason: "it is a directory")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, kind: .unreadableFile(reason: "permission denied or read error"))
        }
        try self.init(bytes: [UInt8](data), file: path)
    }

    /// Reads and parses a scenario file.
    ///
    /// - Parameter fileURL: A `file:` URL; messages name it by its relative path.
    /// - Throws: ``ScenarioError`` when the file cannot be read or is not valid JSON.
    public convenience init(fileURL: URL) throws {
        try self.init(contentsOfFile: fileURL.relativePath)
    }

    /// Parses scenario text held in memory (tests, stdin).
    ///
    /// - Parameters:
    ///   - json: The JSON text.
    ///   - file: The name to use in messages.
    /// - Throws: ``ScenarioError`` when the text is not valid JSON.
    public convenience init(json: String, file: String) throws {
        try self.init(bytes: Array(json.utf8), file: file)
    }

    /// Parses UTF-8 scenario bytes.
    ///
    /// - Parameters:
    ///   - bytes: The UTF-8 JSON text.
    ///   - file: The name to use in messages.
    /// - Throws: ``ScenarioError`` of kind ``ScenarioError/Kind/syntax(_:)`` when the text is
    ///   not valid JSON.
    public convenience init(bytes: [UInt8], file: String) throws {
        let document: JSONDocument
        do { document = try JSONDocument(parsing: bytes) } catch { throw ScenarioError(file: file, kind: .syntax(error)) }
        self.init(document: document, file: file)
    }

    /// Wraps an already parsed document.
    ///
    /// - Parameters:
    ///   - document: The parsed JSON.
    ///   - file: The name to use in messages.
    public convenience init(document: JSONDocument, file: String) {
        self.init(file: file, keyPath: .root, value: document.root, sourceMap: document.sourceMap, log: Log())
    }

    private init(file: String, keyPath: ScenarioKeyPath, value: JSONValue, sourceMap: JSONDocument.SourceMap, log: Log) {
        self.file = file
        self.keyPath = keyPath
        self.value = value
        self.sourceMap = sourceMap
        self.log = log
        if case .object(let members) = value { used = Array(repeating: false, count: members.count) } else { used = [] }
    }

    // MARK: Members

    /// Whether the object has a member `key`. Does not mark it as read.
    ///
    /// - Parameter key: A member name.
    /// - Returns: `false` also when the value is not an object.
    public func contains(_ key: String) -> Bool { value[key] != nil }

    /// A reader for member `key`, or `nil` when absent; marks the member as read.
    ///
    /// - Parameter key: A member name.
    /// - Returns: The member's reader, or `nil`.
    /// - Throws: ``ScenarioError`` when this value is not an object.
    public func optionalMember(_ key: String) throws -> ScenarioReader? {
        guard case .object(let members) = value else {
            throw error(.invalidValue(expected: "an object", found: value.foundDescription, suggestion: nil))
        }
        if !asked.contains(key) { asked.append(key) }
        guard let index = members.firstIndex(where: { $0.key == key }) else { return nil }
        used[index] = true
        return ScenarioReader(file: file, keyPath: keyPath.appending(key: key), value: members[index].value,
                              sourceMap: sourceMap.children[index], log: log)
    }

    /// A reader for the required member `key`; marks it as read.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - expected: What the member should be, for the missing-key message.
    /// - Returns: The member's reader.
    /// - Throws: ``ScenarioError`` when this value is not an object or lacks the member.
    public func member(_ key: String, expected: String) throws -> ScenarioReader {
        guard let m = try optionalMember(key) else { throw error(.missingKey(key, expected: expected)) }
        return m
    }

    /// A reader for element `index` of this array.
    ///
    /// - Parameter index: An index in `0..<count` (a programmer error otherwise).
    /// - Returns: The element's reader, at path `PATH[index]`.
    public func element(_ index: Int) -> ScenarioReader {
        guard case .array(let items) = value else { preconditionFailure("element(_:) on \(value.typeName) at \(keyPath)") }
        return ScenarioReader(file: file, keyPath: keyPath.appending(index: index), value: items[index],
                              sourceMap: sourceMap.children[index], log: log)
    }

    /// Checks that every member of this object was read.
    ///
    /// - Throws: ``ScenarioError`` of kind ``ScenarioError/Kind/unknownKey(suggestion:known:)``
    ///   for the first unread member in file order, suggesting the closest key that was
    ///   asked for (read or looked up), if one is close enough.
    public func finish() throws {
        guard case .object(let members) = value, let index = used.firstIndex(of: false) else { return }
        let key = members[index].key
        throw ScenarioError(file: file, keyPath: keyPath.appending(key: key),
                            kind: .unknownKey(suggestion: Spelling.suggestion(for: key, in: asked), known: asked))
    }

    /// Runs `body` on this reader, then ``finish()``.
    ///
    /// - Parameter body: Reads the members.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, or an unknown-key ``ScenarioError``.
    public func finishing<T>(_ body: (ScenarioReader) throws -> T) throws -> T {
        let result = try body(self)
        try finish()
        return result
    }

    // MARK: Errors

    /// An error at this reader's key path with a free-form message, for rules between
    /// values: `city.json: schools[0].egress: must not exceed the access line's 1 Gbps`.
    ///
    /// - Parameter message: What is wrong, without the file and path.
    /// - Returns: The error, to throw.
    public func error(_ message: String) -> ScenarioError { error(.invalid(message)) }

    /// An error at this reader's key path saying what was expected instead of its value.
    ///
    /// - Parameter expected: What the value should have been.
    /// - Returns: The error, to throw: `FILE: PATH: expected EXPECTED, found FOUND`.
    public func error(expected: String) -> ScenarioError {
        error(.invalidValue(expected: expected, found: value.foundDescription, suggestion: nil))
    }

    func error(_ kind: ScenarioError.Kind) -> ScenarioError {
        ScenarioError(file: file, keyPath: keyPath, kind: kind)
    }

    func record(_ value: String, origin: ScenarioSetting.Origin, keyPath: ScenarioKeyPath) {
        log.entries.append(ScenarioSetting(keyPath: keyPath, value: value, origin: origin))
    }

    /// The settings shared by a root reader and every reader derived from it.
    private final class Log {
        var entries: [ScenarioSetting] = []
        var scenarioPath: String?
    }
}
