/// Typed reads for the standard value kinds: sugar over ``ScenarioReader/read(_:as:)``,
/// ``ScenarioReader/read(_:as:default:source:)`` and ``ScenarioReader/readIfPresent(_:as:)``.
extension ScenarioReader {
    /// Reads the required member `key`: a bit rate such as `"300 Mbps"`.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - allowUnlimited: Whether `"unlimited"` is accepted.
    ///   - expected: What to say was expected when missing or of the wrong type.
    /// - Returns: The value.
    /// - Throws: ``ScenarioError`` when missing or not fitting.
    public func rate(_ key: String, allowUnlimited: Bool = false, expected: String? = nil) throws -> DataRate {
        try read(key, as: kind(.rate(allowUnlimited: allowUnlimited), expected))
    }

    /// Reads member `key` (a bit rate such as `"300 Mbps"`), or records and returns `defaultValue`.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - allowUnlimited: Whether `"unlimited"` is accepted.
    ///   - defaultValue: The value when absent.
    ///   - source: Where the default comes from, e.g. `REFERENCES.md §3`.
    /// - Returns: The value or the default.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func rate(_ key: String, allowUnlimited: Bool = false, default defaultValue: DataRate, source: String) throws -> DataRate {
        try read(key, as: .rate(allowUnlimited: allowUnlimited), default: defaultValue, source: source)
    }

    /// Reads member `key` (a bit rate such as `"300 Mbps"`) if present.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - allowUnlimited: Whether `"unlimited"` is accepted.
    /// - Returns: The value, or `nil` when absent.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func optionalRate(_ key: String, allowUnlimited: Bool = false) throws -> DataRate? {
        try readIfPresent(key, as: .rate(allowUnlimited: allowUnlimited))
    }

    /// Reads the required member `key`: a duration such as `"40 ms"`.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - allowNegative: Whether negative durations are accepted.
    ///   - expected: What to say was expected when missing or of the wrong type.
    /// - Returns: The value.
    /// - Throws: ``ScenarioError`` when missing or not fitting.
    public func duration(_ key: String, allowNegative: Bool = false, expected: String? = nil) throws -> SimDuration {
        try read(key, as: kind(.duration(allowNegative: allowNegative), expected))
    }

    /// Reads member `key` (a duration such as `"40 ms"`), or records and returns `defaultValue`.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - allowNegative: Whether negative durations are accepted.
    ///   - defaultValue: The value when absent.
    ///   - source: Where the default comes from, e.g. `REFERENCES.md §3`.
    /// - Returns: The value or the default.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func duration(_ key: String, allowNegative: Bool = false, default defaultValue: SimDuration, source: String) throws -> SimDuration {
        try read(key, as: .duration(allowNegative: allowNegative), default: defaultValue, source: source)
    }

    /// Reads member `key` (a duration such as `"40 ms"`) if present.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - allowNegative: Whether negative durations are accepted.
    /// - Returns: The value, or `nil` when absent.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func optionalDuration(_ key: String, allowNegative: Bool = false) throws -> SimDuration? {
        try readIfPresent(key, as: .duration(allowNegative: allowNegative))
    }

    /// Reads the required member `key`: a byte count such as `"2 MB"`.
    ///
    /// - Parameters:
    ///   - key: A member name.
      ///   - expected: What to say was expected when missing or of the wrong type.
    /// - Returns: The value.
    /// - Throws: ``ScenarioError`` when missing or not fitting.
    public func bytes(_ key: String, expected: String? = nil) throws -> ByteCount {
        try read(key, as: kind(.bytes, expected))
    }

    /// Reads member `key` (a byte count such as `"2 MB"`), or records and returns `defaultValue`.
    ///
    /// - Parameters:
    ///   - key: A member name.
      ///   - defaultValue: The value when absent.
    ///   - source: Where the default comes from, e.g. `REFERENCES.md §3`.
    /// - Returns: The value or the default.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func bytes(_ key: String, default defaultValue: ByteCount, source: String) throws -> ByteCount {
        try read(key, as: .bytes, default: defaultValue, source: source)
    }

    /// Reads member `key` (a byte count such as `"2 MB"`) if present.
    ///
    /// - Parameters:
    ///   - key: A member name.
      /// - Returns: The value, or `nil` when absent.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func optionalBytes(_ key: String) throws -> ByteCount? {
        try readIfPresent(key, as: .bytes)
    }

    /// Reads the required member `key`: a percentage such as `"12.5 %"`, as a fraction.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - range: The accepted fractions (0...1 is 0 % to 100 %).
    ///   - expected: What to say was expected when missing or of the wrong type.
    /// - Returns: The value.
    /// - Throws: ``ScenarioError`` when missing or not fitting.
    public func fraction(_ key: String, in range: ClosedRange<Double> = 0...1, expected: String? = nil) throws -> Double {
        try read(key, as: kind(.fraction(in: range), expected))
    }

    /// Reads member `key` (a percentage such as `"12.5 %"`, as a fraction), or records and returns `defaultValue`.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - range: The accepted fractions (0...1 is 0 % to 100 %).
    ///   - defaultValue: The value when absent.
    ///   - source: Where the default comes from, e.g. `REFERENCES.md §3`.
    /// - Returns: The value or the default.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func fraction(_ key: String, in range: ClosedRange<Double> = 0...1, default defaultValue: Double, source: String) throws -> Double {
        try read(key, as: .fraction(in: range), default: defaultValue, source: source)
    }

    /// Reads member `key` (a percentage such as `"12.5 %"`, as a fraction) if present.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - range: The accepted fractions (0...1 is 0 % to 100 %).
    /// - Returns: The value, or `nil` when absent.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func optionalFraction(_ key: String, in range: ClosedRange<Double> = 0...1) throws -> Double? {
        try readIfPresent(key, as: .fraction(in: range))
    }

    /// Reads the required member `key`: a clock time such as `"08:30"`, as the time since midnight.
    ///
    /// - Parameters:
    ///   - key: A member name.
      ///   - expected: What to say was expected when missing or of the wrong type.
    /// - Returns: The value.
    /// - Throws: ``ScenarioError`` when missing or not fitting.
    public func clockTime(_ key: String, expected: String? = nil) throws -> SimDuration {
        try read(key, as: kind(.clockTime, expected))
    }

    /// Reads member `key` (a clock time such as `"08:30"`, as the time since midnight), or records and returns `defaultValue`.
    ///
    /// - Parameters:
    ///   - key: A member name.
      ///   - defaultValue: The value when absent.
    ///   - source: Where the default comes from, e.g. `REFERENCES.md §3`.
    /// - Returns: The value or the default.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func clockTime(_ key: String, default defaultValue: SimDuration, source: String) throws -> SimDuration {
        try read(key, as: .clockTime, default: defaultValue, source: source)
    }

    /// Reads member `key` (a clock time such as `"08:30"`, as the time since midnight) if present.
    ///
    /// - Parameters:
    ///   - key: A member name.
      /// - Returns: The value, or `nil` when absent.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func optionalClockTime(_ key: String) throws -> SimDuration? {
        try readIfPresent(key, as: .clockTime)
    }

    /// Reads the required member `key`: a whole number.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - range: The accepted values.
    ///   - expected: What to say was expected when missing or of the wrong type.
    /// - Returns: The value.
    /// - Throws: ``ScenarioError`` when missing or not fitting.
    public func int(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max, expected: String? = nil) throws -> Int {
        try read(key, as: kind(.int(in: range), expected))
    }

    /// Reads member `key` (a whole number), or records and returns `defaultValue`.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - range: The accepted values.
    ///   - defaultValue: The value when absent.
    ///   - source: Where the default comes from, e.g. `REFERENCES.md §3`.
    /// - Returns: The value or the default.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func int(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max, default defaultValue: Int, source: String) throws -> Int {
        try read(key, as: .int(in: range), default: defaultValue, source: source)
    }

    /// Reads member `key` (a whole number) if present.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - range: The accepted values.
    /// - Returns: The value, or `nil` when absent.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func optionalInt(_ key: String, in range: ClosedRange<Int> = Int.min...Int.max) throws -> Int? {
        try readIfPresent(key, as: .int(in: range))
    }

    /// Reads the required member `key`: a finite number.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - range: The accepted values; `nil` for any finite number.
    ///   - expected: What to say was expected when missing or of the wrong type.
    /// - Returns: The value.
    /// - Throws: ``ScenarioError`` when missing or not fitting.
    public func double(_ key: String, in range: ClosedRange<Double>? = nil, expected: String? = nil) throws -> Double {
        try read(key, as: kind(.number(in: range), expected))
    }

    /// Reads member `key` (a finite number), or records and returns `defaultValue`.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - range: The accepted values; `nil` for any finite number.
    ///   - defaultValue: The value when absent.
    ///   - source: Where the default comes from, e.g. `REFERENCES.md §3`.
    /// - Returns: The value or the default.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func double(_ key: String, in range: ClosedRange<Double>? = nil, default defaultValue: Double, source: String) throws -> Double {
        try read(key, as: .number(in: range), default: defaultValue, source: source)
    }

    /// Reads member `key` (a finite number) if present.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - range: The accepted values; `nil` for any finite number.
    /// - Returns: The value, or `nil` when absent.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func optionalDouble(_ key: String, in range: ClosedRange<Double>? = nil) throws -> Double? {
        try readIfPresent(key, as: .number(in: range))
    }

    /// Reads the required member `key`: a string.
    ///
    /// - Parameters:
    ///   - key: A member name.
      ///   - expected: What to say was expected when missing or of the wrong type.
    /// - Returns: The value.
    /// - Throws: ``ScenarioError`` when missing or not fitting.
    public func string(_ key: String, expected: String? = nil) throws -> String {
        try read(key, as: kind(.string, expected))
    }

    /// Reads member `key` (a string), or records and returns `defaultValue`.
    ///
    /// - Parameters:
    ///   - key: A member name.
      ///   - defaultValue: The value when absent.
    ///   - source: Where the default comes from, e.g. `REFERENCES.md §3`.
    /// - Returns: The value or the default.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func string(_ key: String, default defaultValue: String, source: String) throws -> String {
        try read(key, as: .string, default: defaultValue, source: source)
    }

    /// Reads member `key` (a string) if present.
    ///
    /// - Parameters:
    ///   - key: A member name.
      /// - Returns: The value, or `nil` when absent.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func optionalString(_ key: String) throws -> String? {
        try readIfPresent(key, as: .string)
    }

    /// Reads the required member `key`: `true` or `false`.
    ///
    /// - Parameters:
    ///   - key: A member name.
      ///   - expected: What to say was expected when missing or of the wrong type.
    /// - Returns: The value.
    /// - Throws: ``ScenarioError`` when missing or not fitting.
    public func bool(_ key: String, expected: String? = nil) throws -> Bool {
        try read(key, as: kind(.bool, expected))
    }

    /// Reads member `key` (`true` or `false`), or records and returns `defaultValue`.
    ///
    /// - Parameters:
    ///   - key: A member name.
      ///   - defaultValue: The value when absent.
    ///   - source: Where the default comes from, e.g. `REFERENCES.md §3`.
    /// - Returns: The value or the default.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func bool(_ key: String, default defaultValue: Bool, source: String) throws -> Bool {
        try read(key, as: .bool, default: defaultValue, source: source)
    }

    /// Reads member `key` (`true` or `false`) if present.
    ///
    /// - Parameters:
    ///   - key: A member name.
      /// - Returns: The value, or `nil` when absent.
    /// - Throws: ``ScenarioError`` when present but not fitting.
    public func optionalBool(_ key: String) throws -> Bool? {
        try readIfPresent(key, as: .bool)
    }

    /// Reads the required member `key`, which must be one of `choices`; a misspelling gets a
    /// suggestion: `expected one of "ac", "ax", found "ax6"; did you mean "ax"?`.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - choices: The accepted strings.
    /// - Returns: The string read.
    /// - Throws: ``ScenarioError`` when missing or not one of `choices`.
    public func oneOf(_ key: String, _ choices: [String]) throws -> String {
        try read(key, as: .oneOf(choices.map { ($0, $0) }))
    }

    /// Reads the required member `key` as one of an enumeration's raw values.
    ///
    /// - Parameters:
    ///   - key: A member name.
    ///   - type: The enumeration, e.g. `WiFiStandard.self`.
    /// - Returns: The case read.
    /// - Throws: ``ScenarioError`` when missing or not a raw value of `type`.
    public func oneOf<E: CaseIterable & RawRepresentable & Sendable>(_ key: String, as type: E.Type) throws -> E
    where E.RawValue == String {
        try read(key, as: .choice)
    }

    private func kind<V>(_ kind: ScenarioValueKind<V>, _ expected: String?) -> ScenarioValueKind<V> {
        expected.map { kind.expecting($0) } ?? kind
    }
}
