/// Reading a conference activity's parameters from a scenario file (keys in
/// `Workloads/Conference.md`).
extension ConferenceWorkload.Configuration {
    /// Where the defaults come from, as `explain` shows them.
    enum DefaultSource {
        static let rates = "REFERENCES.md §3: Zoom 720p group [VENDOR] (or the preset)"
        static let estimate = "REFERENCES.md §8: remote class [ESTIMATE]"
        static let g114 = "REFERENCES.md §3: ITU-T G.114"
    }

    /// Reads a conference activity object; every key is optional. `preset` sets both rates;
    /// `upRate` and `downRate` override it. Calls ``ScenarioReader/finish()``.
    ///
    /// ```json
    /// {"preset": "teamsHD", "downlink": "roomDisplay", "studentsUp": true,
    ///  "freezeThreshold": 0.9, "delayLimit": "150 ms"}
    /// ```
    ///
    /// - Parameter r: the activity object's reader.
    /// - Returns: the configuration.
    /// - Throws: ``ScenarioError`` naming the file and key path for a value that does not
    ///   fit, and for an unknown key.
    public static func read(_ r: ScenarioReader) throws(ScenarioError) -> Self {
        try r.reading {
            typealias S = DefaultSource
            let preset = try r.read("preset", as: .choice, default: ConferenceWorkload.Preset.zoom720p, source: S.rates)
            let d = Self(preset: preset)
            var c = d
            c.upRate = try r.rate("upRate", default: d.upRate, source: S.rates)
            c.downRate = try r.rate("downRate", default: d.downRate, source: S.rates)
            c.downlink = try r.read("downlink", as: .choice, default: d.downlink, source: S.estimate)
            c.studentsUp = try r.bool("studentsUp", default: d.studentsUp, source: S.estimate)
            c.freezeThreshold = try r.fraction("freezeThreshold", in: 0.01...1, default: d.freezeThreshold, source: S.estimate)
            c.delayLimit = try r.duration("delayLimit", default: d.delayLimit, source: S.g114)
            c.dropAfter = try r.duration("dropAfter", default: d.dropAfter, source: "RFC 7675 consent expiry, REFERENCES.md §9")
            c.rejoinAfter = try r.duration("rejoinAfter", default: d.rejoinAfter, source: S.estimate)
            if let problem = c.problems.first { throw r.error(problem) }
            return c
        }
    }
}

extension ConferenceWorkload {
    /// The scenario entry `"activity": "conference"`.
    public static let activityKind = ActivityKind(
        name: "conference", summary: "a remote class: real-time streams teacher → devices and students → relay",
        metrics: ["freeze_ratio", "delay_p95", "delay_over_150ms", "drops"],
        read: { r in
            let c = try Configuration.read(r)
            return { name, sessions, services in ConferenceWorkload(name: name, configuration: c, sessions: sessions, services: services) }
        })
}
