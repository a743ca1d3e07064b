import Testing
@testable import SchoolNet

/// A workload that starts paced transfers (no TCP terms: each runs at its rate from its
/// start) at given times, for hand-computable design loads.
final class PacedTransfers: Workload {
    struct Item {
        var from: NodeID, to: NodeID, start: SimDuration, bytes: ByteCount, rate: DataRate, copies: Int = 1
    }

    let name = "paced"
    let kind = "bulk"
    let items: [Item]
    var index: Int32 = -1

    init(_ items: [Item]) { self.items = items }

    func start(in sim: Simulation) {
        for i in items.indices {
            sim.schedule(WorkloadEvent(workload: index, entity: Int32(i), code: 0), at: .zero + items[i].start)
        }
    }

    func handle(_ event: WorkloadEvent, in sim: Simulation) {
        let item = items[Int(event.entity)]
        let request = TransferRequest(from: item.from, to: item.to, bytes: item.bytes, tcp: false,
                                      rateLimit: item.rate, copies: item.copies, tag: Int64(event.entity))
        _ = try! sim.start(request, for: Int(index))
    }

    func transferFinished(_ outcome: TransferOutcome, tag: Int64, in sim: Simulation) {}

    func report(in sim: Simulation) -> WorkloadReport {
        WorkloadReport(name: name, kind: kind, entities: items.count, metrics: [], delayedBy: [])
    }
}

/// Design loads on hand-computable cases: the busiest minute, the 95th percentile of the
/// minutes, and the most devices busy at once.
@Suite struct DesignLoadTests {
    /// internet —(line, 100 Mbps each way)— school —(nic, 1 Gbps)— devices 0…n−1.
    static func school(devices n: Int) -> (Topology, internet: NodeID, devices: [NodeID]) {
        var t = Topology()
        let internet = t.addNode("internet", kind: .internet)
        let school = t.addNode("school", kind: .router)
        t.addDuplexLink("line", lower: school, upper: internet, up: .megabitsPerSecond(100), down: .megabitsPerSecond(100))
        var devices: [NodeID] = []
        for d in 0..<n {
            let dev = t.addNode("dev-\(d)", kind: .device)
            t.addDuplexLink("dev-\(d) nic", lower: dev, upper: school, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1))
            devices.append(dev)
        }
        return (t, internet, devices)
    }

    static func run(_ t: Topology, _ items: [PacedTransfers.Item], for duration: SimDuration) -> RunResult {
        let sim = Simulation(network: Network(topology: t), seed: 1)
        let w = PacedTransfers(items)
        w.index = Int32(sim.add(w))
        sim.run(until: .zero + duration)
        return RunResult(simulation: sim, scenarioName: "design", description: "", seed: 1, clockStart: .hours(8))
    }

    /// One download at 40 Mbps for 90 s (450 MB) in a 20-minute run: the line's minutes
    /// carry 40 Mbps (0–60 s), 40 × 30/60 = 20 Mbps (60–120 s), then 18 idle minutes. Peak
    /// 40 Mbps in the first minute; sorted, the 20 minutes are 18 × 0, 20, 40, and the
    /// 95th percentile by nearest rank is the ⌈0.95 × 20⌉ = 19th: 20 Mbps. One device.
    /// The upward direction carried nothing and saw no device (data flows downward).
    @Test func oneFlowAtAKnownRate() throws {
        let (t, internet, devices) = Self.school(devices: 1)
        let run = Self.run(t, [.init(from: internet, to: devices[0], start: .zero, bytes: .megabytes(450),
                                     rate: .megabitsPerSecond(40))], for: .seconds(1200))
        let down = try #require(run.resources.first { $0.name == "line ↓" }?.designLoad)
        #expect(down.window == .seconds(60))
        #expect(abs(down.peak.megabitsPerSecond - 40) < 1e-6, "\(down.peak)")
        #expect(down.peakAt == .zero)
        #expect(abs(down.p95.megabitsPerSecond - 20) < 1e-6, "\(down.p95)")
        #expect(down.peakDevices == 1)
        let up = try #require(run.resources.first { $0.name == "line ↑" }?.designLoad)
        #expect(up.peak == .zero && up.p95 == .zero && up.peakDevices == 0)
    }

    /// A run shorter than a minute has one window, divided by its own length: 40 Mbps for
    /// 20 s of a 30 s run is 40 × 20/30 ≈ 26.67 Mbps, which is also the 95th percentile.
    @Test func aPartialLastWindowIsDividedByItsLength() throws {
        let (t, internet, devices) = Self.school(devices: 1)
        let run = Self.run(t, [.init(from: internet, to: devices[0], start: .zero, bytes: .megabytes(100),
                                     rate: .megabitsPerSecond(40))], for: .seconds(30))
        let down = try #require(run.resources.first { $0.name == "line ↓" }?.designLoad)
        #expect(abs(down.peak.megabitsPerSecond - 40 * 20 / 30) < 1e-6, "\(down.peak)")
        #expect(down.p95 == down.peak)
    }

    /// Devices are counted once however many transfers they have, a cohort of k counts k,
    /// and only while their transfers cross the link: device 0 downloads two files at
    /// once (0–10 s), device 1 one (5–15 s), device 2 stands for a cohort of 3 (8–12 s).
    /// Between 8 and 10 s all are active on the line: 1 + 1 + 3 = 5 devices; device 0's
    /// own link never saw more than 1; an upload by device 1 at 30 s counts on the line's
    /// upward direction only.
    @Test func devicesAreCountedOncePerLink() throws {
        let (t, internet, d) = Self.school(devices: 3)
        let mbps10 = DataRate.megabitsPerSecond(10)
        let items: [PacedTransfers.Item] = [
            .init(from: internet, to: d[0], start: .zero, bytes: .megabytes(12.5), rate: mbps10),
            .init(from: internet, to: d[0], start: .zero, bytes: .megabytes(12.5), rate: mbps10),
            .init(from: internet, to: d[1], start: .seconds(5), bytes: .megabytes(12.5), rate: mbps10),
            .init(from: internet, to: d[2], start: .seconds(8), bytes: .megabytes(5), rate: mbps10, copies: 3),
            .init(from: d[1], to: internet, start: .seconds(30), bytes: .megabytes(1), rate: mbps10),
        ]
        let run = Self.run(t, items, for: .seconds(60))
        func devices(_ name: String) -> Int? { run.resources.first { $0.name == name }?.designLoad?.peakDevices }
        #expect(devices("line ↓") == 5)
        #expect(devices("dev-0 nic ↓") == 1)
        #expect(devices("dev-2 nic ↓") == 3)
        #expect(devices("line ↑") == 1)
        #expect(devices("dev-0 nic ↑") == 0)
    }

    /// The window is a minute of 1, 2, 5, …, 30 s intervals, the interval itself when it
    /// is longer, whole intervals covering a minute otherwise, and the run without intervals.
    @Test func windowFollowsTheUtilisationInterval() {
        let day = SimDuration.hours(6)
        #expect(DesignLoad.window(bucketWidth: .seconds(1), duration: day) == .seconds(60))
        #expect(DesignLoad.window(bucketWidth: .seconds(30), duration: day) == .seconds(60))
        #expect(DesignLoad.window(bucketWidth: .seconds(7), duration: day) == .seconds(63))
        #expect(DesignLoad.window(bucketWidth: .seconds(300), duration: day) == .seconds(300))
        #expect(DesignLoad.window(bucketWidth: .zero, duration: day) == day)
        #expect(DesignLoad.nearestRank(0.95, of: Array(repeating: 0, count: 18) + [20, 40]) == 20)
        #expect(DesignLoad.nearestRank(0.95, of: [3]) == 3)
        #expect(DesignLoad.nearestRank(0.95, of: []) == 0)
    }

    /// Two replications whose one flow runs at 40 and at 20 Mbps for the whole of a
    /// 1-minute run: busiest minute 30 Mbps on average, with the Student-t half-width of
    /// {40, 20} (t₀.₉₇₅,₁ × s/√2 = 12.706 × 14.14/1.414 ≈ 127 Mbps); one device in each.
    @Test func replicationsGiveMeanAndInterval() throws {
        let (t, internet, devices) = Self.school(devices: 1)
        let runs = [40.0, 20].map { rate in
            Self.run(t, [.init(from: internet, to: devices[0], start: .zero, bytes: .megabytes(rate * 60 / 8),
                               rate: .megabitsPerSecond(rate))], for: .seconds(60))
        }
        let result = MultiRunResult(runs: runs)
        let line = try #require(result.representative.resources.firstIndex { $0.name == "line ↓" })
        let s = try #require(result.designLoad(ofResource: line))
        let peak = MultiRunResult.DesignLoadSummary.summary(s.peak)
        #expect(abs(peak.mean - 30e6) < 1)
        #expect(abs((peak.interval?.halfWidth ?? 0) - 12.706_2 * 10e6) < 1e3, "\(String(describing: peak.interval))")
        #expect(MultiRunResult.DesignLoadSummary.summary(s.devices).mean == 1)
        #expect(result.designLoads.count == result.representative.resources.count)
    }

    /// The text, JSON, CSV and HTML reports carry the design load of the line.
    @Test func csvAndJSONCarryTheDesignLoad() {
        let (t, internet, devices) = Self.school(devices: 1)
        let run = Self.run(t, [.init(from: internet, to: devices[0], start: .zero, bytes: .megabytes(450),
                                     rate: .megabitsPerSecond(40))], for: .seconds(1200))
        let result = MultiRunResult(run)
        let json = JSONReport.render(result)
        #expect(json.contains("\"design_load\""))
        #expect(json.contains("\"peak_bps\" : 40000000") || json.contains("\"peak_bps\": 40000000"), "\(json.prefix(400))")
        let csv = CSVReport.designLoad(result, record: nil)
        #expect(csv.contains("\"line ↓\",\"line\",access-line,100,60,1,1,40,20,1\r\n"), "\(csv)")
        #expect(csv.contains("\"line ↓\",\"line\",access-line,100,60,mean,,40,20,1\r\n"))
        let long = CSVReport.designLoad(result, record: nil, layout: .long)
        #expect(long.contains("\"line ↓\",\"line\",access-line,100,60,1,1,window_load_p95,Mbps,20\r\n"), "\(long)")
        let text = TextReport.render(result)
        #expect(text.contains("Design load (what the lines carried, next to what they have)\n line ↓ (access line): busiest minute "
                              + "40 Mbps, 95th percentile 20 Mbps, 1 device at once; has 100 Mbps\n"), "\(text)")
        let html = HTMLReport.render(result)
        #expect(html.contains("<section id=\"design-load\">") && html.contains("<td>40 Mbps</td><td>20 Mbps</td><td>1</td>"))
    }
}
