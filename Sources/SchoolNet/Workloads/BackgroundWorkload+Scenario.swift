/// Reading a background activity's parameters from a scenario file (keys in
/// `Workloads/Background.md`).
extension BackgroundWorkload.Configuration {
    /// Where the defaults come from, as `explain` shows them.
    enum DefaultSource {
        static let web = "REFERENCES.md §8: no public school measurement [ESTIMATE]"
        static let textbook = "REFERENCES.md §3: 2 MB per spread, 3 s target, MEXT 2021 guidebook [ESTIMATE]"
        static let reading = "REFERENCES.md §8: a spread a minute [ESTIMATE]"
        static let update = "REFERENCES.md §2: iPadOS ~1 GB per device [anecdote]"
        static let none = "none unless set"
    }

    /// Reads a background activity object: `mode` is required, every other key optional
    /// with the mode's default (``init(mode:)``). Sizes and think times accept `"2 MB"`
    /// (constant), `{"low": …, "high": …}` (uniform) or `{"mean": …, "cv": 1}`
    /// (lognormal). Calls ``ScenarioReader/finish()``.
    ///
    /// ```json
    /// {"mode": "update", "objectSize": "1 GB", "updateAfter": "10 min", "rateLimit": "20 Mbps"}
    /// ```
    ///
    /// - Parameters:
    ///   - r: the activity object's reader.
    ///   - fixed: the mode when the activity kind already says it (`"activity": "textbook"`);
    ///     `mode` is then not read.
    /// - Returns: the configuration.
    /// - Throws: ``ScenarioError`` naming the file and key path for a missing mode, a value
    ///   that does not fit, and an unknown key.
    public static func read(_ r: ScenarioReader, mode fixed: BackgroundWorkload.Mode? = nil) throws(ScenarioError) -> Self {
        try r.reading {
            let mode = try fixed ?? r.oneOf("mode", as: BackgroundWorkload.Mode.self)
            let d = Self(mode: mode)
            typealias S = DefaultSource
            var c = d
            let sizeSource = mode == .web ? S.web : mode == .textbook ? S.textbook : S.update
            c.objectSize = try distribution(r, "objectSize", as: .bytes, plain: { Double($0.bytes) },
                                            default: d.objectSize, source: sizeSource)
            c.thinkTime = try distribution(r, "thinkTime", as: .duration, plain: \.seconds, default: d.thinkTime,
                                           source: mode == .web ? S.web : S.reading)
            c.pageTarget = try r.duration("pageTarget", default: d.pageTarget, source: S.textbook)
            c.updateAfter = try r.duration("updateAfter", default: d.updateAfter, source: S.none)
            c.rateLimit = try r.rate("rateLimit", allowUnlimited: true, default: d.rateLimit, source: S.none)
            if let problem = c.problems.first { throw r.error(problem) }
            return c
        }
    }

    /// Reads a distribution of a unit quantity as a constant, `{"low", "high"}` (uniform) or
    /// `{"mean", "cv"}` (lognormal; `cv` 0 or absent is a constant), in plain numbers.
    ///
    /// - Returns: the distribution, or the default (recorded with its source) when absent.
    /// - Throws: ``ScenarioError`` when the member has none of the three forms.
    static func distribution<V>(_ r: ScenarioReader, _ key: String, as kind: ScenarioValueKind<V>, plain: (V) -> Double,
                                default defaultValue: Distribution, source: String) throws -> Distribution {
        guard let m = try r.optionalMember(key) else {
            r.record("\(defaultValue)", origin: .defaultValue(source: source), keyPath: r.keyPath.appending(key: key))
            return defaultValue
        }
        switch m.value {
        case .string:
            return .constant(plain(try m.read(as: kind)))
        case .object where m.contains("low") || m.contains("high"):
            return try m.finishing { o in
                let low = plain(try o.read("low", as: kind)), high = plain(try o.read("high", as: kind))
                guard low <= high else { throw o.error("low must not exceed high") }
                return .uniform(low: low, high: high)
            }
        case .object:
            return try m.finishing { o in
                let mean = plain(try o.read("mean", as: kind))
                let cv = try o.double("cv", in: 0...10, default: 0, source: "a constant unless cv is given")
                return cv == 0 || mean <= 0 ? .constant(mean) : .lognormal(mean: mean, cv: cv)
            }
        default:
            throw m.error(expected: "a value such as \"2 MB\" or \"30 s\", {\"low\": …, \"high\": …} or {\"mean\": …, \"cv\": 1}")
        }
    }
}

extension BackgroundWorkload {
    /// The scenario entries `"activity": "web"`, `"textbook"` and `"update"`.
    public static func activityKind(_ mode: Mode) -> ActivityKind {
        let metrics: [String]
        let summary: String
        switch mode {
        case .web:
            metrics = ["response_p95"]
            summary = "cloud documents and the web: small request–response objects with think times"
        case .textbook:
            metrics = ["page_p95", "page_over_3s"]
            summary = "digital textbook page turns: 2 MB per spread, 3 s target (MEXT 2021)"
        case .update:
            metrics = ["update_completion", "update_p50"]
            summary = "an OS/app update storm: ~1 GB per device, optionally delayed or rate-limited"
        }
        return ActivityKind(name: mode.rawValue, summary: summary, metrics: metrics, read: { r in
            let c = try Configuration.read(r, mode: mode)
            return { name, sessions, services in BackgroundWorkload(name: name, configuration: c, sessions: sessions, services: services) }
        })
    }
}
