/// Running one shard's units of a `run` or a `sweep` (see ``Shard`` for which units).
extension ShardFile {
    /// Runs shard `shard` of the replications of a scenario.
    ///
    /// Replication *r* runs with seed `seed + r` exactly as in the unsharded run, so the
    /// merged shards are that run.
    ///
    /// - Parameters:
    ///   - source: The scenario.
    ///   - sets: The `--set` arguments.
    ///   - seed: `--seed`, or nil for the scenario's.
    ///   - replications: `--replications`, or nil for the scenario's.
    ///   - shard: Which shard.
    ///   - jobs: Threads.
    ///   - progress: Told the fraction of this shard done.
    /// - Returns: The shard file (no runs if the shard has no units).
    /// - Throws: ``ScenarioError`` or ``ExperimentError`` for bad input, before anything runs.
    public static func run(_ source: ScenarioSource, sets: [String], seed: UInt64?, replications: Int?, shard: Shard, jobs: Int,
                           progress: (@Sendable (Double) -> Void)? = nil) throws -> ShardFile {
        let overrides = try sets.map { try ScenarioOverride(parsing: $0) }
        let scenario = try source.scenario(with: overrides)
        let seed = seed ?? scenario.seed
        let total = replications ?? scenario.replications
        let units = shard.units(of: total)
        let runs = units.isEmpty ? [] : Experiment.runs(scenario, seed: seed, replications: units, jobs: jobs, progress: progress)
        let settings = "scenario \"\(scenario.name)\", seed \(seed), \(total) replication\(total == 1 ? "" : "s")"
            + overrides.map { ", --set \($0)" }.joined()
        let fingerprint = Self.fingerprint(["run", try source.canonicalJSON(with: overrides), "seed \(seed)", "replications \(total)"])
        var file = ShardFile(command: .run, fingerprint: fingerprint, settings: settings, shard: shard, unitCount: total, units: units,
                             runs: runs)
        file.record = RunRecord(file: source.file, sets: sets, seed: seed, replications: total)
        return file
    }

    /// Runs shard `shard` of a sweep's (grid point, replication) units.
    ///
    /// Every point's scenario is read before anything runs, as in the unsharded sweep; each
    /// point's replication *r* runs with the seed it has there.
    ///
    /// - Parameters:
    ///   - source: The scenario.
    ///   - sets: The `--set` arguments (applied before each point's).
    ///   - varies: The `--vary` arguments.
    ///   - seed: `--seed`, or nil for each point's scenario's.
    ///   - replications: `--replications`, or nil for each point's scenario's.
    ///   - shard: Which shard.
    ///   - jobs: Threads.
    ///   - progress: Told, before each point this shard runs, which point it is.
    /// - Returns: The shard file.
    /// - Throws: ``ScenarioError`` or ``ExperimentError`` for bad input, before anything runs.
    public static func sweep(_ source: ScenarioSource, sets: [String], varies: [String], seed: UInt64?, replications: Int?,
                             shard: Shard, jobs: Int, progress: ((String) -> Void)? = nil) throws -> ShardFile {
        let base = try sets.map { try ScenarioOverride(parsing: $0) }
        let axes = try varies.map { try Sweep.Axis(parsing: $0) }
        let grid = try Sweep.grid(axes)
        let scenarios = try grid.map { try source.scenario(with: base + $0) }  // every point reads before anything runs
        let counts = scenarios.map { replications ?? $0.replications }
        let total = counts.reduce(0, +)
        var runs: [Sweep.Run] = []
        var offset = 0
        for (p, scenario) in scenarios.enumerated() {
            let mine = (0..<counts[p]).filter { shard.owns(offset + $0) }
            offset += counts[p]
            guard !mine.isEmpty else { continue }
            progress?("point \(p + 1)/\(grid.count), \(mine.count) of \(counts[p]) replication\(counts[p] == 1 ? "" : "s"): "
                      + grid[p].map(\.description).joined(separator: ", "))
            runs += Sweep.runs(scenario, seed: seed ?? scenario.seed, replications: mine, jobs: jobs)
        }
        let name = scenarios.first.map { "scenario \"\($0.name)\"" } ?? "scenario \(source.file)"
        let settings = ([name] + base.map { "--set \($0)" } + varies.map { "--vary \($0)" }
                        + [seed.map { "seed \($0)" } ?? "the scenario's seed",
                           replications.map { "\($0) replication\($0 == 1 ? "" : "s")" } ?? "the scenario's replications"])
            .joined(separator: ", ")
        let fingerprint = Self.fingerprint(["sweep", try source.canonicalJSON(with: base)]
                                           + axes.map { "vary \($0.path)=" + $0.values.joined(separator: ",") }
                                           + ["seed \(seed.map(String.init) ?? "scenario")", "replications \(replications.map(String.init) ?? "scenario")"])
        var file = ShardFile(command: .sweep, fingerprint: fingerprint, settings: settings, shard: shard, unitCount: total,
                             units: shard.units(of: total), sweep: SweepShare(sets: sets, varies: varies, replications: counts, runs: runs))
        file.record = try RunRecord.sweep(source, sets: sets, varies: varies, seed: seed, replications: replications)
        return file
    }
}
