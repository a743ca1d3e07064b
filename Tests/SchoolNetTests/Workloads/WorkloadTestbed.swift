@testable import SchoolNet

/// A classroom for workload tests: `devices` devices on 10 Gbps LAN links (no delay) to a
/// school router, one WAN link (`up`/`down`, one-way `propagation`) to a service node that
/// plays every service of the directory.
struct WorkloadTestbed {
    /// The topology.
    var topology: Topology
    /// The devices, in order.
    var devices: [NodeID]
    /// Every service on one node.
    var services: ServiceDirectory

    /// Builds the classroom.
    init(devices n: Int, up: DataRate, down: DataRate, propagation: SimDuration, buffer: ByteCount = .kilobytes(256)) {
        var t = Topology()
        let router = t.addNode("router", kind: .router)
        let server = t.addNode("server", kind: .service)
        t.addDuplexLink("wan", lower: router, upper: server, up: up, down: down, propagation: propagation, buffer: buffer)
        devices = (0..<n).map { i in
            let d = t.addNode("device-\(i)", kind: .device)
            t.addDuplexLink("lan-\(i)", lower: d, upper: router, up: .gigabitsPerSecond(10), down: .gigabitsPerSecond(10))
            return d
        }
        topology = t
        services = ServiceDirectory(cbtServer: server, identityProvider: server, videoCDN: server, conferenceRelay: server,
                                    updateServer: server, cloudOffice: server)
    }

    /// One session of every device from 0 to `end`.
    func session(end: SimDuration, jitter: Distribution = .constant(0), teacher: NodeID? = nil) -> ActivitySession {
        ActivitySession(label: "class", school: "school", classroom: "1-1", devices: devices, teacherDevice: teacher,
                        start: .zero, end: .zero + end, startJitter: jitter)
    }

    /// Runs `workload` alone until `end`; returns its report.
    func run(_ workload: any Workload, until end: SimDuration, seed: UInt64 = 1) -> WorkloadReport {
        let sim = Simulation(network: Network(topology: topology), seed: seed)
        sim.add(workload)
        sim.run(until: .zero + end)
        return workload.report(in: sim)
    }
}

extension WorkloadReport {
    /// The value of metric `key` (a test failure shows NaN when it is missing).
    subscript(_ key: String) -> Double { metrics.first { $0.key == key }?.value ?? .nan }
}
