/// Merging the shards of one job (`schoolnet merge`), and the job's results from the merge.
extension ShardFile {
    /// Checks that `files` are every shard of one job, each exactly once, and puts their
    /// units back in order: the result is the shard file `--shard 1/1` would have written.
    ///
    /// Checks, in order, with the file named: each file is whole (its units are those of its
    /// shard, one result each); all are of the same command, split into the same number of
    /// shards, from the same scenario and settings (fingerprint); no shard is given twice;
    /// none is missing.
    ///
    /// - Parameter files: The files, with the paths used in messages.
    /// - Returns: The whole job as one shard, ``Shard/whole``.
    /// - Throws: ``ExperimentError`` naming the file and what is wrong.
    /// - Complexity: O(units).
    public static func merge(_ files: [(path: String, file: ShardFile)]) throws(ExperimentError) -> ShardFile {
        guard let (refPath, ref) = files.first else {
            throw ExperimentError("merge needs the shard files, e.g. schoolnet merge out/shard-*.json")
        }
        for (path, f) in files {
            try f.checkWhole(path)
            guard f.command == ref.command else {
                throw ExperimentError("\(path): a \(f.command.rawValue) shard, but \(refPath) is a \(ref.command.rawValue) shard")
            }
            guard f.shard.count == ref.shard.count else {
                throw ExperimentError("\(path): shard \(f.shard), but \(refPath) is shard \(ref.shard); every shard of a job splits it into the same number of shards")
            }
            guard f.fingerprint == ref.fingerprint, f.unitCount == ref.unitCount else {
                let how = f.settings != ref.settings ? "\(f.settings) vs \(ref.settings)" : "the same settings, but the scenario files' contents differ"
                throw ExperimentError("\(path) and \(refPath) are shards of different jobs: \(how)")
            }
        }
        let n = ref.shard.count
        var paths = [[String]](repeating: [], count: n + 1)
        var byShard = [ShardFile?](repeating: nil, count: n + 1)
        for (path, f) in files {
            paths[f.shard.index].append(path)
            byShard[f.shard.index] = f
        }
        if let i = (1...n).first(where: { paths[$0].count > 1 }) {
            throw ExperimentError("shard \(i)/\(n) given \(paths[i].count) times: " + list(paths[i]) + "; give each shard once")
        }
        let missing = (1...n).filter { paths[$0].isEmpty }
        guard missing.isEmpty else {
            throw ExperimentError("missing shard\(missing.count == 1 ? "" : "s") " + list(missing.map { "\($0)/\(n)" })
                                  + ": merge needs all \(n) shard files of the job, each once")
        }
        let shards = byShard.compactMap { $0 }
        var merged = ShardFile(command: ref.command, fingerprint: ref.fingerprint, settings: ref.settings, shard: .whole,
                               unitCount: ref.unitCount, units: Array(0..<ref.unitCount))
        merged.record = shards.first?.record
        switch ref.command {
        case .run:
            merged.runs = inUnitOrder(shards.map { ($0.units, $0.runs ?? []) }, count: ref.unitCount)
        case .sweep:
            merged.sweep = ref.sweep
            merged.sweep?.runs = inUnitOrder(shards.map { ($0.units, $0.sweep?.runs ?? []) }, count: ref.unitCount)
        }
        return merged
    }

    /// The replications of a whole `run` job, as `schoolnet run` reports them.
    ///
    /// - Throws: ``ExperimentError`` if this is a `sweep` or holds only one shard of several.
    public func result() throws(ExperimentError) -> MultiRunResult {
        try checkComplete()
        guard command == .run, let runs, !runs.isEmpty else { throw ExperimentError("this shard file holds a \(command.rawValue), not a run") }
        return MultiRunResult(runs: runs)
    }

    /// The points of a whole `sweep` job, as `schoolnet sweep` reports them.
    ///
    /// - Throws: ``ExperimentError`` if this is a `run`, holds only one shard of several, or
    ///   its plan does not read.
    public func points() throws(ExperimentError) -> [Sweep.Point] {
        try checkComplete()
        guard command == .sweep, let sweep else { throw ExperimentError("this shard file holds a \(command.rawValue), not a sweep") }
        let base = try sweep.sets.map { (s: String) throws(ExperimentError) in try ScenarioOverride(parsing: s) }
        let grid = try Sweep.grid(try sweep.varies.map { (v: String) throws(ExperimentError) in try Sweep.Axis(parsing: v) })
        guard grid.count == sweep.replications.count else {
            throw ExperimentError("damaged shard file: \(sweep.replications.count) grid points' replications for a grid of \(grid.count)")
        }
        var points: [Sweep.Point] = []
        var offset = 0
        for (p, overrides) in grid.enumerated() {
            let count = sweep.replications[p]
            points.append(Sweep.point(overrides: base + overrides, runs: Array(sweep.runs[offset..<offset + count])))
            offset += count
        }
        return points
    }

    /// Checks that the file holds a whole job, as ``merge(_:)`` returns it.
    func checkComplete() throws(ExperimentError) {
        guard shard.count == 1 else { throw ExperimentError("shard \(shard) holds part of a job; merge all \(shard.count) shards first") }
        try checkWhole("the merged shards")
    }

    /// Checks that the file holds what its header says: its shard's units, one result each.
    func checkWhole(_ path: String) throws(ExperimentError) {
        func damaged(_ what: String) -> ExperimentError { ExperimentError("\(path): damaged shard file: \(what)") }
        guard shard.count >= 1, shard.count <= Shard.maxCount, shard.index >= 1, shard.index <= shard.count else {
            throw damaged("shard \(shard.index)/\(shard.count) is not a shard")
        }
        guard unitCount >= 1, units == shard.units(of: unitCount) else {
            throw damaged("its units are not those of shard \(shard) of \(unitCount)")
        }
        let held: Int
        switch command {
        case .run:
            guard let runs, sweep == nil else { throw damaged("a run shard without runs") }
            held = runs.count
        case .sweep:
            guard let sweep, runs == nil else { throw damaged("a sweep shard without its sweep") }
            guard sweep.replications.allSatisfy({ $0 >= 0 }), sweep.replications.reduce(0, +) == unitCount else {
                throw damaged("replications per point add up to \(sweep.replications.reduce(0, +)), not \(unitCount)")
            }
            held = sweep.runs.count
        }
        guard held == units.count else { throw damaged("\(held) results for \(units.count) units") }
    }

    /// Items of several shards put in unit order (every unit present exactly once).
    static func inUnitOrder<T>(_ parts: [(units: [Int], items: [T])], count: Int) -> [T] {
        var slots = [T?](repeating: nil, count: count)
        for part in parts {
            for (u, item) in zip(part.units, part.items) { slots[u] = item }
        }
        return slots.map { $0! }
    }

    /// `a`, `a and b`, `a, b and c`; past six items, the first five and how many in all.
    static func list(_ items: [String]) -> String {
        if items.count > 6 { return items.prefix(5).joined(separator: ", ") + " … (\(items.count) in all)" }
        if items.count <= 1 { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
    }
}
