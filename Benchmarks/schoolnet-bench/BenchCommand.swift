import Foundation

/// The harness's top level: select cases, run them, print, compare, write.
struct BenchCommand {
    /// The parsed command line.
    let options: BenchOptions

    /// `Benchmarks/baseline.json` under the working directory when run from the package
    /// root (as `swift run` does), else next to this source file's folder.
    static var defaultBaselinePath: String {
        if FileManager.default.fileExists(atPath: "Benchmarks/schoolnet-bench") { return "Benchmarks/baseline.json" }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("baseline.json").path
    }

    /// The cases this invocation runs, in registry order.
    var selectedCases: [BenchCase] {
        if let names = options.caseNames { return BenchRegistry.all.filter { names.contains($0.name) } }
        return BenchRegistry.all.filter { options.scale == .full || $0.runsInQuick }
    }

    /// Runs the command.
    ///
    /// - Returns: the exit status (0, or 1 on a count mismatch).
    /// - Throws: ``BenchError`` for unreadable baselines and failed cases.
    func run() throws(BenchError) -> Int32 {
        if MachineInfo.isDebugBuild {
            printError("warning: debug build — timings are meaningless; use `swift run -c release schoolnet-bench`")
        }
        let baselinePath: String? =
            options.noCompare ? nil
            : options.comparePath ?? (FileManager.default.fileExists(atPath: Self.defaultBaselinePath) ? Self.defaultBaselinePath : nil)
        var baseline: BenchReport?
        if let baselinePath { baseline = try BenchReport.load(path: baselinePath) }
        let machine = MachineInfo.current()
        let runner = BenchRunner(repeats: options.repeats, scale: options.scale)
        var results: [CaseResult] = []
        for c in selectedCases {
            printError("running \(c.name)\(options.scale.keySuffix) × \(options.repeats)…")
            results.append(options.inProcess ? try runner.runHere(c, resetPeak: true) : try runner.runInChild(c))
        }

        var comparisons: [String: BaselineComparison] = [:]
        for r in results {
            if let b = baseline?.cases[r.key] { comparisons[r.key] = BaselineComparison(current: r, baseline: b) }
        }
        print(BenchTable.render(results, comparisons: comparisons))
        if let baselinePath, let baseline {
            print("\ncompared with \(baselinePath) (\(baseline.machine.date), \(baseline.machine.cores) cores)."
                + " Time: flagged only beyond \(BaselineComparison.slowRatio)× with non-overlapping min–max; never fatal.")
            if baseline.machine.cores != machine.cores || baseline.machine.cpuModel != machine.cpuModel {
                print("note: the baseline was measured on a different machine; time ratios are indicative only.")
            }
            let missing = results.filter { baseline.cases[$0.key] == nil }.map(\.key)
            if !missing.isEmpty { print("no baseline entry (not checked): \(missing.joined(separator: ", "))") }
        }
        if let load = machine.loadAverage1m { print("load average (1 min) at start: \(load), cores: \(machine.cores)") }

        let report = BenchReport(machine: machine, note: options.note, cases: Dictionary(uniqueKeysWithValues: results.map { ($0.key, $0) }))
        if let path = options.jsonPath { try write(report, to: path) }
        if options.updateBaseline { try updateBaseline(with: report) }

        let mismatches = comparisons.keys.sorted().flatMap { comparisons[$0]!.countMismatches }
        guard !mismatches.isEmpty else { return 0 }
        for line in mismatches { printError("error: \(line)") }
        if options.updateBaseline {
            printError("counts changed; the baseline was refreshed as asked (--update-baseline).")
            return 0
        }
        printError("error: counts differ from the baseline — the simulator's results moved (a correctness regression)."
            + " If the change is intended, refresh with --update-baseline and say why in the commit.")
        return 1
    }

    /// Merges `report`'s entries into the default baseline, keeping entries not run.
    private func updateBaseline(with report: BenchReport) throws(BenchError) {
        let path = Self.defaultBaselinePath
        var merged = (try? BenchReport.load(path: path)) ?? BenchReport(machine: report.machine, cases: [:])
        merged.machine = report.machine
        if let note = report.note { merged.note = note }
        for (key, value) in report.cases { merged.cases[key] = value }
        try write(merged, to: path)
        print("updated \(path) (\(report.cases.count) entries).")
    }

    /// Writes `report` as JSON to `path`.
    private func write(_ report: BenchReport, to path: String) throws(BenchError) {
        do { try report.encoded().write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw .unreadableReport(path: path, reason: "cannot write: \(error)")
        }
    }
}

/// Prints `message` on stderr.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
