/// Every benchmark case, in ladder order (small to large).
///
/// To add a family of cases, write `FooCases.swift` with
/// `extension BenchCase { static let fooCases: [BenchCase] = [...] }` (see ``BenchCase``)
/// and append `BenchCase.fooCases` to ``all``. Names must be unique; the harness checks.
enum BenchRegistry {
    /// All registered cases.
    static let all: [BenchCase] = BenchCase.kernelCases + BenchCase.flowCases + BenchCase.scenarioCases + BenchCase.sizingCases + BenchCase.flowLogCases

    /// The registered case names, in order.
    static var names: [String] { all.map(\.name) }

    /// The case named `name`, if registered.
    static func named(_ name: String) -> BenchCase? { all.first { $0.name == name } }

    /// Checks the registry: names unique, non-empty, no `@` or `,`.
    static func validate() {
        var seen = Set<String>()
        for c in all {
            precondition(!c.name.isEmpty && !c.name.contains("@") && !c.name.contains(","), "bad case name '\(c.name)'")
            precondition(seen.insert(c.name).inserted, "duplicate case name '\(c.name)'")
        }
    }
}
