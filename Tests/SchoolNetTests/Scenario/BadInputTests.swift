import Testing
@testable import SchoolNet

/// Every kind of bad input gets a precise message (file, key path, expected, found) and
/// exit code 2 — never a crash or a silent default.
@Suite struct BadInputTests {
    static func school(_ extra: String = "", access: String = #"{"type": "fiber", "down": "1 Gbps"}"#, count: String = "1") -> String {
        """
        {"name": "x", "day": {"start": "09:00", "end": "10:00"},
         "timetable": {"periods": [{"name": "1", "start": "09:00", "end": "09:45"}]},
         "schools": [{"name": "es", "count": \(count), "grades": 1, "access": \(access)\(extra)}],
         "activities": [{"activity": "bulk", "period": "1", "settings": {"size": "1 MB"}}]}
        """
    }

    static func message(_ json: String) -> String? {
        do {
            _ = try Scenario.read(json: json, file: "bad.json")
            return nil
        } catch let e as ScenarioError {
            return e.exitCode == 2 ? e.description : "wrong exit code"
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test(arguments: [
        // Malformed JSON.
        (#"{"name": "x",}"#, #"bad.json:1:14: expected a string key after ',', found '}' (JSON does not allow a trailing comma)"#),
        // Missing unit.
        (school(access: #"{"type": "fiber", "down": "1000"}"#), "bad.json: schools[0].access.down: expected a bit rate with a unit"),
        // Zero, negative, NaN-like and huge values.
        (school(access: #"{"type": "fiber", "down": "0 Mbps"}"#), "bad.json: schools[0].access.down: expected a bit rate above zero"),
        (school(access: #"{"type": "fiber", "down": "-5 Mbps"}"#), "bad.json: schools[0].access.down:"),
        (school(#", "studentsPerClass": 0"#), "bad.json: schools[0].studentsPerClass: expected a whole number between 1 and 60, found a number 0"),
        (school(#", "studentsPerClass": 1e300"#), "bad.json: schools[0].studentsPerClass:"),
        (school(count: "1000000000000"), "bad.json: schools[0].count: expected a whole number between 1 and 40000"),
        // Unknown keys, dangling references.
        (school(#", "studens": 3"#), "bad.json: schools[0].studens: unknown key"),
        (#"{"name": "x", "day": {"start": "09:00", "end": "10:00"}, "schools": [{"type": "elementry"}], "activities": []}"#,
         #"bad.json: schools[0].type: expected a name defined in "schoolTypes" (none defined), found "elementry""#),
        (school().replacingOccurrences(of: #""period": "1""#, with: #""period": "2""#),
         #"bad.json: activities[0].period: expected one of the timetable's periods: "1", found "2""#),
        (school().replacingOccurrences(of: #""activity": "bulk""#, with: #""activity": "bulkk""#),
         #"bad.json: activities[0].activity: expected one of"#),
        // Impossible times.
        (#"{"name": "x", "day": {"start": "10:00", "end": "09:00"}, "schools": [], "activities": []}"#,
         #"bad.json: day: "end" (09:00) must be after "start" (10:00)"#),
        (#"{"name": "x", "day": {"start": "25:00", "end": "26:00"}, "schools": [], "activities": []}"#, "bad.json: day.start:"),
    ])
    func preciseMessage(json: String, prefix: String) {
        let m = Self.message(json)
        #expect(m?.hasPrefix(prefix) == true, "got: \(m ?? "no error")")
    }

    /// Absurd sizes stop before anything is built: 40,000 schools of 60 × 40 × 12 students.
    @Test func absurdStudentCountIsRefused() {
        let json = Self.school(#", "classesPerGrade": 40, "studentsPerClass": 60, "grades": 12"#, count: "40000")
            .replacingOccurrences(of: #""grades": 1, "#, with: "")
        let m = Self.message(json)
        #expect(m?.contains("students is more than this build simulates") == true, "got: \(m ?? "no error")")
    }
}
