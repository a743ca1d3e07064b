import Testing
@testable import schoolnet_bench

/// The hand-written parser: accepted forms, and error text verbatim.
@Suite struct BenchOptionsTests {
    static let known = ["hold-1e3", "hold-1e5"]

    func parse(_ words: [String]) throws(BenchError) -> BenchOptions {
        try BenchOptions.parse(words, knownCases: Self.known)
    }

    /// Every option in both `--opt value` and `--opt=value` forms.
    @Test func acceptsEveryOption() throws {
        let o = try parse(["--quick", "--cases", "hold-1e3,hold-1e5", "--repeats=5", "--json", "a.json",
                           "--compare=b.json", "--update-baseline", "--note", "vm", "--in-process"])
        #expect(o.quick && o.updateBaseline && o.inProcess)
        #expect(o.scale == .quick)
        #expect(o.caseNames == ["hold-1e3", "hold-1e5"])
        #expect(o.repeats == 5)
        #expect(o.jsonPath == "a.json" && o.comparePath == "b.json" && o.note == "vm")
    }

    /// Defaults: full scale, 3 repeats, every case, compare with the default baseline.
    @Test func defaults() throws {
        #expect(try parse([]) == BenchOptions())
        #expect(BenchOptions().repeats == 3 && BenchOptions().scale == .full)
    }

    /// Each bad command line gets a message naming the word and what was expected.
    @Test(arguments: [
        (["--bogus"], "unknown option '--bogus'"),
        (["stray"], "unexpected argument 'stray'"),
        (["--json"], "missing value for --json"),
        (["--json", "--quick"], "missing value for --json"),
        (["--repeats", "0"], "--repeats expects an integer from 1 to 1000, found '0'"),
        (["--repeats=x"], "--repeats expects an integer from 1 to 1000, found 'x'"),
        (["--cases", "hold-1e3,nope"], "--cases: unknown case 'nope'; known cases: hold-1e3, hold-1e5"),
        (["--quick=yes"], "--quick takes no value"),
        (["--no-compare", "--compare", "b.json"], "--compare and --no-compare are mutually exclusive"),
    ])
    func rejects(words: [String], message: String) {
        #expect(throws: BenchError.self) { try parse(words) }
        do { _ = try parse(words) } catch { #expect(error.description == message && error.exitStatus == 64) }
    }
}
