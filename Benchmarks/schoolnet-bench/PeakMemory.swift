import Foundation

/// Resident-memory readings from `/proc/self/status` (Linux).
///
/// The kernel's peak (`VmHWM`) is per *process*: it is the maximum so far, over
/// everything the process has done. The harness therefore runs each case in a child
/// process of its own (see ``BenchRunner``), so each case's peak is its own. With
/// `--in-process` it tries ``resetPeak()`` before each case instead and marks the peak
/// as not isolated if the reset is refused.
enum PeakMemory {
    /// The peak resident set size (`VmHWM`) in bytes, or `nil` without `/proc`.
    static func peakResidentBytes() -> UInt64? { statusField("VmHWM:") }

    /// The current resident set size (`VmRSS`) in bytes, or `nil` without `/proc`.
    static func currentResidentBytes() -> UInt64? { statusField("VmRSS:") }

    /// Resets the peak to the current RSS by writing `5` to `/proc/self/clear_refs`
    /// (Linux ≥ 4.0).
    ///
    /// - Returns: whether the kernel accepted the reset.
    static func resetPeak() -> Bool {
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        do { try handle.write(contentsOf: Data("5".utf8)) } catch { return false }
        return true
    }

    /// A `kB` field of `/proc/self/status`, in bytes.
    private static func statusField(_ key: String) -> UInt64? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key) {
            let number = line.dropFirst(key.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first
            return number.flatMap { UInt64($0) }.map { $0 * 1024 }
        }
        return nil
    }
}
