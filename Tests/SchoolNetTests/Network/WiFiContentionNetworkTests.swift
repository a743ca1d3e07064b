import Foundation
import Testing
@testable import SchoolNet

/// A classroom's Wi-Fi capacity follows who sends: the AP alone for downlink traffic, the
/// stations with uplink flows, both when both directions carry traffic, to within
/// ``Network/contentionTolerance`` (the scenario
/// builder's contention table, picked by the Network as flows start and end).
@Suite struct WiFiContentionNetworkTests {
    /// One school, two classes of 30 on the default Wi-Fi, a 10 Gbps line (the cell limits).
    static let json = ScenarioBuilderTests.scenario(access: #"{"type": "fiber", "service": "dedicated", "down": "10 Gbps", "up": "10 Gbps"}"#)

    struct Classroom {
        var network: Network
        var air: ResourceID
        var devices: [NodeID]
        var server: NodeID
        var cell: WiFiCell
        var now = SimTime.zero
    }

    static func classroom() throws -> Classroom {
        let s = try Scenario.read(json: json, file: "test.json")
        let b = ScenarioBuilder(s)
        let t = b.topology  // every client at the reference PHY (no slow-client draw)
        let air = try #require(t.resources.firstIndex { $0.name.hasSuffix(" Wi-Fi") }.map { ResourceID($0) })
        let name = t.resources[air.index].name.dropLast(" Wi-Fi".count)
        let devices = (1...30).map { t.node(named: "\(name)/\($0)")! }
        guard case .wifi(let w) = s.schools[0].radio else { throw CancellationError() }
        return Classroom(network: Network(topology: t, tcp: s.tcp), air: air, devices: devices,
                         server: t.node(named: "internet")!, cell: w.cell)
    }

    /// Starts open-ended UDP-like streams and lets their set-up finish.
    static func start(_ c: inout Classroom, down: [NodeID], up: [NodeID]) throws -> [TransferID] {
        var ids: [TransferID] = []
        for d in down { ids.append(try c.network.start(TransferRequest(from: c.server, to: d, bytes: nil, tcp: false), now: c.now)) }
        for d in up { ids.append(try c.network.start(TransferRequest(from: d, to: c.server, bytes: nil, tcp: false), now: c.now)) }
        settle(&c)
        return ids
    }

    static func settle(_ c: inout Classroom) {
        while c.network.nextEventTime < c.now + .seconds(1) {
            c.now = c.network.nextEventTime
            _ = c.network.advance(to: c.now)
        }
    }

    static func carried(_ c: Classroom, _ ids: [TransferID]) -> Double {
        ids.reduce(0) { $0 + c.network.rate(of: $1).megabitsPerSecond }
    }

    @Test func downlinkOnlyGetsTheAPAloneRate() throws {
        var c = try Self.classroom()
        #expect(c.network.contenders(on: c.air) == 1)
        let ids = try Self.start(&c, down: c.devices, up: [])
        let one = c.cell.capacity(activeStations: 1).megabitsPerSecond
        #expect(c.network.contenders(on: c.air) == 1)
        #expect(abs(c.network.solver.capacity(of: c.air).megabitsPerSecond / one - 1) < 1e-9)
        #expect(abs(Self.carried(c, ids) / one - 1) <= Network.contentionTolerance + 1e-9, "30 receivers share the one-contender rate")
    }

    @Test func uplinkOnlyGetsTheActiveStationsRate() throws {
        var c = try Self.classroom()
        let senders = Array(c.devices.prefix(12))
        let ids = try Self.start(&c, down: [], up: senders)
        let twelve = c.cell.capacity(activeStations: 12).megabitsPerSecond
        #expect(c.network.contenders(on: c.air) == 12)
        #expect(abs(Self.carried(c, ids) / twelve - 1) <= Network.contentionTolerance + 1e-9)
        // A second flow from a sending station adds no contender; a new station does.
        let more = try Self.start(&c, down: [], up: [senders[0], c.devices[12]])
        #expect(c.network.contenders(on: c.air) == 13)
        // Stations stop: the level falls back.
        for id in more + ids.dropFirst(2) { c.network.stop(id, now: c.now) }
        #expect(c.network.contenders(on: c.air) == 2)
        #expect(abs(Self.carried(c, Array(ids.prefix(2))) / c.cell.capacity(activeStations: 2).megabitsPerSecond - 1) <= Network.contentionTolerance + 1e-9)
    }

    @Test func bothDirectionsAddTheAP() throws {
        var c = try Self.classroom()
        let ids = try Self.start(&c, down: c.devices, up: c.devices)
        let all = c.cell.capacity(activeStations: 31).megabitsPerSecond
        #expect(c.network.contenders(on: c.air) == 31)
        #expect(abs(Self.carried(c, ids) / all - 1) <= Network.contentionTolerance + 1e-9)
        #expect(all < c.cell.capacity(activeStations: 1).megabitsPerSecond)
        // The downlink ends: the stations alone contend.
        for id in ids.prefix(30) { c.network.stop(id, now: c.now) }
        #expect(c.network.contenders(on: c.air) == 30)
        for id in ids.suffix(30) { c.network.stop(id, now: c.now) }
        #expect(c.network.contenders(on: c.air) == 1)
    }

    /// A transfer standing for k identical ones counts k stations.
    @Test func copiesCountTheirStations() throws {
        var c = try Self.classroom()
        _ = try c.network.start(TransferRequest(from: c.devices[0], to: c.server, bytes: nil, tcp: false, copies: 5), now: c.now)
        Self.settle(&c)
        #expect(c.network.contenders(on: c.air) == 5)
    }
}

extension WiFiContentionNetworkTests {
    /// The slow clients' airtime factor is taken at the busiest level (every device and the
    /// AP) whatever the level simulated: C(n) / e_slow(n) moves little with n because both
    /// rates lose the same contention overhead in proportion. Printed for the documentation.
    @Test func slowClientFactorVariesLittleWithContention() throws {
        let s = try Scenario.read(json: Self.json, file: "test.json")
        guard case .wifi(let w) = s.schools[0].radio else { throw CancellationError() }
        let slow = WiFiPHY(standard: w.cell.referencePHY.standard, mcsIndex: w.slowClientMCS,
                           channelWidthMHz: w.cell.referencePHY.channelWidthMHz, spatialStreams: 1)
        let factors = (1...31).map { w.cell.airtimeFactor(client: slow, activeStations: $0) }
        let spread = factors.max()! / factors.min()! - 1
        print("slow-client airtime factor, 1…31 contenders: \(factors.min()!)…\(factors.max()!) (spread \(spread))")
        #expect(spread < 0.15)
    }
}
