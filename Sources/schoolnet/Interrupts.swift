import Dispatch
import Foundation
import SchoolNet

/// SIGINT (Ctrl-C), SIGTERM (a scheduler's kill) and SIGHUP (a closed terminal): the
/// temporary files being written are removed (``OutputFile/removePendingFiles()``), so an
/// interrupted run leaves every earlier report as it was and nothing half-written; then
/// the program exits with status 128 + the signal's number (130 for SIGINT, 143 for
/// SIGTERM), as a shell reports a process killed by it.
///
/// The handlers are Dispatch signal sources on a global queue, so they run while the main
/// thread is busy simulating or writing.
enum Interrupts {
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    /// Installs the handlers (once, at start-up).
    static func install() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                OutputFile.removePendingFiles()
                _exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
