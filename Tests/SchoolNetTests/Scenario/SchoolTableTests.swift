import Foundation
import Testing
@testable import SchoolNet

/// A board's school list from a CSV file (`"schools": {"csv": FILE}`): what a spreadsheet
/// writes is read (quotes, BOM, CRLF, blank rows, full-width digits), every row is a school
/// or an error, and every error names the file, line, column and what was expected.
@Suite struct SchoolTableTests {
    static let templates: [(name: String, spec: SchoolSpec)] = {
        let r = try! ScenarioReader(json: #"{"schoolTypes": {"elementary": {"grades": 6, "classesPerGrade": 2}, "juniorHigh": {"grades": 3, "firstGrade": 7}}}"#,
                                    file: "s.json")
        return try! Scenario.readTemplates(r)
    }()

    static func read(_ text: String, egress: Bool = false) throws -> [SchoolSpec] {
        let parent = try ScenarioReader(json: "{}", file: "s.json")
        return try Scenario.readSchoolTable(bytes: Array(text.utf8), file: "t.csv", into: parent, templates: templates, hasEgress: egress)
    }

    static func message(_ text: String, egress: Bool = false) -> String {
        do { _ = try read(text, egress: egress); return "accepted" } catch { return "\(error)" }
    }

    @Test func aSpreadsheetExportIsReadWholeRowByRow() throws {
        // BOM, CRLF, a quoted name with a comma and a doubled quote, a blank line, an empty
        // spreadsheet row (",,,"), full-width digits, a lone CR line end, spaces around fields.
        let text = "\u{FEFF}name,type,classesPerGrade,studentsPerClass\r\n"
            + "桜小学校,elementary,3,32\r\n"
            + "\"Minami, \"\"annex\"\"\",elementary,1,１８\r\n"
            + "\r\n"
            + ",,,\r\n"
            + " 東中学校 , juniorHigh , , \r"
            + "\"北小学校\",,2,20"
        let schools = try Self.read(text)
        #expect(schools.map(\.name) == ["桜小学校", "Minami, \"annex\"", "東中学校", "北小学校"])
        #expect(schools[0].classes.count == 18 && schools[0].classes[0].students == 32)
        #expect(schools[1].classes.count == 6 && schools[1].classes[0].students == 18)
        #expect(schools[2].classes.first?.grade == 7 && schools[2].classes.count == 9)   // the type's values
        #expect(schools[3].classes.count == 12 && schools[3].classes.first?.grade == 1)  // no type: defaults
    }

    @Test(arguments: [
        ("name,clasesPerGrade\nA,2\n", #"t.csv:1:6: unknown column "clasesPerGrade"; did you mean "classesPerGrade"?"#),
        ("name,type\nA,elementary\nB,elementary,3\n",
         #"t.csv:3:14: expected 2 fields as in the header, found 3; leave a cell empty for a default (and quote a value with a comma: "Sakura, east")"#),
        ("name,type,grades\nA,elementary\n",
         #"t.csv:2:13: expected 3 fields as in the header, found 2; leave a cell empty for a default (and quote a value with a comma: "Sakura, east")"#),
        ("name,type\n桜小学校,elementary\n東小学校,elementary\n桜小学校,elementary\n",
         #"t.csv:4:1: name: "桜小学校" is already the name of the school on line 2; give each school its own name"#),
        ("name,type\n,elementary\n", "t.csv:2:1: name: expected the school's name, found an empty cell"),
        ("type,grades\nelementary,6\n", #"t.csv:1:1: the school list needs a "name" column (each school's name, as activities and reports name it)"#),
        ("name,type\nA,elemantary\n", #"t.csv:2:3: type: expected one of the school types: "elementary", "juniorHigh", found "elemantary"; did you mean "elementary"?"#),
        ("name,grades\n桜小学校,six\n", "t.csv:2:6: grades: expected a whole number, found \"six\""),
        ("name,grades,firstGrade\nA,6,9\n", "t.csv:2:1: grades 9…14 go beyond grade 12"),
        ("name,access.down\nA,1 Gbps\n", #"t.csv:2:3: access: missing required key "type" (expected one of "fiber", "sinet")"#),
        ("name,breakout\nA,central\n", #"t.csv:2:1: "breakout": "central" needs an "egress" (the data center) at the top level"#),
        ("name,type\n\"A\"x,elementary\n", #"t.csv:2:4: expected a comma or the end of the line after the closing quote, found "x" (write a quote inside a quoted field as "")"#),
        ("name,type\n\"A,elementary\n", "t.csv:2:1: a quoted field is not closed (its closing quote is missing)"),
        ("name,type,type\nA,elementary,elementary\n", #"t.csv:1:11: the column "type" is given twice (also column 2)"#),
        ("name\ttype\nA\telementary\n", "t.csv:1:1: the school list's fields are separated by commas; this header seems to use tabs"),
        ("name,radio.cqi\nA,\"[7, 9\"\n", #"t.csv:2:3: radio.cqi: expected a JSON list such as "[7, 9, 11]" (the cell starts with "["): at character 6, expected ',' or ']' after array element, found end of input"#),
        ("\n\n", #"t.csv:1:1: the school list is empty (expected a header line such as "name,type,classesPerGrade")"#),
        ("name,type\n", "t.csv:1:10: the school list has a header but no school (expected one row per school below it)"),
    ])
    func errorsNameLineColumnAndExpectedValue(text: String, message: String) {
        #expect(Self.message(text) == message)
    }

    @Test func aValueIsCheckedAsInAJSONScenario() {
        let m = Self.message("name,access.type,access.down\n桜小学校,fiber,1 Gbs\n")
        #expect(m.hasPrefix("t.csv:2:12: access.down: expected a bit rate"), "\(m)")
        #expect(m.contains(#"found "1 Gbs""#), "\(m)")
    }

    @Test func textThatIsNotUTF8IsRefusedWithTheConversion() {
        // "桜" in Shift_JIS (0x8DF7), as Excel's plain "CSV" writes it on a Japanese system.
        let bytes: [UInt8] = Array("name,type\nA,elementary\n".utf8) + [0x8D, 0xF7] + Array(",elementary\n".utf8)
        do {
            _ = try Scenario.readSchoolTable(bytes: bytes, file: "t.csv", into: try ScenarioReader(json: "{}", file: "s.json"),
                                             templates: Self.templates, hasEgress: false)
            Issue.record("accepted Shift_JIS")
        } catch {
            #expect("\(error)".hasPrefix("t.csv:3:1: the school list is not UTF-8 text"), "\(error)")
            #expect("\(error)".contains("CSV UTF-8"))
        }
    }

    /// Every column the table accepts is a key the school reader reads: three rows fill them
    /// all (Wi-Fi with PPPoE fiber, local 5G with SINET, LTE) and read without an unknown key.
    @Test func everyColumnIsAKeyTheReaderReads() throws {
        let availability = "\"[" + Array(repeating: "0.9", count: 24).joined(separator: ", ") + "]\""
        let rows: [[String: String]] = [
            ["name": "wifi", "type": "elementary", "count": "2", "grades": "6", "firstGrade": "1", "classesPerGrade": "2",
             "studentsPerClass": "30", "classroomUplink": "1 Gbps", "breakout": "central",
             "accessBuffer": "100 ms", "accessDiscipline": "fq_codel", "classroomUplinkBuffer": "2 MB", "classroomUplinkDiscipline": "fifo",
             "radioBuffer": "64 kB", "radioDiscipline": "fq_codel",
             "radio.type": "wifi", "radio.standard": "ax", "radio.channelWidth": "40 MHz", "radio.spatialStreams": "2", "radio.mcs": "9",
             "radio.aggregation": "32", "radio.slowClients": "10 %", "radio.slowClientMCS": "1", "radio.coChannel": "1",
             "access.type": "fiber", "access.service": "bestEffort", "access.down": "1 Gbps", "access.up": "1 Gbps",
             "access.availability": availability, "access.session": "pppoe", "access.pppoe.capacity": "1 Gbps",
             "access.pppoe.subscribers": "5000", "access.delay": "2 ms"],
            ["name": "5g", "students": "100", "radio.type": "local5g", "radio.bandwidth": "100 MHz", "radio.pattern": "DDDSU", "radio.downlinkLayers": "4",
             "radio.uplinkLayers": "2", "radio.cqi": "15",
             "access.type": "sinet", "access.line": "10 Gbps", "access.distanceKm": "20", "access.backboneKm": "500", "access.vpn": "ipsec"],
            ["name": "lte", "radio.type": "lte", "radio.bandwidth": "20 MHz", "radio.cqi": "\"[7, 9, 11]\"", "radio.coreDelay": "15 ms",
             "radio.monthlyCap": "7 GB", "radio.throttledRate": "128 kbps", "radio.overCap": "10 %", "radio.publicLoad": "40 %",
             "radio.downlinkLayers": "2", "radio.uplinkLayers": "1", "radio.downlinkOverhead": "25 %", "radio.uplinkOverhead": "15 %",
             "radio.linkModel": "spectralEfficiency"],
        ]
        let columns = Scenario.schoolTableColumns
        #expect(Set(rows.flatMap(\.keys)) == Set(columns))
        let text = columns.joined(separator: ",") + "\n" + rows.map { row in columns.map { row[$0] ?? "" }.joined(separator: ",") }.joined(separator: "\n")
        let schools = try Self.read(text, egress: true)
        #expect(schools.map(\.name) == ["wifi-1", "wifi-2", "5g", "lte"])
    }

    /// A board's list gives each school's total: spread evenly over its classes.
    @Test func aSchoolTotalIsSpreadOverItsClasses() throws {
        let schools = try Self.read("name,type,students,classesPerGrade\n桜小学校,elementary,400,2\n東小学校,,20,\n")
        #expect(schools[0].classes.map(\.students) == [34, 34, 34, 34] + Array(repeating: 33, count: 8))
        #expect(schools[0].studentCount == 400 && schools[1].studentCount == 20 && schools[1].classes.count == 18)
        #expect(Self.message("name,students,studentsPerClass\nA,400,30\n")
                == #"t.csv:2:1: give "students" (the school's total) or "studentsPerClass", not both"#)
        #expect(Self.message("name,type,students\nA,elementary,11\n")
                == "t.csv:2:14: students: expected at least one student for each of the school's 12 classes (6 grades × 2 classes per grade), found a number 11")
    }

    /// A scenario names the file relative to itself; `explain` shows each value's CSV line and
    /// column; `--set` overrides (named in messages) still find the file.
    @Test func aScenarioReadsItsSchoolListBesideIt() throws {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("schoolnet-table-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir + "/lists", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "name,classesPerGrade,access.type,access.down\n桜小学校,2,fiber,1 Gbps\n東小学校,1,,\n"
            .write(toFile: dir + "/lists/schools.csv", atomically: true, encoding: .utf8)
        let json = #"""
        {"name": "board", "day": {"start": "09:00", "end": "09:05"}, "schools": {"csv": "lists/schools.csv"},
         "activities": [{"activity": "cbt", "grades": [6]}]}
        """#
        try json.write(toFile: dir + "/board.json", atomically: true, encoding: .utf8)
        let scenario = try Scenario.read(ScenarioReader(contentsOfFile: dir + "/board.json"))
        #expect(scenario.schools.map(\.name) == ["桜小学校", "東小学校"])
        let down = scenario.settings.first { $0.keyPath.description == "schools[0].access.down" }
        #expect(down?.description == "schools[0].access.down = 1 Gbps (\(dir)/lists/schools.csv:2:14)")
        let source = try ScenarioSource(file: dir + "/board.json")
        let faster = try source.scenario(with: [try ScenarioOverride(parsing: "day.end=09:04"), try ScenarioOverride(parsing: "name=a/b")])
        #expect(faster.schools.count == 2)
        #expect(throws: ExperimentError("\(dir)/board.json: --set schools[0].access.down: key path \"schools\" is an object, which has no element [0]; "
                                        + "the schools are listed in lists/schools.csv: edit that file, set their school type (schoolTypes.NAME.KEY), "
                                        + "or name another list (schools.csv=FILE)")) {
            try source.scenario(with: [try ScenarioOverride(parsing: "schools[0].access.down=2 Gbps")])
        }
        // A missing file is named with the scenario's key path.
        try json.replacingOccurrences(of: "lists/schools.csv", with: "none.csv").write(toFile: dir + "/bad.json", atomically: true, encoding: .utf8)
        #expect(throws: ScenarioError(file: dir + "/bad.json", keyPath: ScenarioKeyPath([.key("schools"), .key("csv")]),
                                      kind: .invalid("cannot read \"\(dir)/none.csv\": no such file"))) {
            try Scenario.read(ScenarioReader(contentsOfFile: dir + "/bad.json"))
        }
    }

    /// The example in `Scenarios/` reads as documented.
    @Test func theBoardExampleReads() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let scenario = try Scenario.read(ScenarioReader(contentsOfFile: root.appendingPathComponent("Scenarios/board-sakura.json").path))
        #expect(scenario.schools.count == 10)
        #expect(scenario.schools.first?.name == "桜小学校")
        #expect(scenario.schools.filter(\.centralBreakout).count == 7)
    }
}
