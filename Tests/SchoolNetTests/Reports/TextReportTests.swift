import Testing
@testable import SchoolNet

/// The terminal summary, against its golden file and its one-screen promise.
@Suite struct TextReportTests {
    /// ``TestSchool`` (one run, seed 1, 09:00:00–09:00:20) rendered as the terminal
    /// summary equals the committed snapshot.
    @Test func terminalSummaryMatchesSnapshot() {
        let text = TextReport.render(TestSchool.run())
        Snapshot.assertMatches(text, named: "terminal-summary.txt")
    }

    /// Five replications: values carry "±", the header says so, and it still fits one
    /// screen (≤ 40 lines) with no raw nanoseconds.
    @Test func replicatedSummaryFitsOneScreen() {
        let multi = MultiRunResult(runs: (1...5).map { TestSchool.run(seed: UInt64($0), jitter: true) })
        let text = TextReport.render(multi)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count <= 40, "\(lines.count) lines")
        #expect(text.contains("5 replications (95 % CI)"))
        #expect(text.contains(" ± "))
        #expect(text.contains("ranked first in 5 of 5"))
        #expect(!text.contains(" ns"))
    }

    /// Plain-language durations and clock times.
    @Test func formatsInPlainWords() {
        #expect(ReportFormat.clock(.seconds(3725), from: .hours(8)) == "09:02:05")
        #expect(ReportFormat.duration(.seconds(3.714)) == "3.7 s")
        #expect(ReportFormat.duration(.seconds(750)) == "12 min 30 s")
        #expect(ReportFormat.duration(.seconds(7500)) == "2 h 05 min")
        #expect(ReportFormat.duration(.microseconds(585)) == "under 1 ms")
        #expect(ReportFormat.value(3.7071, halfWidth: 0.0512, unit: "s") == "3.71 ± 0.051 s")
    }
}
