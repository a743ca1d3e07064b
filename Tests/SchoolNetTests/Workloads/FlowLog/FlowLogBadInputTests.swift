import Foundation
import Testing
@testable import SchoolNet

/// Bad flow logs fail when the scenario is read — before anything runs, so nothing partial
/// is written — with the log's file, line and column. Messages verbatim (`LOG` stands for
/// the temporary log's path).
@Suite struct FlowLogBadInputTests {
    /// The message for a log, with the temporary paths replaced by `LOG` and `SCENARIO`.
    static func message(csv: String, settings: String = #""file": "log.csv""#) -> String? {
        let dir = FlowLogTestSupport.directory()
        do {
            _ = try FlowLogTestSupport.scenario(csv: csv, settings: settings, directory: dir)
            return nil
        } catch {
            return String(describing: error).replacingOccurrences(of: dir + "/log.csv", with: "LOG")
                .replacingOccurrences(of: dir + "/s.json", with: "SCENARIO")
        }
    }

    @Test func malformedNumber() {
        #expect(Self.message(csv: "start,src,dst,bytes\n0,office,es,1000\n1,office,es,12x\n")
                == #"LOG:3:13: expected a size in bytes (a number such as 15000, or "2 MB"), found "12x""#)
        #expect(Self.message(csv: "start,src,dst,bytes\nsoon,office,es,1000\n")
                == #"LOG:2:1: expected a start time (seconds such as 12.5, or ISO-8601 such as 2024-06-11T09:00:00.250Z), found "soon""#)
    }

    /// Columns count characters, not bytes: "学校" is 2 characters (6 bytes), so "12x" after it
    /// starts at column 16 (byte 20).
    @Test func columnsCountCharactersOnNonASCIILines() {
        #expect(Self.message(csv: "start,src,dst,bytes,service\n0,office,es,12x,学校\n")
                == #"LOG:2:13: expected a size in bytes (a number such as 15000, or "2 MB"), found "12x""#)
        #expect(Self.message(csv: "start,service,src,dst,bytes\n0,学校,office,es,12x\n")
                == #"LOG:2:16: expected a size in bytes (a number such as 15000, or "2 MB"), found "12x""#)
    }

    @Test func zeroOrNegativeSize() {
        #expect(Self.message(csv: "start,src,dst,bytes\n0,office,es,0\n") == #"LOG:2:13: expected a size of at least 1 byte, found "0""#)
        #expect(Self.message(csv: "start,src,dst,bytes\n0,office,es,-5\n") == #"LOG:2:13: expected a size of at least 1 byte, found "-5""#)
    }

    @Test func unknownEndpointListsClosestNames() {
        #expect(Self.message(csv: "start,src,dst,bytes\n0,ofice,es/1-1,1000\n")
                == #"LOG:2:3: unknown endpoint "ofice"; closest known: "office""#)
        #expect(Self.message(csv: "start,src,dst,bytes\n0,office,es/1-2,1000\n")
                == #"LOG:2:10: unknown endpoint "es/1-2"; closest known: "es/1-1""#)
        #expect(Self.message(csv: "start,src,dst,bytes\n0,office,es/1-1/6,1000\n")
                == #"LOG:2:10: unknown device "es/1-1/6": class "es/1-1" has devices 1 to 5"#)
    }

    @Test func timeGoingBackwardsBeyondTolerance() {
        #expect(Self.message(csv: "start,src,dst,bytes\n10,office,es,1000\n8.5,office,es,1000\n")
                == "LOG:3:1: time goes backwards: 8.5 s after 10 s on an earlier line (more than the 1 s tolerance); sort the log by start time")
    }

    @Test func missingOrUnknownColumns() {
        #expect(Self.message(csv: "start,src,dst\n0,office,es\n") == #"LOG:1:1: missing column "bytes" (the size); the header has "start", "src", "dst""#)
        #expect(Self.message(csv: "start,src,dst,byte\n") == #"LOG:1:15: unknown column "byte"; did you mean "bytes"?"#)
        let nf = #""file": "log.csv", "format": "nfdump", "subnets": {"10.0.0.0/8": "es"}"#
        #expect(Self.message(csv: "ts,te,sa,da,pkt\n", settings: nf)
                == #"LOG:1:1: missing column "ibyt" (bytes); the header has "ts", "te", "sa", "da", "pkt""#)
    }

    @Test func badSettings() {
        #expect(Self.message(csv: "start,src,dst,bytes\n", settings: #""file": "nope.csv""#)?.hasSuffix("nope.csv:1:1: cannot read the flow log: no such file") == true)
        #expect(Self.message(csv: "ts,sa,da,ibyt\n", settings: #""file": "log.csv", "format": "nfdump", "subnets": {"10.0.0.0/8": "ess"}"#)
                == #"LOG:1:1: subnets: unknown endpoint "ess"; closest known: "es""#)
    }

    /// A bad subnet is reported at its key in the scenario file, like any other value.
    @Test func badSubnet() {
        let settings = #""file": "log.csv", "format": "nfdump", "subnets": {"2001:db8:1::/48": "es", "2001:db8:1:6::/130": "es/1-1"}"#
        #expect(Self.message(csv: "ts,sa,da,ibyt\n", settings: settings)
                == #"SCENARIO: activities[0].settings.subnets["2001:db8:1:6::/130"]: expected a prefix length from 0 to 128 after the "/" of an IPv6 subnet, found "2001:db8:1:6::/130""#)
    }
}
