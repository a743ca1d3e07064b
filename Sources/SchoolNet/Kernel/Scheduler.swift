/// The simulation clock and its future-event list: the whole event kernel.
///
/// Generic over the event payload, which domain layers define as a closed enum of small
/// plain cases. The kernel knows nothing of networks: the domain's loop asks
/// for the next event, dispatches it with a `switch`, and schedules follow-ups.
///
/// ```swift
/// var s = Scheduler<MyEvent>()
/// s.schedule(.arrival, after: .seconds(1))
/// s.run(until: .seconds(60)) { s, event in … }
/// ```
///
/// Models with their own event times (the network's flow completions) meet the kernel
/// through "when is your next event?" — pass it as `other` to ``nextEvent(until:other:)``.
public struct Scheduler<Payload> {
    /// The current simulated time: the time of the event being handled.
    @inlinable public var now: SimTime { _now }
    @usableFromInline var _now: SimTime = .zero
    /// The pending events.
    public var queue: EventQueue<Payload>
    /// Number of events handed out so far.
    @inlinable public var eventsProcessed: UInt64 { _eventsProcessed }
    @usableFromInline var _eventsProcessed: UInt64 = 0

    /// Creates a scheduler at time zero.
    public init(reservingCapacity: Int = 0) {
        queue = EventQueue(reservingCapacity: reservingCapacity)
    }

    /// Schedules `payload` at the absolute instant `time` (not before ``now``).
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, at time: SimTime) -> EventToken {
        precondition(time >= now, "cannot schedule in the past: \(time) < \(now)")
        return queue.schedule(payload, at: time)
    }

    /// Schedules `payload` after `delay` (≥ 0).
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, after delay: SimDuration) -> EventToken {
        schedule(payload, at: now + delay)
    }

    /// Cancels a pending event.
    @inlinable public mutating func cancel(_ token: EventToken) { queue.cancel(token) }

    /// What comes next: a queued event, another model's event, or the end of the horizon.
    public enum Next {
        /// A queued event (the clock has moved to its time).
        case event(Payload)
        /// The other model's event time came first (the clock has moved to it; ties go to
        /// the other model, whose state changes are usually what queued events react to).
        case other
        /// Nothing before `until`; the clock has moved to `until` (or stayed, if empty).
        case end
    }

    /// Advances the clock to the earliest of the next queued event, `other`, and `until`.
    ///
    /// - Parameters:
    ///   - until: the horizon (inclusive for events).
    ///   - other: another model's next event time (``SimTime/never`` if none).
    /// - Returns: what happened.
    @inlinable
    public mutating func nextEvent(until: SimTime, other: SimTime = .never) -> Next {
        let t = queue.nextTime()
        if other <= t && other <= until && other != .never {
            precondition(other >= now, "other model's event in the past")
            _now = other
            return .other
        }
        if t > until || t == .never {
            if until != .never { _now = Swift.max(now, until) }
            return .end
        }
        let e = queue.popNext()!
        _now = e.time
        _eventsProcessed &+= 1
        return .event(e.payload)
    }

    /// Runs events in order until the queue is empty or the next is after `until`.
    ///
    /// - Parameters:
    ///   - until: the horizon; events at exactly `until` run.
    ///   - body: handles one event; it may schedule and cancel through its first argument.
    @inlinable
    public mutating func run(until: SimTime = .never, _ body: (inout Scheduler, Payload) -> Void) {
        while case .event(let p) = nextEvent(until: until) {
            body(&self, p)
        }
    }
}
