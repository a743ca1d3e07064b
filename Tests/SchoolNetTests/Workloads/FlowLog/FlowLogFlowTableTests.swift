import Foundation
import Testing
@testable import SchoolNet

/// The per-flow records of a replay and their CSV (`flows.csv`), on the hand-computable
/// network of ``FlowLogTestSupport`` (one 100 Mbps access line; `office` 10 ms away).
@Suite struct FlowLogFlowTableTests {
    /// Runs `scenario` as the command line does with `--format csv`: replications through
    /// ``Experiment/replicate``, the first one keeping per-row records.
    static func runs(_ scenario: Scenario, replications: Int = 1, jobs: Int = 1) -> [RunResult] {
        Experiment.replicate(scenario, seed: scenario.seed, replications: replications, jobs: jobs,
                             prepare: { sim, r in if r == 0 { FlowLogWorkload.recordFlows(in: sim) } }) { sim, builder, s in
            RunResult(simulation: sim, scenarioName: scenario.name, description: "", seed: s, clockStart: scenario.start,
                      kinds: builder.kinds)
        }
    }

    /// The CSV's data lines (after the header), CRLF-split.
    static func dataLines(_ csv: String) -> [String] {
        Array(csv.components(separatedBy: "\r\n").dropFirst().dropLast())
    }

    /// Two flows from 09:00 on the 100 Mbps access line, pure fluid (p = 10 ms one way):
    /// max-min gives each 50 Mbps, so the 1 MB flow takes p + 8 Mb / 50 Mbps = 0.17 s; the
    /// 2 MB flow then has the line alone for its last 1 MB: p + 0.16 + 0.08 = 0.25 s. Alone
    /// they would take p + 0.08 = 0.09 s and p + 0.16 = 0.17 s: slowdowns 0.17/0.09 =
    /// 1.8889 and 0.25/0.17 = 1.4706. The access line held both back their whole lives.
    @Test func twoFlowsOnOneLinkGiveHandComputedTimesAndSlowdowns() throws {
        let s = try FlowLogTestSupport.scenario(csv: "start,src,dst,bytes\n0,office,es,1000000\n0,office,es,2000000\n")
        let run = Self.runs(s)[0]
        let csv = CSVReport.flows(run)
        let access = try #require(run.flowLogs.first?.resourceNames.first { $0.hasPrefix("es") && $0.contains("access") && $0.hasSuffix("↓") })
        #expect(csv.hasPrefix("\u{FEFF}activity,line,start,src,dst,service,bytes,status,time_s,alone_s,slowdown,limited_by\r\n"))
        #expect(Self.dataLines(csv) == [
            #""log",2,09:00:00.000,"office","es/core","office",1000000,finished,0.170000,0.090000,1.8889,"\#(access)""#,
            #""log",3,09:00:00.000,"office","es/core","office",2000000,finished,0.250000,0.170000,1.4706,"\#(access)""#,
        ])
    }

    /// Rows come out in the log's line order even when replayed in another; a transfer
    /// still running at the end is `unfinished`, with no time or slowdown but the link that
    /// held it back so far; a row's own `service` column wins; a class row names its device.
    @Test func logOrderUnfinishedRowsAndServices() throws {
        let csv = "start,src,dst,bytes,service,maxRate\n1.0,office,es/1-1,1000,docs,\n0.5,es/1-1,office,1000,,\n"
            + "2.25,office,es,1 TB,,\n3,office,es,125000,,1 Mbps\n"
        let run = Self.runs(try FlowLogTestSupport.scenario(csv: csv))[0]
        let table = try #require(run.flowLogs.first)
        #expect(table.rows.map(\.line) == [2, 3, 4, 5])
        #expect(table.rows.map(\.status) == [.finished, .finished, .unfinished, .finished])
        let lines = Self.dataLines(CSVReport.flows(run, byteOrderMark: false))
        #expect(lines[0].hasPrefix(#""log",2,09:00:01.000,"office","es/1-1/2","docs",1000,finished,"#))
        #expect(lines[1].hasPrefix(#""log",3,09:00:00.500,"es/1-1/1","office","office",1000,finished,"#))
        let access = try #require(table.resourceNames.first { $0.hasPrefix("es") && $0.contains("access") && $0.hasSuffix("↓") })
        #expect(lines[2] == #""log",4,09:00:02.250,"office","es/core","office",1000000000000,unfinished,,80000.010000,,"\#(access)""#)
        // 1 Mbps ceiling: 1 Mbit at 1 Mbps = 1 s + p, alone too; held by its own ceiling, never by a link.
        #expect(lines[3].hasSuffix(",finished,1.010000,1.010000,1.0000,"))
    }

    /// Only the first replication keeps records, and they do not depend on --jobs.
    @Test func firstReplicationOnlyAndDeterministic() throws {
        var log = "start,src,dst,bytes\n"
        for i in 0..<300 { log += "\(Double(i) * 0.05),office,es/1-1,\(40_000 + 7_919 * i)\n" }
        let s = try FlowLogTestSupport.scenario(csv: log)
        let a = Self.runs(s, replications: 2, jobs: 1), b = Self.runs(s, replications: 2, jobs: 2)
        #expect(a[0].flowLogs.first?.rows.count == 300 && a[1].flowLogs.isEmpty)
        #expect(CSVReport.flows(a[0]) == CSVReport.flows(b[0]))
        #expect(a[0].flowLogs == b[0].flowLogs)
    }

    /// Without recording, a replay keeps nothing per row.
    @Test func offByDefault() throws {
        let s = try FlowLogTestSupport.scenario(csv: "start,src,dst,bytes\n0,office,es,1000\n")
        let runs = Experiment.replicate(s, seed: 1, replications: 1, jobs: 1) { sim, _, _ in
            RunResult(simulation: sim, scenarioName: "", description: "", seed: 1, clockStart: .zero)
        }
        #expect(runs[0].flowLogs.isEmpty)
    }
}
