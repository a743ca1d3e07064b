/// What a link direction actually had to carry — the figure to size a line by, next to its
/// capacity: the busiest minute's load, the load the busiest 5 % of minutes exceed, and the
/// most devices busy across it at once.
///
/// **Definitions**
/// - *Window load*: bits carried during one window ÷ the window's length. Windows are
///   consecutive and aligned to the start of the run (08:00:00–08:01:00, …); one window is
///   1 minute, or the utilisation interval when that is longer (a very large run's
///   automatic interval, or a scenario's `bucket` over 60 s), or the smallest whole number
///   of intervals covering a minute when the interval does not divide one (7 s → 63 s). The
///   last window may be shorter (the run ends inside it) and is divided by its own length.
/// - *Peak*: the largest window load; *peak at*: the start of the first window at it (to
///   within 10⁻⁶, as ``ResourceResult/peakAt``).
/// - *95th percentile*: of the window loads of the whole run, idle windows included, by the
///   nearest-rank rule — sorted ascending, the ⌈0.95 n⌉-th — the definition of "95th
///   percentile" in transit billing (the busiest 5 % of windows are discarded). With fewer
///   than 20 windows this is the peak.
/// - *Peak devices*: see ``DeviceActivity``.
///
/// Loads are carried traffic, not demand: a saturated link's window load is its capacity,
/// and what was held back shows in the bottleneck ranking and the activities' targets.
///
/// **Validated by:** `DesignLoadTests` (one 40 Mbps flow for 90 s in a 20-minute run:
/// windows of 40, 20 and 18 × 0 Mbps, so peak 40 Mbps, 95th percentile 20 Mbps, 1 device).
public struct DesignLoad: Sendable, Equatable, Codable {
    /// Length of one window (1 minute unless the utilisation interval is coarser).
    public var window: SimDuration
    /// The largest window load.
    public var peak: DataRate
    /// Start of the first window at the peak, from the start of the run.
    public var peakAt: SimDuration
    /// The 95th percentile (nearest rank) of the window loads.
    public var p95: DataRate
    /// The most devices active on the resource at once.
    public var peakDevices: Int

    /// Creates a design load from its parts.
    public init(window: SimDuration, peak: DataRate, peakAt: SimDuration, p95: DataRate, peakDevices: Int) {
        self.window = window
        self.peak = peak
        self.peakAt = peakAt
        self.p95 = p95
        self.peakDevices = peakDevices
    }

    /// The target window length.
    public static let nominalWindow = SimDuration.seconds(60)

    /// The window for utilisation intervals of `width`: the smallest whole number of
    /// intervals covering ``nominalWindow`` (the interval itself when it is longer); the
    /// run's length when there are no intervals (width 0).
    ///
    /// - Parameters:
    ///   - width: The utilisation interval.
    ///   - duration: The run's length.
    /// - Returns: The window.
    public static func window(bucketWidth width: SimDuration, duration: SimDuration) -> SimDuration {
        guard width.nanoseconds > 0 else { return duration }
        let k = max(1, (nominalWindow.nanoseconds + width.nanoseconds - 1) / width.nanoseconds)
        return SimDuration(nanoseconds: k * width.nanoseconds)
    }

    /// The nearest-rank `p` quantile (0 < p ≤ 1) of `values`: sorted ascending, the
    /// ⌈p n⌉-th; 0 for none.
    ///
    /// - Complexity: O(n log n).
    static func nearestRank(_ p: Double, of values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// Measures resource `r` from a finished observer's bits per interval.
    ///
    /// - Parameters:
    ///   - bits: Bits carried per utilisation interval (may be shorter than the run: the
    ///     missing intervals carried nothing).
    ///   - carried: Bits carried in the whole run (used when there are no intervals).
    ///   - width: The utilisation interval (0: none).
    ///   - end: The end of the run, ns from its start.
    ///   - peakDevices: From ``DeviceActivity/peak``.
    /// - Complexity: O(w log w) for w windows.
    init(bits: [Double], carried: Double, bucketWidth width: Int64, end: Int64, peakDevices: Int) {
        let window = Self.window(bucketWidth: SimDuration(nanoseconds: width), duration: SimDuration(nanoseconds: end))
        var loads: [Double] = []
        if width > 0 && end > 0 {
            let perWindow = Int(window.nanoseconds / width)
            let windows = Int((end + window.nanoseconds - 1) / window.nanoseconds)
            loads.reserveCapacity(windows)
            for w in 0..<windows {
                var sum = 0.0
                var b = w * perWindow
                while b < min((w + 1) * perWindow, bits.count) {
                    sum += bits[b]
                    b += 1
                }
                let from = Int64(w) * window.nanoseconds
                let length = min(window.nanoseconds, end - from)
                loads.append(sum / (Double(length) * 1e-9))
            }
        } else if end > 0 {
            loads = [carried / (Double(end) * 1e-9)]
        }
        let peak = loads.max() ?? 0
        let first = peak > 0 ? loads.firstIndex { $0 >= peak * (1 - 1e-6) } ?? 0 : 0
        self.init(window: window, peak: DataRate(bitsPerSecond: peak),
                  peakAt: SimDuration(nanoseconds: Int64(first) * window.nanoseconds),
                  p95: DataRate(bitsPerSecond: Self.nearestRank(0.95, of: loads)), peakDevices: peakDevices)
    }
}
