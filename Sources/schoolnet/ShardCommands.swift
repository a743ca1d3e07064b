import Foundation
import SchoolNet

/// `run --shard i/n`, `sweep --shard i/n` and `merge`: scale-out over machines with any
/// scheduler (see ``Shard`` for which units a shard runs, ``ShardFile`` for the file).
/// Thin: parse, call the library, write.
extension Commands {
    /// Runs this shard's replications and writes its shard file.
    func runShard(_ shard: Shard) throws -> Int32 {
        let src = try source(options.files.first)
        let progress = progressReporter(label: "shard \(shard)")
        var onProgress: (@Sendable (Double) -> Void)?
        if let progress { onProgress = { f in progress.update(f) } }
        let file = try ShardFile.run(src, sets: options.sets, seed: options.seed, replications: options.replications, shard: shard,
                                     jobs: options.jobs, progress: onProgress)
        progress?.finish()
        return try write(file)
    }

    /// Runs this shard's (grid point, replication) units of the sweep and writes its shard file.
    func sweepShard(_ shard: Shard) throws -> Int32 {
        let src = try source(options.files[0])
        let file = try ShardFile.sweep(src, sets: options.sets, varies: options.varies, seed: options.seed,
                                       replications: options.replications, shard: shard, jobs: options.jobs,
                                       progress: options.quiet ? nil : messages)
        return try write(file)
    }

    /// Writes `OUT/shard-i-of-n.json` and says so in one line.
    func write(_ file: ShardFile) throws -> Int32 {
        let path = (try outputFolder() as NSString).appendingPathComponent(file.shard.fileName)
        try file.write(to: path)
        let n = file.units.count
        if !options.quiet { output("shard \(file.shard): \(n) run\(n == 1 ? "" : "s") written to \(path)\n") }
        return 0
    }

    /// Checks the shard files are one whole job and prints and writes its report, exactly
    /// as the unsharded command would (with the same exit code).
    func mergeCommand() throws -> Int32 {
        var files: [(path: String, file: ShardFile)] = []
        for path in options.files { files.append((path, try ShardFile.read(path))) }
        let merged = try ShardFile.merge(files)
        switch merged.command {
        case .run:
            return try report(try merged.result(), record: merged.record)
        case .sweep:
            let axes = try (merged.sweep?.varies ?? []).map { try Sweep.Axis(parsing: $0).path }
            let record = merged.record ?? RunRecord(file: merged.settings, sets: merged.sweep?.sets ?? [], varies: merged.sweep?.varies ?? [],
                                                    seed: 0, replications: merged.sweep?.replications.first ?? 0)
            return try sweepReport(try merged.points(), axes: axes, record: record)
        }
    }
}
