import Foundation
import Testing
@testable import SchoolNet

/// The machine-readable and visual reports: JSON, CSV and HTML of ``TestSchool``.
@Suite struct ReportsTests {
    /// Two independent runs of the same scenario and seed give byte-identical JSON; the
    /// file is versioned and carries the ranking and the metrics.
    @Test func jsonIsByteIdenticalAcrossRuns() throws {
        let a = JSONReport.render(TestSchool.run())
        let b = JSONReport.render(TestSchool.run())
        #expect(a == b)
        #expect(a.hasSuffix("}\n"))
        let doc = try JSONDocument(parsing: a).root
        #expect(doc["schema"] == .string("schoolnet.result/1"))
        #expect(doc["seeds"] == .array([.string("1")]))
        #expect(doc["period"]?["start"] == .string("09:00:00"))
        guard case .array(let runs)? = doc["runs"], case .array(let ranked)? = runs.first?["bottlenecks"] else {
            Issue.record("no runs[0].bottlenecks")
            return
        }
        #expect(ranked.first?["name"] == .string("uplink ↓"))
        #expect(ranked.first?["entities"] == .number(30))
        // Replicated: also deterministic, with intervals.
        let multi = { MultiRunResult(runs: (1...3).map { TestSchool.run(seed: UInt64($0), jitter: true) }) }
        let r1 = JSONReport.render(multi()), r2 = JSONReport.render(multi())
        #expect(r1 == r2)
        #expect(r1.contains("\"ci_half_width\": 0.") || r1.contains("\"ci_half_width\": 1"))
    }

    /// One header row and one row per 1 s bucket (20 s ⇒ 20 rows), CRLF line ends, a
    /// `time` column of clock times, quoted resource names, fixed 4-decimal fractions.
    @Test func csvHasOneRowPerBucketAndQuotedHeader() {
        let run = TestSchool.run()
        let csv = CSVReport.utilisation(run)
        #expect(csv.hasPrefix("\u{FEFF}time,\"uplink ↑\",\"uplink ↓\","))
        #expect(csv.hasSuffix("\r\n"))
        let rows = csv.dropFirst().components(separatedBy: "\r\n").dropLast()
        #expect(rows.count == 21)
        #expect(rows.allSatisfy { $0.split(separator: ",").count == run.resources.count + 1 })
        #expect(rows[1].hasPrefix("09:00:00,0.0000,"))
        #expect(rows[20].hasPrefix("09:00:19,"))
        // Peak second of the uplink: full.
        let uplink = rows.dropFirst().map { Double($0.split(separator: ",")[2])! }
        #expect(uplink.max()! > 0.99 && uplink.max()! <= 1.0)
        #expect(CSVReport.quoted("a \"b\", c") == "\"a \"\"b\"\", c\"")
        let two = CSVReport.utilisation(run, resources: [1, 2], byteOrderMark: false)
        #expect(two.hasPrefix("time,\"uplink ↓\",\"class-0 link ↑\"\r\n"))
    }

    /// The HTML is one self-contained file with the three chart kinds, the QoE table with
    /// pass/fail rows and no external references. Set `SCHOOLNET_REPORT_DIR` to write it
    /// out (for `Tests/Scripts/screenshot-report.sh`).
    @Test func htmlIsSelfContainedWithTheCharts() throws {
        let run = TestSchool.run()
        let html = HTMLReport.render(run)
        #expect(html == HTMLReport.render(TestSchool.run()))
        for cls in ["chart utilisation", "chart ranking", "chart latency"] {
            #expect(html.contains("<svg class=\"\(cls)\""), "missing \(cls)")
        }
        #expect(html.contains("<table class=\"qoe\">"))
        #expect(html.contains("<tr class=\"fail\">") && html.contains("<tr class=\"pass\">"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        #expect(html.contains("uplink ↓") && html.contains("Fix: a faster access line"))
        if let dir = ProcessInfo.processInfo.environment["SCHOOLNET_REPORT_DIR"] {
            let multi = MultiRunResult(runs: (1...5).map { TestSchool.run(seed: UInt64($0), jitter: true) })
            try HTMLReport.render(multi).write(toFile: dir + "/report.html", atomically: true, encoding: .utf8)
        }
    }
}
