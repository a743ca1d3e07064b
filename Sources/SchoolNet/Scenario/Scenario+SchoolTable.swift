import Foundation

/// A board's list of schools kept in a spreadsheet: `"schools": {"csv": "schools.csv"}`.
///
/// Each row is one entry of `schools`, exactly as it would be written in JSON, and is read by
/// the same code with the same checks. Columns are the entry's keys; a nested key is written
/// with dots (`access.down`, `radio.type`):
///
/// ```text
/// name,type,classesPerGrade,studentsPerClass,access.down,breakout
/// 桜小学校,elementary,3,32,1 Gbps,local
/// "Minami, annex",elementary,1,18,,local
/// ```
///
/// **Cells**: an empty cell leaves the key out (the school type's value, or the default); a
/// number (full-width digits too) is a number, `true`/`false` a boolean, a cell starting with
/// `[` or `{` is JSON (`"[7, 9, 11]"` for LTE CQIs), anything else text. `name` and `type` are
/// always text, and `name` must be given.
///
/// **Checked** (each refused with `FILE:LINE:COLUMN:` and the column's key path): the header's
/// column names (a misspelt one, with a "did you mean"), each column once, a `name` column;
/// every row has the header's number of fields; names unique (the message names both lines);
/// every value as in a JSON scenario (`access.down: expected a bit rate …, found "1 Gbs"`).
/// No row is dropped: every row that is not blank is a school or an error.
extension Scenario {
    /// The columns a school list may have: the keys of a `schools` entry, nested ones dotted.
    /// (Kept in step with ``readSchool(_:base:name:)``, ``readRadio(_:)``,
    /// ``readAccess(_:)`` and `readLTECell`; `SchoolTableTests` reads every one.)
    static let schoolTableColumns: [String] = [
        "name", "type", "count", "grades", "firstGrade", "classesPerGrade", "studentsPerClass", "students", "classroomUplink", "breakout",
        "accessBuffer", "accessDiscipline", "classroomUplinkBuffer", "classroomUplinkDiscipline", "radioBuffer", "radioDiscipline",
        "access.type", "access.service", "access.down", "access.up", "access.availability", "access.session",
        "access.pppoe.capacity", "access.pppoe.subscribers", "access.delay",
        "access.line", "access.distanceKm", "access.backboneKm", "access.vpn",
        "radio.type", "radio.standard", "radio.channelWidth", "radio.spatialStreams", "radio.mcs", "radio.aggregation",
        "radio.slowClients", "radio.slowClientMCS", "radio.coChannel",
        "radio.bandwidth", "radio.pattern", "radio.downlinkLayers", "radio.uplinkLayers", "radio.cqi",
        "radio.coreDelay", "radio.monthlyCap", "radio.throttledRate", "radio.overCap",
        "radio.publicLoad", "radio.downlinkOverhead", "radio.uplinkOverhead", "radio.linkModel",
    ]

    /// Reads `schools` given as `{"csv": FILE}`: the file relative to the scenario file.
    ///
    /// - Throws: ``ScenarioError`` naming the scenario file and key path (`schools.csv`) when
    ///   the file cannot be read, else the CSV file, line and column.
    static func readSchoolTable(_ m: ScenarioReader, templates: [(name: String, spec: SchoolSpec)], hasEgress: Bool) throws -> [SchoolSpec] {
        let (path, bytes) = try m.finishing { m -> (String, [UInt8]) in
            let given = try m.string("csv", expected: "the school list's CSV file, relative to the scenario file, e.g. \"schools.csv\"")
            let path = FlowLogConfiguration.resolve(given, relativeTo: m.scenarioPath)
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            guard exists, !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
                let reason = !exists ? "no such file" : isDirectory.boolValue ? "it is a directory" : "permission denied or read error"
                throw try m.member("csv", expected: "").error("cannot read \"\(path)\": \(reason)")
            }
            return (path, [UInt8](data))
        }
        return try readSchoolTable(bytes: bytes, file: path, into: m, templates: templates, hasEgress: hasEgress)
    }

    /// Reads a school list's CSV text; the settings read are recorded in `parent` (for
    /// `explain`) at `schools[ROW]`, with their position in the CSV file.
    static func readSchoolTable(bytes: [UInt8], file: String, into parent: ScenarioReader,
                                templates: [(name: String, spec: SchoolSpec)], hasEgress: Bool) throws -> [SchoolSpec] {
        let (table, columns, fail) = try openSchoolTable(bytes: bytes, file: file)
        let header = table.rows[0]
        guard table.rows.count > 1 else {
            throw fail(header.end, "the school list has a header but no school (expected one row per school below it)")
        }
        var out = SchoolList()
        var firstLine: [String: Int] = [:]
        for (index, row) in table.rows.dropFirst().enumerated() {
            if row.cells.count != columns.count {
                let at = row.cells.count > columns.count ? row.cells[columns.count].position : row.end
                throw fail(at, "expected \(columns.count) fields as in the header, found \(row.cells.count); "
                           + "leave a cell empty for a default (and quote a value with a comma: \"Sakura, east\")")
            }
            let nameIndex = columns.firstIndex(of: ["name"])!
            let name = row.cells[nameIndex]
            guard !name.text.isEmpty else { throw fail(name.position, "name: expected the school's name, found an empty cell") }
            if let earlier = firstLine[name.text] {
                throw fail(name.position, "name: \"\(name.text)\" is already the name of the school on line \(earlier); give each school its own name")
            }
            firstLine[name.text] = row.line
            let (value, map) = try schoolTableEntry(row, columns: columns, fail: fail)
            var document = JSONDocument(root: value)
            document.sourceMap = map
            let reader = ScenarioReader(document: document, file: file)
            do {
                try reader.finishing { try readSchoolEntry($0, templates: templates, hasEgress: hasEgress, into: &out) }
            } catch let e as ScenarioError where e.file == file {
                throw fail(position(of: e.keyPath, in: value, map: map), e.message)
            }
            let prefix = ScenarioKeyPath([.key("schools"), .index(index)])
            for s in reader.settings {
                let origin: ScenarioSetting.Origin
                if case .file(let p) = s.origin { origin = .table(file: file, position: p) } else { origin = s.origin }
                parent.record(s.value, origin: origin, keyPath: ScenarioKeyPath(prefix.components + s.keyPath.components))
            }
        }
        return out.schools
    }

    /// A school list's CSV text parsed, its header read, and the error maker for its
    /// positions. Throws if the text is not CSV or has no header line.
    static func openSchoolTable(bytes: [UInt8], file: String) throws
        -> (table: CSVTable, columns: [[String]], fail: (JSONDocument.Position, String) -> ScenarioError) {
        let table = try CSVTable(bytes: bytes, file: file, what: "the school list")
        let fail = { (p: JSONDocument.Position, message: String) -> ScenarioError in
            ScenarioError(file: file, kind: .syntax(JSONSyntaxError(position: p, message: message)))
        }
        guard let header = table.rows.first else {
            throw fail(.init(line: 1, column: 1), "the school list is empty (expected a header line such as \"name,type,classesPerGrade\")")
        }
        return (table, try readSchoolTableHeader(header, fail: fail), fail)
    }

    /// The header's columns as key paths; refuses unknown, repeated and empty names.
    static func readSchoolTableHeader(_ header: CSVTable.Row,
                                              fail: (JSONDocument.Position, String) -> ScenarioError) throws -> [[String]] {
        var seen: [String: Int] = [:]
        var columns: [[String]] = []
        for (i, cell) in header.cells.enumerated() {
            let name = cell.text
            guard !name.isEmpty else {
                throw fail(cell.position, "column \(i + 1) of the header has no name (expected one of the school keys, e.g. \"name\", \"type\", \"access.down\")")
            }
            guard schoolTableColumns.contains(name) else {
                if name.contains("\t") || name.contains(";") {
                    throw fail(cell.position, "the school list's fields are separated by commas; this header seems to use \(name.contains("\t") ? "tabs" : "semicolons")")
                }
                let hint = Spelling.suggestion(for: name, in: schoolTableColumns).map { "; did you mean \"\($0)\"?" }
                    ?? " (expected a key of a school entry: " + schoolTableColumns.prefix(10).joined(separator: ", ") + ", access.…, radio.…; see Scenarios/README.md)"
                throw fail(cell.position, "unknown column \"\(name)\"" + hint)
            }
            if let earlier = seen[name] { throw fail(cell.position, "the column \"\(name)\" is given twice (also column \(earlier))") }
            seen[name] = i + 1
            columns.append(name.split(separator: ".").map(String.init))
        }
        guard columns.contains(["name"]) else {
            throw fail(header.cells[0].position, "the school list needs a \"name\" column (each school's name, as activities and reports name it)")
        }
        return columns
    }

    /// A row as the JSON object of a `schools` entry, with every value's position in the CSV.
    static func schoolTableEntry(_ row: CSVTable.Row, columns: [[String]],
                                         fail: (JSONDocument.Position, String) -> ScenarioError) throws -> (JSONValue, JSONDocument.SourceMap) {
        // Build nested objects, keeping the header's order.
        final class Node {
            var members: [(key: String, node: Node)] = []
            var leaf: (JSONValue, JSONDocument.Position)?
            var position = JSONDocument.Position(line: 1, column: 1)
            func child(_ key: String, at p: JSONDocument.Position) -> Node {
                if let n = members.first(where: { $0.key == key }) { return n.node }
                let n = Node()
                n.position = p
                members.append((key, n))
                return n
            }
            func build() -> (JSONValue, JSONDocument.SourceMap) {
                if let (v, p) = leaf { return (v, valueMap(v, at: p)) }
                let built = members.map { ($0.key, $0.node.build()) }
                return (.object(built.map { ($0.0, $0.1.0) }), JSONDocument.SourceMap(position: position, children: built.map { $0.1.1 }))
            }
            func valueMap(_ v: JSONValue, at p: JSONDocument.Position) -> JSONDocument.SourceMap {
                switch v {
                case .array(let a): return .init(position: p, children: a.map { valueMap($0, at: p) })
                case .object(let o): return .init(position: p, children: o.map { valueMap($0.value, at: p) })
                default: return .init(position: p)
                }
            }
        }
        let root = Node()
        root.position = row.cells.first?.position ?? row.end
        for (path, cell) in zip(columns, row.cells) where !cell.text.isEmpty {
            var node = root
            for key in path { node = node.child(key, at: cell.position) }
            node.leaf = (try cellValue(cell, key: path.joined(separator: "."), fail: fail), cell.position)
        }
        return root.build()
    }

    /// A cell's JSON value: text for `name` and `type`; else a number, a boolean, JSON
    /// (`[…]`, `{…}`) or text.
    private static func cellValue(_ cell: CSVTable.Cell, key: String, fail: (JSONDocument.Position, String) -> ScenarioError) throws -> JSONValue {
        if key == "name" || key == "type" { return .string(cell.text) }
        let text = cell.text.precomposedStringWithCompatibilityMapping.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("[") || text.hasPrefix("{") {
            do { return try JSONDocument(parsing: text).root } catch {
                throw fail(cell.position, "\(key): expected a JSON list such as \"[7, 9, 11]\" (the cell starts with \"\(text.prefix(1))\"): "
                           + "at character \(error.position.column), \(error.message)")
            }
        }
        if let first = text.unicodeScalars.first, first == "-" || ("0"..."9").contains(first),
           let doc = try? JSONDocument(parsing: text), case .number = doc.root {
            return doc.root
        }
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        return .string(cell.text)
    }

    /// Where a reader's error points in the row: the deepest value of `path` present, else
    /// the row's first cell.
    private static func position(of path: ScenarioKeyPath, in value: JSONValue, map: JSONDocument.SourceMap) -> JSONDocument.Position {
        var v = value, m = map
        for component in path.components {
            switch (component, v) {
            case (.key(let k), .object(let members)):
                guard let i = members.firstIndex(where: { $0.key == k }) else { return m.position }
                v = members[i].value
                m = m.children[i]
            case (.index(let n), .array(let items)) where n < items.count:
                v = items[n]
                m = m.children[n]
            default:
                return m.position
            }
        }
        return m.position
    }
}
