import Testing
@testable import SchoolNet

extension MediaTests.LTECellTests {
    /// One sector with devices at `cqis`, hooked up as the scenario builder does; open
    /// downlink streams (no TCP terms) from a server to every device.
    static func downlinkRates(_ cell: LTECell, cqis: [Int]) -> [Double] {
        var t = Topology()
        let server = t.addNode("server", kind: .service)
        let sector = t.addNode("sector", kind: .gateway)
        t.addDuplexLink("core", lower: sector, upper: server, up: .gigabitsPerSecond(100), down: .gigabitsPerSecond(100))
        let dl = t.addResource("LTE ↓", capacity: cell.capacity(direction: .downlink, hour: 10))
        let ul = t.addResource("LTE ↑", capacity: cell.capacity(direction: .uplink, hour: 10))
        var mix: [Int: Double] = [:]
        for c in cqis { mix[c, default: 0] += 1 }
        let link = LTESectorLink(cell: cell, sector: sector, uplink: ul, downlink: dl, mix: mix)
        let devices = cqis.enumerated().map { link.addDevice("d\($0.offset)", cqi: $0.element, to: &t) }
        var net = Network(topology: t)
        let ids = devices.map { try! net.start(TransferRequest(from: server, to: $0, bytes: nil, tcp: false), now: .zero) }
        while net.nextEventTime <= .seconds(1) { _ = net.advance(to: net.nextEventTime) }
        return ids.map { net.rate(of: $0).bitsPerSecond }
    }

    /// Equal time, through the solver: 5 devices at CQI 15 and 5 at CQI 7 on the default
    /// cell (no public load) each get C_i / 10 — 14.998 Mbps and 14.998 × 1.4766 / 5.5547 =
    /// 3.987 Mbps — not the same rate; the time shares sum to one (the cell is full).
    @Test func solverGivesEqualTime() {
        let cell = LTECell(backgroundLoad: Self.noLoad)
        let cqis = [15, 7, 15, 7, 15, 7, 15, 7, 15, 7]
        let rates = Self.downlinkRates(cell, cqis: cqis)
        for (c, r) in zip(cqis, rates) {
            let expected = cell.proportionalFairRate(cqi: c, activeDevices: 10, direction: .downlink, hour: 10).bitsPerSecond
            #expect(abs(r / expected - 1) < 1e-9, "CQI \(c): \(r) vs \(expected)")
        }
        #expect(abs(rates[0] / rates[1] - 5.5547 / 1.4766) < 1e-9)
        // The same with transport blocks on 5 MHz, one layer: 17.568 Mbps / 10 and 4.776 Mbps / 10.
        let tb = LTECell(bandwidthMHz: 5, downlinkLayers: 1, backgroundLoad: Self.noLoad, linkModel: .transportBlocks)
        let tbRates = Self.downlinkRates(tb, cqis: cqis)
        #expect(abs(tbRates[0] - 1_756_800) < 1e-3 && abs(tbRates[1] - 477_600) < 1e-3)
    }

    /// Ten 10 MB downloads, five at CQI 15 and five at CQI 7, no public load, 20 MHz with
    /// the defaults: while all ten run each gets C_i / 10 (14.998 and 3.987 Mbps), so the
    /// CQI 15 devices finish at 80 Mbit / 14.998 Mbps = 5.334 s; the CQI 7 devices then
    /// have the cell to themselves (C_7 / 5 = 7.973 Mbps) for the 58.73 Mbit left: 5.334 +
    /// 7.366 = 12.70 s. Not the same second.
    @Test func transfersFinishAtDifferentTimes() {
        let cell = LTECell(backgroundLoad: Self.noLoad)
        var t = Topology()
        let server = t.addNode("server", kind: .service)
        let sector = t.addNode("sector", kind: .gateway)
        t.addDuplexLink("core", lower: sector, upper: server, up: .gigabitsPerSecond(100), down: .gigabitsPerSecond(100))
        let dl = t.addResource("LTE ↓", capacity: cell.capacity(direction: .downlink, hour: 10))
        let ul = t.addResource("LTE ↑", capacity: cell.capacity(direction: .uplink, hour: 10))
        let link = LTESectorLink(cell: cell, sector: sector, uplink: ul, downlink: dl, mix: [7: 1, 15: 1])
        let devices = (0..<10).map { link.addDevice("d\($0)", cqi: $0 % 2 == 0 ? 15 : 7, to: &t) }
        var net = Network(topology: t)
        for (i, d) in devices.enumerated() {
            _ = try! net.start(TransferRequest(from: server, to: d, bytes: .megabytes(10), tcp: false, tag: Int64(i)), now: .zero)
        }
        var finished: [Int64: Double] = [:]
        while net.nextEventTime != .never { if let o = net.advance(to: net.nextEventTime) { finished[o.tag] = o.finished.seconds } }
        let c15 = cell.singleDeviceRate(cqi: 15, direction: .downlink).bitsPerSecond
        let c7 = cell.singleDeviceRate(cqi: 7, direction: .downlink).bitsPerSecond
        let first = 80e6 / (c15 / 10)
        let second = first + (80e6 - first * c7 / 10) / (c7 / 5)
        for i in 0..<10 {
            let expected = i % 2 == 0 ? first : second
            #expect(abs(finished[Int64(i)]! - expected) < 1e-3, "device \(i): \(finished[Int64(i)]!) s vs \(expected) s")
        }
        #expect(abs(first - 5.334) < 0.001 && abs(second - 12.70) < 0.01)
    }

    /// The share weight is R(cqi) / R̄: with the mix {7, 9, 11} on the default cell R̄ is
    /// 20 MHz-equivalent × (1.4766 + 2.4063 + 3.3223) / 3, so CQI 11 weighs 3 × 3.3223 /
    /// 7.2052 = 1.3833; weights average to 1 over the mix, and weight × factor is the same
    /// for every CQI (R_ref / R̄).
    @Test func shareWeights() {
        let cell = LTECell()
        let mix: [Int: Double] = [7: 1, 9: 1, 11: 1]
        let mean = cell.meanRate(over: mix, direction: .downlink)
        #expect(abs(cell.shareWeight(cqi: 11, meanRate: mean, direction: .downlink) - 3 * 3.3223 / 7.2052) < 1e-9)
        let ws = [7, 9, 11].map { cell.shareWeight(cqi: $0, meanRate: mean, direction: .downlink) }
        #expect(abs(ws.reduce(0, +) / 3 - 1) < 1e-12)
        let products = [7, 9, 11].map { cell.shareWeight(cqi: $0, meanRate: mean, direction: .uplink) * cell.airtimeFactor(cqi: $0, direction: .uplink) }
        #expect(abs(products[0] / products[2] - 1) < 1e-12)
    }

    /// Transport blocks: 24 PRB at CQI 15 (MCS 28, TBS index 26) carry 17,568 bits per
    /// subframe — 17.568 Mbps per layer; 100 PRB 75,376 bits, so 2 layers at 20 MHz give
    /// 150.75 Mbps (the Cat 4 peak of REFERENCES.md §5); the overhead fraction is not applied.
    @Test func transportBlocks() {
        #expect(LTETransportBlocks.blockBits(cqi: 15, resourceBlocks: 24) == 17_568)
        #expect(LTETransportBlocks.blockBits(cqi: 7, resourceBlocks: 24) == 4_776)
        let cell = LTECell(downlinkOverhead: 0.5, backgroundLoad: Self.noLoad, linkModel: .transportBlocks)
        #expect(cell.capacity(direction: .downlink, hour: 10) == .bitsPerSecond(150_752_000))
        // The uplink keeps the spectral-efficiency model.
        #expect(cell.capacity(direction: .uplink, hour: 10) == LTECell(backgroundLoad: Self.noLoad).capacity(direction: .uplink, hour: 10))
        for n in [24, 48, 72, 100] {
            let column = LTETransportBlocks.sizes[n]!
            #expect(column.count == 27 && zip(column, column.dropFirst()).allSatisfy { $0 < $1 }, "\(n) PRB")
        }
    }
}
