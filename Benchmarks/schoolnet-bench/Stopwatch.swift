import Dispatch

/// A monotonic wall-clock stopwatch (CLOCK_MONOTONIC on Linux), started on creation.
struct Stopwatch {
    private let startNanoseconds: UInt64

    /// Starts a stopwatch now.
    init() { startNanoseconds = DispatchTime.now().uptimeNanoseconds }

    /// Seconds since the stopwatch started.
    var elapsedSeconds: Double {
        Double(DispatchTime.now().uptimeNanoseconds &- startNanoseconds) * 1e-9
    }
}
