import Foundation
import SchoolNet

extension Commands {
    func runCommand() throws -> Int32 {
        let src = try source(options.files.first)
        let scenario = try src.scenario(with: overrides())
        let replications = options.replications ?? scenario.replications
        let seed = options.seed ?? scenario.seed
        let progress = progressReporter(label: "simulating \(scenario.name)")
        var onProgress: (@Sendable (Double) -> Void)?
        if let progress { onProgress = { f in progress.update(f) } }
        let runs: [RunSummary] = Experiment.replicate(scenario, seed: seed, replications: replications, jobs: options.jobs,
                                                      progress: onProgress) { (sim: Simulation, builder: ScenarioBuilder, s: UInt64) -> RunSummary in
            RunSummary(simulation: sim, scenario: scenario, builder: builder, seed: s)
        }
        progress?.finish()
        let means = Experiment.meanMetrics(runs.map { $0.reports })
        if !options.quiet && options.formats.contains(.text) {
            print(RunSummary.text(scenario: scenario, runs: runs, means: means), terminator: "")
        }
        let hasTargets = means.contains { $0.metric.target != nil }
        return hasTargets && !Experiment.passes(means) ? 3 : 0
    }

    func compareCommand() throws -> Int32 {
        throw UsageError("compare is not available in this build yet")
    }

    func sweepCommand() throws -> Int32 {
        let src = try source(options.files[0])
        let axes = try options.varies.map { try Sweep.Axis(parsing: $0) }
        let base = try overrides()
        let grid = try Sweep.grid(axes)
        for p in grid { _ = try src.scenario(with: base + p) }  // every point reads before anything runs
        var rows: [Sweep.Point] = []
        for (i, p) in grid.enumerated() {
            if !options.quiet { printError("point \(i + 1)/\(grid.count): " + p.map(\.description).joined(separator: ", ")) }
            rows.append(try Sweep.evaluate(src, overrides: base + p, seed: options.seed, replications: options.replications, jobs: options.jobs))
        }
        print(SweepTable.text(rows), terminator: "")
        return 0
    }

    func sizeCommand() throws -> Int32 {
        let src = try source(options.files[0])
        let axis = try Sweep.Axis(parsing: options.varies[0])
        let result = try Sweep.size(src, axis: axis, costs: options.costs, base: try overrides(), seed: options.seed,
                                    replications: options.replications, jobs: options.jobs,
                                    progress: options.quiet ? nil : { printError($0) })
        print(SweepTable.sizing(result, axis: axis), terminator: "")
        guard let c = result.chosen else { return 3 }
        return result.verification?.passed == true && result.candidates[c].point?.passed == true ? 0 : 3
    }
}
