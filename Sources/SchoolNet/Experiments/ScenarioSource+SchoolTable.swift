import Foundation

/// A scenario whose schools are listed in a CSV file (`"schools": {"csv": FILE}`) seen as
/// if they were listed in JSON, so that an experiment can set one school's keys by key path.
///
/// **Validated by:** `SchoolSizeTests.schoolsListedInACSVFileAreSizedFromTheFirstRow`.
extension ScenarioSource {
    /// The school list's file as written in the scenario (`board-sakura-schools.csv`), or
    /// nil when the schools are listed in the scenario itself.
    public var schoolTableName: String? {
        guard case .object(let members)? = document.root["schools"], case .string(let name)? = members.first(where: { $0.key == "csv" })?.value
        else { return nil }
        return name
    }

    /// This scenario with its school list's rows written into `schools` as JSON entries (one
    /// per row, in order; what the file says, nothing added), or itself when the schools are
    /// already listed in JSON. Relative paths still resolve against ``file``, and messages
    /// name it.
    ///
    /// - Throws: ``ScenarioError`` when the list cannot be read (naming the CSV file, and its
    ///   line and column for a malformed header or row).
    public func inliningSchoolTable() throws -> ScenarioSource {
        guard let name = schoolTableName else { return self }
        let path = FlowLogConfiguration.resolve(name, relativeTo: file)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, kind: .unreadableFile(reason: "no such file, or it cannot be read (the school list named by schools.csv)"))
        }
        let entries = try Scenario.schoolTableEntries(bytes: [UInt8](data), file: path)
        guard case .object(var members) = document.root, let i = members.firstIndex(where: { $0.key == "schools" }) else { return self }
        members[i].value = .array(entries)
        var copy = self
        do { copy.document = try JSONDocument(parsing: JSONValue.object(members).serialized()) } catch {
            preconditionFailure("inliningSchoolTable: serialized JSON does not parse: \(error)")
        }
        return copy
    }
}
