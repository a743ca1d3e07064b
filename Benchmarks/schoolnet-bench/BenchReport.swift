import Foundation

/// Wall-time statistics of a case over its repeats, in seconds.
struct WallStats: Codable, Equatable {
    /// The median (mean of the middle two for an even count).
    var median: Double
    /// The fastest repeat.
    var min: Double
    /// The slowest repeat.
    var max: Double

    /// The statistics of `samples` (non-empty).
    init(samples: [Double]) {
        precondition(!samples.isEmpty, "no samples")
        let sorted = samples.sorted()
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        min = sorted[0]
        max = sorted[sorted.count - 1]
    }
}

/// The result of one case at one scale: deterministic counts, then measurements.
struct CaseResult: Codable, Equatable {
    /// The case name (without `@quick`).
    var name: String
    /// The scale it ran at.
    var scale: BenchScale
    /// The case's one-line summary.
    var summary: String
    /// Simulated events processed (gated exactly by `--compare`).
    var events: UInt64
    /// Flows completed (gated exactly).
    var flows: UInt64
    /// Rate re-solves (gated exactly).
    var resolves: UInt64
    /// How many times the case ran.
    var repeats: Int
    /// Wall time of the measured region over the repeats.
    var wallSeconds: WallStats
    /// `events / wallSeconds.median`.
    var eventsPerSecond: Double
    /// Peak resident set size of the process running the case, in bytes.
    var peakRSSBytes: UInt64?
    /// Resident set size before the case first ran (runtime overhead), in bytes.
    var startRSSBytes: UInt64?
    /// Whether the peak is this case's alone (own process, or a successful reset).
    var peakRSSIsolated: Bool
    /// Case-specific metrics from the median repeat.
    var metrics: [String: Double]

    /// The key of this result in a report: `name` or `name@quick`.
    var key: String { name + scale.keySuffix }
}

/// A benchmark report: the `--json` output, and the format of `Benchmarks/baseline.json`.
///
/// Versioned by ``schemaVersion``; bump it when a field changes meaning. Written with
/// sorted keys so a refreshed baseline diffs cleanly.
struct BenchReport: Codable {
    /// The schema version this harness writes and reads.
    static let currentSchemaVersion = 1

    /// The schema version of this report.
    var schemaVersion: Int = currentSchemaVersion
    /// Always "schoolnet-bench".
    var tool: String = "schoolnet-bench"
    /// Where the (last) run was measured.
    var machine: MachineInfo
    /// A free-text note (`--note`), e.g. "2-core shared VM".
    var note: String?
    /// Results keyed by ``CaseResult/key`` (`hold-1e5`, `hold-1e5@quick`).
    var cases: [String: CaseResult]

    /// The report as pretty-printed JSON with sorted keys and a final newline.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self) + Data("\n".utf8)
    }

    /// Reads a report from `path`.
    ///
    /// - Throws: ``BenchError/unreadableReport(path:reason:)`` naming the file.
    static func load(path: String) throws(BenchError) -> BenchReport {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw BenchError.unreadableReport(path: path, reason: "cannot read file")
        }
        let report: BenchReport
        do { report = try JSONDecoder().decode(BenchReport.self, from: data) } catch {
            throw BenchError.unreadableReport(path: path, reason: "not a schoolnet-bench report (\(Self.describe(error)))")
        }
        guard report.schemaVersion == currentSchemaVersion else {
            throw BenchError.unreadableReport(
                path: path, reason: "schema version \(report.schemaVersion), this harness reads \(currentSchemaVersion)")
        }
        return report
    }

    /// A short description of a decoding error: the missing or mistyped key path.
    private static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "missing key \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?, .dataCorrupted(let context)?:
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (path.isEmpty ? "" : path + ": ") + context.debugDescription
        default:
            return "\(error)"
        }
    }
}

/// Errors the harness reports to the user (exit status 64 for usage, 1 otherwise).
enum BenchError: Error, CustomStringConvertible {
    /// A bad command line.
    case usage(String)
    /// A report or baseline file that cannot be used.
    case unreadableReport(path: String, reason: String)
    /// A case's child process failed.
    case caseFailed(name: String, reason: String)

    /// The message, without the "error: " prefix.
    var description: String {
        switch self {
        case .usage(let message): return message
        case .unreadableReport(let path, let reason): return "\(path): \(reason)"
        case .caseFailed(let name, let reason): return "case \(name) failed: \(reason)"
        }
    }

    /// The process exit status for this error.
    var exitStatus: Int32 {
        if case .usage = self { return 64 }
        return 1
    }
}
