import Foundation

/// A text file written through a 1 MiB buffer, so a large report (a per-flow CSV of
/// 200,000 rows) goes to disk as it is rendered instead of being built in memory first.
struct FileTextStream: TextOutputStream {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var failed = false

    /// Creates (or truncates) the file at `path`; nil when it cannot be opened.
    init?(path: String) {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let h = FileHandle(forWritingAtPath: path) else { return nil }
        handle = h
        buffer.reserveCapacity(1 << 20)
    }

    mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        guard !buffer.isEmpty, !failed else { return }
        do { try handle.write(contentsOf: buffer) } catch { failed = true }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file; false if any write failed.
    mutating func close() -> Bool {
        flush()
        do { try handle.close() } catch { failed = true }
        return !failed
    }
}
