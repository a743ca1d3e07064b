/// Which instant of a flow log lands at the activity's start (the `startAt` setting):
/// log rows before it are skipped, and each later row starts at the activity's start plus
/// its time after it.
///
/// Without it, log time 0 — the first row's timestamp in an ISO-8601 log, `0` in a log in
/// seconds — lands at the activity's start.
///
/// **Assumptions**: a timestamp is read exactly as the log's are (``FlowLogTimestamp``): a
/// time with a zone (`+09:00`, `Z`) is an absolute instant, one without is read as if UTC,
/// like nfdump's zone-less `ts` — so write `startAt` the way the log writes its times.
///
/// **Validated by**: `FlowLogStartTests`.
public enum FlowLogStart: Sendable, Equatable {
    /// An ISO-8601 timestamp (`"2024-06-11T09:00:00+09:00"`, nfdump's
    /// `"2024-06-11 09:00:00"`; years 1 to 9999), with its text.
    case timestamp(FlowLogInstant, text: String)
    /// A time of a log whose `start` column is in seconds.
    case seconds(SimDuration)

    /// How `startAt` is read: a JSON number (seconds of log time, ≥ 0), or a string — an
    /// ISO-8601 timestamp, or a duration of log time such as `"1 h"`.
    public static let kind = ScenarioValueKind<FlowLogStart>(
        expected: expected,
        convert: { json in
            switch json {
            case .number(let x) where x.isFinite && x >= 0 && x < 9e9:
                return .seconds(.seconds(x))
            case .string(let s):
                if let t = FlowLogTimestamp.instant(s) { return .timestamp(t, text: s) }
                if let d = try? UnitParsing.duration(s), d.nanoseconds < 9_000_000_000 * 1_000_000_000 { return .seconds(d) }
                throw UnitParseError(expected: expected, found: json.foundDescription)
            default:
                throw UnitParseError(expected: expected, found: json.foundDescription)
            }
        },
        format: { start in
            switch start {
            case .timestamp(_, let text): text
            case .seconds(let d): d.description
            }
        })

    static let expected = "an ISO-8601 time such as \"2024-06-11T09:00:00+09:00\", or seconds of log time such as 3600"
}
