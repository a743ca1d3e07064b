/// The terminal summary: one screen (about 40 lines for a typical run) that answers "which
/// link gives way first, when, for whom, and what fixes it", then the quality of every
/// activity against its targets, then a one-line verdict.
///
/// Plain words and units throughout — clock times, seconds and minutes, Mbps, percent —
/// never raw nanoseconds or flow-seconds. With replications, values carry their 95 %
/// confidence interval and the ranking (shown for the first replication) says how often
/// its top entry ranked first.
///
/// Layout (sections separated by a blank line):
/// ```
/// SchoolNet — <scenario>
/// <description>
/// Seed 1 · 1 replication · 09:00:00–09:00:20 (20 s simulated) · 1234 events
///
/// What gives way first
///  1. uplink ↓ (access line): full from 09:00:00 for 3.7 s; busiest 1 s: 800 Mbps of 800 Mbps (100 %)
///     for whom: Lesson B: 20 of 20 devices, held back 4.1 s each; Lesson A: 10 of 20 devices, held back 2.9 s each
///     fix: a faster access line (or a dedicated/IPoE line), or a local breakout
/// …
/// Design load (what the lines carried, next to what they have)
///  uplink ↓ (access line): busiest 20 s 160 Mbps, 95th percentile 160 Mbps, 40 devices at once; has 800 Mbps
///
/// Quality per activity against targets
///   Lesson A (bulk, 20 devices)
///     Download time, 95th percentile    5.35 s          ≤ 5 s       FAIL
/// …
/// Verdict: FAIL — 1 of 4 targets missed; first to give way: uplink ↓ at 09:00:00.
/// ```
///
/// **Validated by:** `ReportsTests.terminalSummaryMatchesSnapshot` (golden file).
public enum TextReport {
    /// How many ranking entries the summary shows.
    public static let rankingLimit = 5

    /// Renders a single run.
    ///
    /// - Parameter run: The run.
    /// - Returns: The summary, lines ending in `\n`.
    public static func render(_ run: RunResult) -> String { render(MultiRunResult(run)) }

    /// Renders replications of one scenario.
    ///
    /// - Parameter result: The replications (one or more).
    /// - Returns: The summary, lines ending in `\n`.
    public static func render(_ result: MultiRunResult) -> String {
        var lines: [String] = []
        let run = result.representative
        lines.append("SchoolNet — " + run.scenarioName)
        if !run.description.isEmpty { lines.append(run.description) }
        lines.append(header(result))
        lines.append("")
        lines.append("What gives way first")
        lines.append(contentsOf: ranking(result))
        lines.append("")
        let design = designLoad(result)
        if !design.isEmpty {
            lines.append(contentsOf: design)
            lines.append("")
        }
        lines.append("Quality per activity against targets")
        lines.append(contentsOf: quality(result))
        lines.append("")
        lines.append(verdict(result))
        return lines.map { $0 + "\n" }.joined()
    }

    static func header(_ result: MultiRunResult) -> String {
        let run = result.representative
        let seeds = result.runs.map(\.seed)
        let seedText = seeds.count == 1 ? "Seed \(seeds[0])" : "Seeds \(seeds[0])–\(seeds[seeds.count - 1])"
        let reps = result.replications == 1 ? "1 replication" : "\(result.replications) replications (95 % CI)"
        let period = ReportFormat.clock(.zero, from: run.clockStart) + "–"
            + ReportFormat.clock(run.duration, from: run.clockStart)
        return "\(seedText) · \(reps) · \(period) (\(ReportFormat.duration(run.duration)) simulated) · "
            + "\(run.eventsProcessed) events"
    }

    static func ranking(_ result: MultiRunResult) -> [String] {
        let run = result.representative
        guard !run.bottlenecks.isEmpty else { return [" Nothing gave way: no link or session table held anyone back."] }
        var lines: [String] = []
        for (i, b) in run.bottlenecks.prefix(rankingLimit).enumerated() {
            lines.append(" \(i + 1). \(b.name) (\(b.kind.label)): " + BottleneckWords.when(b, in: run))
            let whom = BottleneckWords.whom(b, in: run)
            lines.append("    for whom: " + (whom.isEmpty ? "not attributed per activity" : whom.joined(separator: "; ")))
            lines.append("    fix: " + b.fix)
        }
        if run.bottlenecks.count > rankingLimit {
            lines.append("    (\(run.bottlenecks.count - rankingLimit) more, all listed in the HTML and JSON reports)")
        }
        if result.replications > 1, let top = run.bottlenecks.first,
           let share = result.rankingStability.first(where: { $0.name == top.name }) {
            lines.append("    (ranking of replication 1; \(top.name) ranked first in \(share.first) of "
                         + "\(result.replications))")
        }
        return lines
    }

    static func quality(_ result: MultiRunResult) -> [String] {
        var lines: [String] = []
        var current = ""
        let run = result.representative
        let rows = result.metrics.map { s in
            (s, ReportFormat.value(s.mean, halfWidth: s.interval?.halfWidth, unit: s.metric.unit), ReportFormat.target(s.metric))
        }
        // Columns as wide as their widest cell, two spaces apart, so nothing runs together.
        let labelWidth = rows.map { ReportFormat.displayWidth($0.0.metric.label) }.max() ?? 0
        let valueWidth = rows.map { ReportFormat.displayWidth($0.1) }.max() ?? 0
        let targetWidth = max(6, rows.map { ReportFormat.displayWidth($0.2) }.max() ?? 0)
        for (s, value, target) in rows {
            if s.workload != current {
                current = s.workload
                let entities = run.workloads.first { $0.name == s.workload }?.entities ?? 0
                lines.append("  \(s.workload) (\(s.workloadKind), \(entities) \(noun(s.workloadKind)))")
            }
            lines.append("    " + ReportFormat.padded(s.metric.label, labelWidth + 2) + ReportFormat.padded(value, valueWidth + 2)
                         + ReportFormat.padded(target, targetWidth + 2) + ReportFormat.verdict(s.passed))
        }
        if lines.isEmpty { lines.append("  No activity reported metrics.") }
        return lines.map { $0.replacingTrailingSpaces() }
    }

    static func verdict(_ result: MultiRunResult) -> String {
        let (passed, judged) = result.targetTally
        let run = result.representative
        var first = ""
        if let b = run.bottlenecks.first {
            first = "; first to give way: " + b.name
            if let t = b.firstSaturated { first += " at " + ReportFormat.clock(t, from: run.clockStart) }
        }
        if judged == 0 { return "Verdict: no targets set" + first + "." }
        if passed == judged { return "Verdict: PASS — all \(judged) targets met" + first + "." }
        return "Verdict: FAIL — \(judged - passed) of \(judged) targets missed" + first + "."
    }

    /// What a workload's entities are called, by its kind.
    static func noun(_ kind: String) -> String {
        switch kind {
        case "cbt": "students"
        case "video": "viewers"
        case "conference", "live": "participants"
        default: "devices"
        }
    }

}

extension String {
    /// The string without trailing spaces (so golden files have no invisible tails).
    func replacingTrailingSpaces() -> String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
