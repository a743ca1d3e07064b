import Foundation

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

