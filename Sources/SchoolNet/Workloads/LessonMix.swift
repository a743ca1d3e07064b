/// A school day of ordinary lessons: for each class and lesson (a timetable period), whether
/// the devices are used and for what — digital textbooks, cloud documents and the web, video,
/// a remote class, uploads of work, CBT practice, or nothing — drawn from a mix of uses with
/// their probabilities and per-lesson intensity. Model and keys: `Workloads/Lessons.md`.
///
/// Each replication draws every lesson anew; each use runs as the existing workload of its
/// kind (``BackgroundWorkload``, ``VideoWorkload``, ``ConferenceWorkload``,
/// ``BulkWorkload``, ``CBTWorkload``), one workload per use holding the lessons that drew it.
///
/// **Assumptions**: a class uses the devices for one thing per lesson; lessons of a class
/// and of different classes are independent (no school-wide plan); within a lesson the
/// class is correlated: nothing happens until the teacher's instruction, drawn uniformly in
/// the first ``instructionWithin`` of the lesson, and then the devices taking part start
/// together within the activity's start spread (a burst); a use lasts until the lesson ends,
/// or for its ``Use/duration``.
///
/// **Draws**: a lesson's stream derives from the replication's seed and the class's
/// identity with the lesson's index (``EntityKey``): the same for the same seed, never
/// moved by names or by other classes. The order of draws is fixed: the use, the share of
/// devices, the instruction time, then which devices.
///
/// **Validated by**: `LessonMixTests` (`longRunSharesMatchTheMix`, `sameSeedSameLessons`).
public struct LessonMix: @unchecked Sendable {
    /// One way a lesson may use the devices.
    public struct Use {
        /// Its name in scenarios, e.g. `"video"`.
        public var name: String
        /// Probability that a lesson draws it (the mix's shares add up to 1).
        public var share: Double
        /// Fraction of the class's devices taking part, drawn uniformly per lesson.
        public var devices: ClosedRange<Double>
        /// How long the use lasts after the instruction; nil: until the lesson ends.
        public var duration: SimDuration?
        /// The activity kind that runs it (`"textbook"`, `"video"`, …); nil for no use.
        public var kind: String?
        /// Makes the use's workload from its lessons; nil for no use.
        public var make: ((String, [ActivitySession], ServiceDirectory) -> any Workload)?
    }

    /// A lesson: its name (the period's) and clock times.
    public struct Slot: Sendable, Equatable {
        /// The period's name, e.g. `"3"`.
        public var name: String
        /// Start and end, clock times.
        public var start: SimDuration, end: SimDuration
    }

    /// One class's lesson as drawn in one replication.
    public struct Lesson: Sendable, Equatable {
        /// Index of the class's session and of the lesson in ``slots``.
        public var session: Int, slot: Int
        /// Index of the drawn use in ``uses``.
        public var use: Int
        /// The devices taking part (empty for no use).
        public var devices: [NodeID]
        /// When the teacher's instruction comes and when the use stops (simulation times).
        public var start: SimTime, end: SimTime
    }

    /// The uses, in a fixed order (the order of ``LessonMix/useNames``).
    public var uses: [Use]
    /// The lessons of the day that the activity covers.
    public var slots: [Slot]
    /// The teacher's instruction comes uniformly within this time after the lesson starts.
    public var instructionWithin: SimDuration

    /// Draws every lesson of every class.
    ///
    /// - Parameters:
    ///   - sessions: one per class, covering the activity's window (identity set by the
    ///     scenario builder; without one, the session's index stands in).
    ///   - dayStart: the clock time of simulation time zero.
    ///   - rng: the replication's stream for this activity (`RandomStream(seed:).derived("lessons")`).
    /// - Returns: the lessons, by class then lesson; a lesson outside its class's window is left out.
    public func plan(_ sessions: [ActivitySession], dayStart: SimDuration, rng: RandomStream) -> [Lesson] {
        var out: [Lesson] = []
        for (s, session) in sessions.enumerated() {
            let identity = session.identity ?? EntityKey(tag: 3).appending(s)
            for (l, slot) in slots.enumerated() {
                let start = max(session.start, .zero + (slot.start - dayStart))
                let end = min(session.end, .zero + (slot.end - dayStart))
                guard end > start else { continue }
                var r = rng.derived(key: identity.appending(l).value)
                let use = pick(r.nextUnit())
                let fraction = uses[use].devices.lowerBound + (uses[use].devices.upperBound - uses[use].devices.lowerBound) * r.nextUnit()
                let instruction = start + .seconds(min(instructionWithin.seconds, (end - start).seconds) * r.nextUnit())
                var devices = session.devices
                let count = uses[use].make == nil ? 0 : max(1, min(devices.count, Int((fraction * Double(devices.count)).rounded())))
                // The first `count` of a partial Fisher–Yates shuffle, kept in class order.
                for i in 0..<count {
                    let j = i + Int(r.next() % UInt64(devices.count - i))
                    devices.swapAt(i, j)
                }
                let chosen = Set(devices.prefix(count))
                let stop = uses[use].duration.map { min(end, instruction + $0) } ?? end
                out.append(Lesson(session: s, slot: l, use: use, devices: session.devices.filter(chosen.contains),
                                  start: instruction, end: stop))
            }
        }
        return out
    }

    /// The use a unit draw `u` falls in (cumulative shares in use order).
    func pick(_ u: Double) -> Int {
        var sum = 0.0
        for (i, use) in uses.enumerated() {
            sum += use.share
            if u < sum { return i }
        }
        return uses.lastIndex { $0.share > 0 } ?? 0
    }

    /// The replication's workloads: one per use with a workload and a share above zero (also
    /// when no lesson drew it, so every replication reports the same workloads), each holding
    /// the lessons that drew it, named `"<activity>: <use>"`.
    ///
    /// - Parameters:
    ///   - name: the activity's name.
    ///   - sessions: one per class (see ``plan(_:dayStart:rng:)``).
    ///   - services: the cloud services.
    ///   - dayStart: the clock time of simulation time zero.
    ///   - rng: the replication's stream for this activity.
    /// - Returns: the workloads, in use order.
    public func workloads(named name: String, sessions: [ActivitySession], services: ServiceDirectory, dayStart: SimDuration,
                          rng: RandomStream) -> [any Workload] {
        let lessons = plan(sessions, dayStart: dayStart, rng: rng)
        return uses.indices.compactMap { u -> (any Workload)? in
            guard let make = uses[u].make, uses[u].share > 0 else { return nil }
            let mine = lessons.filter { $0.use == u }.map { lesson -> ActivitySession in
                let c = sessions[lesson.session]
                var s = ActivitySession(label: "\(c.label) \(slots[lesson.slot].name)", school: c.school, classroom: c.classroom,
                                        devices: lesson.devices, teacherDevice: c.teacherDevice, start: lesson.start, end: lesson.end,
                                        startJitter: c.startJitter)
                s.identity = (c.identity ?? EntityKey(tag: 3).appending(lesson.session)).appending(lesson.slot)
                return s
            }
            return make("\(name): \(uses[u].name)", mine, services)
        }
    }
}
