import Testing
@testable import SchoolNet

/// The serializer the result writer uses: byte-identical output, and text that parses
/// back to the same value.
@Suite struct JSONSerializationTests {
    static let sample: JSONValue = .object([
        ("zeta", .number(3)),
        ("alpha", .array([.number(0.1), .number(-120), .number(1e20), .number(1.5e-7), .number(2.5)])),
        ("text", .string("quote \" backslash \\ newline \n tab \t bell \u{07} 学校 😀")),
        ("nested", .object([("b", .bool(true)), ("a", .null), ("empty", .array([])), ("none", .object([]))])),
    ])

    @Test func compactKeepsOrder() {
        #expect(Self.sample.serialized() == #"{"zeta":3,"alpha":[0.1,-120,1e+20,1.5e-07,2.5],"text":"quote \" backslash \\ newline \n tab \t bell \u0007 学校 😀","nested":{"b":true,"a":null,"empty":[],"none":{}}}"#)
    }

    @Test func prettySortedIsGolden() {
        let expected = """
            {
              "alpha": [
                0.1,
                -120,
                1e+20,
                1.5e-07,
                2.5
              ],
              "nested": {
                "a": null,
                "b": true,
                "empty": [],
                "none": {}
              },
              "text": "quote \\" backslash \\\\ newline \\n tab \\t bell \\u0007 学校 😀",
              "zeta": 3
            }
            """
        #expect(Self.sample.serialized(sortedKeys: true, pretty: true) == expected)
    }

    @Test(arguments: [false, true])
    func roundTrips(pretty: Bool) throws {
        let text = Self.sample.serialized(pretty: pretty)
        #expect(try JSONDocument(parsing: text).root == Self.sample)
    }

    @Test(arguments: [0.1, 1.0 / 3, 123456.789, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -0.0, 9_007_199_254_740_994, 2e15 + 0.5])
    func numbersRoundTripExactly(x: Double) throws {
        let text = JSONValue.number(x).serialized()
        #expect(try JSONDocument(parsing: text).root == .number(x))
    }

    @Test func nonFiniteNumbersAreNull() {
        #expect(JSONValue.array([.number(.nan), .number(.infinity)]).serialized() == "[null,null]")
    }
}
