import Testing
@testable import SchoolNet

/// The CBT workload against a closed form and against the failure modes of REFERENCES.md §4:
/// session tables, the uplink in a speaking test, and determinism.
@Suite struct CBTWorkloadTests {
    /// A school: `n` devices —(1 Gbps NIC)— switch [—(1 Gbps)— proxy] —(access line, up /
    /// down, 5 ms one way)— server. The server is the CBT server and identity provider.
    static func school(students n: Int, up: DataRate, down: DataRate, proxy: SessionLimit? = nil)
        -> (topology: Topology, devices: [NodeID], server: NodeID, proxy: NodeID?) {
        var t = Topology()
        let server = t.addNode("server", kind: .service)
        let sw = t.addNode("switch", kind: .switch)
        var edge = sw
        var proxyNode: NodeID?
        if let proxy {
            let p = t.addNode("proxy", kind: .appliance, sessionLimit: proxy)
            t.addDuplexLink("lan", lower: sw, upper: p, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1))
            edge = p
            proxyNode = p
        }
        t.addDuplexLink("access", lower: edge, upper: server, up: up, down: down, propagation: .milliseconds(5))
        let devices = (0..<n).map { i in
            let d = t.addNode("student-\(i)", kind: .device)
            t.addDuplexLink("nic-\(i)", lower: d, upper: sw, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1))
            return d
        }
        return (t, devices, server, proxyNode)
    }

    /// Every service on one node.
    static func services(_ server: NodeID) -> ServiceDirectory {
        ServiceDirectory(cbtServer: server, identityProvider: server, videoCDN: server, conferenceRelay: server,
                         updateServer: server, cloudOffice: server)
    }

    /// Runs one CBT workload for 20 simulated minutes; returns the simulation and workload.
    static func run(_ topology: Topology, sessions: [ActivitySession], server: NodeID, config: CBTWorkload.Configuration,
                    seed: UInt64 = 1, tcp: TCPParameters = TCPParameters()) -> (Simulation, CBTWorkload) {
        let sim = Simulation(network: Network(topology: topology, tcp: tcp), seed: seed)
        let cbt = CBTWorkload(name: "CBT", configuration: config, sessions: sessions, services: services(server))
        sim.add(cbt)
        sim.run(until: .seconds(1200))
        return (sim, cbt)
    }

    /// One class of `devices` in a 10-minute window starting at t = 0.
    static func session(_ label: String, _ devices: [NodeID], jitter: Distribution = .constant(0)) -> ActivitySession {
        ActivitySession(label: label, school: "school", classroom: label, devices: devices, start: .zero,
                        end: .seconds(600), startJitter: jitter)
    }

    static func value(_ r: WorkloadReport, _ key: String) -> Double { r.metrics.first { $0.key == key }!.value }

    /// One student, one 200 kB item, an idle 1 Gbps line with a 20 ms RTT. The login's one
    /// round trip opens the connection to the server (it is also the identity provider), so
    /// the item request reuses it: 1 RTT for the request, then slow start from IW10 of
    /// 1460-byte segments with an ACK every second segment: windows of 10, 15, 22, 33 and 49
    /// segments (188,340 B) in 5 rounds; the next window (73 segments) holds the 11,660 B
    /// left, which leave in one burst at the line's 1 Gbps (93 µs); the line (1 Gbps ≫
    /// 28.6 Mbps = 49 segments / 20 ms) never limits a round. Expected 6 RTT + 93 µs =
    /// 120.09 ms. Tolerance 50 µs: the flow's own load adds M/M/1 queueing of ρ/(1−ρ) ×
    /// 11.7 µs < 1 µs per round, and times are whole ns.
    @Test func itemTimeMatchesClosedForm() {
        var t = Topology()
        let d = t.addNode("device", kind: .device)
        let server = t.addNode("server", kind: .service)
        t.addDuplexLink("access", lower: d, upper: server, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1),
                        propagation: .milliseconds(10))
        var c = CBTWorkload.Configuration()
        c.items = 1
        c.itemSize = .constant(200_000)
        c.loginRoundTrips = 1
        c.thinkTime = .constant(5)
        let (sim, cbt) = Self.run(t, sessions: [Self.session("6-1", [d])], server: server, config: c)
        let rtt = 0.020, iw = Double(sim.network.tcp.initialWindow.bytes), size = 200_000.0
        var sent = 0.0, window = iw, rounds = 0.0
        while size - sent > window {
            sent += window
            window += (window / 1460 / 2).rounded(.down) * 1460
            rounds += 1
        }
        let expected = rtt + rounds * rtt + (size - sent) * 8 / 1e9
        let o = cbt.outcomes[0]
        #expect(o.itemsDelivered == 1 && o.submitted && o.lostAnswers == 0)
        #expect(abs(o.itemSeconds - expected) < 50e-6, "item took \(o.itemSeconds) s, closed form \(expected) s")
        // The report's median goes through the quantile sketch (0.5 % relative accuracy).
        let p50 = Self.value(cbt.report(in: sim), "item_p50")
        print("CBT closed form: item \(o.itemSeconds) s, expected \(expected) s, item_p50 \(p50) s")
        #expect(abs(p50 - expected) / expected < 0.006, "item_p50 \(p50) vs \(expected)")
    }

    /// Configuration of a speaking test: one item, the speaking one, a 1 MB recording after
    /// `think` seconds; 100 kB prompt; every request on a new connection when `reuse` is false.
    static func speaking(think: Double = 30, reuse: Bool = true) -> CBTWorkload.Configuration {
        var c = CBTWorkload.Configuration()
        c.items = 1
        c.speakingItems = 1
        c.itemSize = .constant(100_000)
        c.speakingUploadSize = .constant(1_000_000)
        c.thinkTime = .constant(think)
        c.connectionReuse = reuse
        return c
    }

    /// 40 students record 1 MB within the same second behind a proxy on a 20 Mbps uplink,
    /// every request on its own connection (the proxy holds a session per transfer). With a
    /// 20-session table that refuses, the 20 uploads in progress hold the table for
    /// 20 × 8 Mbit / 20 Mbps = 8 s, longer than the 3 attempts of the other 20
    /// (backoff 1 s then 2 s, × U[0.5, 1.5)), so their recordings are lost. With 1,000
    /// sessions all 40 share the uplink: 40 × 8 Mbit / 20 Mbps = 16 s < the 30 s timeout,
    /// and nothing is lost.
    @Test func undersizedSessionTableLosesAnswers() {
        var c = Self.speaking(reuse: false)
        c.retries = 2
        c.backoff = .seconds(1)
        var lost: [Double] = []
        for capacity in [20, 1000] {
            let (t, devices, server, proxy) = Self.school(students: 40, up: .megabitsPerSecond(20), down: .gigabitsPerSecond(1),
                                                         proxy: SessionLimit(capacity: capacity, policy: .refuse))
            let (sim, cbt) = Self.run(t, sessions: [Self.session("6-1", devices)], server: server, config: c)
            let r = cbt.report(in: sim)
            let refused = sim.network.sessionStats[proxy!.index].refused
            lost.append(Self.value(r, "lost_answers"))
            if capacity == 20 {
                #expect(refused > 0)
                #expect(Self.value(r, "lost_answers") > 0 || Self.value(r, "timeouts") > 0)
                #expect(Self.value(r, "lost_answer_ratio") > 10, "ratio \(Self.value(r, "lost_answer_ratio")) %")
            } else {
                #expect(refused == 0)
                #expect(Self.value(r, "lost_answers") == 0 && Self.value(r, "completion_rate") == 100)
            }
            print("CBT session table \(capacity): refused \(refused), lost \(Self.value(r, "lost_answers")),",
                  "ratio \(Self.value(r, "lost_answer_ratio")) %, timeouts \(Self.value(r, "timeouts")),",
                  "completion \(Self.value(r, "completion_rate")) %, login_p95 \(Self.value(r, "login_p95")) s")
        }
    }

    /// 40 students start within one minute (uniform 0–60 s), think 10 s, and upload 1 MB:
    /// 320 Mbit offered within about a minute. On 100 Mbps up that is 3.2 s of work; on a
    /// 5 Mbps uplink 64 s — more than the minute it arrives in, so the uploads queue behind
    /// each other. The timeout is 10 min so we measure upload time, not the retry policy.
    /// Expected: upload_p95 at least 10× larger on the asymmetric line, and the uplink
    /// ("access ↑") ranked first in the delay ledger.
    @Test func speakingTestExposesTheUplink() {
        var c = Self.speaking(think: 10)
        c.timeout = .seconds(600)
        var p95: [Double] = []
        for up in [100.0, 5.0] {
            let (t, devices, server, _) = Self.school(students: 40, up: .megabitsPerSecond(up), down: .megabitsPerSecond(100))
            let (sim, cbt) = Self.run(t, sessions: [Self.session("6-1", devices, jitter: .uniform(low: 0, high: 60))],
                                      server: server, config: c)
            let r = cbt.report(in: sim)
            p95.append(Self.value(r, "upload_p95"))
            #expect(Self.value(r, "completion_rate") == 100)
            if up == 5 {
                let first = r.delayedBy.first.map { t.resources[$0.resource.index].name }
                #expect(first == "access ↑", "ledger: \(r.delayedBy)")
            }
            print("CBT speaking, uplink \(up) Mbps: upload_p95 \(Self.value(r, "upload_p95")) s,",
                  "item_p95 \(Self.value(r, "item_p95")) s, delayedBy \(r.delayedBy.prefix(2))")
        }
        #expect(p95[1] > 10 * p95[0], "upload_p95 symmetric \(p95[0]) s, asymmetric \(p95[1]) s")
    }

    /// Five items with a listening and a speaking item, lognormal think times (mean 60 s,
    /// CV 0.5), a new connection per request.
    static func mixedConfiguration() -> CBTWorkload.Configuration {
        var c = CBTWorkload.Configuration()
        c.items = 5
        c.listeningItems = 1
        c.speakingItems = 1
        c.thinkTime = .lognormal(mean: 60, cv: 0.5)
        c.connectionReuse = false
        return c
    }

    /// A busy mixed test: 2 classes × 40 behind a 30-session refusing proxy, 5 items with a
    /// listening and a speaking item, start jitter and lognormal think times.
    static func mixed(seed: UInt64) -> (WorkloadReport, [CBTWorkload.StudentOutcome]) {
        let (t, devices, server, _) = Self.school(students: 80, up: .megabitsPerSecond(20), down: .megabitsPerSecond(200),
                                                 proxy: SessionLimit(capacity: 30, policy: .refuse))
        let c = Self.mixedConfiguration()
        let sessions = [Self.session("6-1", Array(devices[..<40]), jitter: .uniform(low: 0, high: 30)),
                        Self.session("6-2", Array(devices[40...]), jitter: .uniform(low: 0, high: 30))]
        let (sim, cbt) = Self.run(t, sessions: sessions, server: server, config: c, seed: seed)
        return (cbt.report(in: sim), cbt.outcomes)
    }

    /// Same seed ⇒ the same report and the same per-student outcomes, exactly; another seed
    /// ⇒ different outcomes (jitter and think times are continuous draws, so a collision
    /// would be a bug, not bad luck).
    @Test func sameSeedSameOutcomes() {
        let (r1, o1) = Self.mixed(seed: 7)
        let (r2, o2) = Self.mixed(seed: 7)
        let (_, o3) = Self.mixed(seed: 8)
        #expect(r1 == r2)
        #expect(o1 == o2)
        #expect(o1 != o3)
        #expect(o1.filter { $0.thinkSeconds <= 0 }.isEmpty)
    }

    /// Adding class 6-2 does not change class 6-1's draws: on an ample network every
    /// student answers every item, so 6-1's think-time sums must be identical, bit for bit.
    @Test func addingAClassKeepsOtherDraws() {
        let (t, devices, server, _) = Self.school(students: 80, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1))
        var c = CBTWorkload.Configuration()
        c.items = 3
        c.thinkTime = .lognormal(mean: 60, cv: 0.5)
        let a = Self.session("6-1", Array(devices[..<40]), jitter: .uniform(low: 0, high: 30))
        let b = Self.session("6-2", Array(devices[40...]), jitter: .uniform(low: 0, high: 30))
        let (_, alone) = Self.run(t, sessions: [a], server: server, config: c)
        let (_, both) = Self.run(t, sessions: [b, a], server: server, config: c)
        #expect(alone.outcomes.map(\.thinkSeconds) == both.outcomes[40...].map(\.thinkSeconds))
        #expect(alone.outcomes.filter { !$0.submitted }.isEmpty)
    }

    // MARK: Cohorts

    /// A classroom on one Wi-Fi medium: `fast` devices with airtime factor 1 and `slow` with
    /// factor 2 on a 300 Mbps air resource, behind an access line of `down` / 20 Mbps up
    /// (5 ms one way) to the server. Zero buffers: RTTs are the propagation delay alone, so
    /// simultaneous requests see the same RTT whatever order they are processed in.
    static func wifiClass(fast: Int, slow: Int, down: DataRate) -> (topology: Topology, devices: [NodeID], server: NodeID) {
        var t = Topology()
        let server = t.addNode("server", kind: .service)
        let ap = t.addNode("ap", kind: .accessPoint)
        t.addDuplexLink("access", lower: ap, upper: server, up: .megabitsPerSecond(20), down: down,
                        propagation: .milliseconds(5), buffer: .zero)
        let air = t.addResource("air", capacity: .megabitsPerSecond(300), buffer: .zero)
        let devices = (0..<(fast + slow)).map { i in
            let d = t.addNode("student-\(i)", kind: .device)
            let f = i % 4 == 3 && i / 4 < slow ? 2.0 : 1.0  // slow devices spread through the class
            t.addLink("wifi-\(i)", lower: d, upper: ap, up: [Hop(air, factor: f)], down: [Hop(air, factor: f)])
            return d
        }
        return (t, devices, server)
    }

    /// Deterministic draws (constant item size and think time, no start jitter, retries
    /// never needed): 32 students, 8 of them slow, simulated one by one, as cohorts of a
    /// class (a fast cohort of 24 and a slow one of 8) and as cohorts of at most 10. Every student then draws the same numbers, so the cohort run must give each
    /// student the same outcome (times within 1 µs: a cohort's transfer of k × the bytes at
    /// k × the rate rounds differently in the last nanosecond), exactly the same counts,
    /// the same delayed-by entities, and quantiles within the sketch's 0.5 % twice over.
    /// The window (600 s) closes before item 30, so no one submits. The line (30 Mbps)
    /// saturates on every item burst. Packet losses are off: a cohort draws its losses once
    /// for all its students (see ``Network``), students one by one each draw their own.
    @Test func cohortEqualsIdenticalStudents() {
        let (t, devices, server) = Self.wifiClass(fast: 24, slow: 8, down: .megabitsPerSecond(30))
        var c = CBTWorkload.Configuration()
        c.items = 30
        c.itemSize = .constant(150_000)
        c.thinkTime = .constant(20)
        c.autosaveEvery = .seconds(45)
        var results: [(WorkloadReport, [CBTWorkload.StudentOutcome], [Int])] = []
        for mode in [CBTWorkload.Cohorts.student, .class, .upTo(10)] {
            c.cohorts = mode
            var tcp = TCPParameters()
            tcp.packetLosses = false
            let sim = Simulation(network: Network(topology: t, tcp: tcp), seed: 1)
            let cbt = CBTWorkload(name: "CBT", configuration: c, sessions: [Self.session("6-1", devices)], services: Self.services(server))
            sim.add(cbt)
            sim.run(until: .seconds(1200))
            results.append((cbt.report(in: sim), cbt.outcomes, cbt.cohortSizes))
        }
        #expect(results[0].2 == Array(repeating: 1, count: 32))
        #expect(results[1].2 == [24, 8], "cohort sizes \(results[1].2)")
        // At most 10: fast devices 0…12, slow 3…31, fast 13…25, fast 26…30, by first member.
        #expect(results[2].2 == [10, 8, 10, 4], "cohort sizes \(results[2].2)")
        let perStudent = results[0]
        for cohort in results[1...] {
            for (a, b) in zip(perStudent.1, cohort.1) {
                #expect(abs((a.loginSeconds ?? -1) - (b.loginSeconds ?? -1)) < 1e-6)
                #expect(abs(a.itemSeconds - b.itemSeconds) < 1e-6 * Double(a.itemsDelivered))
                #expect(a.itemsDelivered == b.itemsDelivered && a.answersGiven == b.answersGiven)
                #expect(a.lostAnswers == b.lostAnswers && a.submitted == b.submitted && a.timeouts == b.timeouts)
            }
            #expect(!perStudent.1.contains { $0.submitted } && perStudent.1.allSatisfy { $0.answersGiven > 20 })
            for key in ["timeouts", "lost_answers", "lost_answer_ratio", "completion_rate"] {
                #expect(Self.value(perStudent.0, key) == Self.value(cohort.0, key), "\(key)")
            }
            for key in ["login_p95", "item_p50", "item_p95", "item_p99", "upload_p95"] {
                let (a, b) = (Self.value(perStudent.0, key), Self.value(cohort.0, key))
                #expect(abs(a - b) <= 0.01 * a, "\(key): \(a) vs \(b)")
            }
            #expect(perStudent.0.entities == 32 && cohort.0.entities == 32)
            #expect(perStudent.0.delayedBy.map(\.entities) == cohort.0.delayedBy.map(\.entities))
            #expect(perStudent.0.delayedBy.map(\.resource) == cohort.0.delayedBy.map(\.resource))
        }
        print("CBT cohorts vs students: item_p95 \(Self.value(perStudent.0, "item_p95")) / \(Self.value(results[1].0, "item_p95")) s")
    }

    /// Where no two students share a path (each device has its own NIC link), class
    /// cohorts all have one member and draw from that student's streams: the run is the
    /// per-student run, bit for bit — random jitter, lognormal think times, a refusing
    /// proxy and retries included.
    @Test func singletonCohortsReproducePerStudentRun() {
        let (t, devices, server, _) = Self.school(students: 60, up: .megabitsPerSecond(20), down: .megabitsPerSecond(100),
                                                 proxy: SessionLimit(capacity: 8, policy: .refuse))
        var c = Self.mixedConfiguration()
        let sessions = [Self.session("6-1", Array(devices[..<30]), jitter: .uniform(low: 0, high: 3)),
                        Self.session("6-2", Array(devices[30...]), jitter: .uniform(low: 0, high: 3))]
        let (sim1, perStudent) = Self.run(t, sessions: sessions, server: server, config: c)
        c.cohorts = .class
        let (sim2, cohorts) = Self.run(t, sessions: sessions, server: server, config: c)
        #expect(cohorts.cohortSizes == Array(repeating: 1, count: 60))
        #expect(perStudent.report(in: sim1) == cohorts.report(in: sim2))
        #expect(perStudent.outcomes == cohorts.outcomes)
        #expect(sim1.eventsProcessed == sim2.eventsProcessed)
        #expect(perStudent.outcomes.contains { $0.refusals > 0 })
    }

    /// Pre-delivery: 40 students (no login round trips, so all requests start at t = 0)
    /// each download 20 items × 200 kB = 4 MB at once over a 100 Mbps line. Equal sizes
    /// shared max-min fairly finish together, after 40 × 4 MB × 8 / 100 Mbps = 12.8 s of
    /// body plus 4 RTT of set-up (DNS, TCP, TLS, request; 10 ms each) = 12.84 s. Slow start
    /// costs nothing: the first windows, 40 × 14.6 kB per 10 ms = 467 Mbps, already fill the
    /// line. Tolerance 1 ms (queueing delay in the RTTs is the only term left out).
    @Test func preDeliveryIsOneBulkDownloadPerStudent() {
        var c = CBTWorkload.Configuration()
        c.itemSize = .constant(200_000)
        c.thinkTime = .constant(20)
        c.delivery = .pre
        c.loginRoundTrips = 0
        let (t, devices, server, _) = Self.school(students: 40, up: .megabitsPerSecond(100), down: .megabitsPerSecond(100))
        let (sim, cbt) = Self.run(t, sessions: [Self.session("6-1", devices)], server: server, config: c)
        let r = cbt.report(in: sim)
        let times = cbt.outcomes.map(\.itemSeconds)
        #expect(abs(times.min()! - 12.84) < 1e-3 && abs(times.max()! - 12.84) < 1e-3, "item times \(times.min()!)…\(times.max()!) s")
        // The report's quantiles come from the sketch: within its 0.5 % relative accuracy.
        let (p50, p99) = (Self.value(r, "item_p50"), Self.value(r, "item_p99"))
        #expect(abs(p50 - 12.84) / 12.84 < 0.006 && abs(p99 - 12.84) / 12.84 < 0.006, "item_p50 \(p50) s, item_p99 \(p99) s")
        #expect(cbt.outcomes.allSatisfy { $0.itemsDelivered == 20 && $0.submitted })
        print("CBT pre-delivery: item times \(times.min()!)…\(times.max()!) s, item_p50 \(p50) s, item_p99 \(p99) s, completion \(Self.value(r, "completion_rate")) %")
    }
}
