@testable import SchoolNet

/// A tiny workload for the results and reports tests: each of its devices downloads one
/// file from a server, at its own start offset, and the workload reports download times
/// (mean and p50/p95/p99 by nearest rank), the share completed, and its delay ledger.
final class BulkTestWorkload: Workload {
    let name: String
    let kind = "bulk"
    let devices: [NodeID]
    let server: NodeID
    let bytes: ByteCount
    let offsets: [SimDuration]
    let p95Target: Double?
    /// The workload's index in the simulation (set by ``add(to:)``).
    var index: Int32 = -1
    var durations: [Double] = []
    var ledger: DelayLedger

    init(name: String, devices: [NodeID], server: NodeID, bytes: ByteCount, resources: Int,
         offsets: [SimDuration]? = nil, p95Target: Double? = nil) {
        self.name = name
        self.devices = devices
        self.server = server
        self.bytes = bytes
        self.offsets = offsets ?? Array(repeating: .zero, count: devices.count)
        self.p95Target = p95Target
        ledger = DelayLedger(entities: devices.count, resources: resources)
    }

    /// Adds the workload to `sim` and remembers its index.
    func add(to sim: Simulation) {
        index = Int32(sim.add(self))
    }

    func start(in sim: Simulation) {
        for i in devices.indices {
            sim.schedule(WorkloadEvent(workload: index, entity: Int32(i), code: 0), at: .zero + offsets[i])
        }
    }

    func handle(_ event: WorkloadEvent, in sim: Simulation) {
        let request = TransferRequest(from: server, to: devices[Int(event.entity)], bytes: bytes,
                                      tag: Int64(event.entity))
        _ = try! sim.start(request, for: Int(index))
    }

    func transferFinished(_ outcome: TransferOutcome, tag: Int64, in sim: Simulation) {
        durations.append((outcome.finished - outcome.requested).seconds)
        ledger.record(outcome, entity: Int(tag))
    }

    func report(in sim: Simulation) -> WorkloadReport {
        let sorted = durations.sorted()
        func quantile(_ p: Double) -> Double {
            sorted.isEmpty ? .nan : sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
        }
        let mean = sorted.isEmpty ? Double.nan : sorted.reduce(0, +) / Double(sorted.count)
        let metrics = [
            Metric(key: "download_mean", label: "Download time, mean", value: mean, unit: "s"),
            Metric(key: "download_p50", label: "Download time, median", value: quantile(0.5), unit: "s"),
            Metric(key: "download_p95", label: "Download time, 95th percentile", value: quantile(0.95), unit: "s",
                   target: p95Target),
            Metric(key: "download_p99", label: "Download time, 99th percentile", value: quantile(0.99), unit: "s"),
            Metric(key: "completed", label: "Downloads completed", value: 100 * Double(sorted.count) / Double(devices.count),
                   unit: "%", higherIsBetter: true, target: 100),
        ]
        return WorkloadReport(name: name, kind: kind, entities: devices.count, metrics: metrics,
                              delayedBy: ledger.shares())
    }
}

/// The hand-built school of the results and reports tests.
///
/// internet —(uplink 800 Mbps)— school —(class-c link: 150 Mbps for class 0, 300 Mbps
/// otherwise)— 10 devices per class (1 Gbps NICs). Workload "Lesson A" is classes 0 and 1,
/// "Lesson B" classes 2 and 3; every device downloads `megabytes` at time zero (plus an
/// optional per-device offset drawn from the seed, so replications differ).
///
/// Max-min shares while all 40 download: class 0 is held by its own 150 Mbps link
/// (15 Mbps per device); the other 30 devices share the uplink's remaining 650 Mbps
/// (21.7 Mbps each, below their 30 Mbps class-link share), so the uplink limits them.
enum TestSchool {
    static func simulation(seed: UInt64 = 1, megabytes: Double = 10, jitter: Bool = false,
                           p95Target: Double? = 5) -> Simulation {
        var t = Topology()
        let internet = t.addNode("internet", kind: .internet)
        let school = t.addNode("school", kind: .router)
        t.addDuplexLink("uplink", lower: school, upper: internet, up: .megabitsPerSecond(800),
                        down: .megabitsPerSecond(800), propagation: .milliseconds(5))
        var classes: [[NodeID]] = []
        for c in 0..<4 {
            let room = t.addNode("class-\(c)", kind: .switch)
            let rate: DataRate = c == 0 ? .megabitsPerSecond(150) : .megabitsPerSecond(300)
            t.addDuplexLink("class-\(c) link", lower: room, upper: school, up: rate, down: rate)
            var devices: [NodeID] = []
            for s in 0..<10 {
                let dev = t.addNode("class-\(c)/dev-\(s)", kind: .device)
                t.addDuplexLink("class-\(c)/dev-\(s) nic", lower: dev, upper: room, up: .gigabitsPerSecond(1),
                                down: .gigabitsPerSecond(1))
                devices.append(dev)
            }
            classes.append(devices)
        }
        let sim = Simulation(network: Network(topology: t), seed: seed)
        let resources = t.resources.count
        for (name, members) in [("Lesson A", classes[0] + classes[1]), ("Lesson B", classes[2] + classes[3])] {
            var offsets: [SimDuration]? = nil
            if jitter {
                var rng = sim.rng.derived(name)
                offsets = members.map { _ in .seconds(Double.random(in: 0..<2, using: &rng)) }
            }
            BulkTestWorkload(name: name, devices: members, server: internet, bytes: .megabytes(megabytes),
                             resources: resources, offsets: offsets, p95Target: p95Target).add(to: sim)
        }
        return sim
    }

    /// Runs the school for 20 s (clock 09:00:00) and returns its result.
    static func run(seed: UInt64 = 1, jitter: Bool = false, megabytes: Double = 10) -> RunResult {
        let sim = simulation(seed: seed, megabytes: megabytes, jitter: jitter)
        sim.run(until: .seconds(20))
        return RunResult(simulation: sim, scenarioName: "test-school", description: "Four classes download at once",
                         seed: seed, clockStart: .hours(9))
    }
}
