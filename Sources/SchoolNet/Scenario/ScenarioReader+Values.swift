/// Typed reads: the generic core over ``ScenarioValueKind``, objects and arrays.
extension ScenarioReader {
    /// Converts this reader's own value (e.g. an array element) and records it.
    ///
    /// - Parameter kind: How to read the value.
    /// - Returns: The value.
    /// - Throws: ``ScenarioError`` `FILE: PATH: expected …, found …` when it does not fit.
    public func read<V>(as kind: ScenarioValueKind<V>) throws -> V {
        let result: V
        do { result = try kind.convert(value) } catch let e as UnitParseError {
            throw error(.invalidValue(expected: e.expected, found: e.found, suggestion: e.suggestion))
        }
        record(kind.format(result), origin: .file(position), keyPath: keyPath)
        return result
    }

    /// Reads the required member `key`.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - kind: How to read the value; its `expected` text is used when the key is missing.
    /// - Returns: The value.
    /// - Throws: ``ScenarioError`` when the member is missing or does not fit.
    public func read<V>(_ key: String, as kind: ScenarioValueKind<V>) throws -> V {
        try member(key, expected: kind.expected).read(as: kind)
    }

    /// Reads member `key` if present.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - kind: How to read the value.
    /// - Returns: The value, or `nil` when the key is absent (`null` is not absence: it is
    ///   an error, so that nothing is silently defaulted).
    /// - Throws: ``ScenarioError`` when the member does not fit.
    public func readIfPresent<V>(_ key: String, as kind: ScenarioValueKind<V>) throws -> V? {
        try optionalMember(key)?.read(as: kind)
    }

    /// Reads member `key`, or uses `defaultValue` and records that it did, with its source.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - kind: How to read the value.
    ///   - defaultValue: The value when the key is absent.
    ///   - source: Where the default comes from (`REFERENCES.md §3`), shown by `explain`.
    /// - Returns: The value read, or the default.
    /// - Throws: ``ScenarioError`` when the member is present but does not fit.
    public func read<V>(_ key: String, as kind: ScenarioValueKind<V>, default defaultValue: V, source: String) throws -> V {
        if let v = try readIfPresent(key, as: kind) { return v }
        record(kind.format(defaultValue), origin: .defaultValue(source: source), keyPath: keyPath.appending(key: key))
        return defaultValue
    }

    /// A reader for the required object member `key`. Call ``finish()`` on it when done, or
    /// use ``object(_:_:)``.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - expected: What the object is, for the missing-key message.
    /// - Returns: The member's reader.
    /// - Throws: ``ScenarioError`` when it is missing or not an object.
    public func object(_ key: String, expected: String = "an object") throws -> ScenarioReader {
        let m = try member(key, expected: expected)
        guard case .object = m.value else { throw m.error(expected: expected) }
        return m
    }

    /// Reads the required object member `key` with `body`, then checks for unknown keys.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - expected: What the object is, for the missing-key message.
    ///   - body: Reads the object's members.
    /// - Returns: What `body` returns.
    /// - Throws: ``ScenarioError`` when missing, not an object, or from `body` or
    ///   ``finish()``.
    public func object<T>(_ key: String, expected: String = "an object", _ body: (ScenarioReader) throws -> T) throws -> T {
        try object(key, expected: expected).finishing(body)
    }

    /// Reads the object member `key` with `body` if present, then checks for unknown keys.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - body: Reads the object's members.
    /// - Returns: What `body` returns, or `nil` when the key is absent.
    /// - Throws: ``ScenarioError`` when not an object, or from `body` or ``finish()``.
    public func optionalObject<T>(_ key: String, _ body: (ScenarioReader) throws -> T) throws -> T? {
        guard let m = try optionalMember(key) else { return nil }
        guard case .object = m.value else { throw m.error(expected: "an object") }
        return try m.finishing(body)
    }

    /// Reads each element of the required array member `key` with `body`; elements that
    /// are objects are checked for unknown keys afterwards.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - minCount: The fewest elements accepted.
    ///   - expected: What the array is, for the missing-key message.
    ///   - body: Reads one element (`schools[3]`); use ``read(as:)`` for scalar elements.
    /// - Returns: The results, in order.
    /// - Throws: ``ScenarioError`` when missing, not an array, too short, or from `body`.
    public func array<T>(_ key: String, minCount: Int = 0, maxCount: Int = .max, expected: String = "an array",
                         _ body: (ScenarioReader) throws -> T) throws -> [T] {
        try elements(of: member(key, expected: expected), minCount: minCount, maxCount: maxCount, body)
    }

    /// Like ``array(_:minCount:expected:_:)`` but `nil` when the key is absent.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - minCount: The fewest elements accepted.
    ///   - body: Reads one element.
    /// - Returns: The results in order, or `nil`.
    /// - Throws: ``ScenarioError`` when not an array, too short, or from `body`.
    public func optionalArray<T>(_ key: String, minCount: Int = 0, maxCount: Int = .max, _ body: (ScenarioReader) throws -> T) throws -> [T]? {
        guard let m = try optionalMember(key) else { return nil }
        return try elements(of: m, minCount: minCount, maxCount: maxCount, body)
    }

    private func elements<T>(of m: ScenarioReader, minCount: Int, maxCount: Int, _ body: (ScenarioReader) throws -> T) throws -> [T] {
        guard case .array(let items) = m.value else { throw m.error(expected: "an array") }
        guard items.count <= maxCount else {
            throw m.error(.invalidValue(expected: "an array of at most \(maxCount) elements", found: "an array of \(items.count)", suggestion: nil))
        }
        guard items.count >= minCount else {
            let noun = minCount == 1 ? "element" : "elements"
            throw m.error(.invalidValue(expected: "an array of at least \(minCount) \(noun)",
                                        found: items.isEmpty ? "an empty array" : "an array of \(items.count)", suggestion: nil))
        }
        return try items.indices.map { i in
            let element = m.element(i)
            let result = try body(element)
            if case .object = element.value { try element.finish() }
            return result
        }
    }
}
