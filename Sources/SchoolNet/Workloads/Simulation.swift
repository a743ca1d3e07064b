/// An event for a workload: 16 plain bytes, so the kernel's queue stays allocation-free.
///
/// `workload` indexes ``Simulation/workloads``; `entity`, `code` and `aux` mean what that
/// workload says (a student index, a step of its state machine, a retry count).
public struct WorkloadEvent: Sendable, Equatable {
    /// Index of the workload in the simulation.
    public var workload: Int32
    /// The workload's entity (e.g. a student, a player).
    public var entity: Int32
    /// What happens (the workload's own code).
    public var code: Int32
    /// Extra data (e.g. an item number, an attempt count).
    public var aux: Int32
    /// Creates an event.
    public init(workload: Int32, entity: Int32, code: Int32, aux: Int32 = 0) {
        self.workload = workload
        self.entity = entity
        self.code = code
        self.aux = aux
    }
}

/// A traffic-generating process family (all CBT students of a scenario, all video
/// players, …) driven by the ``Simulation``.
///
/// Workloads are an extension point, so a protocol; there is one dynamic
/// call per event. A workload creates transfers through ``Simulation/start(_:for:)`` with a
/// tag of its own (< 2⁵⁶) and is told when they finish.
public protocol Workload: AnyObject {
    /// A label for reports, e.g. `"CBT — grade 6"`.
    var name: String { get }
    /// The activity kind, e.g. `"cbt"`, `"video"`, `"conference"`, `"background"`.
    var kind: String { get }
    /// Schedules the workload's first events (called once, at time zero).
    func start(in sim: Simulation)
    /// Handles one of its events.
    func handle(_ event: WorkloadEvent, in sim: Simulation)
    /// Told when one of its transfers finished; `tag` is the workload's own tag.
    func transferFinished(_ outcome: TransferOutcome, tag: Int64, in sim: Simulation)
    /// Its results, at the end of the run.
    func report(in sim: Simulation) -> WorkloadReport
}

/// One simulation run: the kernel's scheduler, the network, and the workloads, with the
/// loop that interleaves workload events and network events in time order.
///
/// The only class holding mutable simulation state. Deterministic: events at
/// equal times run in scheduling order, and network events at the same instant as a queued
/// event run first (a transfer that finishes at t is seen by workload events at t).
public final class Simulation {
    /// The scenario seed; every random stream derives from it.
    public let seed: UInt64
    // Exclusivity: the kernel and the network are reached through this class on every event
    // (`sim.now`, `sim.network.start`, the run loop), and Swift checks each access to a
    // class's stored property at run time (about 100 instructions: a thread-local access
    // set). The checks are off for these two because an overlap is impossible by layering
    // while one of them is being modified, only Scheduler or Network code
    // runs, and neither can reach a Simulation (they sit in lower layers and take no
    // callbacks), so no second access to the same property can begin.

    /// The kernel.
    @exclusivity(unchecked) public private(set) var scheduler = Scheduler<WorkloadEvent>()
    /// The network model.
    @exclusivity(unchecked) public var network: Network
    /// The workloads, by index.
    public private(set) var workloads: [any Workload] = []
    /// The root random stream (derive per entity: `rng.derived("cbt").derived(student)`).
    public let rng: RandomStream
    /// Network events processed (completions and TCP timers).
    public private(set) var networkEvents: UInt64 = 0
    /// Where the run stopped.
    public private(set) var endTime: SimTime = .zero

    /// Creates a simulation.
    public init(network: Network, seed: UInt64) {
        self.network = network
        self.seed = seed
        self.rng = RandomStream(seed: seed)
    }

    /// Adds a workload; returns its index.
    @discardableResult
    public func add(_ w: any Workload) -> Int {
        precondition(workloads.count < 255, "too many workloads")
        workloads.append(w)
        return workloads.count - 1
    }

    /// The current simulated time.
    public var now: SimTime { scheduler.now }
    /// Events processed: workload events plus network events.
    public var eventsProcessed: UInt64 { scheduler.eventsProcessed + networkEvents }

    /// Schedules a workload event at an absolute time.
    @discardableResult
    public func schedule(_ e: WorkloadEvent, at t: SimTime) -> EventToken { scheduler.schedule(e, at: t) }
    /// Schedules a workload event after a delay.
    @discardableResult
    public func schedule(_ e: WorkloadEvent, after d: SimDuration) -> EventToken { scheduler.schedule(e, after: d) }
    /// Cancels a scheduled workload event.
    public func cancel(_ token: EventToken) { scheduler.cancel(token) }

    /// Starts a transfer for workload `w` (its flow class for attribution is `w`).
    ///
    /// - Throws: ``Network/StartError``.
    public func start(_ request: TransferRequest, for w: Int) throws(Network.StartError) -> TransferID {
        precondition(request.tag >= 0 && request.tag < (1 << 56), "workload tag out of range")
        var r = request
        r.tag = Int64(w) << 56 | request.tag
        r.flowClass = min(w, FlowObserver.maxClasses - 1)
        return try network.start(r, now: now)
    }

    /// Stops a transfer early; returns the bytes it delivered.
    @discardableResult
    public func stop(_ t: TransferID) -> ByteCount { network.stop(t, now: now) }

    /// Stops a transfer early and returns its outcome (with delay attribution); the tag is
    /// the workload's own.
    public func stopReporting(_ t: TransferID) -> TransferOutcome {
        var o = network.stopReporting(t, now: now).outcome
        o.tag &= (1 << 56) - 1
        return o
    }

    /// Runs until `end` (inclusive) or until nothing is left to happen.
    ///
    /// - Parameters:
    ///   - end: the simulated horizon.
    ///   - progress: called about every 2¹⁶ events with the fraction of simulated time done.
    public func run(until end: SimTime, progress: ((Double) -> Void)? = nil) {
        for w in workloads { w.start(in: self) }
        // The loop reads its own copy of the workload list: each read of a class's property
        // is a dynamic exclusivity check. Workloads are added before the run (only those get
        // `start`); one added during it is still found.
        let running = workloads
        var sinceProgress = 0
        loop: while true {
            let other = network.nextEventTime
            switch scheduler.nextEvent(until: end, other: other) {
            case .event(let e):
                let w = Int(e.workload)
                (w < running.count ? running[w] : workloads[w]).handle(e, in: self)
            case .other:
                networkEvents &+= 1
                if let o = network.advance(to: other) {  // the scheduler's clock is now `other`
                    let w = Int(UInt64(bitPattern: o.tag) >> 56)  // unsigned: workload 128 and up
                    (w < running.count ? running[w] : workloads[w]).transferFinished(o, tag: o.tag & ((1 << 56) - 1),
                                                                                   in: self)
                }
            case .end:
                break loop
            }
            sinceProgress += 1
            if sinceProgress >= 65_536, let progress {
                sinceProgress = 0
                progress(min(1, scheduler.now.seconds / max(end.seconds, 1e-9)))
            }
        }
        endTime = end == .never ? scheduler.now : end
        network.finishObservation(at: endTime)
    }
}
