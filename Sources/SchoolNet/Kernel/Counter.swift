/// A count of events (flows started, retries, timeouts) and its rate over a window.
///
/// A named `Int` so that statistics read alike in models and reports, and so that merged
/// replications add exactly (integer addition is associative: any merge order gives the
/// same count).
///
/// **Validated by:** `CounterTests`.
public struct Counter: Hashable, Sendable {
    /// The number of events counted.
    public private(set) var count: Int = 0

    /// Creates a counter at zero.
    public init() {}

    /// Counts `n` events.
    ///
    /// - Parameter n: The number of events, at least 0 (default 1).
    /// - Complexity: O(1).
    public mutating func increment(by n: Int = 1) {
        precondition(n >= 0, "Counter.increment(by: \(n)): negative")
        count += n
    }

    /// Adds the events counted by `other`.
    ///
    /// - Parameter other: Another counter, e.g. from another replication.
    /// - Complexity: O(1).
    public mutating func merge(_ other: Counter) { count += other.count }

    /// The mean number of events per second over `window`.
    ///
    /// - Parameter window: The observation window; must be positive.
    /// - Returns: `count / window` in events per second.
    /// - Complexity: O(1).
    public func ratePerSecond(over window: SimDuration) -> Double {
        precondition(window > .zero, "Counter.ratePerSecond(over: \(window)): window must be positive")
        return Double(count) * 1e9 / Double(window.nanoseconds)
    }
}
