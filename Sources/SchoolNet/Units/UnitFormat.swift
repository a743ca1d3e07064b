import Foundation

/// Number formatting shared by the unit types' descriptions and the reports.
///
/// Locale independent (always a `.` decimal point) so that reports are byte-identical on
/// every machine.
public enum UnitFormat {
    /// Formats `value` with about `digits` significant digits, trimming trailing zeros:
    /// `1.5`, `300`, `0.25`, `12.3`.
    public static func number(_ value: Double, digits: Int = 3) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "∞" : "-∞" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        let a = abs(value)
        let magnitude = a >= 1 ? Int(log10(a)) + 1 : Int(floor(log10(a))) + 1
        let decimals = max(0, min(9, digits - magnitude))
        return fixed(value, decimals: decimals)
    }

    /// Formats `value` with `decimals` digits after the point, trailing zeros trimmed
    /// unless `trim` is false.
    /// Values too large for 64-bit integer digits (beyond about 9e18 once scaled) are written
    /// in Swift's exponent form (`1e+30`), also locale independent.
    public static func fixed(_ value: Double, decimals: Int, trim: Bool = true) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        guard value.isFinite else { return number(value) }
        guard abs(value) * scale < 9e18 else { return "\(value)" }
        let scaled = (abs(value) * scale).rounded()
        let intPart = (scaled / scale).rounded(.down)
        let fracPart = Int64(scaled - intPart * scale)
        var s = (value < 0 && scaled != 0 ? "-" : "") + String(Int64(intPart))
        if decimals > 0 {
            var digitsStr = String(fracPart)
            digitsStr = String(repeating: "0", count: max(0, decimals - digitsStr.count)) + digitsStr
            if trim { while digitsStr.hasSuffix("0") { digitsStr.removeLast() } }
            if !digitsStr.isEmpty { s += "." + digitsStr }
        }
        return s
    }
}
