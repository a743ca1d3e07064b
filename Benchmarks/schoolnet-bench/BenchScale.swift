/// How large a benchmark case runs.
///
/// `.full` is the committed ladder (release build, quiet machine); `.quick` is the CI
/// size (seconds in total). Each scale has its own baseline entries — quick ones are
/// keyed `NAME@quick` — because a case's counts depend on its size.
enum BenchScale: String, Sendable, Codable {
    /// The committed ladder.
    case full
    /// The CI size: `--quick`.
    case quick

    /// The suffix that keys this scale's entries in a report or baseline: "" or "@quick".
    var keySuffix: String { self == .quick ? "@quick" : "" }
}
