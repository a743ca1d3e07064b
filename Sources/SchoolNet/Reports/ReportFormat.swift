/// Number, time and text formatting shared by the renderers: clock times, plain-language
/// durations, metric values with units, percentages. Locale independent (built on
/// ``UnitFormat``), so every report is byte-identical on every machine.
public enum ReportFormat {
    /// A clock time `HH:MM:SS` for an offset from the start of the run.
    ///
    /// Hours keep counting past 23 (a run from 23:00 for 2 h ends at `25:00:00`), so times
    /// stay ordered; seconds are truncated.
    ///
    /// - Parameters:
    ///   - offset: Time since the start of the run.
    ///   - clockStart: Time of day at the start of the run.
    /// - Returns: The clock time, e.g. `"09:00:04"`.
    public static func clock(_ offset: SimDuration, from clockStart: SimDuration) -> String {
        let total = max(0, (clockStart + offset).nanoseconds / 1_000_000_000)
        return pad(total / 3600) + ":" + pad(total / 60 % 60) + ":" + pad(total % 60)
    }

    /// A duration in plain words with its unit: `"0.4 s"`, `"3.7 s"`, `"12 min 30 s"`,
    /// `"2 h 05 min"`. Never nanoseconds; below 1 ms prints `"under 1 ms"`.
    ///
    /// - Parameter d: The duration.
    /// - Returns: The text.
    public static func duration(_ d: SimDuration) -> String {
        let s = d.seconds
        if s <= 0 { return "0 s" }
        if s < 1e-3 { return "under 1 ms" }
        if s < 1 { return UnitFormat.number(s * 1e3, digits: 2) + " ms" }
        if s < 60 { return UnitFormat.number(s, digits: 2) + " s" }
        let whole = Int64(s.rounded())
        if whole < 3600 { return "\(whole / 60) min" + (whole % 60 == 0 ? "" : " \(whole % 60) s") }
        return "\(whole / 3600) h " + pad(whole / 60 % 60) + " min"
    }

    /// Seconds as a duration in plain words (see ``duration(_:)``).
    ///
    /// - Parameter seconds: A non-negative number of seconds.
    /// - Returns: The text.
    public static func seconds(_ seconds: Double) -> String { duration(.seconds(max(0, seconds))) }

    /// A fraction as a whole percentage: `0.873` → `"87 %"`.
    ///
    /// - Parameter fraction: The fraction.
    /// - Returns: The text.
    public static func percent(_ fraction: Double) -> String {
        UnitFormat.fixed(fraction * 100, decimals: 0) + " %"
    }

    /// A metric value with its unit: `"3.71 s"`, `"100 %"`, `"12.5 Mbps"`, `"3"` (count),
    /// `"n/a"` when undefined.
    ///
    /// - Parameters:
    ///   - value: The value in `unit`.
    ///   - unit: The metric's unit (`s`, `%`, `Mbps`, `count`, `ratio`, …).
    /// - Returns: The text.
    public static func value(_ value: Double, unit: String) -> String {
        if value.isNaN { return "n/a" }
        let number = UnitFormat.number(value, digits: 3)
        switch unit {
        case "count", "ratio", "": return number
        default: return number + " " + unit
        }
    }

    /// A metric value with its confidence interval, if any: `"3.71 ± 0.05 s"`.
    ///
    /// - Parameters:
    ///   - value: The point estimate.
    ///   - halfWidth: The interval's half-width, or nil.
    ///   - unit: The unit.
    /// - Returns: The text.
    public static func value(_ value: Double, halfWidth: Double?, unit: String) -> String {
        guard let halfWidth, !value.isNaN, !halfWidth.isNaN else { return self.value(value, unit: unit) }
        let suffix = ["count", "ratio", ""].contains(unit) ? "" : " " + unit
        return UnitFormat.number(value, digits: 3) + " ± " + UnitFormat.number(halfWidth, digits: 2) + suffix
    }

    /// A rate with its confidence interval, if any, both in the unit of the value:
    /// `"612 ± 12 Mbps"`, `"1.2 ± 0.05 Gbps"`, `"800 Mbps"`; `"n/a"` when undefined.
    ///
    /// - Parameters:
    ///   - bitsPerSecond: The point estimate, bits/s.
    ///   - halfWidth: The interval's half-width, bits/s, or nil.
    /// - Returns: The text.
    public static func rate(_ bitsPerSecond: Double, halfWidth: Double?) -> String {
        if bitsPerSecond.isNaN { return "n/a" }
        let a = abs(bitsPerSecond)
        let (scale, unit) = a >= 1e9 ? (1e9, "Gbps") : a >= 1e6 ? (1e6, "Mbps") : a >= 1e3 ? (1e3, "kbps") : (1, "bps")
        return value(bitsPerSecond / scale, halfWidth: halfWidth.map { $0 / scale }, unit: unit)
    }

    /// A target in words: `"≤ 5 s"` or `"≥ 100 %"`; `"—"` without one.
    ///
    /// - Parameter metric: The metric.
    /// - Returns: The text.
    public static func target(_ metric: Metric) -> String {
        guard let t = metric.target else { return "—" }
        return (metric.higherIsBetter ? "≥ " : "≤ ") + value(t, unit: metric.unit)
    }

    /// `PASS`, `FAIL` or `—` for a verdict.
    ///
    /// - Parameter passed: The verdict, nil for none.
    /// - Returns: The text.
    public static func verdict(_ passed: Bool?) -> String {
        switch passed {
        case true?: "PASS"
        case false?: "FAIL"
        case nil: "—"
        }
    }

    /// `text` cut to `width` characters with a trailing `…`, or padded with spaces to it.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - width: The column width in characters.
    /// - Returns: Exactly `width` characters.
    public static func column(_ text: String, _ width: Int) -> String {
        if text.count > width { return String(text.prefix(width - 1)) + "…" }
        return text + String(repeating: " ", count: width - text.count)
    }

    /// `text` padded with spaces to `width` terminal columns, never cut (wide East Asian
    /// characters count two columns).
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - width: The column width in terminal columns.
    /// - Returns: The text, then spaces up to `width`.
    public static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - displayWidth(text)))
    }

    /// Terminal columns `text` takes: two for wide East Asian characters (CJK ideographs,
    /// kana, Hangul, full-width forms), one for the rest.
    ///
    /// - Parameter text: The text.
    /// - Returns: The width in columns.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { n, u in
            switch u.value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
                 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6: n + 2
            case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: n
            default: n + 1
            }
        }
    }

    static func pad(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
