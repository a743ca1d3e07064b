/// The comparison of one case's result with its baseline entry.
///
/// **Counts** (events, flows, resolves) must equal the baseline exactly: the simulator is
/// deterministic, so any difference means its results moved — a correctness regression
/// unless intended (then refresh the baseline).
///
/// **Time** is only reported. The ratio is current median / baseline median. A case is
/// flagged `slower` when the ratio exceeds ``slowRatio`` (1.25) *and* the current
/// fastest repeat is slower than the baseline's slowest (the min–max ranges do not
/// overlap), so one noisy repeat on a shared machine does not raise a flag; `faster`
/// mirrors it (ratio below 1 / 1.25 and current max below baseline min). Peak RSS is
/// flagged `more memory` above 1.25× and 8 MiB over the baseline.
struct BaselineComparison {
    /// Ratio beyond which a time or memory change is flagged.
    static let slowRatio = 1.25
    /// Absolute memory growth below which no memory flag is raised.
    static let memorySlackBytes: UInt64 = 8 << 20

    /// How the wall time compares.
    enum TimeVerdict: String {
        /// Within the noise rule.
        case same = ""
        /// Beyond the rule, slower.
        case slower = "SLOWER"
        /// Beyond the rule, faster.
        case faster = "faster"
    }

    /// The baseline key compared.
    let key: String
    /// Current median / baseline median.
    let timeRatio: Double
    /// The time verdict under the rule above.
    let timeVerdict: TimeVerdict
    /// Current peak RSS / baseline peak RSS, if both are known.
    let memoryRatio: Double?
    /// Whether memory grew beyond the rule.
    let memoryGrew: Bool
    /// One line per count that differs; empty when counts match.
    let countMismatches: [String]

    /// Compares `current` with `baseline` (the entry with the same key).
    init(current: CaseResult, baseline: CaseResult) {
        key = current.key
        let (cur, base) = (current.wallSeconds, baseline.wallSeconds)
        timeRatio = base.median > 0 ? cur.median / base.median : .infinity
        if timeRatio > Self.slowRatio && cur.min > base.max {
            timeVerdict = .slower
        } else if timeRatio < 1 / Self.slowRatio && cur.max < base.min {
            timeVerdict = .faster
        } else {
            timeVerdict = .same
        }
        if let c = current.peakRSSBytes, let b = baseline.peakRSSBytes, b > 0 {
            memoryRatio = Double(c) / Double(b)
            memoryGrew = Double(c) > Self.slowRatio * Double(b) && c > b + Self.memorySlackBytes
        } else {
            memoryRatio = nil
            memoryGrew = false
        }
        var mismatches: [String] = []
        for (label, c, b) in [
            ("events", current.events, baseline.events), ("flows", current.flows, baseline.flows),
            ("resolves", current.resolves, baseline.resolves),
        ] where c != b {
            mismatches.append("\(key): \(label) \(c) ≠ baseline \(b)")
        }
        countMismatches = mismatches
    }
}
