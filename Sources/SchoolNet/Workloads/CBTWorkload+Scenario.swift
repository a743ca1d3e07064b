import Foundation

/// Reading a CBT activity's parameters from a scenario file (keys documented in
/// `Workloads/CBT.md`).
extension CBTWorkload.Configuration {
    /// Where the defaults come from, as `explain` shows them.
    enum DefaultSource {
        static let estimate = "REFERENCES.md §8: CBT [ESTIMATE]"
        static let itemSize = "REFERENCES.md §8: text and images [ESTIMATE]; cf. PARCC 50 kbps per student, §3"
        static let listening = "REFERENCES.md §8: 1–2 min of audio or a short clip [ESTIMATE]"
        static let speaking = "COMPUTED: 30–60 s of 128 kbps audio; uploads as in the 2023 speaking test, REFERENCES.md §4"
        static let think = "REFERENCES.md §8: 20 items in ~30 min of a 45-min period [ESTIMATE]"
        static let backoff = "REFERENCES.md §8: jitter after Brooker, AWS Architecture Blog 2015 [ESTIMATE]"
        static let stall = "REFERENCES.md §8, §9: shorter than the request timeout, as media players do (hls.js 10 s to first byte) [ESTIMATE]"
        static let cohorts = "each student draws its own numbers (\"class\": a class moves together), Sources/SchoolNet/Workloads/CBT.md"
    }

    /// Reads a CBT activity object; every key is optional and falls back to the default in
    /// ``CBTWorkload/Configuration`` (recorded with its source for `explain`). Calls
    /// ``ScenarioReader/finish()``, so read the activity's common keys (kind, classes,
    /// period, …) with the same reader first.
    ///
    /// ```json
    /// {"items": 20, "listeningItems": 4, "speakingItems": 2, "delivery": "pre",
    ///  "itemSize": {"low": "50 kB", "high": "300 kB"}, "thinkTime": {"mean": "90 s", "cv": 0.5},
    ///  "timeout": "30 s", "retries": 3}
    /// ```
    ///
    /// - Parameter r: the activity object's reader.
    /// - Returns: the configuration.
    /// - Throws: ``ScenarioError`` naming the file and key path for a value that does not
    ///   fit, for inconsistent counts, and for an unknown key.
    public static func read(_ r: ScenarioReader) throws(ScenarioError) -> Self {
        try r.reading { try readUntyped(r) }
    }

    /// The body of ``read(_:)``.
    static func readUntyped(_ r: ScenarioReader) throws -> Self {
        let d = Self()
        typealias S = DefaultSource
        var c = Self()
        c.items = try r.int("items", in: 1...1000, default: d.items, source: S.estimate)
        c.itemSize = try distribution(r, "itemSize", as: .bytes, default: d.itemSize, source: S.itemSize)
        c.listeningItems = try r.int("listeningItems", in: 0...1000, default: d.listeningItems, source: S.estimate)
        c.listeningItemSize = try distribution(r, "listeningItemSize", as: .bytes, default: d.listeningItemSize,
                                               source: S.listening)
        c.speakingItems = try r.int("speakingItems", in: 0...1000, default: d.speakingItems, source: S.estimate)
        c.speakingUploadSize = try distribution(r, "speakingUploadSize", as: .bytes, default: d.speakingUploadSize,
                                                source: S.speaking)
        c.thinkTime = try distribution(r, "thinkTime", as: .duration, default: d.thinkTime, source: S.think)
        c.autosaveEvery = try r.duration("autosaveEvery", default: d.autosaveEvery, source: S.estimate)
        c.autosaveSize = try r.bytes("autosaveSize", default: d.autosaveSize, source: S.estimate)
        c.answerSize = try r.bytes("answerSize", default: d.answerSize, source: S.estimate)
        c.submitSize = try r.bytes("submitSize", default: d.submitSize, source: S.estimate)
        c.delivery = try r.read("delivery", as: .choice, default: d.delivery, source: S.estimate)
        c.loginRoundTrips = try r.int("loginRoundTrips", in: 0...50, default: d.loginRoundTrips, source: S.estimate)
        c.loginResponseSize = try r.bytes("loginResponseSize", default: d.loginResponseSize, source: S.estimate)
        c.timeout = try r.duration("timeout", default: d.timeout, source: S.estimate)
        c.stallTimeout = try r.duration("stallTimeout", default: d.stallTimeout, source: S.stall)
        c.retries = try r.int("retries", in: 0...20, default: d.retries, source: S.estimate)
        c.backoff = try r.duration("backoff", default: d.backoff, source: S.backoff)
        c.connectionReuse = try r.bool("connectionReuse", default: d.connectionReuse, source: S.estimate)
        c.cohorts = try r.read("cohorts", as: cohortsKind, default: d.cohorts, source: S.cohorts)
        if c.listeningItems + c.speakingItems > c.items {
            throw r.error("listeningItems (\(c.listeningItems)) + speakingItems (\(c.speakingItems)) must not exceed items (\(c.items))")
        }
        if c.timeout <= .zero { throw r.error("timeout: must be longer than 0 s") }
        if c.stallTimeout < .zero { throw r.error("stallTimeout: must not be negative (0 s turns it off)") }
        return c
    }

    /// The `cohorts` key: `"student"`, `"class"`, or a whole number 1–1000 (at most that
    /// many students per cohort; 1 is `"student"`).
    static let cohortsKind = ScenarioValueKind<CBTWorkload.Cohorts>(
        expected: "\"student\", \"class\" or a whole number of students per cohort from 1 to 1000",
        convert: { json in
            let expected = "\"student\", \"class\" or a whole number of students per cohort from 1 to 1000"
            switch json {
            case .string("student"): return .student
            case .string("class"): return .class
            case .number(let x) where x == x.rounded() && x >= 1 && x <= 1000: return x == 1 ? .student : .upTo(Int(x))
            default: throw UnitParseError(expected: expected, found: json.foundDescription)
            }
        },
        format: { c in
            switch c {
            case .student: "student"
            case .class: "class"
            case .upTo(let n): "\(n)"
            }
        })

    /// Reads a distribution of a unit quantity, in one of three spellings:
    /// `"150 kB"` (constant), `{"low": "50 kB", "high": "300 kB"}` (uniform), or
    /// `{"mean": "90 s", "cv": 0.5}` (lognormal with that mean and coefficient of variation;
    /// `cv` 0 is a constant). Parameters become plain numbers (bytes, seconds).
    ///
    /// - Parameters:
    ///   - r: the object holding the key.
    ///   - key: the member name.
    ///   - kind: how to read one value (``ScenarioValueKind/bytes`` or ``ScenarioValueKind/duration``).
    ///   - defaultValue: the distribution when the key is absent.
    ///   - source: where the default comes from.
    /// - Returns: the distribution.
    /// - Throws: ``ScenarioError`` when the member has none of the three forms.
    static func distribution<V: UnitQuantity>(_ r: ScenarioReader, _ key: String, as kind: ScenarioValueKind<V>,
                                              default defaultValue: Distribution, source: String) throws -> Distribution {
        let expected = "a value such as \"150 kB\" or \"90 s\", {\"low\": …, \"high\": …} or {\"mean\": …, \"cv\": 0.5}"
        guard let m = try r.optionalMember(key) else {
            r.record(describe(defaultValue, V.self), origin: .defaultValue(source: source), keyPath: r.keyPath.appending(key: key))
            return defaultValue
        }
        switch m.value {
        case .string:
            return .constant(try m.read(as: kind).plainValue)
        case .object where m.contains("low") || m.contains("high"):
            return try m.finishing { o in
                let low = try o.read("low", as: kind).plainValue, high = try o.read("high", as: kind).plainValue
                guard low <= high else { throw o.error("low must not exceed high") }
                return .uniform(low: low, high: high)
            }
        case .object:
            return try m.finishing { o in
                let mean = try o.read("mean", as: kind).plainValue
                let cv = try o.double("cv", in: 0...10, default: 0, source: "a constant unless cv is given")
                return cv == 0 || mean <= 0 ? .constant(mean) : .lognormal(mean: mean, cv: cv)
            }
        default:
            throw m.error(expected: expected)
        }
    }

    /// A default distribution as `explain` shows it.
    static func describe<V: UnitQuantity>(_ d: Distribution, _ type: V.Type) -> String {
        switch d {
        case .constant(let v): return V(plainValue: v).description
        case .uniform(let a, let b): return "uniform \(V(plainValue: a)) to \(V(plainValue: b))"
        case .lognormal(_, let sigma):
            let mean = d.mean, cv = (exp(sigma * sigma) - 1).squareRoot()
            return "lognormal, mean \(V(plainValue: mean)), cv \(UnitFormat.number(cv, digits: 3))"
        default: return "\(d)"
        }
    }
}

/// A unit type whose values a ``Distribution`` carries as plain numbers (bytes, seconds).
protocol UnitQuantity: CustomStringConvertible {
    /// The value as a plain number in the distribution's unit.
    var plainValue: Double { get }
    /// The unit value of a plain number.
    init(plainValue: Double)
}

extension ByteCount: UnitQuantity {
    /// Bytes.
    var plainValue: Double { Double(bytes) }
    /// From bytes.
    init(plainValue: Double) { self.init(bytes: Int64(plainValue.rounded())) }
}

extension SimDuration: UnitQuantity {
    /// Seconds.
    var plainValue: Double { Double(nanoseconds) / 1e9 }
    /// From seconds.
    init(plainValue: Double) { self = .seconds(plainValue) }
}

extension CBTWorkload {
    /// The scenario entry for `"activity": "cbt"`.
    public static let activityKind = ActivityKind(
        name: "cbt",
        summary: "a computer-based test (MEXCBT-like): login, items, think time, autosaves, speaking uploads, submit",
        metrics: CBTWorkload.metricKeys,
        read: { r in
            let c = try Configuration.read(r)
            return { name, sessions, services in CBTWorkload(name: name, configuration: c, sessions: sessions, services: services) }
        })
}
