import Testing
@testable import SchoolNet

/// `startAt`: which log instant lands at the activity's start (09:00 in
/// ``FlowLogTestSupport``'s scenario, simulated time 0); rows before it are skipped and
/// counted. Messages verbatim (`LOG`, `SCENARIO`: the temporary files).
@Suite struct FlowLogStartTests {
    static func requested(_ csv: String, settings: String) throws -> (times: [Double], report: WorkloadReport) {
        let (report, done, _) = FlowLogTestSupport.run(try FlowLogTestSupport.scenario(csv: csv, settings: settings))
        return (done.sorted { $0.line < $1.line }.map(\.requested.seconds), report)
    }

    /// Seconds: log second 10 lands at 09:00; the row at 5 s is skipped, 12.5 s starts 2.5 s in.
    @Test func secondsLogShifted() throws {
        let (times, report) = try Self.requested("start,src,dst,bytes\n5,office,es,1000\n10,office,es,1000\n12.5,office,es,1000\n",
                                                 settings: #""file": "log.csv", "startAt": 10"#)
        #expect(times == [0, 2.5])
        #expect(FlowLogTestSupport.metric(report, "rows_before_start") == 1 && FlowLogTestSupport.metric(report, "flows") == 2)
        // A duration string is the same instant.
        let (again, _) = try Self.requested("start,src,dst,bytes\n5,office,es,1000\n10,office,es,1000\n12.5,office,es,1000\n",
                                            settings: #""file": "log.csv", "startAt": "10 s""#)
        #expect(again == times)
    }

    /// ISO-8601: 09:00:00+09:00 lands at 09:00 whatever the first row's time; zones compare
    /// as instants (00:00:01Z is 09:00:01+09:00).
    @Test func isoLogShifted() throws {
        let csv = "start,src,dst,bytes\n2024-06-11T08:59:59.500+09:00,office,es,1000\n2024-06-11T09:00:00.250+09:00,office,es,1000\n"
            + "2024-06-11T00:00:01Z,office,es,1000\n"
        let (times, report) = try Self.requested(csv, settings: #""file": "log.csv", "startAt": "2024-06-11T09:00:00+09:00""#)
        #expect(times == [0.25, 1])
        #expect(FlowLogTestSupport.metric(report, "rows_before_start") == 1)
    }

    /// Without startAt nothing is skipped: a row a little before the first (within the
    /// tolerance) is re-ordered and starts at 09:00.
    @Test func withoutStartAtEarlyRowsAreReordered() throws {
        let csv = "start,src,dst,bytes\n2024-06-11T09:00:00.500Z,office,es,1000\n2024-06-11T09:00:00.200Z,office,es,1000\n"
        let (times, report) = try Self.requested(csv, settings: #""file": "log.csv""#)
        #expect(times == [0, 0])
        #expect(FlowLogTestSupport.metric(report, "rows_before_start") == 0 && FlowLogTestSupport.metric(report, "flows") == 2)
    }

    /// nfdump's zone-less `ts`, with startAt written the same way: the fixture's rows at
    /// 09:00:00.000 and 09:00:00.500 are skipped; line 4 (09:00:01) starts at 09:00.
    @Test func nfdumpFixtureShifted() throws {
        let settings = FlowLogNFDumpTests.settings + #", "startAt": "2024-06-11 09:00:01""#
        let (report, done, _) = FlowLogTestSupport.run(try FlowLogNFDumpTests.scenario(settings: settings))
        let m = { (k: String) in FlowLogTestSupport.metric(report, k) }
        #expect(m("rows_before_start") == 2 && m("rows_unmapped") == 2 && m("flows") == 2)
        #expect(done.sorted { $0.line < $1.line }.map { "\($0.line)@\($0.requested.seconds)" } == ["4@0.0", "7@1.0"])
    }

    @Test func badValues() {
        let expected = #"expected an ISO-8601 time such as "2024-06-11T09:00:00+09:00", or seconds of log time such as 3600"#
        for (value, found) in [("true", "true"), (#""yesterday""#, #""yesterday""#), ("-5", "a number -5")] {
            #expect(FlowLogBadInputTests.message(csv: "start,src,dst,bytes\n", settings: #""file": "log.csv", "startAt": "# + value)
                    == "SCENARIO: activities[0].settings.startAt: \(expected), found \(found)")
        }
        #expect(FlowLogBadInputTests.message(csv: "ts,sa,da,ibyt\n", settings: #""file": "log.csv", "format": "nfdump", "subnets": {"10.0.0.0/8": "es"}, "startAt": 3600"#)
                == #"SCENARIO: activities[0].settings.startAt: expected an ISO-8601 time such as "2024-06-11 09:00:00" (an nfdump log's times are timestamps), found a number 3600"#)
    }

    /// startAt fixes the log's time form: a row in the other form is reported at its cell.
    @Test func formMismatch() {
        #expect(FlowLogBadInputTests.message(csv: "start,src,dst,bytes\n0,office,es,1000\n", settings: #""file": "log.csv", "startAt": "2024-06-11T09:00:00Z""#)
                == #"LOG:2:1: expected an ISO-8601 time like "startAt", found "0""#)
        #expect(FlowLogBadInputTests.message(csv: "start,src,dst,bytes\n2024-06-11T09:00:00Z,office,es,1000\n", settings: #""file": "log.csv", "startAt": 0"#)
                == #"LOG:2:1: expected seconds like "startAt", found "2024-06-11T09:00:00Z""#)
    }
}
