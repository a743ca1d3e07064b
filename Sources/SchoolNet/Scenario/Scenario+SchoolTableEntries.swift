/// A school list's rows as the JSON `schools` entries they stand for, so that a command can
/// edit one school by key path (`schools[0].classesPerGrade`) as it would in a scenario that
/// lists its schools in JSON (see ``ScenarioSource/inliningSchoolTable()``).
extension Scenario {
    /// The entries of a school list's CSV text, in row order: each row's non-empty cells
    /// under their dotted keys, valued as ``readSchoolTable(bytes:file:into:templates:hasEgress:)``
    /// values them. Checks the header and the number of fields; the values themselves are
    /// checked when the scenario is read.
    ///
    /// - Parameters:
    ///   - bytes: The CSV file's bytes.
    ///   - file: The CSV file's path, for messages.
    /// - Returns: One JSON object per school row.
    /// - Throws: ``ScenarioError`` naming the CSV file, line and column.
    static func schoolTableEntries(bytes: [UInt8], file: String) throws -> [JSONValue] {
        let (table, columns, fail) = try openSchoolTable(bytes: bytes, file: file)
        return try table.rows.dropFirst().map { row in
            guard row.cells.count == columns.count else {
                throw fail(row.end, "expected \(columns.count) fields as in the header, found \(row.cells.count)")
            }
            return try schoolTableEntry(row, columns: columns, fail: fail).0
        }
    }
}
