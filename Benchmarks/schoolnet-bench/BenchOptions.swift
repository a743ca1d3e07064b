/// The parsed command line of `schoolnet-bench` (hand-written parser, no packages).
///
/// Accepts `--option value` and `--option=value`. Errors name the option and what was
/// expected; `main` prints them with a pointer to `--help` and exits 64 (EX_USAGE).
struct BenchOptions: Equatable {
    /// Run the CI sizes (`--quick`).
    var quick = false
    /// The cases to run (`--cases a,b`); `nil` means every case of the scale.
    var caseNames: [String]?
    /// Repeats per case (`--repeats N`).
    var repeats = 3
    /// Where to write the JSON report (`--json FILE`).
    var jsonPath: String?
    /// An explicit baseline to compare against (`--compare FILE`).
    var comparePath: String?
    /// Skip the default comparison with `Benchmarks/baseline.json` (`--no-compare`).
    var noCompare = false
    /// Merge this run into `Benchmarks/baseline.json` (`--update-baseline`).
    var updateBaseline = false
    /// A note stored in the report (`--note TEXT`).
    var note: String?
    /// List the cases and exit (`--list`).
    var list = false
    /// Print usage and exit (`--help`, `-h`).
    var help = false
    /// Run all cases in this process instead of one child each (`--in-process`).
    var inProcess = false
    /// Internal: run one case and print its ``CaseResult`` as JSON (`--single CASE`).
    var single: String?

    /// The scale selected by `--quick`.
    var scale: BenchScale { quick ? .quick : .full }

    /// The usage text for `--help`.
    static let helpText = """
        USAGE: swift run -c release schoolnet-bench [options]

        Runs SchoolNet's benchmark cases, prints a table, and checks the deterministic
        counts (events, flows, resolves) against Benchmarks/baseline.json.

        OPTIONS:
          --quick               Run the CI sizes (entries keyed NAME@quick).
          --cases A,B           Run only these cases (see --list).
          --repeats N           Runs per case; wall time is the median (default 3).
          --json FILE           Write the report as JSON (sorted keys) to FILE.
          --compare FILE        Compare with FILE instead of Benchmarks/baseline.json.
          --no-compare          Do not compare with any baseline.
          --update-baseline     Merge this run's entries into Benchmarks/baseline.json.
          --note TEXT           Store a note (e.g. the machine) in the report.
          --in-process          Run every case in this process (peak RSS then needs a
                                /proc/self/clear_refs reset, else it is cumulative).
          --list                List the cases and exit.
          -h, --help            Show this help and exit.

        EXIT STATUS:
          0   all counts equal the baseline (time regressions are reported, not fatal)
          1   a count differs from the baseline (a correctness regression), a case
              failed, or a report file could not be read or written
          64  bad command line

        Release builds only; timings are never asserted inside `swift test`.
        """

    /// Parses `arguments` (without the program name).
    ///
    /// - Parameters:
    ///   - arguments: the command-line words.
    ///   - knownCases: the registered case names, to check `--cases` and `--single`.
    /// - Returns: the options.
    /// - Throws: ``BenchError/usage(_:)`` with a message naming the offending word.
    static func parse(_ arguments: [String], knownCases: [String]) throws(BenchError) -> BenchOptions {
        var options = BenchOptions()
        var words = arguments[...]
        while let word = words.popFirst() {
            var name = word
            var inlineValue: String?
            if word.hasPrefix("--"), let eq = word.firstIndex(of: "=") {
                name = String(word[..<eq])
                inlineValue = String(word[word.index(after: eq)...])
            }
            func value() throws(BenchError) -> String {
                if let inlineValue { return inlineValue }
                guard let next = words.popFirst(), !next.hasPrefix("--") else {
                    throw .usage("missing value for \(name)")
                }
                return next
            }
            func noValue() throws(BenchError) {
                if inlineValue != nil { throw .usage("\(name) takes no value") }
            }
            switch name {
            case "--quick": try noValue(); options.quick = true
            case "--no-compare": try noValue(); options.noCompare = true
            case "--update-baseline": try noValue(); options.updateBaseline = true
            case "--list": try noValue(); options.list = true
            case "-h", "--help": try noValue(); options.help = true
            case "--in-process": try noValue(); options.inProcess = true
            case "--json": options.jsonPath = try value()
            case "--compare": options.comparePath = try value()
            case "--note": options.note = try value()
            case "--repeats":
                let text = try value()
                guard let n = Int(text), n >= 1, n <= 1000 else {
                    throw .usage("--repeats expects an integer from 1 to 1000, found '\(text)'")
                }
                options.repeats = n
            case "--cases":
                let names = try value().split(separator: ",", omittingEmptySubsequences: false).map {
                    String($0).trimmingCharacters(in: " ")
                }
                for n in names where !knownCases.contains(n) {
                    throw .usage("--cases: unknown case '\(n)'; known cases: \(knownCases.joined(separator: ", "))")
                }
                options.caseNames = names
            case "--single":
                let n = try value()
                guard knownCases.contains(n) else { throw .usage("--single: unknown case '\(n)'") }
                options.single = n
            default:
                throw .usage(word.hasPrefix("-") ? "unknown option '\(word)'" : "unexpected argument '\(word)'")
            }
        }
        if options.noCompare && options.comparePath != nil {
            throw .usage("--compare and --no-compare are mutually exclusive")
        }
        return options
    }
}

extension String {
    /// The string without leading and trailing `character`s.
    fileprivate func trimmingCharacters(in character: Character) -> String {
        String(drop { $0 == character }.reversed().drop { $0 == character }.reversed())
    }
}
