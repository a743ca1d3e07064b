/// Deterministic JSON text: the same value always gives the same bytes, on every machine.
extension JSONValue {
    /// Serializes the value as JSON text.
    ///
    /// Numbers use ``format(number:)``; strings escape only `"`, `\` and control characters
    /// (non-ASCII text stays UTF-8); with `sortedKeys`, members are ordered by the bytes of
    /// their UTF-8 keys (ties keep their order), independent of locale and of hashing.
    ///
    /// - Parameters:
    ///   - sortedKeys: Whether object members are sorted by key instead of kept in order.
    ///   - pretty: Whether to indent by two spaces per level, one member or element per line.
    /// - Returns: The JSON text, without a trailing newline.
    /// - Complexity: O(*n*), plus O(*k* log *k*) per object of *k* members when sorting.
    public func serialized(sortedKeys: Bool = false, pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, sortedKeys: sortedKeys, indent: pretty ? "" : nil)
        return out
    }

    /// Formats a number for JSON output.
    ///
    /// Whole numbers below 2⁵³ in magnitude print without a fraction (`3`, `-120`); others use
    /// Swift's shortest round-trip form (`0.1`, `1e+20`, `1.5e-07`), which parses back to
    /// the same `Double`. NaN and infinities are not JSON and print as `null`.
    ///
    /// - Parameter number: Any `Double`.
    /// - Returns: The JSON number text, or `null`.
    public static func format(number: Double) -> String {
        guard number.isFinite else { return "null" }
        if number == number.rounded(), abs(number) < 9_007_199_254_740_992 { return String(Int64(number)) }
        return "\(number)"
    }

    private func write(to out: inout String, sortedKeys: Bool, indent: String?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x): out += JSONValue.format(number: x)
        case .string(let s): out += UnitParsing.quoted(s)
        case .array(let elements):
            writeContainer(elements, open: "[", close: "]", to: &out, indent: indent) { element, out, inner in
                element.write(to: &out, sortedKeys: sortedKeys, indent: inner)
            }
        case .object(var members):
            if sortedKeys {
                members = members.enumerated().sorted { a, b in
                    if a.element.key == b.element.key { return a.offset < b.offset }
                    return a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
                }.map(\.element)
            }
            writeContainer(members, open: "{", close: "}", to: &out, indent: indent) { member, out, inner in
                out += UnitParsing.quoted(member.key)
                out += inner == nil ? ":" : ": "
                member.value.write(to: &out, sortedKeys: sortedKeys, indent: inner)
            }
        }
    }

    private func writeContainer<Item>(
        _ items: [Item], open: String, close: String, to out: inout String, indent: String?,
        _ writeItem: (Item, inout String, String?) -> Void
    ) {
        out += open
        guard !items.isEmpty else { return out += close }
        let inner = indent.map { $0 + "  " }
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            if let inner { out += "\n" + inner }
            writeItem(item, &out, inner)
        }
        if let indent { out += "\n" + indent }
        out += close
    }
}
