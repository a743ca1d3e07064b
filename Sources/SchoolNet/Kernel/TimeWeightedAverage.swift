/// The time average of a piecewise-constant signal: link utilisation, queue length,
/// number of active flows.
///
/// A discrete-event signal changes only at events and holds its value in between, so its
/// time average is exact: `(1/(t − t₀)) · Σ vᵢ·(tᵢ₊₁ − tᵢ)`, the sum of rectangles. Call
/// ``record(_:at:)`` whenever the signal changes; the integral is advanced with the value
/// that held *until* that instant. Durations are taken in integer nanoseconds from
/// ``SimTime``, so the weights are exact; only the products and their sum are rounded.
///
/// Several records at the same instant (events at equal times) keep only the last value:
/// an intermediate value held for zero time has no weight and does not count towards
/// ``maximum`` or ``minimum``.
///
/// To discard a warm-up period (transient start of a steady-state run), call
/// ``restart(at:)`` at the end of the warm-up.
///
/// **Assumptions:** the signal is right-continuous and piecewise constant between
/// records; records arrive in non-decreasing time order (a precondition).
///
/// **Validated by:** `TimeWeightedAverageTests`.
public struct TimeWeightedAverage: Hashable, Sendable {
    /// The instant the observation window starts.
    public private(set) var start: SimTime
    /// The instant of the last record.
    public private(set) var lastTime: SimTime
    /// The current value of the signal (held since ``lastTime``).
    public private(set) var currentValue: Double
    /// `∫ v dt` from ``start`` to ``lastTime``, in value·seconds.
    var integral: Double = 0
    /// Extremes over values held for a positive time before ``lastTime`` (meaningful only
    /// when `hasHeldValue`).
    var heldMaximum: Double = 0
    var heldMinimum: Double = 0
    var hasHeldValue = false

    /// Creates an average of a signal that has `value` from `start` on.
    ///
    /// - Parameters:
    ///   - value: The signal's value at `start` (default 0: an idle link, an empty queue).
    ///   - start: The start of the observation window (default ``SimTime/zero``).
    public init(value: Double = 0, at start: SimTime = .zero) {
        precondition(value.isFinite, "TimeWeightedAverage(value: \(value)): not finite")
        self.start = start
        self.lastTime = start
        self.currentValue = value
    }

    /// Records that the signal changes to `value` at `time`.
    ///
    /// - Parameters:
    ///   - value: The new value, held from `time` until the next record; must be finite.
    ///   - time: The instant of the change; not before the previous record.
    /// - Complexity: O(1).
    public mutating func record(_ value: Double, at time: SimTime) {
        precondition(time >= lastTime, "TimeWeightedAverage.record at \(time) before \(lastTime)")
        precondition(value.isFinite, "TimeWeightedAverage.record(\(value)): not finite")
        if time > lastTime {
            // The current value was held for a positive time: it counts.
            integral += currentValue * (time - lastTime).seconds
            if !hasHeldValue {
                heldMaximum = currentValue
                heldMinimum = currentValue
                hasHeldValue = true
            } else {
                if currentValue > heldMaximum { heldMaximum = currentValue }
                if currentValue < heldMinimum { heldMinimum = currentValue }
            }
            lastTime = time
        }
        currentValue = value
    }

    /// Starts a new observation window at `time`, keeping the current value.
    ///
    /// Use it to delete a warm-up period: statistics afterwards describe `[time, …)` only.
    ///
    /// - Parameter time: The new window start; not before the last record.
    /// - Complexity: O(1).
    public mutating func restart(at time: SimTime) {
        precondition(time >= lastTime, "TimeWeightedAverage.restart at \(time) before \(lastTime)")
        self = TimeWeightedAverage(value: currentValue, at: time)
    }

    /// The time integral `∫ v dt` of the signal from ``start`` to `time`.
    ///
    /// - Parameter time: The end of the window; not before the last record.
    /// - Returns: The integral in value·seconds (for utilisation: busy seconds).
    /// - Complexity: O(1).
    public func integral(until time: SimTime) -> Double {
        precondition(time >= lastTime, "TimeWeightedAverage.integral(until: \(time)) before \(lastTime)")
        return integral + currentValue * (time - lastTime).seconds
    }

    /// The time-weighted mean of the signal over `[start, time)`.
    ///
    /// - Parameter time: The end of the window; not before the last record.
    /// - Returns: `∫ v dt / (time − start)`, or the current value if the window is empty.
    /// - Complexity: O(1).
    public func mean(until time: SimTime) -> Double {
        let length = totalTime(until: time)
        guard length > .zero else { return currentValue }
        return integral(until: time) / length.seconds
    }

    /// The length of the observation window `[start, time)`.
    ///
    /// - Parameter time: The end of the window; not before ``start``.
    /// - Returns: `time − start`.
    /// - Complexity: O(1).
    public func totalTime(until time: SimTime) -> SimDuration {
        precondition(time >= start, "TimeWeightedAverage.totalTime(until: \(time)) before start \(start)")
        return time - start
    }

    /// The largest value the signal has held, including the current value.
    public var maximum: Double { hasHeldValue ? Swift.max(heldMaximum, currentValue) : currentValue }

    /// The smallest value the signal has held, including the current value.
    public var minimum: Double { hasHeldValue ? Swift.min(heldMinimum, currentValue) : currentValue }
}
