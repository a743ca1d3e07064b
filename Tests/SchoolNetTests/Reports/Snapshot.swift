import Foundation
import Testing

/// Golden-file comparison: compares `actual` with the committed snapshot
/// `Snapshots/<name>` beside this file. A missing snapshot is written (recorded) and the
/// test fails, so a new snapshot is always looked at and committed on purpose; a changed
/// output fails and writes `<name>.actual` beside the snapshot for review.
enum Snapshot {
    static func directory(_ filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    }

    static func assertMatches(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory().appendingPathComponent(name)
        let actualURL = url.appendingPathExtension("actual")
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try? FileManager.default.createDirectory(at: directory(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("No snapshot \(name): recorded it at \(url.path); check it, commit it and rerun.",
                         sourceLocation: sourceLocation)
            return
        }
        if expected == actual {
            try? FileManager.default.removeItem(at: actualURL)
            return
        }
        try? actual.write(to: actualURL, atomically: true, encoding: .utf8)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(e.count, a.count)).first { e[$0] != a[$0] } ?? min(e.count, a.count)
        let want = line < e.count ? String(e[line]) : "<end>"
        let got = line < a.count ? String(a[line]) : "<end>"
        Issue.record("""
            Output differs from snapshot \(name) at line \(line + 1):
              expected: \(want)
              actual:   \(got)
            Full output written to \(actualURL.path); if the change is intended, move it over the snapshot.
            """, sourceLocation: sourceLocation)
    }
}
