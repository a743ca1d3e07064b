extension CBTWorkload {
    /// How the test's items reach the device.
    public enum Delivery: String, Sendable, CaseIterable {
        /// All items in one bulk download right after login (the app then works offline
        /// until it saves answers): one large transfer per student, all at the same time.
        case pre
        /// Each item is downloaded when the student opens it.
        case perItem
    }

    /// Who shares one stream of random draws and moves through the test together.
    ///
    /// **Assumption of `class`**: every student of a class who reaches the servers over the
    /// same path (same access point hop with the same airtime factor, same rate ceiling)
    /// starts at the same instant, gets the same item sizes and think times, and retries
    /// in lockstep — synchronised students, so bursts are *more* pessimistic than with
    /// independent students (a whole class's item requests land in the same instant instead
    /// of spreading over the think-time distribution). Such a *cohort* of k students is
    /// simulated once, as one transfer standing for k (``TransferRequest/copies``), which is
    /// exact for k students who really draw the same numbers; the per-student statistics
    /// count it k times. ``upTo(_:)`` splits those groups into cohorts of at most n
    /// (consecutive in device order), each with its own draws: n = 1 is the per-student run,
    /// larger n trades fidelity for speed. Measured on a municipality in
    /// `Benchmarks/README.md` ("Cohorts: fidelity").
    public enum Cohorts: Sendable, Equatable {
        /// Each student has its own draws (the default; results as before cohorts existed).
        case student
        /// All students of a class on the same path share their draws (see above).
        case `class`
        /// As `class`, in cohorts of at most this many students (≥ 1).
        case upTo(Int)

        /// The largest cohort: 1 for `student`, unbounded for `class`.
        var maximumSize: Int {
            switch self {
            case .student: 1
            case .class: .max
            case .upTo(let n): n
            }
        }
    }

    /// The parameters of one CBT activity: the test's shape, the client's behaviour, and
    /// its timeouts. Every field has a default with its source; the scenario reads them
    /// with ``read(_:)`` (keys in `Workloads/CBT.md`).
    ///
    /// Sizes are distributions of bytes and think times distributions of seconds (plain
    /// numbers inside a ``Distribution``; the workload wraps each draw in a unit type).
    ///
    /// **Assumptions**: listening items are the first `listeningItems` of the test and
    /// speaking items the last `speakingItems` (listening section first, speaking last, as
    /// in English proficiency tests); the rest are text/image items.
    ///
    /// **Source**: REFERENCES.md §3 (PARCC 50 kbps per student on average) and §4 (MEXCBT,
    /// 2023 speaking test: audio recorded and uploaded, 12.5 % lost answers). No public
    /// MEXCBT item-size or item-count figures exist in REFERENCES.md, so most values are
    /// labelled **[ESTIMATE]**; override them from a real test's HAR capture.
    public struct Configuration: Sendable, Equatable {
        /// Items in the test, all kinds together. Default 20 [ESTIMATE: about 20 questions
        /// fit one 45-minute subject period with the default think time].
        public var items: Int = 20
        /// Size of a text/image item, bytes. Default uniform 50–300 kB [ESTIMATE: a page
        /// of text with a figure; at 20 items ≈ 3.5 MB per student, i.e. ≈ 10 kbps averaged
        /// over 45 min, below PARCC's 50 kbps/student planning figure, REFERENCES.md §3, which
        /// includes media].
        public var itemSize: Distribution = .uniform(low: 50_000, high: 300_000)
        /// How many items are listening items (counted in `items`). Default 0.
        public var listeningItems: Int = 0
        /// Size of a listening item (its audio or video), bytes. Default uniform 2–5 MB
        /// [ESTIMATE: 1–2 min of 128 kbps audio is 1–2 MB; a short video clip a few MB].
        public var listeningItemSize: Distribution = .uniform(low: 2_000_000, high: 5_000_000)
        /// How many items are speaking items (counted in `items`): the student records
        /// audio and uploads it (device → server, the uplink). Default 0.
        public var speakingItems: Int = 0
        /// Size of one speaking answer's recording, bytes. Default uniform 0.5–1 MB
        /// [COMPUTED: 30–60 s of speech at 128 kbps AAC = 0.48–0.96 MB; the 2023 speaking
        /// test uploaded recordings from the device, REFERENCES.md §4].
        public var speakingUploadSize: Distribution = .uniform(low: 500_000, high: 1_000_000)
        /// Think time per item (reading, answering, recording), seconds. Default lognormal
        /// with mean 90 s and CV 0.5 [ESTIMATE: 20 items in about 30 of a period's 45 min].
        public var thinkTime: Distribution = .lognormal(mean: 90, cv: 0.5)
        /// Interval of the periodic autosave upload; zero turns autosave off. Default 60 s
        /// [ESTIMATE: common CBT client setting].
        public var autosaveEvery: SimDuration = .seconds(60)
        /// Size of one autosave upload. Default 2 kB [ESTIMATE: the answer state as JSON].
        public var autosaveSize: ByteCount = .kilobytes(2)
        /// Size of the answer saved when leaving a text item. Default 2 kB [ESTIMATE].
        public var answerSize: ByteCount = .kilobytes(2)
        /// Size of the final submission. Default 10 kB [ESTIMATE: all answers as JSON].
        public var submitSize: ByteCount = .kilobytes(10)
        /// How items are delivered. Default per item [ESTIMATE: on-demand delivery;
        /// pre-delivery is the load case REFERENCES.md §4 names].
        public var delivery: Delivery = .perItem
        /// Request round trips to the identity provider at login (redirects, credentials,
        /// token, user info); the first opens a connection. Default 4 [ESTIMATE: an OpenID
        /// Connect authorisation-code flow].
        public var loginRoundTrips: Int = 4
        /// Response size of one login round trip. Default 10 kB [ESTIMATE: a login page or
        /// token response].
        public var loginResponseSize: ByteCount = .kilobytes(10)
        /// How long a request may take before the client abandons it (and retries). Default
        /// 30 s [ESTIMATE: a usual browser-application request timeout].
        public var timeout: SimDuration = .seconds(30)
        /// How long an attempt may make no progress (no byte delivered: handshakes, a wait
        /// for an appliance session, a stalled transfer) before the client abandons it as
        /// stalled and retries; zero turns the stall timer off. Checked at this interval
        /// while the attempt runs, inside the whole-request `timeout`. Default 20 s
        /// [ESTIMATE: a stall timer shorter than the request timeout, as in media players
        /// (hls.js gives up on a fragment without a first byte after 10 s, REFERENCES.md §9);
        /// no public MEXCBT client figure exists].
        public var stallTimeout: SimDuration = .seconds(20)
        /// Retries after a failed attempt (timeout or refused connection); attempts = 1 +
        /// retries. Default 3 [ESTIMATE].
        public var retries: Int = 3
        /// Backoff before the first retry; doubled for each further retry and scaled by a
        /// uniform factor in [0.5, 1.5) from the student's stream so a class does not retry
        /// in lockstep. Default 2 s [ESTIMATE; jitter after Brooker, "Exponential Backoff
        /// and Jitter", AWS Architecture Blog 2015].
        public var backoff: SimDuration = .seconds(2)
        /// Whether requests reuse the open connection (HTTP keep-alive). When false every
        /// request opens a connection (DNS, TCP, TLS, and a session on every session-limited
        /// appliance on the path). After a timeout or a refusal the client always opens a
        /// new one. Default true [ESTIMATE: browsers keep connections alive].
        public var connectionReuse: Bool = true
        /// Whether each student has its own draws (`student`), the students of a class on
        /// one path move together as one cohort (`class`), or in cohorts of at most n (a
        /// number; see ``Cohorts``). Default
        /// `student` [modelling choice, not a fact: `class` trades independence of students
        /// for speed].
        public var cohorts: Cohorts = .student

        /// The defaults above.
        public init() {}

        /// Text/image items: neither listening nor speaking.
        public var textItems: Int { items - listeningItems - speakingItems }

        /// Whether item `i` (0-based) is a listening item.
        func isListening(_ i: Int) -> Bool { i < listeningItems }
        /// Whether item `i` (0-based) is a speaking item.
        func isSpeaking(_ i: Int) -> Bool { i >= items - speakingItems }

        /// Problems that make the configuration unusable, as messages naming the key; empty
        /// when valid.
        public var problems: [String] {
            var p: [String] = []
            if items < 1 { p.append("items: must be at least 1") }
            if listeningItems < 0 || speakingItems < 0 || listeningItems + speakingItems > items {
                p.append("listeningItems + speakingItems must not exceed items (\(items))")
            }
            if loginRoundTrips < 0 { p.append("loginRoundTrips: must not be negative") }
            if retries < 0 { p.append("retries: must not be negative") }
            if timeout <= .zero { p.append("timeout: must be positive") }
            if stallTimeout < .zero { p.append("stallTimeout: must not be negative") }
            if cohorts.maximumSize < 1 { p.append("cohorts: must be at least 1 student") }
            return p
        }
    }
}
