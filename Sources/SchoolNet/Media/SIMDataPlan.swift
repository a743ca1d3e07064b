/// A mobile SIM's monthly data allowance and the rate it is throttled to once used up.
///
/// **Assumptions**: the cap counts both directions; the month starts with `used = 0` and
/// the scenario layer carries `used` across simulated days; once over the cap the device
/// is limited to ``throttledRate`` in each direction (Japanese MVNO/MNO plans commonly use
/// 128 kbps, 300 kbps or 1 Mbps — a parameter, no default claims to be typical).
///
/// **Source**: REFERENCES.md §5 (LTE: per-SIM data caps and throttling).
///
/// **Validated by**: `LTECellTests.dataCapThrottles`.
public struct SIMDataPlan: Hashable, Sendable, Codable {
    /// Data allowed per month at full speed.
    public var monthlyCap: ByteCount
    /// The ceiling once the cap is exceeded.
    public var throttledRate: DataRate

    /// Creates a plan.
    public init(monthlyCap: ByteCount, throttledRate: DataRate) {
        precondition(monthlyCap.bytes >= 0 && throttledRate.bitsPerSecond > 0)
        self.monthlyCap = monthlyCap
        self.throttledRate = throttledRate
    }

    /// The per-device ceiling after `used` bytes this month: unlimited below the cap, the
    /// throttled rate at or above it.
    public func rateCeiling(used: ByteCount) -> DataRate {
        used < monthlyCap ? .unlimited : throttledRate
    }

    /// Bytes left at full speed (zero once exceeded).
    public func remaining(used: ByteCount) -> ByteCount {
        used < monthlyCap ? monthlyCap - used : .zero
    }
}
