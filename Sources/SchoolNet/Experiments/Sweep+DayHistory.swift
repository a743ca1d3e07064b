extension Sweep {
    /// What the days already run in a sizing search say about each day (replication
    /// number), so the next option tries first the days likeliest to fail it.
    ///
    /// Order: the days that failed, most recent first; then the days run before, the most
    /// stressed first (``stress(of:)`` at their latest run: the day closest to missing a
    /// target); then the days never run, in replication order. The same seeds give the same
    /// days at every option and school size, so a day busy at one option is usually the one
    /// busiest at the next. The order changes how soon an option's verdict is reached, never
    /// the verdict (every day counts alike).
    ///
    /// **Validated by:** `SizingSearchTests.dayOrderTriesTheLikeliestFailureFirst`.
    struct DayHistory: Sendable {
        /// Days that failed, most recent first.
        var failed: [Int] = []
        /// Each day's stress at its latest run, by replication number.
        var stress: [Int: Double] = [:]

        /// Days `0..<days` in the order to try them.
        func order(days: Int) -> [Int] {
            let first = Sweep.order(days: days, first: failed)
            let hard = first.prefix { failed.contains($0) }
            let rest = first.dropFirst(hard.count)
            let known = rest.filter { stress[$0] != nil }.sorted { (stress[$0]!, -$0) > (stress[$1]!, -$1) }
            return Array(hard) + known + rest.filter { stress[$0] == nil }
        }

        /// Records the days one option ran, in the order run.
        mutating func record(_ days: [(day: Int, run: Run, passed: Bool)]) {
            let newlyFailed = days.filter { !$0.passed }.map(\.day)
            failed = newlyFailed + failed.filter { !newlyFailed.contains($0) }
            for d in days { stress[d.day] = Sweep.stress(of: d.run) }
        }
    }

    /// How close a day came to missing a target: the largest ratio, over the targeted
    /// metrics it defines, of the value to its threshold (of the threshold to the value when
    /// higher is better); above 1 a target is missed. 0 when no metric has a target and a
    /// value; infinite for a nonzero value against a zero threshold.
    static func stress(of run: Run) -> Double {
        var worst = 0.0
        for w in run.workloads {
            for m in w.metrics {
                guard let t = m.target, !m.value.isNaN else { continue }
                let r: Double
                if m.higherIsBetter {
                    r = m.value > 0 ? t / m.value : (t > 0 ? .infinity : 0)
                } else {
                    r = t > 0 ? m.value / t : (m.value > 0 ? .infinity : 0)
                }
                worst = max(worst, r)
            }
        }
        return worst
    }
}
