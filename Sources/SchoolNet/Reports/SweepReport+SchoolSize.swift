/// The files of `schoolnet size --students N1,N2,…`: per school size, the school simulated
/// (grades × classes × students per class), the smallest option that meets the targets
/// (on the means, or on the asked share of simulated days), whether a run with fresh seeds
/// confirmed it, and what held traffic back most at the option below (at the largest option
/// when none passes: what no option of this key fixes) — as a text table, CSV,
/// JSON (`"schema": "schoolnet.size-by-students/1"`) and an HTML page with the curve
/// (smallest passing option against students) and the table.
///
/// **Validated by:** `SchoolSizeTests.reportsGiveTheCurve`.
extension SweepReport {
    /// The schema of a sizing by school size.
    public static let sizeByStudentsSchema = "schoolnet.size-by-students/1"

    /// The columns of the table, as text cells, one row per school size.
    static func schoolSizeRows(_ sizes: [Sweep.SchoolSizing]) -> [[String]] {
        sizes.map { s in
            let st = s.structure, z = s.sizing
            let chosen = z.chosen.map { z.candidates[$0].point }
            let days = chosen.flatMap { $0 }?.daysDescription ?? "—"
            let below = z.chosen.flatMap { $0 > 0 ? z.candidates[$0 - 1].point?.topBottleneck : nil }
                ?? (z.chosen == nil ? z.candidates.last?.point?.topBottleneck : nil)
            return ["\(st.students)", "\(st.simulatedStudents) (\(st.grades) × \(st.classesPerGrade) × \(st.studentsPerClass))",
                    z.chosenValue ?? "none passes", days, z.chosen == nil ? "—" : (z.verified ? "yes" : "NO"), below ?? "—"]
        }
    }

    /// The header of the table.
    static func schoolSizeHeader(axis: Sweep.Axis, daysShare: Double?) -> [String] {
        ["students", "simulated (grades × classes × per class)", "smallest \(axis.path)",
         daysShare.map { "days meeting targets (≥ " + UnitFormat.number($0 * 100) + " %)" } ?? "days meeting targets",
         "verified", "held back most (option below; the largest if none passes)"]
    }

    /// The table as text.
    ///
    /// - Parameters:
    ///   - sizes: One sizing per school size.
    ///   - axis: The option varied.
    ///   - daysShare: The share of days that had to meet the targets, or nil.
    /// - Returns: The table and a closing line, lines ending in `\n`.
    public static func schoolSizeText(_ sizes: [Sweep.SchoolSizing], axis: Sweep.Axis, daysShare: Double?) -> String {
        let rows = [schoolSizeHeader(axis: axis, daysShare: daysShare)] + schoolSizeRows(sizes)
        let widths = rows[0].indices.map { i in rows.map { ReportFormat.displayWidth($0[i]) }.max() ?? 0 }
        var out = rows.map { r in r.enumerated().map { ReportFormat.padded($1, widths[$0] + 2) }.joined().replacingTrailingSpaces() }
            .joined(separator: "\n") + "\n"
        out += "Smallest option meeting every target "
            + (daysShare.map { "on at least " + UnitFormat.number($0 * 100) + " % of simulated days (one per replication)" }
               ?? "on the mean over the replications")
            + ", per school size; classes per grade follow the class-size cap, students spread evenly.\n"
        return out
    }

    /// The table as CSV.
    public static func schoolSizeCSV(_ sizes: [Sweep.SchoolSizing], axis: Sweep.Axis, daysShare: Double?, record: RunRecord?) -> String {
        var out = CSVReport.byteOrderMark + (record?.csvComments() ?? "")
        let q = CSVReport.quoted, nl = CSVReport.lineEnding
        out += ["students", "simulated_students", "grades", "classes_per_grade", "students_per_class", q(axis.path),
                "days", "days_passed", "verified", "held_back_below"].joined(separator: ",") + nl
        for s in sizes {
            let st = s.structure, z = s.sizing
            let p = z.chosen.flatMap { z.candidates[$0].point }
            let below = z.chosen.flatMap { $0 > 0 ? z.candidates[$0 - 1].point?.topBottleneck : nil }
            out += ["\(st.students)", "\(st.simulatedStudents)", "\(st.grades)", "\(st.classesPerGrade)", "\(st.studentsPerClass)",
                    q(z.chosenValue ?? ""), p.map { "\($0.days)" } ?? "", p.map { "\($0.daysPassed)" } ?? "",
                    z.chosen == nil ? "" : (z.verified ? "true" : "false"), q(below ?? "")].joined(separator: ",") + nl
        }
        return out
    }

    /// The sizing per school size as JSON (keys sorted, a trailing newline): `students[]`
    /// with the structure and the whole search (as in `schoolnet.size/1`) for each size.
    public static func schoolSizeJSON(_ sizes: [Sweep.SchoolSizing], axis: Sweep.Axis, daysShare: Double?, record: RunRecord?) -> String {
        JSONValue.object([
            ("schema", .string(sizeByStudentsSchema)),
            ("run", record?.json ?? .null),
            ("key", .string(axis.path)),
            ("days_share", daysShare.map { JSONReport.sig($0) } ?? .null),
            ("students", .array(sizes.map { s in
                let st = s.structure, z = s.sizing
                return .object([
                    ("students", .number(Double(st.students))), ("simulated_students", .number(Double(st.simulatedStudents))),
                    ("grades", .number(Double(st.grades))), ("classes_per_grade", .number(Double(st.classesPerGrade))),
                    ("students_per_class", .number(Double(st.studentsPerClass))),
                    ("chosen", z.chosenValue.map(JSONValue.string) ?? .null), ("verified", .bool(z.verified)),
                    ("candidates", .array(z.candidates.map { c in
                        .object([("value", .string(c.value)), ("cost", c.cost.map(JSONReport.sig) ?? .null),
                                 ("result", c.point.map { pointValue($0, axes: [axis.path]) } ?? .null)])
                    })),
                    ("verification", z.verification.map { pointValue($0, axes: [axis.path]) } ?? .null),
                ])
            })),
        ]).serialized(sortedKeys: true, pretty: true) + "\n"
    }

    /// The sizing per school size as an HTML page: the curve and the table.
    public static func schoolSizeHTML(_ sizes: [Sweep.SchoolSizing], axis: Sweep.Axis, daysShare: Double?, record: RunRecord?,
                                      title: String) -> String {
        let e = HTMLReport.escape
        var h = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + e(title) + "</title>\n<style>\n"
        h += HTMLReport.style + "svg text { font-size: 11px; } .fail { fill: #c0392b; } .pass { fill: #2471a3; }\n</style>\n</head>\n<body>\n"
        h += "<header>\n<h1>" + e(title) + "</h1>\n"
        if let record { h += "<p class=\"meta\">" + e(record.line) + "</p>\n" }
        h += "</header>\n<figure>\n" + schoolSizeChart(sizes, axis: axis)
        h += "<figcaption>" + e("Smallest \(axis.path) meeting every target "
            + (daysShare.map { "on at least " + UnitFormat.number($0 * 100) + " % of simulated days" } ?? "on the mean")
            + ", against the school's students. Options are spaced evenly on the vertical axis, in the order tried; "
            + "a red point at the top: no option passed.") + "</figcaption>\n</figure>\n"
        h += "<table class=\"qoe\">\n<thead><tr>" + schoolSizeHeader(axis: axis, daysShare: daysShare).map { "<th>" + e($0) + "</th>" }.joined()
            + "</tr></thead>\n<tbody>\n"
        for r in schoolSizeRows(sizes) { h += "<tr>" + r.map { "<td>" + e($0) + "</td>" }.joined() + "</tr>\n" }
        return h + "</tbody>\n</table>\n</body>\n</html>\n"
    }

    /// The curve: students (x, to scale) against the smallest passing option (y, the
    /// options evenly spaced in the order tried).
    static func schoolSizeChart(_ sizes: [Sweep.SchoolSizing], axis: Sweep.Axis) -> String {
        let w = 640.0, h = 300.0, left = 110.0, right = 20.0, top = 16.0, bottom = 46.0
        let options = sizes.first?.sizing.candidates.map(\.value) ?? []
        let n = max(options.count, 1)
        let maxStudents = Double(sizes.map(\.structure.students).max() ?? 1)
        func x(_ v: Double) -> Double { left + (w - left - right) * v / max(maxStudents, 1) }
        func y(_ i: Int) -> Double { top + (h - top - bottom) * (1 - Double(i) / Double(n)) }
        func f(_ v: Double) -> String { UnitFormat.fixed(v, decimals: 1, trim: true) }
        var s = "<svg class=\"chart sizing\" viewBox=\"0 0 \(f(w)) \(f(h))\" width=\"\(f(w))\" height=\"\(f(h))\" role=\"img\">\n"
        s += "<line x1=\"\(f(left))\" y1=\"\(f(h - bottom))\" x2=\"\(f(w - right))\" y2=\"\(f(h - bottom))\" stroke=\"#888\"/>\n"
        s += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(h - bottom))\" stroke=\"#888\"/>\n"
        for (i, o) in options.enumerated() {
            s += "<text x=\"\(f(left - 6))\" y=\"\(f(y(i) + 4))\" text-anchor=\"end\">" + HTMLReport.escape(o) + "</text>\n"
        }
        for t in 0...4 {
            let v = maxStudents * Double(t) / 4
            s += "<text x=\"\(f(x(v)))\" y=\"\(f(h - bottom + 16))\" text-anchor=\"middle\">" + UnitFormat.number(v.rounded()) + "</text>\n"
        }
        s += "<text x=\"\(f((left + w - right) / 2))\" y=\"\(f(h - 8))\" text-anchor=\"middle\">students</text>\n"
        let points = sizes.map { z -> (Double, Int, Bool) in
            (Double(z.structure.students), z.sizing.chosen ?? options.count, z.sizing.chosen != nil)
        }
        let path = points.map { "\(f(x($0.0))),\(f(y($0.1)))" }
        if path.count > 1 { s += "<polyline fill=\"none\" stroke=\"#2471a3\" stroke-width=\"2\" points=\"" + path.joined(separator: " ") + "\"/>\n" }
        for p in points {
            s += "<circle cx=\"\(f(x(p.0)))\" cy=\"\(f(y(p.1)))\" r=\"4\" class=\"\(p.2 ? "pass" : "fail")\"><title>"
                + HTMLReport.escape("\(Int(p.0)) students: " + (p.2 ? options[p.1] : "no option passes")) + "</title></circle>\n"
        }
        return s + "</svg>\n"
    }
}
