import Foundation
import Testing
@testable import SchoolNet

/// Reading a scenario through key paths: values, defaults with sources, and every error
/// message a planner can meet, verbatim.
@Suite struct ScenarioReaderTests {
    static let city = """
        {
          "seed": 42,
          "start": "08:30",
          "schools": [
            {"name": "Minami", "students": 600, "access": "1 Gbps", "wifi": {"standard": "ax", "buffer": "2 MB"}},
            {"name": "Kita", "students": 320, "access": "300 Mbps", "wifi": {"standard": "ac", "chanelWidth": "80 MHz"}}
          ]
        }
        """

    /// Reads one school the way a schema would, leaving unknown-key checks to the caller.
    static func school(_ s: ScenarioReader) throws -> (String, Int, DataRate, String, DataRate) {
        let name = try s.string("name")
        let students = try s.int("students", in: 1...5000, expected: "a whole number of students, e.g. 600")
        let access = try s.rate("access")
        let (standard, ceiling) = try s.object("wifi") { w in
            _ = try w.optionalBytes("buffer")
            _ = try w.optionalString("channelWidth")
            return (try w.oneOf("standard", ["ac", "ax"]), try w.rate("ceiling", default: .unlimited, source: "REFERENCES.md §3"))
        }
        return (name, students, access, standard, ceiling)
    }

    @Test func readsValuesAndReportsUnknownKeyWithSuggestion() throws {
        let root = try ScenarioReader(json: Self.city, file: "Scenarios/city.json")
        #expect(try root.int("seed") == 42)
        #expect(try root.clockTime("start") == .seconds(30_600))
        #expect(throws: ScenarioError.self) { try root.array("schools", minCount: 1, Self.school) }
        do { _ = try root.array("schools", Self.school) } catch {
            #expect("\(error)" == #"Scenarios/city.json: schools[1].wifi.chanelWidth: unknown key; did you mean "channelWidth"?"#)
        }
    }

    @Test func recordsSettingsAndDefaultsInReadingOrder() throws {
        let root = try ScenarioReader(json: #"{"schools": [{"name": "A", "students": 10, "access": "1 Gbps", "wifi": {"standard": "ax"}}]}"#, file: "a.json")
        _ = try root.array("schools", Self.school)
        try root.finish()
        #expect(root.settings.map(\.description) == [
            #"schools[0].name = "A" (1:23)"#,
            "schools[0].students = 10 (1:40)",
            "schools[0].access = 1 Gbps (1:54)",
            #"schools[0].wifi.standard = "ax" (1:85)"#,
            "schools[0].wifi.ceiling = unlimited (default: REFERENCES.md §3)",
        ])
        #expect(root.settings.filter(\.isDefault).count == 1)
    }

    /// A field in its context, and the message it produces. Each test reads member "x" of
    /// `{"school": {"x": VALUE}}` with the reader named by `kind`.
    @Test(arguments: [
        ("rate", #""300""#, #"f.json: school.x: expected a bit rate with a unit (bps, kbps, Mbps, Gbps, Tbps, bit/s, kbit/s, Mbit/s, Gbit/s, Tbit/s, b/s, kb/s, Mb/s, Gb/s, Tb/s, B/s, kB/s, KB/s, MB/s, GB/s, TB/s), found "300""#),
        ("rate", "300", #"f.json: school.x: expected a bit rate such as "300 Mbps", found a number 300"#),
        // Megabytes per second: the conversion spelled out, never the off-by-8 "300 Mbps".
        ("rate", #""300 MBps""#, #"f.json: school.x: expected a bit rate (MBps would be bytes per second: 300 MBps = 2400 Mbps; write "2400 Mbps" or "300 MB/s"), found "300 MBps""#),
        ("duration", "{}", #"f.json: school.x: expected a duration such as "40 ms", found an object"#),
        ("duration", #""-3 s""#, #"f.json: school.x: expected a non-negative duration, found "-3 s""#),
        ("bytes", "[1]", #"f.json: school.x: expected a byte count such as "2 MB", found an array"#),
        ("fraction", "0.5", #"f.json: school.x: expected a percentage such as "12.5 %", found a number 0.5"#),
        ("int", "2.5", "f.json: school.x: expected a whole number between 1 and 5000, found a number 2.5"),
        ("int", "0", "f.json: school.x: expected a whole number between 1 and 5000, found a number 0"),
        ("int", "1e400", "f.json: school.x: expected a whole number between 1 and 5000, found a number too large to represent"),
        ("int", #""600""#, #"f.json: school.x: expected a whole number of students, e.g. 600, found "600""#),
        ("double", "-1e400", "f.json: school.x: expected a finite number, found a number too large to represent"),
        ("bool", "null", "f.json: school.x: expected true or false, found null"),
        ("string", "true", "f.json: school.x: expected a string, found true"),
        ("oneOf", #""ax6""#, #"f.json: school.x: expected one of "ac", "ax", found "ax6"; did you mean "ax"?"#),
        ("width", #""90 MHz""#, #"f.json: school.x: expected one of 20, 40, 80, 160 MHz, found "90 MHz""#),
        ("clockTime", #""8.30""#, #"f.json: school.x: expected a clock time such as "08:30" or "08:30:15", found "8.30""#),
        ("object", "3", "f.json: school.x: expected an object, found a number 3"),
        ("array", #""a""#, #"f.json: school.x: expected an array, found "a""#),
        ("array", "[]", "f.json: school.x: expected an array of at least 1 element, found an empty array"),
    ])
    func invalidValue(kind: String, json: String, message: String) throws {
        let school = try ScenarioReader(json: #"{"school": {"x": \#(json)}}"#, file: "f.json").object("school")
        #expect(throws: ScenarioError.self) { try Self.read(kind, "x", from: school) }
        do { try Self.read(kind, "x", from: school) } catch { #expect("\(error)" == message) }
    }

    @Test(arguments: [
        ("int", #"f.json: school: missing required key "x" (expected a whole number of students, e.g. 600)"#),
        ("rate", #"f.json: school: missing required key "x" (expected a bit rate such as "300 Mbps")"#),
        ("object", #"f.json: school: missing required key "x" (expected an object)"#),
    ])
    func missingKey(kind: String, message: String) throws {
        let school = try ScenarioReader(json: #"{"school": {"y": 1}}"#, file: "f.json").object("school")
        do { try Self.read(kind, "x", from: school); Issue.record("no error") } catch { #expect("\(error)" == message) }
    }

    static func read(_ kind: String, _ key: String, from r: ScenarioReader) throws {
        switch kind {
        case "rate": _ = try r.rate(key)
        case "duration": _ = try r.duration(key)
        case "bytes": _ = try r.bytes(key)
        case "fraction": _ = try r.fraction(key)
        case "int": _ = try r.int(key, in: 1...5000, expected: "a whole number of students, e.g. 600")
        case "double": _ = try r.double(key)
        case "bool": _ = try r.bool(key)
        case "string": _ = try r.string(key)
        case "oneOf": _ = try r.oneOf(key, ["ac", "ax"])
        case "width": _ = try r.read(key, as: .oneOf([("20 MHz", 20), ("40 MHz", 40), ("80 MHz", 80), ("160 MHz", 160)], expected: "one of 20, 40, 80, 160 MHz"))
        case "clockTime": _ = try r.clockTime(key)
        case "object": _ = try r.object(key) { _ in }
        case "array": _ = try r.array(key, minCount: 1) { _ in }
        default: Issue.record("unknown kind \(kind)")
        }
    }

    enum Standard: String, CaseIterable, Sendable { case ac, ax }

    @Test func enumChoicesAndScalarArrayElements() throws {
        let r = try ScenarioReader(json: #"{"standard": "ax", "ladder": ["1 Mbps", "2.5 Mbps"], "jitter": "2 min"}"#, file: "v.json")
        #expect(try r.oneOf("standard", as: Standard.self) == .ax)
        #expect(try r.array("ladder") { try $0.read(as: .rate) } == [.megabitsPerSecond(1), .megabitsPerSecond(2.5)])
        #expect(try r.duration("jitter", default: .zero, source: "x") == .minutes(2))
        #expect(try r.optionalRate("ceiling") == nil)
        try r.finish()
    }

    @Test func unknownKeyWithoutSuggestionListsKnownKeys() throws {
        let r = try ScenarioReader(json: #"{"seed": 1, "bandwidth": "1 Gbps"}"#, file: "u.json")
        _ = try r.int("seed")
        _ = try r.optionalRate("capacity")
        #expect(throws: ScenarioError.self) { try r.finish() }
        do { try r.finish() } catch { #expect("\(error)" == #"u.json: bandwidth: unknown key; expected one of "seed", "capacity""#) }
    }

    @Test func rootMustBeAnObjectAndQuotedKeysInPaths() throws {
        let r = try ScenarioReader(json: "[1]", file: "r.json")
        do { _ = try r.int("seed"); Issue.record("no error") } catch { #expect("\(error)" == "r.json: expected an object, found an array") }
        let q = try ScenarioReader(json: #"{"links": {"egress A": {"rate": 5}}}"#, file: "q.json")
        do { _ = try q.object("links").object("egress A").rate("rate") } catch {
            #expect("\(error)" == #"q.json: links["egress A"].rate: expected a bit rate such as "300 Mbps", found a number 5"#)
        }
    }

    @Test func customRuleErrorsCarryThePath() throws {
        let r = try ScenarioReader(json: #"{"egress": {"rate": "2 Gbps"}}"#, file: "c.json")
        let egress = try r.object("egress")
        #expect("\(egress.error("must not exceed the access line's 1 Gbps"))" == "c.json: egress: must not exceed the access line's 1 Gbps")
        #expect(egress.error("x").exitCode == 2)
    }

    @Test func syntaxErrorsNameFileLineAndColumn() {
        do { _ = try ScenarioReader(json: "{\n  \"a\": 1,\n}", file: "Scenarios/city.json"); Issue.record("no error") } catch {
            #expect("\(error)" == "Scenarios/city.json:3:1: expected a string key after ',', found '}' (JSON does not allow a trailing comma)")
        }
    }

    @Test func unreadableFiles() throws {
        let missing = "/nonexistent/schoolnet/city.json"
        do { _ = try ScenarioReader(contentsOfFile: missing); Issue.record("no error") } catch {
            #expect("\(error)" == "/nonexistent/schoolnet/city.json: cannot read the scenario file: no such file")
            #expect((error as? ScenarioError)?.exitCode == 2)
        }
        let dir = FileManager.default.temporaryDirectory.path
        do { _ = try ScenarioReader(contentsOfFile: dir); Issue.record("no error") } catch {
            #expect("\(error)" == "\(dir): cannot read the scenario file: it is a directory")
        }
    }

    @Test func readsAFileByURL() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-reader-\(getpid()).json")
        try Data(#"{"seed": 7}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let r = try ScenarioReader(fileURL: url)
        #expect(try r.int("seed") == 7)
        #expect(r.file == url.path)
    }
}
