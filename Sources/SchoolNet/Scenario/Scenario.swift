/// A resolved scenario: every key read, checked and defaulted, ready to build a
/// ``Simulation``. Written by people as JSON (see `Scenarios/README.md` for every key);
/// read by ``Scenario/read(file:)`` / ``Scenario/read(json:file:)``.
public struct Scenario: Sendable {
    /// The file the scenario came from (prefix of error messages).
    public var file: String
    /// Short name.
    public var name: String
    /// What a planner should know about it.
    public var description: String
    /// The seed; replications use seed, seed+1, …
    public var seed: UInt64
    /// Simulated period, as clock times (since midnight).
    public var start: SimDuration
    /// End of the simulated period.
    public var end: SimDuration
    /// Independent replications to run.
    public var replications: Int
    /// Width of a utilisation bucket as the file sets it; nil (key absent) lets
    /// ``ScenarioBuilder/bucketWidth`` choose (1 s unless the run is very large).
    public var bucket: SimDuration?
    /// TCP terms (or the pure fluid mode).
    public var tcp: TCPParameters
    /// One-way delay from an ISP's edge to the cloud services.
    public var internetDelay: SimDuration
    /// The cloud services.
    public var services: [ServiceSpec]
    /// A central egress (board-of-education data center), if schools break out there.
    public var egress: EgressSpec?
    /// The schools, instantiated from templates.
    public var schools: [SchoolSpec]
    /// The timetable's periods.
    public var periods: [PeriodSpec]
    /// What classes do, when.
    public var activities: [ActivitySpec]
    /// Quality targets, e.g. `cbt.item_p95 <= 2 s`.
    public var targets: [TargetSpec]
    /// Every setting read, with its source or default (for `schoolnet explain`).
    public var settings: [ScenarioSetting]

    /// Total students over all schools.
    public var studentCount: Int { schools.reduce(0) { $0 + $1.studentCount } }
}

/// A cloud service endpoint.
public struct ServiceSpec: Sendable, Equatable {
    /// Which service.
    public enum Role: String, Sendable, CaseIterable {
        case cbt, identity, video, conference, update, office
    }
    /// Its role.
    public var role: Role
    /// The capacity of its connection to the internet (each direction).
    public var capacity: DataRate
    /// Concurrent-session limit, if any.
    public var sessions: SessionLimit?
    /// Extra one-way delay to reach it beyond ``Scenario/internetDelay``.
    public var extraDelay: SimDuration
    /// A rate limit on every transfer to or from the service (per device, per connection):
    /// update throttling, a paced service; nil for none.
    public var perDeviceRate: DataRate? = nil
}

/// A board-of-education data center through which schools reach the internet.
public struct EgressSpec: Sendable, Equatable {
    /// Its uplink to the internet (each direction).
    public var uplink: DataRate
    /// One-way delay between a school and the data center.
    public var delay: SimDuration
    /// Appliances on the path, in order (firewall, UTM, proxy, filter).
    public var appliances: [ApplianceSpec]
    /// The queue of the uplink to the internet, each direction.
    public var uplinkQueue: QueueSpec = .appliance
}

/// A firewall / UTM / proxy / filter with a throughput and a concurrent-session limit.
public struct ApplianceSpec: Sendable, Equatable {
    /// Its name in reports.
    public var name: String
    /// Throughput limit (each direction).
    public var throughput: DataRate
    /// Session table, if limited.
    public var sessions: SessionLimit?
    /// Its queue, each direction.
    public var queue: QueueSpec = .appliance
}

/// One school, resolved from its template and overrides.
public struct SchoolSpec: Sendable, Equatable {
    /// Unique name.
    public var name: String
    /// Classes: grade, class number, students.
    public var classes: [ClassSpec]
    /// Radio between devices and the school network.
    public var radio: RadioSpec
    /// The access line (nil for an LTE school, whose devices use the mobile network).
    public var access: AccessSpec?
    /// Capacity of each classroom's uplink to the school core.
    public var classroomUplink: DataRate
    /// Whether the school breaks out locally or through the central egress.
    public var centralBreakout: Bool
    /// The queue of the school router (or ONU) on the access line, each direction (the
    /// PPPoE unit's too).
    public var accessQueue: QueueSpec = .accessLine
    /// The queue of each classroom's switch port (its uplink to the core), each direction.
    public var classroomUplinkQueue: QueueSpec = .switchPort
    /// The radio's queue: each classroom access point's Wi-Fi cell, or the school's LTE or
    /// local 5G cell (each direction).
    public var radioQueue: QueueSpec = .accessPoint
    /// Students in the school.
    public var studentCount: Int { classes.reduce(0) { $0 + $1.students } }
}

/// A class.
public struct ClassSpec: Sendable, Equatable {
    /// Grade (1–12).
    public var grade: Int
    /// Name, e.g. `"6-2"`.
    public var name: String
    /// Students (each with one device).
    public var students: Int
}

/// How devices reach the school network.
public enum RadioSpec: Sendable, Equatable {
    /// One Wi-Fi AP per classroom.
    case wifi(WiFiSpec)
    /// A school-owned local 5G cell for the whole school.
    case local5G(NRCell, cqi: Int)
    /// Public LTE: each device has a SIM on a shared macro sector; with a data plan, the
    /// fraction `overCap` of SIMs is already over its monthly cap and throttled.
    case lte(LTECell, cqi: [Int: Double], plan: SIMDataPlan?, overCap: Double, coreDelay: SimDuration)
}

/// Classroom Wi-Fi parameters.
public struct WiFiSpec: Sendable, Equatable {
    /// The cell model (standard, width, streams, aggregation, …).
    public var cell: WiFiCell
    /// Fraction of clients stuck at a low MCS (far from the AP, old devices).
    public var slowClientFraction: Double
    /// The low MCS of those clients.
    public var slowClientMCS: Int
}

/// The school's access line.
public enum AccessSpec: Sendable, Equatable {
    /// Fiber (dedicated or best-effort, IPoE or PPPoE).
    case fiber(FiberAccess, delay: SimDuration)
    /// A line to a SINET node, with VPN.
    case sinet(SINETAccess, backboneKm: Double)
}

/// A timetable period.
public struct PeriodSpec: Sendable, Equatable {
    /// Name, e.g. `"2"` or `"lunch"`.
    public var name: String
    /// Start, clock time.
    public var start: SimDuration
    /// End, clock time.
    public var end: SimDuration
}

/// A quality target on a workload metric.
public struct TargetSpec: Sendable, Equatable {
    /// Workload kind, e.g. `cbt`.
    public var kind: String
    /// Metric key, e.g. `item_p95`.
    public var metric: String
    /// Whether the value must be at most (true) or at least the threshold.
    public var atMost: Bool
    /// The threshold, in the metric's unit.
    public var threshold: Double
    /// The text as written, for reports.
    public var text: String
}
