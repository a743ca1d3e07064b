import Foundation
import Testing
@testable import SchoolNet

/// SchoolNet's TCP model against packet-level TCP: ns-3 3.44 NewReno runs recorded by
/// `Reference/ns3-tcp/tcp_transfers.py` in `Reference/ns3-tcp/transfers.tsv` (one idle
/// 100 Mbps link, 10 ms each way; IW10 of 1460-byte segments, an ACK every second segment,
/// 200 ms delayed-ACK timer; no loss). Each row is rebuilt here: a device and a server on
/// one 100 Mbps / 10 ms link; TCP without TLS or DNS (one handshake round trip). Bulk rows
/// are uploads the device opens; exchange rows are a download the device requests, on a new
/// or a reused connection. Every point must be within 10 % of ns-3's mean completion time
/// (and, for the 10 concurrent transfers, of the time the last one finishes).
@Suite struct TCPReferenceTests {
    static let tableURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference/ns3-tcp/transfers.tsv")

    struct Row {
        var kind: String
        var flows: Int
        var bytes: Int64
        var mean: Double
        var last: Double
    }

    static func rows() throws -> [Row] {
        let text = try String(contentsOf: tableURL, encoding: .utf8)
        var rows: [Row] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("case") {
            let c = line.split(separator: "\t").map(String.init)
            rows.append(Row(kind: c[0], flows: Int(c[1])!, bytes: Int64(c[2])!, mean: Double(c[3])!, last: Double(c[5])!))
        }
        return rows
    }

    /// SchoolNet's completion times (seconds from the request) for one row, one per transfer.
    static func schoolNet(_ row: Row) -> [Double] {
        var topology = Topology()
        let device = topology.addNode("device", kind: .device)
        let server = topology.addNode("server", kind: .service)
        topology.addDuplexLink("path", lower: device, upper: server, up: .megabitsPerSecond(100),
                               down: .megabitsPerSecond(100), propagation: .milliseconds(10), buffer: .kilobytes(256))
        var tcp = TCPParameters()
        tcp.dnsRoundTrips = 0
        tcp.handshakeRoundTrips = 1
        var net = Network(topology: topology, tcp: tcp)
        let upload = row.kind.hasPrefix("bulk")
        for i in 0..<row.flows {
            _ = try! net.start(TransferRequest(from: upload ? device : server, to: upload ? server : device,
                                               bytes: .bytes(row.bytes), newConnection: row.kind != "reused", tag: Int64(i)),
                               now: .zero)
        }
        return NetworkTests.drain(&net).values.map(\.finished.seconds).sorted()
    }

    @Test func withinTenPercentOfNS3NewReno() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 6)
        for row in rows {
            let times = Self.schoolNet(row)
            let mean = times.reduce(0, +) / Double(times.count)
            let meanError = mean / row.mean - 1
            let lastError = times.last! / row.last - 1
            print(String(format: "%@ %d x %lld: SchoolNet %.4f s (last %.4f), ns-3 %.4f s (last %.4f): %+.1f %% (last %+.1f %%)",
                         row.kind, row.flows, row.bytes, mean, times.last!, row.mean, row.last, meanError * 100, lastError * 100))
            #expect(abs(meanError) <= 0.10, "\(row.kind) \(row.flows) × \(row.bytes) B: \(mean) s vs ns-3 \(row.mean) s")
            #expect(abs(lastError) <= 0.10, "\(row.kind) \(row.flows) × \(row.bytes) B: last \(times.last!) s vs ns-3 \(row.last) s")
        }
    }
}
