import Testing
@testable import SchoolNet

/// The message format of every error kind, verbatim: these are what planners read, and
/// what other layers' tests will compare against.
@Suite struct ScenarioErrorTests {
    static let path = ScenarioKeyPath([.key("schools"), .index(3), .key("classes"), .index(1), .key("wifi"), .key("channelWidth")])

    @Test(arguments: [
        (ScenarioError(file: "Scenarios/city.json", keyPath: path, kind: .invalidValue(expected: "one of 20, 40, 80, 160 MHz", found: #""90 MHz""#, suggestion: nil)),
         #"Scenarios/city.json: schools[3].classes[1].wifi.channelWidth: expected one of 20, 40, 80, 160 MHz, found "90 MHz""#),
        (ScenarioError(file: "Scenarios/city.json", keyPath: ScenarioKeyPath([.key("schools"), .index(0)]), kind: .missingKey("students", expected: "a whole number of students, e.g. 600")),
         #"Scenarios/city.json: schools[0]: missing required key "students" (expected a whole number of students, e.g. 600)"#),
        (ScenarioError(file: "a.json", kind: .missingKey("schools", expected: "an array")),
         #"a.json: missing required key "schools" (expected an array)"#),
        (ScenarioError(file: "Scenarios/city.json", keyPath: ScenarioKeyPath([.key("schools"), .index(3), .key("wifi"), .key("chanelWidth")]), kind: .unknownKey(suggestion: "channelWidth", known: ["channelWidth"])),
         #"Scenarios/city.json: schools[3].wifi.chanelWidth: unknown key; did you mean "channelWidth"?"#),
        (ScenarioError(file: "a.json", keyPath: ScenarioKeyPath([.key("x")]), kind: .unknownKey(suggestion: nil, known: [])),
         "a.json: x: unknown key (no keys are read here)"),
        (ScenarioError(file: "a.json", kind: .syntax(JSONSyntaxError(position: .init(line: 12, column: 5), message: "expected ',' or '}' after object member, found '\"'"))),
         #"a.json:12:5: expected ',' or '}' after object member, found '"'"#),
        (ScenarioError(file: "a.json", kind: .unreadableFile(reason: "no such file")),
         "a.json: cannot read the scenario file: no such file"),
        (ScenarioError(file: "a.json", keyPath: ScenarioKeyPath([.key("egress")]), kind: .invalid("must not exceed 1 Gbps")),
         "a.json: egress: must not exceed 1 Gbps"),
    ])
    func messages(error: ScenarioError, message: String) {
        #expect(error.description == message)
        #expect(error.exitCode == 2)
    }

    @Test(arguments: [
        (ScenarioKeyPath.root, ""),
        (ScenarioKeyPath([.index(0), .key("a")]), "[0].a"),
        (ScenarioKeyPath([.key("links"), .key("egress A"), .key("rate")]), #"links["egress A"].rate"#),
        (ScenarioKeyPath([.key("学校"), .key("up-link")]), "学校.up-link"),
    ])
    func keyPaths(path: ScenarioKeyPath, text: String) {
        #expect(path.description == text)
    }
}
