import Foundation
import SchoolNet

extension Commands {
    /// Runs the scenario's replications and returns the summary (validating first, so a
    /// bad file writes nothing).
    func simulate(_ src: ScenarioSource, overrides: [ScenarioOverride], label: String? = nil) throws -> (Scenario, MultiRunResult) {
        let scenario = try src.scenario(with: overrides)
        let replications = options.replications ?? scenario.replications
        let seed = options.seed ?? scenario.seed
        let progress = progressReporter(label: label ?? "simulating \(scenario.name)")
        var onProgress: (@Sendable (Double) -> Void)?
        if let progress { onProgress = { f in progress.update(f) } }
        // With csv, the first replication keeps one record per flow-log row (flows.csv).
        let perFlow = options.formats.contains(.csv)
        let runs = Experiment.runs(scenario, seed: seed, replications: Array(0..<replications), jobs: options.jobs,
                                   progress: onProgress,
                                   prepare: { sim, r in if perFlow && r == 0 { FlowLogWorkload.recordFlows(in: sim) } })
        progress?.finish()
        return (scenario, MultiRunResult(runs: runs))
    }

    func runCommand() throws -> Int32 {
        if let shard = options.shard { return try runShard(shard) }
        let src = try source(options.files.first)
        let (scenario, result) = try simulate(src, overrides: try overrides())
        return try report(result, record: record(src, scenario))
    }

    /// Prints and writes the reports of `run` (and of `merge` of a run's shards); returns
    /// the exit code: 3 if a target is missed.
    func report(_ result: MultiRunResult, record: RunRecord?) throws -> Int32 {
        try writeReports(result, record: record)
        return Self.exitCode(result)
    }

    /// 3 if a target of `result` is missed, else 0.
    static func exitCode(_ result: MultiRunResult) -> Int32 {
        let tally = result.targetTally
        return tally.passed < tally.withTarget ? 3 : 0
    }

    /// `compare A.json B.json`: both sides run on the same seeds; writes the difference table
    /// (`compare.txt`, `.csv`, `.json`, `.html`) and each side's reports (`A.*`, `B.*`);
    /// 3 if either side misses a target.
    func compareCommand() throws -> Int32 {
        let a = try source(options.files[0]), b = try source(options.files[1])
        let o = try overrides()
        // Both must read before either runs.
        _ = try a.scenario(with: o)
        _ = try b.scenario(with: o)
        let (sa, ra) = try simulate(a, overrides: o, label: "A")
        let (sb, rb) = try simulate(b, overrides: o, label: "B")
        guard ra.runs.map(\.seed) == rb.runs.map(\.seed) else {
            throw UsageError("A and B use different seeds or replication counts; pass --seed and --replications")
        }
        let c = Comparison(baseline: ra, treatment: rb)
        let recordA = record(a, sa), recordB = record(b, sb)
        try emitText("A: " + recordA.line + "\nB: " + recordB.line + "\n" + CompareTable.text(c, a: sa, b: sb, ra: ra, rb: rb), named: "compare.txt")
        for f in options.formats {
            switch f {
            case .text: continue
            case .csv: try writeOutput(CompareReport.csv(c, a: ra, b: rb, recordA: recordA, recordB: recordB, layout: options.layout), named: "compare.csv")
            case .json: try writeOutput(CompareReport.json(c, a: ra, b: rb, recordA: recordA, recordB: recordB), named: "compare.json")
            case .html:
                try writeOutput(CompareReport.html(c, a: ra, b: rb, recordA: recordA, recordB: recordB,
                                                   title: "SchoolNet comparison — \(sa.name) (A) and \(sb.name) (B)"), named: "compare.html")
            }
        }
        var reports = options
        reports.formats.removeAll { $0 == .text }
        let files = Commands(options: reports, output: output, messages: messages)
        try files.writeReports(ra, record: recordA, name: "A")
        try files.writeReports(rb, record: recordB, name: "B")
        return max(Self.exitCode(ra), Self.exitCode(rb))
    }

    func sweepCommand() throws -> Int32 {
        if let shard = options.shard { return try sweepShard(shard) }
        let src = try source(options.files[0])
        let axes = try options.varies.map { try Sweep.Axis(parsing: $0) }
        let base = try overrides()
        let grid = try Sweep.grid(axes)
        for p in grid { _ = try src.scenario(with: base + p) }  // every point reads before anything runs
        let record = try RunRecord.sweep(src, sets: options.sets, varies: options.varies, seed: options.seed, replications: options.replications)
        var rows: [Sweep.Point] = []
        for (i, p) in grid.enumerated() {
            if !options.quiet { messages("point \(i + 1)/\(grid.count): " + p.map(\.description).joined(separator: ", ")) }
            rows.append(try Sweep.evaluate(src, overrides: base + p, seed: options.seed, replications: options.replications, jobs: options.jobs))
        }
        return try sweepReport(rows, axes: axes.map(\.path), record: record)
    }

    /// Prints and writes a sweep's table (`sweep.txt`, `.csv`, `.json`, `.html`); returns 3
    /// if any point misses a target, else 0.
    func sweepReport(_ rows: [Sweep.Point], axes: [String], record: RunRecord) throws -> Int32 {
        try emitText(record.line + "\n" + SweepTable.text(rows), named: "sweep.txt")
        for f in options.formats {
            switch f {
            case .text: continue
            case .csv: try writeOutput(SweepReport.csv(rows, axes: axes, record: record, layout: options.layout), named: "sweep.csv")
            case .json: try writeOutput(SweepReport.json(rows, axes: axes, record: record), named: "sweep.json")
            case .html: try writeOutput(SweepReport.html(rows, axes: axes, record: record, title: "SchoolNet sweep — " + record.file), named: "sweep.html")
            }
        }
        return rows.contains { $0.passed == false } ? 3 : 0
    }

    func sizeCommand() throws -> Int32 {
        var src = try source(options.files[0])
        if !options.students.isEmpty && src.schoolTableName != nil {
            // --students resizes the first school, also the first row of a school list kept in
            // a CSV file: the list is read once as written (a bad cell is reported at its line
            // in the CSV file), then as JSON entries, so --set and --vary reach schools[0].
            _ = try src.scenario()
            src = try src.inliningSchoolTable()
        }
        let axis = try Sweep.Axis(parsing: options.varies[0])
        var record = try RunRecord.sweep(src, sets: options.sets, varies: options.varies, seed: options.seed, replications: options.replications)
        var extra: [String] = []
        if !options.students.isEmpty { extra.append("--students " + options.students.map(String.init).joined(separator: ",")) }
        if let c = options.classSize { extra.append("--class-size \(c)") }
        if let d = options.daysShare { extra.append("--days-share " + UnitFormat.number(d * 100, digits: 6)) }
        if !extra.isEmpty { record.options = extra }
        if !options.students.isEmpty { return try sizeBySchool(src, axis: axis, record: record) }
        let result = try Sweep.size(src, axis: axis, costs: options.costs, base: try overrides(), seed: options.seed,
                                    replications: options.replications, jobs: options.jobs, daysShare: options.daysShare,
                                    progress: options.quiet ? nil : messages)
        try emitText(record.line + "\n" + SweepTable.sizing(result, axis: axis), named: "size.txt")
        for f in options.formats {
            switch f {
            case .text: continue
            case .csv: try writeOutput(SweepReport.csv(result, axis: axis, record: record), named: "size.csv")
            case .json: try writeOutput(SweepReport.json(result, axis: axis, record: record), named: "size.json")
            case .html: try writeOutput(SweepReport.html(result, axis: axis, record: record, title: "SchoolNet sizing — " + record.file), named: "size.html")
            }
        }
        return result.verified ? 0 : 3
    }

    /// `size --students …`: the smallest passing option per school size (`size.txt`,
    /// `.csv`, `.json`, `.html`); 3 if some size has no verified option.
    func sizeBySchool(_ src: ScenarioSource, axis: Sweep.Axis, record: RunRecord) throws -> Int32 {
        let sizes = try Sweep.sizeBySchool(src, axis: axis, costs: options.costs, base: try overrides(), students: options.students,
                                           maxClassSize: options.classSize ?? 35, daysShare: options.daysShare,
                                           seed: options.seed, replications: options.replications, jobs: options.jobs,
                                           progress: options.quiet ? nil : messages)
        let share = options.daysShare
        try emitText(record.line + "\n" + SweepReport.schoolSizeText(sizes, axis: axis, daysShare: share), named: "size.txt")
        for f in options.formats {
            switch f {
            case .text: continue
            case .csv: try writeOutput(SweepReport.schoolSizeCSV(sizes, axis: axis, daysShare: share, record: record), named: "size.csv")
            case .json: try writeOutput(SweepReport.schoolSizeJSON(sizes, axis: axis, daysShare: share, record: record), named: "size.json")
            case .html:
                try writeOutput(SweepReport.schoolSizeHTML(sizes, axis: axis, daysShare: share, record: record,
                                                           title: "SchoolNet sizing by school size — " + record.file), named: "size.html")
            }
        }
        return sizes.allSatisfy(\.sizing.verified) ? 0 : 3
    }
}
