/// A run's results as `Codable` data, so a run made on one machine can be written to a shard
/// file and rebuilt on another exactly as it was (``ShardFile``).
///
/// Everything is stored except ``RunResult/bottlenecks``, which is derived: decoding calls
/// the memberwise initialiser, which ranks again with ``Bottleneck/rank(resources:sessionTables:workloads:)``
/// — a pure function of the stored parts, so the ranking comes back identical.
///
/// **Exactness:** integers (`UInt64` seeds and event counts, `Int64` nanoseconds) are written
/// as JSON integers; `Double`s in Swift's shortest round-trip form, so they read back
/// bit for bit — encode with a non-conforming float strategy (``ShardFile`` uses `"NaN"`,
/// `"+Infinity"`, `"-Infinity"`), since undefined metrics are NaN.
///
/// **Validated by:** `ShardFileTests.runResultsSurviveTheFileBitForBit`.
extension RunResult: Codable {
    enum CodingKeys: String, CodingKey {
        case scenarioName, description, seed, clockStart, duration, bucketWidth, eventsProcessed
        case resources, sessionTables, workloads, periods
    }

    /// Reads a run written by ``encode(to:)``, ranking its bottlenecks again.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` when a field is missing or of the wrong type.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(scenarioName: try c.decode(String.self, forKey: .scenarioName),
                  description: try c.decode(String.self, forKey: .description),
                  seed: try c.decode(UInt64.self, forKey: .seed),
                  clockStart: try c.decode(SimDuration.self, forKey: .clockStart),
                  duration: try c.decode(SimDuration.self, forKey: .duration),
                  bucketWidth: try c.decode(SimDuration.self, forKey: .bucketWidth),
                  eventsProcessed: try c.decode(UInt64.self, forKey: .eventsProcessed),
                  resources: try c.decode([ResourceResult].self, forKey: .resources),
                  sessionTables: try c.decode([SessionTableResult].self, forKey: .sessionTables),
                  workloads: try c.decode([WorkloadReport].self, forKey: .workloads))
        periods = try c.decodeIfPresent([Period].self, forKey: .periods) ?? []
    }

    /// Writes every stored part of the run (not the derived ranking).
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: `EncodingError` for a non-finite `Double` without a non-conforming float strategy.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(scenarioName, forKey: .scenarioName)
        try c.encode(description, forKey: .description)
        try c.encode(seed, forKey: .seed)
        try c.encode(clockStart, forKey: .clockStart)
        try c.encode(duration, forKey: .duration)
        try c.encode(bucketWidth, forKey: .bucketWidth)
        try c.encode(eventsProcessed, forKey: .eventsProcessed)
        try c.encode(resources, forKey: .resources)
        try c.encode(sessionTables, forKey: .sessionTables)
        try c.encode(workloads, forKey: .workloads)
        if !periods.isEmpty { try c.encode(periods, forKey: .periods) }
    }
}
