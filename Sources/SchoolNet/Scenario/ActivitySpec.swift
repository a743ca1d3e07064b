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
         FlowLogWorkload.activityKind]
    }

    /// The kind named `name`.
    public static func named(_ name: String) -> ActivityKind? { all.first { $0.name == name } }
}
