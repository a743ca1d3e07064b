/// One machine's share of an experiment's units of work, `--shard i/n`: shard *i* of *n*
/// takes the units *u* (0-based) with *u* mod *n* = *i* − 1 — round-robin, so every shard
/// gets a like mix of cheap and costly units and the split needs no coordination.
///
/// The units are the replications of `schoolnet run`, and the (grid point, replication)
/// pairs of `schoolnet sweep` in the order the sweep runs them (first axis slowest, then
/// replication). Shards are numbered from 1, as Slurm array tasks usually are
/// (`--array=1-N`); a 0-based index (a Kubernetes Indexed Job's `JOB_COMPLETION_INDEX`)
/// is passed as `$((JOB_COMPLETION_INDEX + 1))/N`.
///
/// **Validated by:** `ShardFileTests.shardsSplitTheUnitsRoundRobin`.
public struct Shard: Sendable, Equatable, Codable, CustomStringConvertible {
    /// The shard's number, 1…``count``.
    public var index: Int
    /// How many shards the work is split into.
    public var count: Int

    /// The largest shard count accepted (far beyond any useful split).
    public static let maxCount = 100_000

    /// Shard `index` of `count`.
    ///
    /// - Precondition: 1 ≤ `index` ≤ `count`.
    public init(index: Int, count: Int) {
        precondition(1 <= index && index <= count, "Shard: index \(index) not in 1...\(count)")
        self.index = index
        self.count = count
    }

    /// The whole work as one shard (`1/1`).
    public static let whole = Shard(index: 1, count: 1)

    /// Parses `i/n`.
    ///
    /// - Throws: ``ExperimentError`` naming the form expected and what was found.
    public init(parsing text: String) throws(ExperimentError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), 1 <= n, n <= Self.maxCount, 1 <= i, i <= n else {
            throw ExperimentError("--shard expects i/n, shard i of n, numbered from 1 (1 ≤ i ≤ n ≤ \(Self.maxCount)), e.g. --shard 2/8; found \"\(text)\"")
        }
        self.init(index: i, count: n)
    }

    /// `i/n`.
    public var description: String { "\(index)/\(count)" }

    /// Whether unit `unit` (0-based) is this shard's.
    public func owns(_ unit: Int) -> Bool { unit % count == index - 1 }

    /// This shard's units among `total`, in increasing order.
    ///
    /// - Complexity: O(`total` / ``count``).
    public func units(of total: Int) -> [Int] { Array(stride(from: index - 1, to: total, by: count)) }

    /// The file a shard writes into the output folder: `shard-i-of-n.json`.
    public var fileName: String { "shard-\(index)-of-\(count).json" }
}
