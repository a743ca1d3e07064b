/// Reading a video activity's parameters from a scenario file (keys in `Workloads/Video.md`).
extension VideoWorkload.Configuration {
    /// Where the defaults come from, as `explain` shows them.
    enum DefaultSource {
        static let ladder = "REFERENCES.md §3: YouTube 360p–1080p [VENDOR]"
        static let segment = "REFERENCES.md §8: DASH segments of 2–6 s [ESTIMATE]"
        static let buffer = "REFERENCES.md §8: video player [ESTIMATE]"
        static let bba = "REFERENCES.md §8: BBA-0 (Huang et al. 2014) scaled to a 30 s buffer [ESTIMATE]"
        static let hls = "REFERENCES.md §9: hls.js fragLoadPolicy defaults [VENDOR]"
    }

    /// Reads a video activity object; every key is optional, falling back to the default
    /// recorded with its source. Calls ``ScenarioReader/finish()``.
    ///
    /// ```json
    /// {"ladder": ["0.7 Mbps", "1.1 Mbps", "2.5 Mbps"], "segmentDuration": "4 s",
    ///  "startupSegments": 2, "maxBuffer": "30 s", "reservoir": "8 s", "cushion": "16 s"}
    /// ```
    ///
    /// - Parameter r: the activity object's reader.
    /// - Returns: the configuration.
    /// - Throws: ``ScenarioError`` naming the file and key path for a value that does not
    ///   fit, for inconsistent values, and for an unknown key.
    public static func read(_ r: ScenarioReader) throws(ScenarioError) -> Self {
        try r.reading {
            let d = Self()
            typealias S = DefaultSource
            var c = Self()
            if let ladder = try r.optionalArray("ladder", minCount: 1, { try $0.read(as: .rate) }) {
                c.ladder = ladder
            } else {
                r.record(d.ladder.map(\.description).joined(separator: ", "), origin: .defaultValue(source: S.ladder),
                         keyPath: r.keyPath.appending(key: "ladder"))
            }
            c.segmentDuration = try r.duration("segmentDuration", default: d.segmentDuration, source: S.segment)
            c.startupSegments = try r.int("startupSegments", in: 1...100, default: d.startupSegments, source: S.buffer)
            c.maxBuffer = try r.duration("maxBuffer", default: d.maxBuffer, source: S.buffer)
            c.reservoir = try r.duration("reservoir", default: d.reservoir, source: S.bba)
            c.cushion = try r.duration("cushion", default: d.cushion, source: S.bba)
            c.firstByteTimeout = try r.duration("firstByteTimeout", default: d.firstByteTimeout, source: S.hls)
            c.loadTimeout = try r.duration("loadTimeout", default: d.loadTimeout, source: S.hls)
            c.fragmentRetries = try r.int("fragmentRetries", in: 0...20, default: d.fragmentRetries, source: S.hls)
            if let problem = c.problems.first { throw r.error(problem) }
            return c
        }
    }
}

extension VideoWorkload {
    /// The scenario entry `"activity": "video"`.
    public static let activityKind = ActivityKind(
        name: "video", summary: "video on demand: a DASH-like player per device with buffer-based bitrate choice (BBA)",
        metrics: ["startup_p95", "rebuffer_ratio", "mean_bitrate", "switches_per_min", "fragments_failed", "gave_up"],
        read: { r in
            let c = try Configuration.read(r)
            return { name, sessions, services in VideoWorkload(name: name, configuration: c, sessions: sessions, services: services) }
        })
}
