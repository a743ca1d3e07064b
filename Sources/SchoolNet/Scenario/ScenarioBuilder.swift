/// Turns a ``Scenario`` into a network and a ready-to-run ``Simulation``.
///
/// **Topology** (node names are what reports show):
/// - `internet` (the root), and one node per cloud service (`cbt`, `identity`, `video`, …)
///   linked below it with the service's capacity and the internet delay (`cbt server ↑` is
///   what the CBT server sends);
/// - with an `egress`: `datacenter`, then each appliance in order, then `egress uplink` to
///   the internet; schools with `"breakout": "central"` reach `datacenter` over their
///   access line, the others go straight to the internet;
/// - per school `S`: a core switch `S/core`; its access line `S access` (fiber, with a
///   separate `S PPPoE unit` resource for PPPoE) or `S SINET line` to the `sinet` node;
/// - Wi-Fi: per class `S/C/ap`, its uplink `S/C uplink`, and one half-duplex air resource
///   `S/C Wi-Fi` whose capacity is the Bianchi/A-MPDU cell capacity with all the class's
///   devices active; each device uses it with its airtime factor (slow clients pay more);
/// - local 5G: one gNB `S/5G` with `S 5G ↓` / `S 5G ↑` resources (TDD split), linked to the
///   core; LTE: a public sector `S LTE ↓` / `S LTE ↑` linked to the internet through the
///   operator's core (no school line); each device crosses it with its CQI's airtime factor
///   and share weights, so active devices share the sector's time equally (``LTESectorLink``);
///   a device's CQI, a SIM over its cap and which Wi-Fi clients are slow are drawn anew in
///   every replication (``DeviceLinkDraw``).
///
/// Hour-dependent capacities (best-effort availability, PPPoE load, LTE public load) are
/// scheduled as capacity changes on the hour.
///
/// **Queues**: the access line (and PPPoE unit, SINET line) has the school's
/// `accessQueue`, each classroom uplink its `classroomUplinkQueue`, each Wi-Fi cell and the
/// LTE or local 5G cell the `radioQueue`, the egress appliances and uplink theirs; a
/// buffer given as time is converted at the resource's capacity when the topology is
/// built (the first simulated hour's, for hour-dependent lines). Service links, the core
/// and backbones keep a switch port's queue.
///
/// **Assumptions**: device NICs are never the bottleneck (the radio is); the teacher's
/// device is not modelled separately; one route per (device, service).
public struct ScenarioBuilder: @unchecked Sendable {
    /// The scenario.
    public let scenario: Scenario
    /// The topology.
    public private(set) var topology = Topology()
    /// Service endpoints.
    public private(set) var services: ServiceDirectory
    /// Per school, per class: the students' devices.
    public private(set) var devices: [[[NodeID]]] = []
    /// The kind of each link (by name = resource group), for the reports' fix hints.
    public private(set) var kinds: [String: ResourceKind] = [:]
    /// Capacity changes on the hour: resource, per-hour capacity.
    var hourly: [(ResourceID, (Int) -> DataRate)] = []
    /// The kinds of per-device link draws (one per school radio).
    var draws: [DeviceLinkDraw] = []
    /// Device links whose quality each replication draws (the topology holds factor 1).
    var randomLinks: [RandomLink] = []
    /// Per Wi-Fi cell and class size: the cell's capacity by number of contenders and the
    /// slow clients' airtime factor, solved once (a national scenario has thousands of
    /// identical classrooms).
    var wifiTables: [WiFiTableKey: (capacities: [DataRate], slowFactor: Double)] = [:]

    /// What a classroom cell's tables depend on.
    struct WiFiTableKey: Hashable {
        var cell: WiFiCell, stations: Int, slowClientMCS: Int
    }

    /// A device link drawn per replication.
    struct RandomLink {
        /// The link and its device.
        var link: LinkID, device: NodeID
        /// The device's identity (school index, grade, class ordinal, device index).
        var key: EntityKey
        /// Index into ``draws``.
        var draw: Int
    }

    /// Builds the topology.
    public init(_ scenario: Scenario) {
        self.scenario = scenario
        var t = Topology()
        let internet = t.addNode("internet", kind: .internet)
        var ids: [ServiceSpec.Role: NodeID] = [:]
        for s in scenario.services {
            let n = t.addNode(s.role.rawValue, kind: .service, sessionLimit: s.sessions)
            // The service hangs below the internet node: its "↑" is what it sends.
            t.addDuplexLink("\(s.role.rawValue) server", lower: n, upper: internet, up: s.capacity, down: s.capacity,
                            propagation: scenario.internetDelay + s.extraDelay)
            ids[s.role] = n
            if let rate = s.perDeviceRate { t.setRateCeiling(n, rate) }
        }
        services = ServiceDirectory(cbtServer: ids[.cbt]!, identityProvider: ids[.identity]!, videoCDN: ids[.video]!,
                                    conferenceRelay: ids[.conference]!, updateServer: ids[.update]!, cloudOffice: ids[.office]!)
        var datacenter: NodeID?
        if let e = scenario.egress {
            let dc = t.addNode("datacenter", kind: .router)
            var previous = dc
            for a in e.appliances {
                let n = t.addNode(a.name, kind: .appliance, sessionLimit: a.sessions)
                t.addDuplexLink(a.name, lower: previous, upper: n, up: a.throughput, down: a.throughput, queue: a.queue)
                previous = n
            }
            t.addDuplexLink("egress uplink", lower: previous, upper: internet, up: e.uplink, down: e.uplink, propagation: e.delay,
                            queue: e.uplinkQueue)
            datacenter = dc
        }
        var sinet: NodeID?
        topology = t
        for s in scenario.services { kinds["\(s.role.rawValue) server"] = .service }
        if let e = scenario.egress {
            for a in e.appliances { kinds[a.name] = .egress }
            kinds["egress uplink"] = .egress
        }
        let startHour = Int(scenario.start.seconds / 3600)
        for (si, school) in scenario.schools.enumerated() {
            devices.append(addSchool(school, schoolIndex: si, internet: internet, datacenter: datacenter, sinet: &sinet, hour: startHour))
        }
    }

    mutating func addSchool(_ s: SchoolSpec, schoolIndex: Int, internet: NodeID, datacenter: NodeID?, sinet: inout NodeID?, hour: Int) -> [[NodeID]] {
        let name = s.name
        let classKeys = Self.classKeys(s, school: schoolIndex, family: EntityKey(tag: 1))
        var attach: NodeID  // where the school's radio side attaches
        if case .lte(let cell, let cqi, let plan, let overCap, let coreDelay) = s.radio {
            kinds["\(name) LTE"] = .mobile
            kinds["\(name) mobile core"] = .mobile
            let sector = topology.addNode("\(name)/LTE", kind: .gateway)
            topology.addDuplexLink("\(name) mobile core", lower: sector, upper: internet, up: .gigabitsPerSecond(100),
                                   down: .gigabitsPerSecond(100), propagation: coreDelay)
            let dl = topology.addResource("\(name) LTE ↓", capacity: cell.capacity(direction: .downlink, hour: hour), queue: s.radioQueue,
                                            group: "\(name) LTE")
            let ul = topology.addResource("\(name) LTE ↑", capacity: cell.capacity(direction: .uplink, hour: hour), queue: s.radioQueue,
                                            group: "\(name) LTE")
            hourly.append((dl, { cell.capacity(direction: .downlink, hour: $0) }))
            hourly.append((ul, { cell.capacity(direction: .uplink, hour: $0) }))
            let mix = Distribution.empirical(cqi.keys.sorted().map { (Double($0), cqi[$0]!) })
            // The CQI (and a SIM over its monthly cap) is drawn per replication; proportional
            // fair gives each device equal time, so its share weight follows its own rate.
            let sectorLink = LTESectorLink(cell: cell, sector: sector, uplink: ul, downlink: dl, mix: cqi)
            let draw = addDraw(.lte(sectorLink, cqi: mix, plan: plan, overCap: overCap))
            return s.classes.enumerated().map { ci, c in
                let key = classKeys[ci]
                return (0..<c.students).map { i in
                    let d = topology.addNode("\(name)/\(c.name)/\(i + 1)", kind: .device)
                    let l = topology.addLink("\(name)/\(c.name)/\(i + 1) LTE", lower: d, upper: sector, up: [Hop(ul)], down: [Hop(dl)])
                    randomLinks.append(RandomLink(link: l, device: d, key: key.appending(i), draw: draw))
                    return d
                }
            }
        }
        let core = topology.addNode("\(name)/core", kind: .switch)
        kinds["\(name) access"] = .accessLine
        kinds["\(name) PPPoE unit"] = .accessLine
        kinds["\(name) SINET line"] = .sinet
        kinds["SINET backbone"] = .sinet
        kinds["\(name) 5G"] = .mobile
        kinds["\(name)/5G backhaul"] = .lan
        attach = core
        switch s.access! {
        case .fiber(let fiber, let delay):
            let upper = s.centralBreakout ? datacenter! : internet
            let line = FiberAccess(service: fiber.service, session: .ipoe)
            var top = upper
            if case .pppoe(let unit) = fiber.session {
                // The shared termination unit is its own resource so attribution can name it.
                let nte = topology.addNode("\(name)/PPPoE", kind: .gateway)
                let l = topology.addDuplexLink("\(name) PPPoE unit", lower: nte, upper: upper, up: unit.availableShare(hour: hour),
                                               down: unit.availableShare(hour: hour), queue: s.accessQueue)
                let link = topology.links[l.index]
                hourly.append((link.up[0].resource, { unit.availableShare(hour: $0) }))
                hourly.append((link.down[0].resource, { unit.availableShare(hour: $0) }))
                top = nte
            }
            let l = topology.addDuplexLink("\(name) access", lower: core, upper: top, up: line.capacity(direction: .uplink, hour: hour),
                                           down: line.capacity(direction: .downlink, hour: hour), propagation: delay,
                                           queue: s.accessQueue)
            if case .bestEffort = fiber.service {
                let link = topology.links[l.index]
                hourly.append((link.up[0].resource, { line.capacity(direction: .uplink, hour: $0) }))
                hourly.append((link.down[0].resource, { line.capacity(direction: .downlink, hour: $0) }))
            }
        case .sinet(let access, let backboneKm):
            if sinet == nil {
                let n = topology.addNode("sinet", kind: .router)
                topology.addDuplexLink("SINET backbone", lower: n, upper: internet, up: access.backbone, down: access.backbone,
                                       propagation: SINETAccess.propagationDelay(distanceKm: backboneKm))
                sinet = n
            }
            topology.addDuplexLink("\(name) SINET line", lower: core, upper: sinet!, up: access.capacity, down: access.capacity,
                                   propagation: SINETAccess.propagationDelay(distanceKm: access.accessDistanceKm), queue: s.accessQueue)
        }
        switch s.radio {
        case .wifi(let w):
            return s.classes.enumerated().map { ci, c in
                let ap = topology.addNode("\(name)/\(c.name)/ap", kind: .accessPoint)
                kinds["\(name)/\(c.name) uplink"] = .lan
                kinds["\(name)/\(c.name) Wi-Fi"] = .wifi
                topology.addDuplexLink("\(name)/\(c.name) uplink", lower: ap, upper: attach, up: s.classroomUplink, down: s.classroomUplink,
                                       queue: s.classroomUplinkQueue)
                let n = c.students
                // The capacity follows who sends (the Network picks the level: the stations
                // with uplink flows, plus the AP while any flow goes down).
                let tableKey = WiFiTableKey(cell: w.cell, stations: n, slowClientMCS: w.slowClientMCS)
                let tables = wifiTables[tableKey] ?? {
                    let slowPHY = WiFiPHY(standard: w.cell.referencePHY.standard, mcsIndex: w.slowClientMCS,
                                          channelWidthMHz: w.cell.referencePHY.channelWidthMHz,
                                          spatialStreams: 1)
                    // The slow clients' airtime factor at the busiest level (every device and the AP).
                    let made = (capacities: w.cell.capacityTable(stations: n),
                                slowFactor: w.cell.airtimeFactor(client: slowPHY, activeStations: n + 1))
                    wifiTables[tableKey] = made
                    return made
                }()
                let air = topology.addResource("\(name)/\(c.name) Wi-Fi", capacity: tables.capacities[0], queue: s.radioQueue)
                topology.setContention(air, capacities: tables.capacities)
                let slowFactor = tables.slowFactor
                // Which clients are slow is drawn per replication.
                let draw = addDraw(.wifi(slowFraction: w.slowClientFraction, slowFactor: slowFactor))
                let key = classKeys[ci]
                return (0..<n).map { i in
                    let d = topology.addNode("\(name)/\(c.name)/\(i + 1)", kind: .device)
                    let l = topology.addLink("\(name)/\(c.name)/\(i + 1) Wi-Fi", lower: d, upper: ap, up: [Hop(air)], down: [Hop(air)])
                    if w.slowClientFraction > 0 { randomLinks.append(RandomLink(link: l, device: d, key: key.appending(i), draw: draw)) }
                    return d
                }
            }
        case .local5G(let cell, let cqi):
            let gnb = topology.addNode("\(name)/5G", kind: .accessPoint)
            topology.addDuplexLink("\(name)/5G backhaul", lower: gnb, upper: attach, up: .gigabitsPerSecond(10), down: .gigabitsPerSecond(10))
            let dl = topology.addResource("\(name) 5G ↓", capacity: cell.capacity(direction: .downlink), queue: s.radioQueue, group: "\(name) 5G")
            let ul = topology.addResource("\(name) 5G ↑", capacity: cell.capacity(direction: .uplink), queue: s.radioQueue, group: "\(name) 5G")
            let fd = cell.airtimeFactor(cqi: cqi, direction: .downlink), fu = cell.airtimeFactor(cqi: cqi, direction: .uplink)
            return s.classes.map { c in
                (0..<c.students).map { i in
                    let d = topology.addNode("\(name)/\(c.name)/\(i + 1)", kind: .device)
                    topology.addLink("\(name)/\(c.name)/\(i + 1) 5G", lower: d, upper: gnb, up: [Hop(ul, factor: fu)], down: [Hop(dl, factor: fd)])
                    return d
                }
            }
        case .lte:
            preconditionFailure("handled above")
        }
    }

    mutating func addDraw(_ d: DeviceLinkDraw) -> Int {
        draws.append(d)
        return draws.count - 1
    }

    /// Each class's identity key: school index, grade, ordinal of the class within its
    /// grade (so adding a class to one grade leaves every other grade's keys alone).
    static func classKeys(_ s: SchoolSpec, school: Int, family: EntityKey) -> [EntityKey] {
        var seen: [Int: Int] = [:]  // looked up only, never iterated
        return s.classes.map { c in
            let ordinal = seen[c.grade, default: 0]
            seen[c.grade] = ordinal + 1
            return family.appending(school).appending(c.grade).appending(ordinal)
        }
    }

    /// The topology of the replication with `seed`: every device's link quality drawn from
    /// the replication's stream and the device's identity (``DeviceLinkDraw``).
    ///
    /// - Parameter seed: the replication's seed.
    /// - Returns: the topology with the drawn airtime factors and rate ceilings.
    public func topology(seed: UInt64) -> Topology {
        var t = topology
        let root = RandomStream(seed: seed).derived("device links")
        for r in randomLinks {
            var rng = root.derived(key: r.key.value)
            let o = draws[r.draw].draw(using: &rng)
            if o.upFactor != 1 || o.downFactor != 1 { t.setFactors(r.link, up: o.upFactor, down: o.downFactor) }
            if o.sendingWeight != 1 || o.receivingWeight != 1 {
                t.setShareWeights(r.device, sending: o.sendingWeight, receiving: o.receivingWeight)
            }
            if let ceiling = o.rateCeiling { t.setRateCeiling(r.device, ceiling) }
        }
        return t
    }

    /// A simulation of the scenario with `seed` (replication r uses scenario seed + r):
    /// device link quality, start jitter and every activity's draws come from `seed`.
    public func makeSimulation(seed: UInt64) -> Simulation {
        var network = Network(topology: topology(seed: seed), tcp: scenario.tcp, bucketWidth: bucketWidth, seed: seed)
        // Hourly capacity changes at each hour boundary inside the simulated period.
        var h = Int(scenario.start.seconds / 3600) + 1
        while Double(h) * 3600 < scenario.end.seconds {
            let t = SimTime.zero + (.hours(Double(h)) - scenario.start)
            for (r, capacity) in hourly { network.scheduleCapacity(r, to: capacity(h % 24), at: t) }
            h += 1
        }
        let sim = Simulation(network: network, seed: seed)
        for (ai, a) in scenario.activities.enumerated() {
            var sessions: [ActivitySession] = []
            for (si, school) in scenario.schools.enumerated() where a.schools.isEmpty || a.schools.contains(school.name) {
                let keys = Self.classKeys(school, school: si, family: EntityKey(tag: 2).appending(ai))
                for (ci, c) in school.classes.enumerated()
                where (a.grades.isEmpty || a.grades.contains(c.grade)) && (a.classes.isEmpty || a.classes.contains(c.name)) {
                    // Activities that keep the other classrooms offline move this session out of their window.
                    var window: (start: SimDuration, end: SimDuration)? = (a.start, a.end)
                    for b in scenario.activities where b.othersOffline {
                        guard let w = window else { break }
                        window = b.offlineWindow(start: w.start, end: w.end, dayEnd: scenario.end, school: school.name,
                                                 grade: c.grade, classroom: c.name)
                    }
                    guard let w = window else { continue }
                    var session = ActivitySession(label: "\(school.name)/\(c.name)", school: school.name, classroom: c.name,
                                                  devices: devices[si][ci], start: .zero + (w.start - scenario.start),
                                                  end: .zero + (w.end - scenario.start), startJitter: a.jitter)
                    session.identity = keys[ci]
                    sessions.append(session)
                }
            }
            if let mix = a.lessons {
                // Each replication draws every class's lessons (LessonMix).
                let rng = RandomStream(seed: seed).derived(LessonMix.kindName)
                for w in mix.workloads(named: a.name, sessions: sessions, services: services, dayStart: scenario.start, rng: rng) { sim.add(w) }
            } else {
                sim.add(a.make(a.name, sessions, services))
            }
        }
        return sim
    }

    /// The simulated horizon.
    public var horizon: SimTime { .zero + (scenario.end - scenario.start) }

    /// The utilisation bucket width of the run: the scenario's `bucket` if it sets one,
    /// otherwise ``FlowObserver/automaticBucketWidth(resources:horizon:)`` for this
    /// topology and horizon (1 s for every reference scenario; coarser only when the
    /// per-resource series would not fit the memory budget, e.g. 20,000 schools).
    public var bucketWidth: SimDuration {
        scenario.bucket ?? FlowObserver.automaticBucketWidth(resources: topology.resources.count, horizon: horizon - .zero)
    }
}
