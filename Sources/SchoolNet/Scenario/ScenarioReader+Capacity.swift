extension ScenarioReader {
    /// Reads a capacity: a bit rate above zero (a zero-capacity link would stall every
    /// flow on it silently).
    ///
    /// - Throws: ``ScenarioError`` naming the key when missing, malformed or not above zero.
    public func capacity(_ key: String, expected: String? = nil) throws -> DataRate {
        let r = try rate(key, expected: expected)
        try checkPositive(key, r)
        return r
    }

    /// Reads an optional capacity with a default and its source.
    public func capacity(_ key: String, default value: DataRate, source: String) throws -> DataRate {
        let r = try rate(key, default: value, source: source)
        try checkPositive(key, r)
        return r
    }

    private func checkPositive(_ key: String, _ r: DataRate) throws {
        guard r.bitsPerSecond > 0 else {
            let m = try member(key, expected: "a bit rate")
            throw m.error(expected: "a bit rate above zero")
        }
    }
}
