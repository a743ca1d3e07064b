import Testing
@testable import SchoolNet

/// The `tcp` keys of slow start's ACKs: read into ``TCPParameters``, the defaults when
/// absent, and a precise message for a bad value.
@Suite struct TCPScenarioKeysTests {
    static func tcp(_ keys: String) throws -> TCPParameters {
        try Scenario.read(json: ScenarioBuilderTests.scenario(extra: #", "tcp": {"# + keys + "}"), file: "t.json").tcp
    }

    /// Absent keys: an ACK every second segment, a 200 ms timer.
    @Test func defaults() throws {
        let t = try Self.tcp("")
        #expect(t.segmentsPerAck == 2 && t.delayedAckTimeout == .milliseconds(200))
        #expect(t == TCPParameters())
    }

    @Test func keysRead() throws {
        let t = try Self.tcp(#""segmentsPerAck": 1, "delayedAckTimeout": "40 ms""#)
        #expect(t.segmentsPerAck == 1 && t.delayedAckTimeout == .milliseconds(40))
    }

    @Test(arguments: [
        (#""segmentsPerAck": 3"#, "t.json: tcp.segmentsPerAck: expected a whole number between 1 and 2"),
        (#""delayedAckTimeout": "600 ms""#, "t.json: tcp.delayedAckTimeout: expected a duration from 0 to 500 ms (RFC 1122)"),
        (#""delayedAckTimeout": "-1 ms""#, "t.json: tcp.delayedAckTimeout:"),
    ])
    func badValues(keys: String, message: String) {
        do {
            _ = try Self.tcp(keys)
            Issue.record("accepted \(keys)")
        } catch let e as ScenarioError {
            #expect(e.description.hasPrefix(message), "\(e.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
