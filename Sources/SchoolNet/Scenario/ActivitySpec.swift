/// An entry of the scenario's `activities`: which classes do what, when, and the
/// workload's own settings (already read and checked).
public struct ActivitySpec: @unchecked Sendable {
    /// Workload kind, e.g. `cbt`.
    public var kind: String
    /// Label in reports, e.g. "National CBT (grade 6)".
    public var name: String
    /// Start and end, clock times.
    public var start: SimDuration
    /// End, clock time.
    public var end: SimDuration
    /// Schools taking part (names); empty = all.
    public var schools: [String]
    /// Grades taking part; empty = all.
    public var grades: [Int]
    /// Classes taking part (names like "6-1"); empty = all of the selected grades.
    public var classes: [String]
    /// Each student's start offset after `start`, seconds.
    public var jitter: Distribution
    /// Makes the workload from its sessions.
    public var make: (_ name: String, _ sessions: [ActivitySession], _ services: ServiceDirectory) -> any Workload
    /// Checks the activity against the whole scenario once it is read (a flow log's
    /// endpoint names), so a bad input fails before anything runs; nil for most kinds.
    public var check: ((Scenario) throws -> Void)? = nil
    /// Whether the other classrooms of its schools stay off the network while it runs
    /// (the advice given to schools after the 2023 speaking test): see
    /// ``offlineWindow(for:school:grade:classroom:)``.
    public var othersOffline = false
    /// For a lesson-mix activity (`"activity": "lessons"`): the mix its lessons are drawn
    /// from in every replication; ``make`` is then unused.
    public var lessons: LessonMix?

    /// Whether class `classroom` (of `grade`) of school `school` takes part.
    public func includes(school: String, grade: Int, classroom: String) -> Bool {
        (schools.isEmpty || schools.contains(school)) && (grades.isEmpty || grades.contains(grade))
            && (classes.isEmpty || classes.contains(classroom))
    }

    /// Moves a session of another activity out of this activity's window when this one has
    /// ``othersOffline`` and the session's class is in one of its schools but does not take
    /// part: a session that would start during the window starts at its end instead
    /// (keeping its length, clipped at `dayEnd`); one running when the window opens stops
    /// then. Sessions of other schools, of the activity's own classes, or outside the window
    /// are unchanged.
    ///
    /// - Returns: the session's new start and end, or nil when nothing of it is left.
    public func offlineWindow(start: SimDuration, end: SimDuration, dayEnd: SimDuration, school: String, grade: Int,
                              classroom: String) -> (start: SimDuration, end: SimDuration)? {
        guard othersOffline, schools.isEmpty || schools.contains(school), !includes(school: school, grade: grade, classroom: classroom),
              start < self.end, end > self.start else { return (start, end) }
        if start < self.start { return (start, self.start) }
        let moved = (start: self.end, end: min(dayEnd, self.end + (end - start)))
        return moved.end > moved.start ? moved : nil
    }
}

/// The activity kinds a scenario may name, each with its settings reader and the metric
/// keys its report carries (so targets can be checked before running).
public struct ActivityKind: Sendable {
    /// The name used in scenarios (`"activity": "cbt"`).
    public var name: String
    /// What it models, for `--help` and docs.
    public var summary: String
    /// Its metric keys.
    public var metrics: [String]
    /// Reads the `settings` object and returns the workload factory.
    public var read: @Sendable (ScenarioReader) throws -> (String, [ActivitySession], ServiceDirectory) -> any Workload
    /// For kinds whose settings name things of the scenario: reads the settings like
    /// ``read`` and also returns a check run on the finished scenario (see
    /// ``ActivitySpec/check``). Used instead of ``read`` when set.
    public var readChecked: (@Sendable (ScenarioReader) throws -> (make: (String, [ActivitySession], ServiceDirectory) -> any Workload,
                                                                  check: (Scenario) throws -> Void))? = nil

    /// Every kind, in documentation order.
    public static var all: [ActivityKind] { [BulkWorkload.activityKind] + extraKinds }

    /// Kinds contributed by the workload files (filled in as they land).
    static var extraKinds: [ActivityKind] {
        [CBTWorkload.activityKind, VideoWorkload.activityKind, ConferenceWorkload.activityKind,
         BackgroundWorkload.activityKind(.web), BackgroundWorkload.activityKind(.textbook), BackgroundWorkload.activityKind(.update),
         FlowLogWorkload.activityKind, LessonMix.activityKind]
    }

    /// The kind named `name`.
    public static func named(_ name: String) -> ActivityKind? { all.first { $0.name == name } }
}
