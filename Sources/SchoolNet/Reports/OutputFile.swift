import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A report file written atomically: the text goes to a hidden temporary file in the same
/// folder (`.NAME.tmp-PID-N`), which is renamed over `NAME` only once every byte has been
/// written and the file closed. A reader therefore sees the earlier complete file or the
/// new complete file, never a part of one; a write error (a full disk, a removed folder)
/// throws, removes the temporary file and keeps the earlier file.
///
/// Every temporary file is listed in ``OutputFile/pending`` while it exists, so an
/// interrupted program (SIGINT, SIGTERM) can remove them all before it exits
/// (``OutputFile/removePendingFiles()``, called by the command line's signal handlers).
/// The rename and the removal take the same lock, so a file is either renamed into place
/// whole or removed, never both.
///
/// **Assumptions:** the folder is on one file system (a rename within a folder is atomic
/// on POSIX file systems); the folder exists.
///
/// **Validated by:** `AtomicOutputTests` (a failing write keeps the earlier file and leaves
/// no temporary file; a `schoolnet run` process killed while writing leaves neither a
/// temporary file nor a changed report).
public struct OutputFile: TextOutputStream {
    /// The file's final path.
    public let path: String
    /// The temporary file being written.
    public let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var failure: String?

    /// Creates the temporary file for `path`.
    ///
    /// - Throws: ``OutputError`` when the folder cannot take a new file.
    public init(path: String) throws(OutputError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        temporaryPath = (dir as NSString).appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(Self.registry.nextNumber())")
        descriptor = Self.registry.create(temporaryPath)
        guard descriptor >= 0 else {
            throw OutputError(path: path, reason: String(cString: strerror(errno)))
        }
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends text (buffered; written in 1 MiB pieces).
    public mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Appends bytes.
    public mutating func write(bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { flush() }
    }

    private mutating func flush() {
        guard !buffer.isEmpty, failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        var offset = 0
        buffer.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, closes the file and renames it over ``path``.
    ///
    /// - Throws: ``OutputError`` when any write, the close or the rename failed; the
    ///   temporary file is then removed and the earlier file at ``path`` kept.
    public mutating func commit() throws(OutputError) {
        flush()
        if failure == nil && fsync(descriptor) != 0 && errno != EINVAL && errno != EROFS { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        descriptor = -1
        if let failure {
            Self.registry.remove(temporaryPath)
            throw OutputError(path: path, reason: failure)
        }
        if let reason = Self.registry.rename(temporaryPath, to: path) {
            Self.registry.remove(temporaryPath)
            throw OutputError(path: path, reason: reason)
        }
    }

    /// Closes and removes the temporary file, leaving ``path`` as it was.
    public mutating func abandon() {
        if descriptor >= 0 { close(descriptor); descriptor = -1 }
        Self.registry.remove(temporaryPath)
    }

    /// Writes `text` to `path` atomically.
    ///
    /// - Throws: ``OutputError``; the earlier file is then kept.
    public static func write(_ text: String, to path: String) throws(OutputError) {
        var file = try OutputFile(path: path)
        file.write(text)
        try file.commit()
    }

    /// Writes `data` to `path` atomically.
    ///
    /// - Throws: ``OutputError``; the earlier file is then kept.
    public static func write(_ data: Data, to path: String) throws(OutputError) {
        var file = try OutputFile(path: path)
        file.write(bytes: data)
        try file.commit()
    }

    /// Writes `path` atomically from `body`, which appends to the stream.
    ///
    /// - Throws: what `body` throws (the temporary file is then removed) or ``OutputError``.
    public static func write(to path: String, _ body: (inout OutputFile) throws -> Void) throws {
        var file = try OutputFile(path: path)
        do { try body(&file) } catch { file.abandon(); throw error }
        try file.commit()
    }

    /// The temporary files that exist now (being written).
    public static var pending: [String] { registry.paths() }

    /// Removes every temporary file and keeps any later one from being renamed into place.
    /// Called from a signal handler's queue just before the program exits; the lock stays
    /// held, so no write completes after it.
    public static func removePendingFiles() {
        registry.removeAllAndHold()
    }

    static let registry = Registry()

    /// The temporary files being written, under one lock.
    final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var files: Set<String> = []
        private var counter = 0
        private var closed = false

        func nextNumber() -> Int {
            lock.lock(); defer { lock.unlock() }
            counter += 1
            return counter
        }

        func create(_ path: String) -> Int32 {
            lock.lock(); defer { lock.unlock() }
            guard !closed else { errno = EINTR; return -1 }
            let fd = openFile(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 { files.insert(path) }
            return fd
        }

        /// Renames; nil on success, else the reason.
        func rename(_ from: String, to: String) -> String? {
            lock.lock(); defer { lock.unlock() }
            guard !closed else { return "interrupted" }
            if systemRename(from, to) != 0 { return String(cString: strerror(errno)) }
            files.remove(from)
            return nil
        }

        func remove(_ path: String) {
            lock.lock(); defer { lock.unlock() }
            unlink(path)
            files.remove(path)
        }

        func paths() -> [String] {
            lock.lock(); defer { lock.unlock() }
            return files.sorted()
        }

        func removeAllAndHold() {
            lock.lock()
            for p in files { unlink(p) }
            files.removeAll()
            closed = true
            // The lock is not released: the program exits next.
        }

        private func openFile(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
            #if canImport(Glibc)
            return Glibc.open(path, flags, mode)
            #else
            return Darwin.open(path, flags, mode)
            #endif
        }
    }
}

/// The C library's `write` and `rename`, named apart from the Swift methods above.
private func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}

private func systemRename(_ from: String, _ to: String) -> Int32 {
    #if canImport(Glibc)
    return Glibc.rename(from, to)
    #else
    return Darwin.rename(from, to)
    #endif
}

/// A report file that could not be written; the earlier file at the path is kept.
public struct OutputError: Error, CustomStringConvertible, Equatable {
    /// The file.
    public var path: String
    /// Why (the system's words: "No space left on device").
    public var reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "cannot write \(path): \(reason) (nothing was replaced: any earlier file is kept)"
    }
}
