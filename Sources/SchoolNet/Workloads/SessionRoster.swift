/// The devices of a list of ``ActivitySession``s flattened into entities, each with its
/// session, its start time (session start plus its own start-jitter draw) and its own
/// random stream — the bookkeeping every per-device workload (video, conference,
/// background) shares.
///
/// **Assumptions**: an entity's stream derives from the replication's seed, the workload's
/// kind, its session's identity (``ActivitySession/identity``: activity, school, grade and
/// class positions; for a session made directly, the workload's name and the session's
/// label with its occurrence number) and its index in the session: adding a class does not change another class's draws
/// (common random numbers, DESIGN.md layer 1). The start-jitter draw uses the entity's
/// `"start"` sub-stream, so a workload's other draws never shift it.
///
/// **Validated by**: `VideoWorkloadTests.sameSeedSameResults`,
/// `BackgroundWorkloadTests.webSameSeedSameResults`.
struct SessionRoster {
    /// One device taking part in one session.
    struct Entity {
        /// The device.
        var device: NodeID
        /// Index of its session in the workload's list.
        var session: Int
        /// When it starts (session start plus jitter, never before the session start).
        var start: SimTime
        /// Its own random stream (derive sub-streams by name for separate purposes).
        var rng: RandomStream
    }

    /// Every entity, sessions in order, devices in order.
    var entities: [Entity] = []

    /// Flattens `sessions` for a workload.
    ///
    /// - Parameters:
    ///   - sessions: the sessions, in the workload's order.
    ///   - rng: the replication's root stream (``Simulation/rng``).
    ///   - kind: the workload's kind, e.g. `"video"`.
    ///   - name: the workload's name (used only for sessions without an identity).
    init(sessions: [ActivitySession], rng: RandomStream, kind: String, name: String) {
        let root = rng.derived(kind).derived(name)
        var seen: [String: Int] = [:]  // looked up only, never iterated
        for (s, session) in sessions.enumerated() {
            let occurrence = seen[session.label, default: 0]
            seen[session.label] = occurrence + 1
            let sessionRNG = session.stream(sim: rng, kind: kind, named: root, occurrence: occurrence)
            for (i, device) in session.devices.enumerated() {
                let rng = sessionRNG.derived(i)
                var startRNG = rng.derived("start")
                let jitter = max(0, session.startJitter.sample(using: &startRNG))
                entities.append(Entity(device: device, session: s, start: session.start + .seconds(jitter), rng: rng))
            }
        }
    }

    /// The index of `workload` in `sim` (a programmer error if it was not added).
    ///
    /// - Returns: the index, as events carry it.
    static func index(of workload: any Workload, in sim: Simulation) -> Int32 {
        guard let i = sim.workloads.firstIndex(where: { $0 === workload }) else { preconditionFailure("workload not added") }
        return Int32(i)
    }
}
