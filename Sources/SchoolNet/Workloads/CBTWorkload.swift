/// Computer-based testing (MEXCBT-like): every student of every session logs in, receives
/// the test's items, thinks, saves answers, autosaves, and submits, through the network,
/// with timeouts, retries and exponential backoff.
///
/// Per student, a state machine runs one foreground request at a time:
///
/// 1. **Login** at `session.start` + start jitter: `loginRoundTrips` request round trips to
///    the identity provider (small responses; the first opens a connection).
/// 2. **Delivery**: all items in one bulk download (`pre`), or each item when opened
///    (`perItem`). Item response time = first request to last byte, retries included
///    (with `pre`, the bulk download is the one item-time sample).
/// 3. **Think** per item; speaking items record audio meanwhile.
/// 4. **Save the answer** (device → server): a small save for text items, the recording
///    for speaking items (this exposes the uplink). The student waits for it, then opens
///    the next item. A periodic **autosave** (one at a time, no retries; the next tick
///    tries again) saves every answer given so far.
/// 5. **Submit** saves everything; the student has completed the test.
///
/// A request attempt that does not finish within `timeout`, or delivers no byte for
/// `stallTimeout`, is stopped and counts as a timeout (a stall, too, in the second case); a connection refused by a full session table counts as a refusal; both are
/// failed attempts, retried on a new connection after `backoff × 2^(attempt−1)` scaled by
/// U[0.5, 1.5). When the attempts run out: a failed login or item download ends the
/// student's test (not completed); a failed answer save leaves the answer unsaved (a later
/// autosave or the submit may still save a text answer, but not a recording); a failed
/// submit ends the test (not completed). When the window (`session.end`) closes, everything
/// in flight is stopped. An answer is **lost** when it was given but never saved. A request
/// given up (attempts exhausted, or cut by the window) counts in its time percentile at the
/// give-up time and in a failure count, so failures never improve a percentile.
///
/// **Assumptions**: a student's requests are sequential apart from autosave; an autosave
/// or save carries every text answer given so far; a recording is saved only by its own
/// upload; item, size and think-time draws come from per-student streams separate from
/// the backoff stream, so a retry never shifts a student's think times (common random
/// numbers); each student's streams derive from the workload's name, its session's label
/// (with the label's occurrence number) and its index in the session, so adding a class
/// does not change another class's draws.
///
/// **Cohorts** (`cohorts: "class"`, ``Cohorts``): the students of a class whose devices
/// reach the servers over the same path form one cohort of k that shares the streams of
/// its first student and is simulated once — one state machine, one transfer per request
/// standing for k (``TransferRequest/copies``), one event per step. Per-student statistics
/// weight each cohort by k (counts × k, latency samples recorded with count k), so a
/// cohort of k students who draw the same numbers gives the result of simulating them one
/// by one. With the default (`student`) every cohort has one student and nothing changes.
///
/// **Source**: REFERENCES.md §4 (MEXCBT; 2023 speaking test: audio uploads, 12.5 % lost
/// answers; synchronized login, pre-delivery and session limits as failure modes);
/// REFERENCES.md §3 (PARCC 50 kbps per student); defaults in ``Configuration``.
///
/// **Validated by**: `CBTWorkloadTests` (`itemTimeMatchesClosedForm`,
/// `undersizedSessionTableLosesAnswers`, `speakingTestExposesTheUplink`,
/// `preDeliveryIsOneBulkDownloadPerStudent`, `sameSeedSameOutcomes`,
/// `addingAClassKeepsOtherDraws`, `cohortEqualsIdenticalStudents`,
/// `singletonCohortsReproducePerStudentRun`; `CBTScenarioTests` for reading).
public final class CBTWorkload: Workload {
    /// The label in reports.
    public let name: String
    /// Always `"cbt"`.
    public var kind: String { "cbt" }
    /// The activity's parameters.
    public let configuration: Configuration
    /// The sessions (classes × periods) that take the test.
    public let sessions: [ActivitySession]
    /// Where the CBT server and the identity provider are.
    public let services: ServiceDirectory
    /// Targets by metric key (`item_p95` → 2.0), applied to the report; none by default.
    public var targets: [String: Double] = [:]

    /// What happened to one student, for tests and per-student reports.
    public struct StudentOutcome: Sendable, Equatable {
        /// Login time (first request to last byte of the last round trip), if logged in.
        public var loginSeconds: Double?
        /// Items delivered (all of them at once with pre-delivery).
        public var itemsDelivered = 0
        /// Sum of item response times, seconds.
        public var itemSeconds = 0.0
        /// Answers given (items whose think time ended within the window).
        public var answersGiven = 0
        /// Answers given but never saved.
        public var lostAnswers = 0
        /// Whether the submission was saved.
        public var submitted = false
        /// Request attempts that timed out.
        public var timeouts = 0
        /// Request attempts abandoned as stalled (no progress for `stallTimeout`; counted in
        /// `timeouts` too).
        public var stalls = 0
        /// Login, item and upload (answer save, recording, submit) requests given up after
        /// the last attempt or at the window's close.
        public var failedLogins = 0, failedItems = 0, failedUploads = 0
        /// Connections refused by a session table.
        public var refusals = 0
        /// Sum of the think times drawn, seconds.
        public var thinkSeconds = 0.0
        /// When the student's test ended (submitted, gave up, or the window closed).
        public var finished: SimTime = .never
    }

    /// Per-student outcomes, by student (sessions in order, devices in order); the members
    /// of a cohort share their cohort's outcome.
    public var outcomes: [StudentOutcome] { cohortOfStudent.map { students[Int($0)].outcome } }

    /// The number of students simulated together, by cohort (all 1 with `cohorts: "student"`).
    public var cohortSizes: [Int] { students.map { Int($0.copies) } }

    // MARK: State

    /// Where a student is in the test.
    enum Phase: UInt8 { case waiting, login, delivery, thinking, answering, submitting, done }

    /// Event codes (``WorkloadEvent/code``); `aux` carries a request serial for timeouts.
    enum Code: Int32 { case begin, timeout, retry, thinkDone, autosaveTick, autosaveTimeout, windowClose }

    /// One cohort's state machine (one student with the default `cohorts: "student"`).
    struct Student {
        /// The device of the cohort's first student; the others share its path.
        var device: NodeID
        /// How many students the cohort stands for.
        var copies: Int32 = 1
        /// Item and recording sizes; think times; backoff factors — separate streams, so a
        /// retry never shifts a think time.
        var sizeRNG: RandomStream, thinkRNG: RandomStream, retryRNG: RandomStream
        /// Where the student is.
        var phase = Phase.waiting
        /// Current item (0-based), login round trip, and attempt of the current request.
        var item = 0, step = 0, attempt = 0
        /// Size of the current foreground request (fixed across its retries).
        var requestBytes = ByteCount.zero
        /// First attempt of the current request; start of the login.
        var requestStart = SimTime.zero, loginStart = SimTime.zero
        /// The foreground transfer in flight, its timeout, the attempt's serial (stale
        /// timeouts carry an old one), and the text answers its save covers.
        var fg: TransferID?, fgTimer: EventToken?, fgSerial: Int32 = 0, fgCovers = 0
        /// Start of the attempt in flight, and the bytes it had delivered at its last check.
        var attemptStart = SimTime.zero, fgProgress = 0.0
        /// The same for the autosave.
        var auto: TransferID?, autoTimer: EventToken?, autoSerial: Int32 = 0, autoCovers = 0
        /// Whether a connection to the identity provider / CBT server is open.
        var connectedIdP = false, connectedCBT = false
        /// Answers given and saved, text and speaking; text answers are saved in order.
        var answeredText = 0, savedText = 0, answeredSpeaking = 0, savedSpeaking = 0
        /// What the reports see.
        var outcome = StudentOutcome()
    }

    /// Every cohort (with the default, every student), sessions in order, first members in
    /// device order.
    var students: [Student] = []
    /// The cohort of each student, sessions in order, devices in order.
    var cohortOfStudent: [Int32] = []
    /// This workload's index in the simulation (set by ``start(in:)``).
    var index: Int32 = -1
    /// Which resources delayed which student (fed with every transfer outcome).
    var ledger = DelayLedger(entities: 0, resources: 0)
    /// Login, item response and upload times, seconds.
    var loginTimes = QuantileSketch(), itemTimes = QuantileSketch(), uploadTimes = QuantileSketch()

    /// Creates the workload.
    ///
    /// - Parameters:
    ///   - name: the label in reports; also names the workload's random streams.
    ///   - configuration: the test and client parameters (must have no ``Configuration/problems``).
    ///   - sessions: who takes the test, when.
    ///   - services: the CBT server and identity provider nodes.
    public init(name: String, configuration: Configuration, sessions: [ActivitySession], services: ServiceDirectory) {
        precondition(configuration.problems.isEmpty, "invalid CBT configuration: \(configuration.problems)")
        self.name = name
        self.configuration = configuration
        self.sessions = sessions
        self.services = services
    }

    /// Creates every student's state and schedules logins and window ends.
    public func start(in sim: Simulation) {
        guard let me = sim.workloads.firstIndex(where: { $0 === self }) else { preconditionFailure("workload not added") }
        index = Int32(me)
        let root = sim.rng.derived("cbt").derived(name)
        var seen: [String: Int] = [:]  // looked up only, never iterated
        students.removeAll()
        cohortOfStudent.removeAll()
        var startAt: [SimTime] = [], windowEnd: [SimTime] = []
        for session in sessions {
            let occurrence = seen[session.label, default: 0]
            seen[session.label] = occurrence + 1
            let sessionRNG = session.stream(sim: sim.rng, kind: "cbt", named: root, occurrence: occurrence)
            let first = students.count
            let grouping = cohorts(of: session, in: sim.network.topology)
            for (member, size) in grouping.cohorts {
                // A cohort draws from the streams of its first student (index `member`), so a
                // cohort of one draws exactly what that student draws per student.
                let base = sessionRNG.derived(member)
                var startRNG = base.derived("start")
                let jitter = max(0, session.startJitter.sample(using: &startRNG))
                students.append(Student(device: session.devices[member], copies: Int32(size), sizeRNG: base.derived("size"),
                                        thinkRNG: base.derived("think"), retryRNG: base.derived("retry")))
                windowEnd.append(session.end)
                startAt.append(session.start + .seconds(jitter))
            }
            cohortOfStudent.append(contentsOf: grouping.cohortOfMember.map { Int32(first + $0) })
        }
        ledger = DelayLedger(multiplicity: students.map(\.copies), resources: sim.network.topology.resources.count)
        for s in students.indices {
            sim.schedule(event(s, .begin), at: max(startAt[s], sim.now))
            sim.schedule(event(s, .windowClose), at: max(windowEnd[s], sim.now))
        }
    }

    /// An event of this workload for student `s`.
    func event(_ s: Int, _ code: Code, aux: Int32 = 0) -> WorkloadEvent {
        WorkloadEvent(workload: index, entity: Int32(s), code: code.rawValue, aux: aux)
    }

    /// The metric keys of a CBT report, in order.
    public static let metricKeys = ["login_p95", "item_p50", "item_p95", "item_p99", "timeouts", "stalls", "lost_answers",
                                    "lost_answer_ratio", "students_lost_answers", "students_not_submitted", "completion_rate",
                                    "upload_p95", "failed_logins", "failed_items", "failed_uploads"]

    /// The CBT metrics (``metricKeys``) and the delay ledger's ranking.
    ///
    /// Failures count: the time percentiles include the requests the client gave up on, at
    /// their give-up time (flagged by `failed_logins`, `failed_items`, `failed_uploads`);
    /// `completion_rate` counts only students who submitted with every answer saved;
    /// per-student shares (`students_lost_answers`, `students_not_submitted`) are the
    /// figures a ministry publishes.
    public func report(in sim: Simulation) -> WorkloadReport {
        var timeouts = 0, stalls = 0, lost = 0, given = 0, submitted = 0, complete = 0, n = 0
        var studentsLost = 0, failedLogins = 0, failedItems = 0, failedUploads = 0
        for s in students {
            let k = Int(s.copies)  // a cohort counts as its k students
            let o = s.outcome
            timeouts += k * o.timeouts
            stalls += k * o.stalls
            lost += k * o.lostAnswers
            given += k * o.answersGiven
            submitted += o.submitted ? k : 0
            complete += o.submitted && o.lostAnswers == 0 ? k : 0
            studentsLost += o.lostAnswers > 0 ? k : 0
            failedLogins += k * o.failedLogins
            failedItems += k * o.failedItems
            failedUploads += k * o.failedUploads
            n += k
        }
        func share(_ x: Int) -> Double { n > 0 ? 100 * Double(x) / Double(n) : .nan }
        func q(_ sketch: QuantileSketch, _ p: Double) -> Double { sketch.quantile(p) ?? .nan }
        var metrics = [
            Metric(key: "login_p95", label: "Login time, 95th percentile", value: q(loginTimes, 0.95), unit: "s"),
            Metric(key: "item_p50", label: "Item response time, median", value: q(itemTimes, 0.50), unit: "s"),
            Metric(key: "item_p95", label: "Item response time, 95th percentile", value: q(itemTimes, 0.95), unit: "s"),
            Metric(key: "item_p99", label: "Item response time, 99th percentile", value: q(itemTimes, 0.99), unit: "s"),
            Metric(key: "timeouts", label: "Attempts abandoned (timeout, stall)", value: Double(timeouts), unit: "count"),
            Metric(key: "stalls", label: "Attempts abandoned as stalled", value: Double(stalls), unit: "count"),
            Metric(key: "lost_answers", label: "Answers lost (given, never saved)", value: Double(lost), unit: "count"),
            Metric(key: "lost_answer_ratio", label: "Answers lost, share of answers given",
                   value: given > 0 ? 100 * Double(lost) / Double(given) : .nan, unit: "%"),
            Metric(key: "students_lost_answers", label: "Students with an answer lost",
                   value: share(studentsLost), unit: "%"),
            Metric(key: "students_not_submitted", label: "Students who could not submit", value: share(n - submitted), unit: "%"),
            Metric(key: "completion_rate", label: "Students complete, all answers saved",
                   value: share(complete), unit: "%", higherIsBetter: true),
            Metric(key: "upload_p95", label: "Answer upload time, 95th percentile",
                   value: q(uploadTimes, 0.95), unit: "s"),
            Metric(key: "failed_logins", label: "Logins given up", value: Double(failedLogins), unit: "count"),
            Metric(key: "failed_items", label: "Item downloads given up", value: Double(failedItems), unit: "count"),
            Metric(key: "failed_uploads", label: "Uploads and submits given up", value: Double(failedUploads), unit: "count"),
        ]
        for i in metrics.indices { metrics[i].target = targets[metrics[i].key] }
        return WorkloadReport(name: name, kind: kind, entities: n, metrics: metrics, delayedBy: ledger.shares())
    }
}
