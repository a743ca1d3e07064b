/// Reading a lesson mix from a scenario file (keys in `Workloads/Lessons.md` and
/// `Scenarios/README.md`).
extension LessonMix {
    /// The activity kind's name in scenarios (`"activity": "lessons"`).
    public static let kindName = "lessons"

    /// A use's defaults: its name, share, devices taking part, duration, the activity kind
    /// that runs it and that kind's settings.
    struct Default {
        var name: String, share: Double, devices: ClosedRange<Double>, duration: SimDuration?, kind: String?, settings: String
    }

    /// The default mix, in use order (REFERENCES.md §8, ESTIMATE, from the §3 rows): MEXT's
    /// sizing example streams on ~12 % of devices at once, here video (10 %) and remote
    /// classes (2 %) of lessons; devices are used on most school days but not in every
    /// lesson (60 % of lessons here).
    static let defaults: [Default] = [
        Default(name: "none", share: 0.40, devices: 0...0, duration: nil, kind: nil, settings: "{}"),
        Default(name: "textbook", share: 0.20, devices: 1...1, duration: nil, kind: "textbook", settings: "{}"),
        Default(name: "web", share: 0.20, devices: 0.5...1, duration: nil, kind: "web", settings: "{}"),
        Default(name: "video", share: 0.10, devices: 1...1, duration: .minutes(10), kind: "video", settings: "{}"),
        Default(name: "remoteClass", share: 0.02, devices: 1...1, duration: nil, kind: "conference", settings: "{}"),
        Default(name: "upload", share: 0.05, devices: 0.5...1, duration: nil, kind: "bulk",
                settings: #"{"size": "10 MB", "upload": true}"#),
        Default(name: "cbt", share: 0.03, devices: 1...1, duration: nil, kind: "cbt", settings: #"{"items": 10}"#),
    ]

    /// The default mix as `explain` prints it: each use's share, and its devices and
    /// duration where they are not all devices until the lesson ends.
    static var defaultMixText: String {
        defaults.map { d in
            var notes: [String] = []
            if d.kind != nil && d.devices != 1...1 { notes.append("\(percent(d.devices.lowerBound))–\(percent(d.devices.upperBound)) of devices") }
            if let t = d.duration { notes.append("\(Int(t.seconds / 60)) min") }
            return "\(d.name) \(percent(d.share))" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
        }.joined(separator: ", ")
    }

    /// Records the defaults of an activity without `settings` on the activity's reader (so
    /// `explain` lists them under `settings`).
    static func recordDefaults(on a: ScenarioReader) {
        let settings = a.keyPath.appending(key: "settings")
        a.record(defaultMixText, origin: .defaultValue(source: source), keyPath: settings.appending(key: "mix"))
        a.record("\(Int(defaultInstructionWithin.seconds / 60)) min", origin: .defaultValue(source: source), keyPath: settings.appending(key: "instructionWithin"))
    }

    /// The teacher's instruction comes within this time after the lesson starts, by default.
    static let defaultInstructionWithin = SimDuration.minutes(10)

    /// The uses' names, in use order.
    public static var useNames: [String] { defaults.map(\.name) }

    /// Where the defaults come from, as `explain` shows them.
    static let source = "REFERENCES.md §8: lesson mix [ESTIMATE]"

    /// The activity kind (its metrics are those of the uses' kinds, reported per use).
    static var activityKind: ActivityKind {
        ActivityKind(name: kindName,
                     summary: "each class's lessons drawn from a mix: textbooks, web, video, remote class, uploads, CBT practice or nothing",
                     metrics: [],
                     read: { r in throw r.error("a lesson mix is read with its lessons (LessonMix.read)") })
    }

    /// The activity kinds whose metrics a lesson mix reports (for targets).
    public var kinds: [String] { uses.compactMap { $0.share > 0 ? $0.kind : nil } }

    /// Reads a lesson-mix activity's `settings`: `mix` (optional; when given it replaces the
    /// whole default mix, and its shares must add up to 100 %) and `instructionWithin`.
    /// Calls ``ScenarioReader/finish()``.
    ///
    /// ```json
    /// {"mix": {"none": {"share": "50 %"}, "video": {"share": "30 %", "duration": "15 min"},
    ///          "web": {"share": "20 %", "devices": {"low": "50 %", "high": "100 %"}}},
    ///  "instructionWithin": "5 min"}
    /// ```
    ///
    /// - Parameters:
    ///   - r: the settings object's reader.
    ///   - slots: the lessons the activity covers.
    /// - Returns: the mix.
    /// - Throws: ``ScenarioError`` naming the file and key path: an unknown use (with a
    ///   suggestion), a share or device fraction outside 0–100 %, `low` above `high`, shares
    ///   not adding up to 100 %, a use's settings its kind refuses, an unknown key.
    static func read(_ r: ScenarioReader, slots: [Slot]) throws -> LessonMix {
        try r.finishing { r in
            var uses: [Use] = []
            if let m = try r.optionalMember("mix") {
                guard case .object = m.value else {
                    throw m.error(expected: "an object of uses with their shares, e.g. {\"none\": {\"share\": \"50 %\"}, \"video\": {\"share\": \"50 %\"}}")
                }
                try m.finishing { m in
                    for d in defaults {
                        if let u = try m.optionalObject(d.name, { try readUse($0, d) }) {
                            uses.append(u)
                        } else {
                            uses.append(try use(d, share: 0, settings: try ScenarioReader(json: d.settings, file: r.file)))
                        }
                    }
                }
                let total = uses.reduce(0) { $0 + $1.share }
                guard abs(total - 1) < 1e-6 else {
                    throw m.error(.invalidValue(expected: "shares adding up to 100 % (a given mix replaces the default one: list every use with its share)", found: "\(percent(total))", suggestion: nil))
                }
            } else {
                r.record(defaultMixText, origin: .defaultValue(source: source), keyPath: r.keyPath.appending(key: "mix"))
                uses = try defaults.map { try use($0, share: $0.share, settings: try ScenarioReader(json: $0.settings, file: r.file)) }
            }
            let within = try r.duration("instructionWithin", default: defaultInstructionWithin, source: source)
            return LessonMix(uses: uses, slots: slots, instructionWithin: within)
        }
    }

    /// Reads one use of a given mix: `share` (required), `devices`, `duration`, `settings`.
    static func readUse(_ u: ScenarioReader, _ d: Default) throws -> Use {
        let share = try u.fraction("share", expected: "the share of lessons using it, e.g. \"20 %\"")
        guard d.kind != nil else { return try use(d, share: share, settings: try ScenarioReader(json: "{}", file: u.file)) }
        var devices = d.devices
        if let m = try u.optionalMember("devices") {
            if case .object = m.value {
                devices = try m.finishing { m in
                    let low = try m.fraction("low", expected: "the smallest share of the class's devices, e.g. \"50 %\"")
                    let high = try m.fraction("high", expected: "the largest share of the class's devices, e.g. \"100 %\"")
                    guard low <= high else {
                        throw m.error(.invalidValue(expected: "low at most high", found: "\(percent(low)) > \(percent(high))", suggestion: nil))
                    }
                    return low...high
                }
            } else {
                let f = try m.read(as: .fraction(in: 0...1))
                devices = f...f
            }
        }
        var x = try use(d, share: share, settings: try u.optionalMember("settings") ?? ScenarioReader(json: d.settings, file: u.file))
        x.devices = devices
        if let duration = try u.optionalDuration("duration") {
            guard duration > .zero else {
                let m = try u.member("duration", expected: "")
                throw m.error(.invalidValue(expected: "a positive duration, e.g. \"10 min\"", found: "\(duration.seconds) s", suggestion: nil))
            }
            x.duration = duration
        }
        return x
    }

    /// A use from its defaults, with `share` and the workload read from `settings` by the
    /// use's activity kind.
    static func use(_ d: Default, share: Double, settings: ScenarioReader) throws -> Use {
        guard let kind = d.kind, let k = ActivityKind.named(kind) else {
            return Use(name: d.name, share: share, devices: 0...0, duration: nil, kind: nil, make: nil)
        }
        return Use(name: d.name, share: share, devices: d.devices, duration: d.duration, kind: kind, make: try k.read(settings))
    }

    /// A fraction as a percentage with at most one decimal, e.g. `"12.5 %"`.
    static func percent(_ f: Double) -> String {
        let v = (f * 1000).rounded() / 10
        return v == v.rounded() ? "\(Int(v)) %" : "\(v) %"
    }
}
