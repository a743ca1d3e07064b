import Testing
@testable import SchoolNet

@Suite struct SpellingTests {
    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("kitten", "sitting", 3), ("chanelWidth", "channelWidth", 1),
        ("ca", "ac", 1), ("µs", "us", 1), ("students", "students", 0),
    ])
    func editDistance(a: String, b: String, expected: Int) {
        #expect(Spelling.editDistance(a, b) == expected)
        #expect(Spelling.editDistance(b, a) == expected)
    }

    @Test func caseOnlyDifferenceRanksFirst() {
        // "KB" is one edit from B, kB, MB…; the case-insensitive match wins.
        #expect(Spelling.closestMatches(to: "KB", in: ["B", "kB", "MB", "GB"]).first == "kB")
    }

    @Test func farNamesAreNotSuggested() {
        #expect(Spelling.suggestion(for: "bandwidth", in: ["students", "classes"]) == nil)
        #expect(Spelling.suggestion(for: "chanelWidth", in: ["standard", "channelWidth"]) == "channelWidth")
    }
}

extension SpellingTests {
    /// Different numbers are different values, not typos.
    @Test func numbersAreNotTypos() {
        #expect(Spelling.suggestion(for: "90 MHz", in: ["20 MHz", "40 MHz"]) == nil)
        #expect(Spelling.suggestion(for: "ax6", in: ["ac", "ax"]) == "ax")
        #expect(Spelling.suggestion(for: "80 mhz", in: ["20 MHz", "80 MHz"]) == "80 MHz")
    }
}
