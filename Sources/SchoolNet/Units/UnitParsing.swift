import Foundation

/// Parsers for the unit strings of scenario files: `"1 Gbps"`, `"40 ms"`, `"2 MB"`,
/// `"12.5 %"`, `"08:30"`.
///
/// The grammar is *number*, optional spaces, *unit*. The number is a decimal with an
/// optional fraction and exponent (`1.5`, `2e3`); it must start with a digit (or `-` where
/// negatives are allowed), so `NaN` and `inf` are rejected. Unit symbols are case sensitive
/// (`Mbps`, not `mbps` — `m` means milli), and a misspelt one gets a suggestion. A bare
/// number is always an error that names the accepted units: no silent default unit.
///
/// Every parser throws ``UnitParseError``, whose `expected`/`found` halves the scenario
/// layer prefixes with the file and key path.
public enum UnitParsing {
    /// Bit-rate symbols and their size in bit/s, in the order suggestions prefer.
    public static let rateUnits: [(symbol: String, scale: Double)] = [
        ("bps", 1), ("kbps", 1e3), ("Mbps", 1e6), ("Gbps", 1e9), ("Tbps", 1e12),
        ("bit/s", 1), ("kbit/s", 1e3), ("Mbit/s", 1e6), ("Gbit/s", 1e9), ("Tbit/s", 1e12),
        ("b/s", 1), ("kb/s", 1e3), ("Mb/s", 1e6), ("Gb/s", 1e9), ("Tb/s", 1e12),
        // Bytes per second, as file-transfer tools print them: 1 MB/s = 8 Mbps.
        ("B/s", 8), ("kB/s", 8e3), ("KB/s", 8e3), ("MB/s", 8e6), ("GB/s", 8e9), ("TB/s", 8e12),
    ]

    /// Byte-rate spellings refused as ambiguous beside the bit rates (`MBps` differs from
    /// `Mbps` by one letter's case and 8×); the message spells out the conversion.
    static let byteRateSpellings: [(symbol: String, bitSymbol: String, scale: Double)] = [
        ("Bps", "bps", 1), ("kBps", "kbps", 1e3), ("KBps", "kbps", 1e3), ("MBps", "Mbps", 1e6), ("GBps", "Gbps", 1e9), ("TBps", "Tbps", 1e12),
    ]
    /// Duration symbols and their size in nanoseconds (`µs` as U+00B5 or U+03BC, or `us`).
    public static let durationUnits: [(symbol: String, scale: Double)] = [
        ("ns", 1), ("us", 1e3), ("\u{00B5}s", 1e3), ("\u{03BC}s", 1e3), ("ms", 1e6),
        ("s", 1e9), ("min", 60e9), ("h", 3600e9),
    ]
    /// Byte-count symbols and their size in bytes (SI: 1 kB = 1000 B; binary: KiB, MiB…).
    public static let byteUnits: [(symbol: String, scale: Double)] = [
        ("B", 1), ("kB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12),
        ("KiB", 1024), ("MiB", 1_048_576), ("GiB", 1_073_741_824), ("TiB", 1_099_511_627_776),
    ]

    /// Parses a bit rate such as `"1 Gbps"`, `"300 Mbps"`, `"1.5 Gbit/s"` or `"64 kb/s"`.
    ///
    /// - Parameters:
    ///   - text: The string from the scenario file.
    ///   - allowUnlimited: Whether the word `unlimited` is accepted (as ``DataRate/unlimited``).
    /// - Returns: The rate; never negative, NaN or infinite (except `unlimited`).
    /// - Throws: ``UnitParseError`` for a missing or unknown unit, a negative value, or a value
    ///   too large to represent.
    public static func rate(_ text: String, allowUnlimited: Bool = false) throws -> DataRate {
        let text = normalized(text)
        if allowUnlimited && text.trimmingSpaces == "unlimited" { return .unlimited }
        if let (number, numberText, rest) = splitNumber(text.trimmingSpaces) {
            let unit = String(rest.drop(while: { $0 == " " }))
            if let b = byteRateSpellings.first(where: { $0.symbol == unit }) {
                let bits = UnitFormat.number(number * 8, digits: 6)
                throw UnitParseError(expected: "a bit rate (\(unit) would be bytes per second: \(numberText) \(unit) = \(bits) \(b.bitSymbol); write \(quoted("\(bits) \(b.bitSymbol)")) or \(quoted("\(numberText) \(b.symbol.dropLast(2))/s")))",
                                     found: quoted(text))
            }
        }
        let value = try quantity(text, name: "bit rate", example: "300 Mbps", units: rateUnits, allowNegative: false)
        guard value.isFinite else { throw UnitParseError(expected: "a bit rate small enough to represent", found: quoted(text)) }
        return DataRate(bitsPerSecond: value)
    }

    /// Parses a duration such as `"40 ms"`, `"1.5 s"`, `"45 min"`, `"2 h"`, `"300 µs"` or
    /// `"10 ns"`, rounded to the nearest nanosecond.
    ///
    /// - Parameters:
    ///   - text: The string from the scenario file.
    ///   - allowNegative: Whether a negative duration (e.g. an offset) is accepted.
    /// - Returns: The duration.
    /// - Throws: ``UnitParseError`` for a missing or unknown unit, a disallowed negative value,
    ///   or a value beyond the ±292 years that `SimDuration` holds.
    public static func duration(_ text: String, allowNegative: Bool = false) throws -> SimDuration {
        let text = normalized(text)
        let ns = try quantity(text, name: "duration", example: "40 ms", units: durationUnits, allowNegative: allowNegative)
        guard abs(ns) < 9.2e18 else { throw UnitParseError(expected: "a duration shorter than 292 years", found: quoted(text)) }
        return SimDuration(nanoseconds: Int64(ns.rounded()))
    }

    /// Parses a byte count such as `"2 MB"`, `"50 kB"`, `"4 MiB"` or `"1500 B"`, rounded to
    /// the nearest byte.
    ///
    /// - Parameter text: The string from the scenario file.
    /// - Returns: The byte count; never negative.
    /// - Throws: ``UnitParseError`` for a missing or unknown unit, a negative value, or a value
    ///   of 9.2 EB or more.
    public static func bytes(_ text: String) throws -> ByteCount {
        let text = normalized(text)
        let b = try quantity(text, name: "byte count", example: "2 MB", units: byteUnits, allowNegative: false)
        guard b < 9.2e18 else { throw UnitParseError(expected: "a byte count below 9.2 EB", found: quoted(text)) }
        return ByteCount(bytes: Int64(b.rounded()))
    }

    /// Parses a percentage such as `"12.5 %"` or `"12.5%"` into a fraction (`0.125`).
    ///
    /// - Parameters:
    ///   - text: The string from the scenario file.
    ///   - range: The accepted fractions; by default 0 % to 100 %.
    /// - Returns: The fraction, `value / 100`.
    /// - Throws: ``UnitParseError`` for a missing `%` sign or a value outside `range`.
    public static func fraction(_ text: String, in range: ClosedRange<Double> = 0...1) throws -> Double {
        let text = normalized(text)
        let units: [(symbol: String, scale: Double)] = [("%", 0.01)]
        let f = try quantity(text, name: "percentage", example: "12.5 %", units: units, allowNegative: true)
        guard range.contains(f) else {
            let lo = UnitFormat.number(range.lowerBound * 100, digits: 6)
            let hi = UnitFormat.number(range.upperBound * 100, digits: 6)
            throw UnitParseError(expected: "a percentage between \(lo) % and \(hi) %", found: quoted(text))
        }
        return f
    }

    /// Parses a clock time `"08:30"` or `"08:30:15"` (24-hour, one- or two-digit hour) into
    /// the time since midnight.
    ///
    /// - Parameter text: The string from the scenario file.
    /// - Returns: The time since midnight, from 0 to 23:59:59.
    /// - Throws: ``UnitParseError`` when the form is wrong or a field is out of range.
    public static func clockTime(_ text: String) throws -> SimDuration {
        let text = normalized(text)
        let error = UnitParseError(expected: "a clock time such as \"08:30\" or \"08:30:15\"", found: quoted(text))
        let fields = text.trimmingSpaces.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3 else { throw error }
        var numbers: [Int] = []
        for (i, field) in fields.enumerated() {
            let allowed = i == 0 ? 1...2 : 2...2
            guard allowed.contains(field.count), field.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let n = Int(field) else { throw error }
            numbers.append(n)
        }
        guard numbers[0] < 24, numbers[1] < 60, numbers.count == 2 || numbers[2] < 60 else { throw error }
        let seconds = numbers[0] * 3600 + numbers[1] * 60 + (numbers.count == 3 ? numbers[2] : 0)
        return .nanoseconds(Int64(seconds) * 1_000_000_000)
    }

    /// Quotes `text` as a JSON string, for messages: `"90 MHz"`.
    ///
    /// - Parameter text: Any string.
    /// - Returns: The string in double quotes with `"`, `\` and control characters escaped.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Reads *number*, spaces, *unit* and returns number × the unit's scale.
    private static func quantity(
        _ text: String, name: String, example: String,
        units: [(symbol: String, scale: Double)], allowNegative: Bool
    ) throws -> Double {
        let trimmed = text.trimmingSpaces
        let symbols = units.map(\.symbol)
        let withUnit = "a \(name) with a unit (\(symbols.joined(separator: ", ")))"
        guard let (number, numberText, rest) = splitNumber(trimmed) else {
            throw UnitParseError(expected: "a \(name) such as \(quoted(example))", found: quoted(text))
        }
        let unit = String(rest.drop(while: { $0 == " " }))
        guard let scale = units.first(where: { $0.symbol == unit })?.scale else {
            // Never suggest across bits and bytes (B vs b): that would be off by 8.
            let sameKind = symbols.filter { $0.contains("B") == unit.contains("B") }
            let suggestion = unit.isEmpty ? nil : Spelling.suggestion(for: unit, in: sameKind).map { "\(numberText) \($0)" }
            throw UnitParseError(expected: withUnit, found: quoted(text), suggestion: suggestion)
        }
        guard allowNegative || number >= 0 else {
            throw UnitParseError(expected: "a non-negative \(name)", found: quoted(text))
        }
        return number * scale
    }

    /// Splits a leading decimal number (`-?d+(.d+)?([eE][+-]?d+)?`) from the rest.
    /// The text in Unicode compatibility form (NFKC): full-width digits, letters, spaces
    /// and signs typed with a Japanese IME (`"１ Ｇｂｐｓ"`, `"４０　ms"`) become their ASCII
    /// forms; `µ` (micro sign) becomes `μ`.
    public static func normalized(_ text: String) -> String {
        text.precomposedStringWithCompatibilityMapping
    }

    private static func splitNumber(_ s: Substring) -> (Double, Substring, Substring)? {
        let chars = Array(s.unicodeScalars)
        var i = 0
        func digits() -> Int {
            let start = i
            while i < chars.count, ("0"..."9").contains(chars[i]) { i += 1 }
            return i - start
        }
        if i < chars.count, chars[i] == "-" { i += 1 }
        guard digits() > 0 else { return nil }
        if i < chars.count, chars[i] == "." {
            i += 1
            guard digits() > 0 else { return nil }
        }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            let mark = i
            i += 1
            if i < chars.count, chars[i] == "+" || chars[i] == "-" { i += 1 }
            if digits() == 0 { i = mark }  // "5 e" is not an exponent; leave it to the unit
        }
        let split = s.unicodeScalars.index(s.startIndex, offsetBy: i)
        let numberText = s[..<split]
        guard let value = Double(String(numberText)) else { return nil }
        return (value, numberText, s[split...])
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate var trimmingSpaces: Substring {
        let s = self[...]
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = s.firstIndex(where: { !isSpace($0) }) else { return s[s.endIndex...] }
        let last = s.lastIndex(where: { !isSpace($0) })!
        return s[first...last]
    }
}
