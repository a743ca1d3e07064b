import Foundation

/// Where and how a report was measured, so a reader can judge whether timings compare.
struct MachineInfo: Codable, Equatable {
    /// Active logical processors.
    var cores: Int
    /// Physical memory in bytes.
    var physicalMemoryBytes: UInt64
    /// The CPU's model name from `/proc/cpuinfo`, if available.
    var cpuModel: String?
    /// `ProcessInfo.operatingSystemVersionString` (on Linux the kernel release).
    var operatingSystem: String
    /// The compiler's language version band, e.g. "6.3" (from `#if compiler`).
    var swiftVersion: String
    /// "release" or "debug"; timings from debug builds are meaningless.
    var buildConfiguration: String
    /// The 1-minute load average when the run started (`/proc/loadavg`); high means noisy.
    var loadAverage1m: Double?
    /// When the run started, ISO 8601 UTC.
    var date: String

    /// The machine this process runs on, now.
    static func current() -> MachineInfo {
        let info = ProcessInfo.processInfo
        return MachineInfo(
            cores: info.activeProcessorCount,
            physicalMemoryBytes: info.physicalMemory,
            cpuModel: cpuModelName(),
            operatingSystem: info.operatingSystemVersionString,
            swiftVersion: compilerVersion,
            buildConfiguration: isDebugBuild ? "debug" : "release",
            loadAverage1m: loadAverage(),
            date: ISO8601DateFormatter().string(from: Date()))
    }

    /// Whether this binary was built without optimisation.
    static var isDebugBuild: Bool {
        #if DEBUG
            return true
        #else
            return false
        #endif
    }

    /// The compiler version band, known at compile time without running `swift --version`.
    static var compilerVersion: String {
        #if compiler(>=6.5)
            return ">=6.5"
        #elseif compiler(>=6.4)
            return "6.4"
        #elseif compiler(>=6.3)
            return "6.3"
        #elseif compiler(>=6.2)
            return "6.2"
        #elseif compiler(>=6.1)
            return "6.1"
        #else
            return "6.0"
        #endif
    }

    /// The first `model name` of `/proc/cpuinfo`.
    private static func cpuModelName() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return nil
    }

    /// The 1-minute load average.
    static func loadAverage() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.flatMap { Double($0) }
    }
}
