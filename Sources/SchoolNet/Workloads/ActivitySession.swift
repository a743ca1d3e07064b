/// A group of devices doing one activity over a time window: one class in one period, as
/// the timetable places it. Workloads receive a list of these.
public struct ActivitySession: Sendable {
    /// A label for reports, e.g. `"school-1/6-1 period 2"`.
    public var label: String
    /// The school's name.
    public var school: String
    /// The class's name, e.g. `"6-1"`.
    public var classroom: String
    /// The students' devices.
    public var devices: [NodeID]
    /// The teacher's device or room display, if the activity uses one.
    public var teacherDevice: NodeID?
    /// When the period starts.
    public var start: SimTime
    /// When the period ends (the activity stops; unfinished work counts as lost).
    public var end: SimTime
    /// Each student's start offset after `start`, in seconds (e.g. a whole class pressing
    /// "start" within 30 s: `.uniform(low: 0, high: 30)`).
    public var startJitter: Distribution
    /// The session's identity for random draws (activity index, school index, grade, class
    /// ordinal), set by the scenario builder; nil for sessions made directly, whose streams
    /// then derive from the workload's name and the label.
    public var identity: EntityKey?

    /// Creates a session.
    public init(label: String, school: String, classroom: String, devices: [NodeID], teacherDevice: NodeID? = nil,
                start: SimTime, end: SimTime, startJitter: Distribution = .constant(0)) {
        self.label = label
        self.school = school
        self.classroom = classroom
        self.devices = devices
        self.teacherDevice = teacherDevice
        self.start = start
        self.end = end
        self.startJitter = startJitter
    }
}

extension ActivitySession {
    /// The session's random stream in a workload: from the replication's root stream and
    /// the session's ``identity`` (names play no part), or, for a session made directly,
    /// from the workload's named stream, the label and its occurrence number.
    ///
    /// - Parameters:
    ///   - sim: the replication's root stream (``Simulation/rng``).
    ///   - kind: the workload kind, separating its draws from another kind's.
    ///   - named: the workload's stream by name (`sim.rng.derived(kind).derived(name)`).
    ///   - occurrence: how many earlier sessions of the workload share the label.
    /// - Returns: the stream.
    public func stream(sim: RandomStream, kind: String, named: RandomStream, occurrence: Int) -> RandomStream {
        if let identity { return sim.derived(kind).derived(key: identity.value) }
        return named.derived(label).derived(occurrence)
    }
}

/// Where the cloud services live in the topology. A workload sends its transfers to these
/// nodes; each is an endpoint with its own access capacity (and, optionally, a session
/// limit), so a server-side bottleneck is ranked beside network ones.
public struct ServiceDirectory: Sendable {
    /// The CBT delivery server (MEXCBT-like).
    public var cbtServer: NodeID
    /// The identity provider used at login.
    public var identityProvider: NodeID
    /// The video CDN.
    public var videoCDN: NodeID
    /// The conferencing relay (remote / joint classes).
    public var conferenceRelay: NodeID
    /// OS / app update servers.
    public var updateServer: NodeID
    /// Cloud office, documents, digital textbooks, the web.
    public var cloudOffice: NodeID

    /// Creates a directory.
    public init(cbtServer: NodeID, identityProvider: NodeID, videoCDN: NodeID, conferenceRelay: NodeID,
                updateServer: NodeID, cloudOffice: NodeID) {
        self.cbtServer = cbtServer
        self.identityProvider = identityProvider
        self.videoCDN = videoCDN
        self.conferenceRelay = conferenceRelay
        self.updateServer = updateServer
        self.cloudOffice = cloudOffice
    }
}
