/// The value kinds of scenario files: unit strings, numbers, strings and booleans.
extension ScenarioValueKind where Value == DataRate {
    /// A bit rate string such as `"300 Mbps"` (see ``UnitParsing/rate(_:allowUnlimited:)``).
    public static var rate: Self { rate(allowUnlimited: false) }
    /// A bit rate string, optionally also `"unlimited"`.
    ///
    /// - Parameter allowUnlimited: Whether `"unlimited"` is accepted.
    /// - Returns: The kind.
    public static func rate(allowUnlimited: Bool) -> Self {
        .string(expected: allowUnlimited ? "a bit rate such as \"300 Mbps\", or \"unlimited\"" : "a bit rate such as \"300 Mbps\"",
                parse: { try UnitParsing.rate($0, allowUnlimited: allowUnlimited) }, format: \.description)
    }
}

extension ScenarioValueKind where Value == SimDuration {
    /// A non-negative duration string such as `"40 ms"`.
    public static var duration: Self { duration(allowNegative: false) }
    /// A duration string such as `"40 ms"`.
    ///
    /// - Parameter allowNegative: Whether negative durations are accepted.
    /// - Returns: The kind.
    public static func duration(allowNegative: Bool) -> Self {
        .string(expected: "a duration such as \"40 ms\"",
                parse: { try UnitParsing.duration($0, allowNegative: allowNegative) }, format: \.description)
    }
    /// A clock time string `"08:30"` or `"08:30:15"`, as the time since midnight.
    public static var clockTime: Self {
        .string(expected: "a clock time such as \"08:30\"", parse: UnitParsing.clockTime) { d in
            let s = Int(d.nanoseconds / 1_000_000_000)
            func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return "\(two(s / 3600)):\(two(s / 60 % 60))" + (s % 60 == 0 ? "" : ":\(two(s % 60))")
        }
    }
}

extension ScenarioValueKind where Value == ByteCount {
    /// A byte-count string such as `"2 MB"`.
    public static var bytes: Self {
        .string(expected: "a byte count such as \"2 MB\"", parse: UnitParsing.bytes, format: \.description)
    }
}

extension ScenarioValueKind where Value == Double {
    /// A percentage string such as `"12.5 %"`, read as a fraction (0.125).
    ///
    /// - Parameter range: The accepted fractions.
    /// - Returns: The kind.
    public static func fraction(in range: ClosedRange<Double> = 0...1) -> Self {
        .string(expected: "a percentage such as \"12.5 %\"", parse: { try UnitParsing.fraction($0, in: range) }) {
            "\(UnitFormat.number($0 * 100, digits: 6)) %"
        }
    }

    /// A finite JSON number, optionally within a range (named in the message for values
    /// outside it).
    ///
    /// - Parameter range: The accepted values; `nil` for any finite number.
    /// - Returns: The kind.
    public static func number(in range: ClosedRange<Double>? = nil) -> Self {
        let inRange = range.map { "a number between \(JSONValue.format(number: $0.lowerBound)) and \(JSONValue.format(number: $0.upperBound))" } ?? "a finite number"
        return ScenarioValueKind(expected: "a number", convert: { json in
            guard case .number(let x) = json else { throw UnitParseError(expected: "a number", found: json.foundDescription) }
            guard x.isFinite, range?.contains(x) ?? true else { throw UnitParseError(expected: inRange, found: json.foundDescription) }
            return x
        }, format: { JSONValue.format(number: $0) })
    }
}

extension ScenarioValueKind where Value == Int {
    /// A whole JSON number (`600`, or `600.0`) within a range.
    ///
    /// - Parameter range: The accepted values.
    /// - Returns: The kind. A value of another JSON type gets `expected a whole number` (or
    ///   the ``ScenarioValueKind/expecting(_:)`` text); a fraction or an out-of-range value
    ///   gets a message naming the range, e.g. `a whole number between 1 and 5000`.
    public static func int(in range: ClosedRange<Int> = Int.min...Int.max) -> Self {
        let inRange = switch (range.lowerBound, range.upperBound) {
        case (.min, .max): "a whole number"
        case (let lo, .max): "a whole number of at least \(lo)"
        case (.min, let hi): "a whole number of at most \(hi)"
        case (let lo, let hi): "a whole number between \(lo) and \(hi)"
        }
        return ScenarioValueKind(expected: "a whole number", convert: { json in
            guard case .number(let x) = json else { throw UnitParseError(expected: "a whole number", found: json.foundDescription) }
            guard x == x.rounded(), abs(x) < 9_007_199_254_740_992, range.contains(Int(x)) else {
                throw UnitParseError(expected: inRange, found: json.foundDescription)
            }
            return Int(x)
        }, format: { String($0) })
    }
}

extension ScenarioValueKind where Value == String {
    /// The longest string value read (UTF-8 bytes): names are repeated in every node's
    /// and report row's name, so a megabyte name would cost gigabytes.
    public static var maxStringBytes: Int { 10_000 }

    /// Any JSON string of at most ``maxStringBytes`` bytes.
    public static var string: Self {
        ScenarioValueKind(expected: "a string", convert: { json in
            guard case .string(let s) = json else { throw UnitParseError(expected: "a string", found: json.foundDescription) }
            guard s.utf8.count <= maxStringBytes else {
                throw UnitParseError(expected: "a string of at most \(maxStringBytes) bytes", found: "a string of \(s.utf8.count) bytes")
            }
            return s
        }, format: UnitParsing.quoted)
    }
}

extension ScenarioValueKind where Value == Bool {
    /// `true` or `false`.
    public static var bool: Self {
        ScenarioValueKind(expected: "true or false", convert: { json in
            guard case .bool(let b) = json else { throw UnitParseError(expected: "true or false", found: json.foundDescription) }
            return b
        }, format: { $0 ? "true" : "false" })
    }
}

extension ScenarioValueKind where Value: CaseIterable & RawRepresentable & Sendable, Value.RawValue == String {
    /// One of an enumeration's raw values, e.g. `"ac"` or `"ax"`.
    public static var choice: Self { .oneOf(Value.allCases.map { ($0.rawValue, $0) }) }
}
