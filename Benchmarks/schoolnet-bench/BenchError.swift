import Foundation

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

/// Runs a case's set-up step; on failure prints what failed and exits 1, so the harness
/// reports the case as failed (a case runs in its own process) instead of trapping.
func caseSetUp<T>(_ caseName: String, _ step: () throws -> T) -> T {
    do {
        return try step()
    } catch {
        printError("error: \(caseName): \(error)")
        exit(1)
    }
}
