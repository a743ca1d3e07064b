import Foundation
import Testing
@testable import SchoolNet

/// Real exports as they arrive: blank lines, every line end, a byte-order mark, quoted fields,
/// exports joined with `cat`, placeholder timestamps, pipes, files that never end. Each is read
/// with every row, or refused with the log's line and column.
@Suite struct FlowLogRobustnessTests {
    static let rows = ["0,office,es,1000", "1.5,es,office,2000", "3,office,es/1-1,3000"]

    enum Outcome: Equatable { case times([Double]), failure(String) }

    /// Reads `csv` and returns the times of the rows kept, in seconds (or the message, `LOG`
    /// for the log's path).
    static func read(_ csv: String, settings: String = #""file": "log.csv""#) -> Outcome {
        let dir = FlowLogTestSupport.directory()
        do {
            let s = try FlowLogTestSupport.scenario(csv: csv, settings: settings, directory: dir)
            let w = ScenarioBuilder(s).makeSimulation(seed: 1).workloads[0] as! FlowLogWorkload
            guard let rows = w.rows else { return .failure("no rows kept") }
            return .times((0..<rows.count).map { rows[$0].time.seconds })
        } catch {
            return .failure(String(describing: error).replacingOccurrences(of: dir + "/log.csv", with: "LOG"))
        }
    }

    static func times(_ o: Outcome) -> [Double] {
        if case .times(let t) = o { return t }
        Issue.record("refused: \(o)")
        return []
    }

    /// A blank line (two exports joined) used to end nfdump logs; CR-only line ends gave 0 rows.
    @Test(arguments: ["\n", "\r\n", "\r"])
    func everyLineEndAndBlankLines(end: String) {
        let csv = "start,src,dst,bytes" + end + Self.rows[0] + end + end + "  " + end + Self.rows[1] + end + Self.rows[2]
        #expect(Self.times(Self.read(csv)) == [0, 1.5, 3])
        #expect(Self.times(Self.read(csv + end)) == [0, 1.5, 3])
    }

    @Test func mixedLineEnds() {
        let csv = "start,src,dst,bytes\r\n" + Self.rows[0] + "\r" + Self.rows[1] + "\n" + Self.rows[2] + "\r\n"
        #expect(Self.times(Self.read(csv)) == [0, 1.5, 3])
    }

    /// Excel's "CSV UTF-8" starts with a byte-order mark.
    @Test func byteOrderMark() {
        #expect(Self.times(Self.read("\u{FEFF}start,src,dst,bytes\n" + Self.rows.joined(separator: "\n"))) == [0, 1.5, 3])
    }

    @Test func quotedFields() {
        let csv = "\"start\",\"src\",dst,\"bytes\"\n\"0\", \"office\" ,es,\"1,000\"\n"
        guard case .failure(let m) = Self.read(csv) else { Issue.record("a size of \"1,000\" was read"); return }
        #expect(m == #"LOG:2:19: expected a size in bytes (a number such as 15000, or "2 MB"), found "1,000""#)
        #expect(Self.times(Self.read("\"start\",\"src\",dst,\"bytes\"\n\"0\", \"office\" ,es,\"1000\"\n")) == [0])
        #expect(Self.read("start,src,dst,bytes\n0,\"off\"\"ice\",es,1000\n") == .failure(#"LOG:2:3: unknown endpoint "off"ice"; closest known: "office""#))
        #expect(Self.read("start,src,dst,bytes\n0,\"office,es,1000\n")
                == .failure("LOG:2:3: a quoted field with no closing quote on its line (quoted fields may not span lines)"))
        #expect(Self.read("start,src,dst,bytes\n0,\"office\"x,es,1000\n")
                == .failure("LOG:2:11: expected a comma after the closing quote of a quoted field"))
    }

    /// Two nfdump exports joined with `cat`: each has a header, a blank line, a summary.
    @Test func joinedNFDumpExports() {
        func export(_ rows: [String]) -> String {
            "ts,sa,da,ibyt\n" + rows.joined(separator: "\n") + "\n\nSummary\nflows,bytes,packets,avg_bps,avg_pps,avg_bpp\n2,3000,4,0,0,0\n"
        }
        let csv = export(["2024-06-11 09:00:00.000,10.1.0.5,203.0.113.1,1000", "2024-06-11 09:00:01.000,203.0.113.1,10.1.0.5,2000"])
            + export(["2024-06-11 09:00:02.000,10.1.0.6,203.0.113.1,3000", "2024-06-11 09:00:03.000,203.0.113.1,10.1.0.6,4000"])
        let nf = #""file": "log.csv", "format": "nfdump", "defaultEndpoint": "office", "subnets": {"10.1.0.0/16": "es"}"#
        #expect(Self.times(Self.read(csv, settings: nf)) == [0, 1, 2, 3])
        // SchoolNet logs joined: the repeated header is skipped too.
        let ours = "start,src,dst,bytes\n0,office,es,1\nstart,src,dst,bytes\n1,office,es,1\n"
        #expect(Self.times(Self.read(ours)) == [0, 1])
    }

    /// Year 1 and year 9999 placeholders parse (no overflow); rows centuries apart are refused.
    @Test func timestampsFromYear1To9999() throws {
        #expect(FlowLogTimestamp.instant("0001-01-01 00:00:00") == FlowLogInstant(seconds: -62_135_596_800, nanoseconds: 0))
        #expect(FlowLogTimestamp.instant("9999-12-31T23:59:59.999999999Z") == FlowLogInstant(seconds: 253_402_300_799, nanoseconds: 999_999_999))
        #expect(FlowLogTimestamp.instant("0000-01-01 00:00:00") == nil)
        #expect(Self.times(Self.read("start,src,dst,bytes\n0001-01-01 00:00:00,office,es,1\n0001-01-01 00:00:01,office,es,1\n")) == [0, 1])
        #expect(Self.times(Self.read("start,src,dst,bytes\n9999-12-31 23:59:58,office,es,1\n9999-12-31 23:59:59,office,es,1\n")) == [0, 1])
        #expect(Self.read("start,src,dst,bytes\n0001-01-01 00:00:00,office,es,1\n2024-06-11 09:00:00,office,es,1\n")
                == .failure(#"LOG:3:1: "2024-06-11 09:00:00" is more than 9000000000 s (about 285 years) from the first row's time; drop placeholder timestamps such as 0001-01-01 or 9999-12-31, or set "startAt""#))
        let start = #""file": "log.csv", "startAt": "9999-12-31 23:59:59""#
        guard case .failure(let m) = Self.read("start,src,dst,bytes\n2024-06-11 09:00:00,office,es,1\n", settings: start) else {
            Issue.record("accepted"); return
        }
        #expect(m.hasPrefix("LOG:2:1: \"2024-06-11 09:00:00\" is more than"))
        // startAt in year 1 with rows in year 1 replays them.
        #expect(Self.times(Self.read("start,src,dst,bytes\n0001-01-01 00:00:05,office,es,1\n", settings: #""file": "log.csv", "startAt": "0001-01-01 00:00:00""#)) == [5])
    }

    /// A tolerance of centuries overflowed the re-ordering window; at most a day.
    @Test func toleranceAtMostADay() {
        guard case .failure(let m) = Self.read("start,src,dst,bytes\n0,office,es,1\n", settings: #""file": "log.csv", "tolerance": "100000 h""#) else {
            Issue.record("accepted"); return
        }
        #expect(m.hasSuffix(#"activities[0].settings: "tolerance" is at most 24 h (rows more than a day out of order are a different log)"#))
        #expect(Self.times(Self.read("start,src,dst,bytes\n0,office,es,1\n", settings: #""file": "log.csv", "tolerance": "24 h""#)) == [0])
    }

    /// The log is read once: a FIFO (a pipe) replays every row.
    @Test func fifoIsReadOnce() throws {
        let dir = FlowLogTestSupport.directory()
        let fifo = dir + "/log.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let csv = "start,src,dst,bytes\n" + Self.rows.joined(separator: "\n") + "\n"
        let writer = Thread {
            let h = FileHandle(forWritingAtPath: fifo)!
            h.write(Data(csv.utf8))
            try? h.close()
        }
        writer.start()
        let s = try Scenario.read(json: FlowLogTestSupport.scenarioJSON(settings: #""file": "log.csv""#), file: dir + "/s.json")
        let (report, _, _) = FlowLogTestSupport.run(s)
        #expect(FlowLogTestSupport.metric(report, "rows_mapped") == 3 && FlowLogTestSupport.metric(report, "flows") == 3)
        #expect(!report.metrics.contains { $0.key == "read_error" })
    }

    /// A file that never ends is refused: `/dev/zero` is one endless line.
    @Test func fileThatNeverEnds() {
        let clock = ContinuousClock.now
        #expect(Self.read("", settings: #""file": "/dev/zero""#)
                == .failure("/dev/zero:1:1: a line longer than 65536 bytes (is this a flow log? a CSV export has short lines)"))
        #expect(ContinuousClock.now - clock < .seconds(10))
    }

    /// Row and byte limits (lowered here) refuse an endless stream of good rows.
    @Test func rowAndByteLimits() throws {
        let dir = FlowLogTestSupport.directory()
        let csv = "start,src,dst,bytes\n" + (0..<50).map { "\($0),office,es,1000" }.joined(separator: "\n") + "\n"
        try csv.write(toFile: dir + "/log.csv", atomically: true, encoding: .utf8)
        let c = FlowLogConfiguration(path: dir + "/log.csv")
        #expect(throws: FlowLogError(file: dir + "/log.csv", line: 12, column: 1,
                                     message: "more than 10 rows, the most one activity replays; split the log or filter it first")) {
            _ = try FlowLogRows.read(c, limit: 10)
        }
        let reader = try CSVLineReader(path: dir + "/log.csv")
        reader.byteLimit = 100
        #expect(throws: FlowLogError.self) { while try reader.next() {} }
        #expect(try FlowLogRows.read(c).count == 50)
    }
}
