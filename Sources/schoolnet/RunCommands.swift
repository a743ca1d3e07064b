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
        let (_, result) = try simulate(src, overrides: try overrides())
        return try report(result)
    }

    /// Prints and writes the reports of `run` (and of `merge` of a run's shards); returns
    /// the exit code: 3 if a target is missed.
    func report(_ result: MultiRunResult) throws -> Int32 {
        if !options.quiet && options.formats.contains(.text) {
            output(TextReport.render(result))
        }
        try writeFiles(result)
        let tally = result.targetTally
        return tally.passed < tally.withTarget ? 3 : 0
    }

    /// Writes the json/csv/html reports requested into --out.
    func writeFiles(_ result: MultiRunResult, name: String = "result") throws {
        let files = options.formats.filter { $0 != .text }
        guard !files.isEmpty else { return }
        let dir = try outputFolder()
        for f in files {
            let (text, ext): (String, String)
            switch f {
            case .json: (text, ext) = (JSONReport.render(result), "json")
            case .csv: (text, ext) = (CSVReport.utilisation(result.runs[0]), "csv")
            case .html: (text, ext) = (HTMLReport.render(result), "html")
            case .text: continue
            }
            let path = (dir as NSString).appendingPathComponent("\(name).\(ext)")
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                throw UsageError("cannot write \(path)")
            }
            if !options.quiet { messages("wrote \(path)") }
        }
        if files.contains(.csv) && !result.runs[0].flowLogs.isEmpty {
            // One line per replayed row of the first replication, streamed to the file.
            let path = (dir as NSString).appendingPathComponent(name == "result" ? "flows.csv" : "\(name)-flows.csv")
            guard var file = FileTextStream(path: path) else { throw UsageError("cannot write \(path)") }
            CSVReport.flows(result.runs[0], to: &file)
            guard file.close() else { throw UsageError("cannot write \(path)") }
            if !options.quiet { messages("wrote \(path)") }
        }
    }

    /// The --out folder (default schoolnet-out), created if need be.
    func outputFolder() throws -> String {
        let dir = options.outDirectory ?? "schoolnet-out"
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw UsageError("cannot create the output folder \"\(dir)\": \(error.localizedDescription)")
        }
        return dir
    }

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
        output(CompareTable.text(c, a: sa, b: sb, ra: ra, rb: rb))
        try writeFiles(ra, name: "A")
        try writeFiles(rb, name: "B")
        return 0
    }

    func sweepCommand() throws -> Int32 {
        if let shard = options.shard { return try sweepShard(shard) }
        let src = try source(options.files[0])
        let axes = try options.varies.map { try Sweep.Axis(parsing: $0) }
        let base = try overrides()
        let grid = try Sweep.grid(axes)
        for p in grid { _ = try src.scenario(with: base + p) }  // every point reads before anything runs
        var rows: [Sweep.Point] = []
        for (i, p) in grid.enumerated() {
            if !options.quiet { messages("point \(i + 1)/\(grid.count): " + p.map(\.description).joined(separator: ", ")) }
            rows.append(try Sweep.evaluate(src, overrides: base + p, seed: options.seed, replications: options.replications, jobs: options.jobs))
        }
        output(SweepTable.text(rows))
        return 0
    }

    func sizeCommand() throws -> Int32 {
        let src = try source(options.files[0])
        let axis = try Sweep.Axis(parsing: options.varies[0])
        let result = try Sweep.size(src, axis: axis, costs: options.costs, base: try overrides(), seed: options.seed,
                                    replications: options.replications, jobs: options.jobs,
                                    progress: options.quiet ? nil : messages)
        output(SweepTable.sizing(result, axis: axis))
        guard let c = result.chosen else { return 3 }
        return result.verification?.passed == true && result.candidates[c].point?.passed == true ? 0 : 3
    }
}
