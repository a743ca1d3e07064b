/// The scenario as it was run — the file, every `--set` and `--vary`, the seed, the number
/// of replications and the program's version — recorded in every output, so a report
/// read weeks later says exactly what produced it: a `"run"` object in JSON, `#` comment
/// lines at the top of a CSV, a line under the title of the text and HTML reports.
///
/// **Validated by:** `OutputFormatTests.everyOutputRecordsTheScenarioAsRun`.
public struct RunRecord: Sendable, Equatable, Codable {
    /// The scenario file as given (or `(built-in default: …)`).
    public var file: String
    /// The `--set KEY=VALUE` arguments, in order.
    public var sets: [String]
    /// The `--vary KEY=V1,V2,…` arguments, in order (sweep and size).
    public var varies: [String]
    /// The seed of the first replication.
    public var seed: UInt64
    /// Replications (per point, for a sweep).
    public var replications: Int
    /// The program's version (``SchoolNetVersion/current``).
    public var version: String
    /// Other options that decide the result, as typed (`--students 60,280`,
    /// `--days-share 95`); nil when there are none.
    public var options: [String]? = nil

    /// Creates a record.
    public init(file: String, sets: [String], varies: [String] = [], seed: UInt64, replications: Int,
                version: String = SchoolNetVersion.current) {
        self.file = file
        self.sets = sets
        self.varies = varies
        self.seed = seed
        self.replications = replications
        self.version = version
    }

    /// The record of a sweep or sizing: the seed and replications given, else the scenario's
    /// (with the `--set` overrides applied).
    ///
    /// - Throws: what reading the scenario throws.
    public static func sweep(_ source: ScenarioSource, sets: [String], varies: [String], seed: UInt64?, replications: Int?) throws -> RunRecord {
        let base = try source.scenario(with: try sets.map { try ScenarioOverride(parsing: $0) })
        return RunRecord(file: source.file, sets: sets, varies: varies, seed: seed ?? base.seed, replications: replications ?? base.replications)
    }

    /// One line for the text and HTML headers:
    /// `As run: city.json --set 'schools[0].access.down=2 Gbps' · seed 1 · 3 replications · schoolnet 1.0.0`.
    public var line: String {
        var parts = [file] + sets.map { "--set " + Self.quotedArgument($0) } + varies.map { "--vary " + Self.quotedArgument($0) }
            + (options ?? [])
        parts = [parts.joined(separator: " ")]
        parts.append("seed \(seed)")
        parts.append("\(replications) replication\(replications == 1 ? "" : "s")")
        parts.append("schoolnet \(version)")
        return "As run: " + parts.joined(separator: " · ")
    }

    /// `#` comment lines for the top of a CSV (one per field; read with pandas
    /// `comment="#"`, R `comment.char = "#"`), each ending in `lineEnding`.
    public func csvComments(lineEnding: String = CSVReport.lineEnding) -> String {
        var lines = ["# schoolnet \(version)", "# scenario: \(file)"]
        lines += sets.map { "# --set \($0)" }
        lines += varies.map { "# --vary \($0)" }
        lines += (options ?? []).map { "# \($0)" }
        lines += ["# seed: \(seed)", "# replications: \(replications)"]
        return lines.map { $0.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") + lineEnding }.joined()
    }

    /// The `"run"` object of the JSON outputs.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("file", .string(file)),
            ("set", .array(sets.map(JSONValue.string))),
            ("vary", .array(varies.map(JSONValue.string))),
            ("seed", .string(String(seed))),
            ("replications", .number(Double(replications))),
            ("version", .string(version)),
        ]
        if let options { members.append(("options", .array(options.map(JSONValue.string)))) }
        return .object(members)
    }

    /// A shell word: bare when it is only safe characters, else in single quotes.
    static func quotedArgument(_ s: String) -> String {
        let safe = s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || "0123456789.=_-/:,+".unicodeScalars.contains($0) }
        return safe ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// The program's version, printed by `schoolnet --version` and recorded in every output.
public enum SchoolNetVersion {
    /// Semantic version of this build.
    public static let current = "1.0.0"
}
