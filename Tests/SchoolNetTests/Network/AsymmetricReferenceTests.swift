import Foundation
import Testing
@testable import SchoolNet

/// SchoolNet's ACK load against ns-3 3.44 on an asymmetric bottleneck (Reference/ns3-asymmetric/:
/// SchoolNet's own driver, the recorded table and the command that reruns it).
///
/// The same network in SchoolNet: client —(100 Mbit/s down / 2 Mbit/s up, 9 ms, the case's
/// queue on both directions)— router —(1 Gbit/s, 1 ms)— server; TCP as in the driver (no
/// DNS, one handshake round trip, IW10 of 1448-byte segments, 16 MB windows, an ACK per two
/// segments with 52 bytes of IP and TCP headers — timestamps on — and 2 bytes of PPP
/// framing: ACK ratio 54 / (2 × 1502) = 1.80 %). Ten downloads and M uploads of 10 GB start
/// at 0.1 s; goodput of each direction from 10 s to 25 s.
///
/// **Tolerances**: downloads within 20 % of ns-3; uploads within 0.2 Mbit/s (a tenth of the
/// uplink) — they get what the ACKs leave, a few per cent of the uplink, where a relative
/// error means little. The errors are printed by the test and recorded in the reference's
/// README.
@Suite struct AsymmetricReferenceTests {
    static let tableURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Reference/ns3-asymmetric/table.tsv")

    struct Row { var name: String; var k: Int; var m: Int; var down: Double; var up: Double }

    static func table() throws -> [Row] {
        try String(contentsOf: tableURL, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") && !$0.hasPrefix("case") }
            .map { line in
                let f = line.split(separator: "\t").map(String.init)
                return Row(name: f[0], k: Int(f[1])!, m: Int(f[2])!, down: Double(f[3])!, up: Double(f[4])!)
            }
    }

    /// The driver's TCP terms.
    static var tcp: TCPParameters {
        var tcp = BufferbloatReferenceTests.driverTCP
        tcp.headerSize = .bytes(52)
        tcp.framingSize = .bytes(2)
        return tcp
    }

    /// SchoolNet's goodput (Mbit/s) down and up, from 10 s to 25 s, with `k` downloads and
    /// `m` uploads behind `queue`.
    static func goodput(k: Int, m: Int, queue: (BufferSize) -> QueueSpec, tcp: TCPParameters = tcp) -> (down: Double, up: Double) {
        var t = Topology()
        let client = t.addNode("client", kind: .device)
        let router = t.addNode("router", kind: .router)
        let server = t.addNode("server", kind: .service)
        let up = t.addResource("bottleneck ↑", capacity: .megabitsPerSecond(2), queue: queue(.bytes(.bytes(5_000))), group: "bottleneck")
        let down = t.addResource("bottleneck ↓", capacity: .megabitsPerSecond(100), queue: queue(.bytes(.bytes(250_000))),
                                 group: "bottleneck")
        t.addLink("bottleneck", lower: client, upper: router, propagation: .milliseconds(9), up: [Hop(up)], down: [Hop(down)])
        t.addDuplexLink("access", lower: router, upper: server, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1),
                        propagation: .milliseconds(1))
        var net = Network(topology: t, tcp: tcp, seed: 1)
        var downloads: [TransferID] = [], uploads: [TransferID] = []
        var starts: [(SimTime, Bool)] = []
        for i in 0..<k { starts.append((SimTime.zero + .seconds(0.1 + 0.01 * Double(i)), true)) }
        for i in 0..<m { starts.append((SimTime.zero + .seconds(0.105 + 0.01 * Double(i)), false)) }
        starts.sort { $0.0 < $1.0 }
        func run(until end: SimTime) {
            while true {
                let next = min(net.nextEventTime, starts.first?.0 ?? .never)
                if next > end { return }
                if let (s, isDownload) = starts.first, s == next {
                    let request = isDownload ? TransferRequest(from: server, to: client, bytes: .gigabytes(10), newConnection: true)
                                             : TransferRequest(from: client, to: server, bytes: .gigabytes(10), newConnection: true)
                    let id = try! net.start(request, now: s)
                    if isDownload { downloads.append(id) } else { uploads.append(id) }
                    starts.removeFirst()
                } else {
                    _ = net.advance(to: next)
                }
            }
        }
        let from = SimTime.zero + .seconds(10), to = SimTime.zero + .seconds(25)
        run(until: from)
        func total(_ ids: [TransferID], _ at: SimTime) -> Double {
            var sum = 0.0
            for id in ids { sum += net.delivered(id, at: at) }
            return sum
        }
        let d0 = total(downloads, from), u0 = total(uploads, from)
        run(until: to)
        let d1 = total(downloads, to), u1 = total(uploads, to)
        let span = (to - from).seconds
        return ((d1 - d0) * 8 / span / 1e6, (u1 - u0) * 8 / span / 1e6)
    }

    static func queue(_ name: String) -> (BufferSize) -> QueueSpec {
        switch name {
        case "fq_codel": return { _ in QueueSpec(buffer: .bytes(.bytes(10_240 * 1500)), discipline: .fqCodel) }
        case "fifo-10bdp": return { b in
            if case .bytes(let n) = b { return QueueSpec(buffer: .bytes(.bytes(10 * n.bytes))) }
            return QueueSpec(buffer: b)
        }
        default: return { QueueSpec(buffer: $0) }
        }
    }

    @Test func downloadsAndUploadsOverAnAsymmetricLine() throws {
        let rows = try Self.table()
        #expect(rows.count == 9)
        for row in rows {
            let g = Self.goodput(k: row.k, m: row.m, queue: Self.queue(row.name))
            let errDown = g.down / row.down - 1
            print(String(format: "%@ K %d M %d: down %.3f Mbit/s (ns-3 %.3f, %+.1f %%), up %.3f Mbit/s (ns-3 %.3f, %+.3f Mbit/s)",
                         row.name, row.k, row.m, g.down, row.down, errDown * 100, g.up, row.up, g.up - row.up))
            #expect(abs(errDown) <= 0.20, "\(row.name) M \(row.m): downloads \(g.down) Mbit/s against ns-3 \(row.down)")
            #expect(abs(g.up - row.up) <= 0.2, "\(row.name) M \(row.m): uploads \(g.up) Mbit/s against ns-3 \(row.up)")
        }
    }

    /// Without the ACK load an upload would take the whole uplink, as in no ns-3 case.
    @Test func withoutTheAckLoadUploadsTakeTheWholeUplink() {
        var tcp = Self.tcp
        tcp.ackLoad = false
        let g = Self.goodput(k: 10, m: 1, queue: Self.queue("fifo-1bdp"), tcp: tcp)
        #expect(g.up > 1.9)
    }
}
