import SchoolNet

/// The parsed command line of `schoolnet`. Hand-written (no package dependencies); every
/// mistake gets a message naming the option and what it expects, and exit code 2.
struct CommandLineOptions: Equatable {
    enum Command: String, CaseIterable {
        case run, validate, explain, compare, sweep, size, merge, generate, completions, help
    }

    /// Every option, for messages, "did you mean" and the completion scripts.
    static let knownOptions = ["--seed", "--replications", "--jobs", "--out", "--format", "--layout", "--quiet", "--set", "--vary",
                               "--costs", "--shard", "--help", "--version", "--schools", "--flows", "--storm-devices",
                               "--students", "--class-size", "--days-share"]

    enum Format: String, CaseIterable {
        case text, json, csv, html
    }

    var command: Command = .run
    var files: [String] = []
    var seed: UInt64?
    var replications: Int?
    var jobs: Int = ParallelRunner.defaultJobs
    var outDirectory: String?
    var formats: [Format] = [.text]
    /// `--layout wide|long`: the CSV tables' layout.
    var layout: CSVReport.Layout = .wide
    /// `--version`: print the version and stop.
    var showVersion = false
    /// Whether `--format` was given (a shard writes no reports, so it refuses one).
    var formatGiven = false
    var quiet = false
    var sets: [String] = []
    var varies: [String] = []
    var costs: [Double] = []
    /// `size --students N1,N2,…`: the school sizes to size for.
    var students: [Int] = []
    /// `size --class-size N`: students per class at most (with --students).
    var classSize: Int?
    /// `size --days-share P`: the share of simulated days (0…1) that must meet the targets.
    var daysShare: Double?
    var helpTopic: Command?
    /// `--shard i/n`: run only this share of the replications or sweep units.
    var shard: Shard?
    /// `generate`'s counts: `--schools`, `--flows`, `--storm-devices`.
    var generateCounts: [String: Int] = [:]

    /// Parses `arguments` (without the program name).
    static func parse(_ arguments: [String]) throws(UsageError) -> CommandLineOptions {
        var o = CommandLineOptions()
        // `--name=value` is the same as `--name value`.
        var args = arguments.flatMap { (a: String) -> [String] in
            guard a.hasPrefix("--"), let eq = a.firstIndex(of: "="), a.index(a.startIndex, offsetBy: 2) < eq else { return [a] }
            return [String(a[..<eq]), String(a[a.index(after: eq)...])]
        }[...]
        if args.isEmpty { o.command = .help }  // no arguments: the overview, not a simulation
        if let first = args.first, !first.hasPrefix("-") || first == "--help" || first == "-h" {
            if first == "--help" || first == "-h" {
                o.command = .help
                args = args.dropFirst()
            } else if let c = Command(rawValue: first) {
                o.command = c
                args = args.dropFirst()
            } else if first.hasSuffix(".json") || first.contains(".") || first.contains("/") {
                o.command = .run  // `schoolnet scenario.json` runs it (another file gets the reader's "scenario files are JSON")
            } else {
                let names = Command.allCases.map(\.rawValue)
                throw UsageError("unknown command \"\(first)\"" + (Spelling.suggestion(for: first, in: names).map { "; did you mean \"\($0)\"?" } ?? "")
                                 + " (commands: \(names.joined(separator: ", ")))")
            }
        }
        func value(_ name: String) throws(UsageError) -> String {
            guard let v = args.first, !(v.hasPrefix("--") && v.count > 2 && knownOptions.contains(v)) else {
                throw UsageError("\(name) needs a value")
            }
            args = args.dropFirst()
            return v
        }
        func integer(_ name: String, _ range: ClosedRange<Int>) throws(UsageError) -> Int {
            let v = try value(name)
            guard let n = Int(v), range.contains(n) else {
                throw UsageError("\(name) expects a whole number from \(range.lowerBound) to \(range.upperBound), found \"\(v)\"")
            }
            return n
        }
        while let a = args.first {
            args = args.dropFirst()
            switch a {
            case "--help", "-h":
                o.helpTopic = o.command == .help ? nil : o.command
                o.command = .help
            case "--seed": o.seed = UInt64(try integer("--seed", 0...Int(Int32.max)))
            case "--replications", "-r": o.replications = try integer("--replications", 1...1000)
            case "--jobs", "-j": o.jobs = try integer("--jobs", 1...256)
            case "--out", "-o": o.outDirectory = try value("--out")
            case "--quiet", "-q": o.quiet = true
            case "--version", "-V": o.showVersion = true
            case "--layout":
                let v = try value("--layout")
                guard let l = CSVReport.Layout(rawValue: v) else { throw UsageError("--layout expects wide or long, found \"\(v)\"") }
                o.layout = l
            case "--set": o.sets.append(try value("--set"))
            case "--schools", "--flows", "--storm-devices": o.generateCounts[a] = try integer(a, 0...100_000_000)
            case "--vary": o.varies.append(try value("--vary"))
            case "--shard":
                let v = try value("--shard")
                do { o.shard = try Shard(parsing: v) } catch { throw UsageError(error.description) }
            case "--costs":
                let v = try value("--costs")
                o.costs = try v.split(separator: ",").map { (part: Substring) throws(UsageError) -> Double in
                    guard let c = Double(part.trimmingCharacters(in: .whitespaces)), c.isFinite, c >= 0 else {
                        throw UsageError("--costs expects comma-separated non-negative numbers, found \"\(part)\"")
                    }
                    return c
                }
            case "--students":
                let v = try value("--students")
                o.students = try v.split(separator: ",", omittingEmptySubsequences: false).map { (part: Substring) throws(UsageError) -> Int in
                    guard let n = Int(part.trimmingCharacters(in: .whitespaces)), (1...1_000_000).contains(n) else {
                        throw UsageError("--students expects comma-separated student counts from 1 to 1000000, e.g. 60,280,770,1400; found \"\(part)\"")
                    }
                    return n
                }
            case "--class-size": o.classSize = try integer("--class-size", 1...1000)
            case "--days-share":
                let v = try value("--days-share")
                let number = Double(v.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces))
                guard let p = number, p > 0, p <= 100 else {
                    throw UsageError("--days-share expects a percentage above 0 and at most 100, e.g. 95 or \"95 %\"; found \"\(v)\"")
                }
                o.daysShare = p / 100
            case "--format", "-f":
                let v = try value("--format")
                o.formatGiven = true
                guard !v.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw UsageError("--format needs at least one of text, json, csv, html (comma-separated), e.g. --format text,html; found \"\"")
                }
                o.formats = try v.split(separator: ",", omittingEmptySubsequences: false).map { (part: Substring) throws(UsageError) -> Format in
                    guard let f = Format(rawValue: part.trimmingCharacters(in: .whitespaces).lowercased()) else {
                        throw UsageError("--format expects text, json, csv or html (comma-separated), found \"\(part)\"")
                    }
                    return f
                }
            default:
                if a.hasPrefix("-") && a.count > 1 {
                    throw UsageError("unknown option \"\(a)\"" + (Spelling.suggestion(for: a, in: knownOptions).map { "; did you mean \"\($0)\"?" } ?? ""))
                }
                if o.command == .help {
                    guard let c = Command(rawValue: a) else {
                        let names = Command.allCases.map(\.rawValue)
                        throw UsageError("no help on \"\(a)\"" + (Spelling.suggestion(for: a, in: names).map { "; did you mean \"\($0)\"?" } ?? "")
                                         + " (topics: \(names.joined(separator: ", ")))")
                    }
                    o.helpTopic = c
                    continue
                }
                o.files.append(a)
            }
        }
        try o.check()
        return o
    }

    func check() throws(UsageError) {
        if showVersion { return }
        switch command {
        case .run:
            if files.count > 1 { throw UsageError("run takes one scenario file (or none for the built-in default)") }
        case .validate, .explain:
            if files.count != 1 { throw UsageError("\(command.rawValue) takes one scenario file") }
        case .compare:
            if files.count != 2 { throw UsageError("compare takes two scenario files: schoolnet compare A.json B.json") }
        case .sweep, .size:
            if files.count != 1 { throw UsageError("\(command.rawValue) takes one scenario file") }
            if varies.isEmpty { throw UsageError("\(command.rawValue) needs --vary KEY=V1,V2,… (e.g. --vary schools[0].access.down=\"500 Mbps,1 Gbps\")") }
            if command == .size && varies.count != 1 { throw UsageError("size varies exactly one key") }
        case .merge:
            if files.isEmpty { throw UsageError("merge takes the shard files: schoolnet merge OUT/shard-*.json [--out DIR] [--format LIST]") }
            if seed != nil || replications != nil || !sets.isEmpty || !varies.isEmpty || shard != nil {
                throw UsageError("merge takes the scenario and settings from the shards; --seed, --replications, --set, --vary and --shard do not apply")
            }
        case .generate:
            if files != ["flowlog"] { throw UsageError("generate makes one kind of file: schoolnet generate flowlog [--schools N] [--flows M] [--storm-devices K] [--seed S] [--out FILE.json]") }
        case .completions:
            if files.count != 1 || !["bash", "zsh", "fish"].contains(files[0]) {
                throw UsageError("completions takes one shell: schoolnet completions bash|zsh|fish")
            }
        case .help:
            break
        }
        if !varies.isEmpty && command != .sweep && command != .size && command != .help {
            throw UsageError("--vary applies to sweep and size only; \(command.rawValue) runs one scenario: use --set KEY=VALUE,"
                             + " or schoolnet sweep FILE --vary KEY=V1,V2,… for a row per value")
        }
        if formatGiven && [.validate, .generate, .completions].contains(command) {
            throw UsageError("--format does not apply to \(command.rawValue): it prints text only")
        }
        if formatGiven && command == .explain && formats != [.text] {
            throw UsageError("explain writes text only: --format text (with --out DIR for a file explain.txt)")
        }
        if layout != .wide && command != .run && command != .sweep && command != .merge && command != .compare && command != .help {
            throw UsageError("--layout applies to the CSV tables of run, compare, sweep and merge")
        }
        if !generateCounts.isEmpty && command != .generate { throw UsageError("--schools, --flows and --storm-devices apply to generate only") }
        if !costs.isEmpty && command != .size { throw UsageError("--costs applies to size only") }
        if (!students.isEmpty || daysShare != nil || classSize != nil) && command != .size && command != .help {
            throw UsageError("--students, --class-size and --days-share apply to size only")
        }
        if classSize != nil && students.isEmpty && command != .help {
            throw UsageError("--class-size applies with --students (the classes of each school size)")
        }
        if shard != nil && command != .run && command != .sweep && command != .merge && command != .help {
            throw UsageError("--shard applies to run and sweep only"
                             + (command == .size ? " (size stops at the first option that passes, so its runs are not known in advance)" : ""))
        }
        if shard != nil && formatGiven && command != .help {
            throw UsageError("--shard writes a shard file, not reports: give --format to schoolnet merge")
        }
    }
}

/// A command-line mistake (exit code 2).
struct UsageError: Error, CustomStringConvertible, Equatable {
    var description: String
    init(_ description: String) { self.description = description }
}
