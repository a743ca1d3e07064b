extension BenchCase {
    /// The event-kernel ladder: the classic hold model at 10³, 10⁵ and 10⁶ pending events,
    /// and a reference scheduler (a plain 4-ary heap of closures) at 10³ and 10⁶
    /// to calibrate the machine.
    static let kernelCases: [BenchCase] = [
        holdModel(pending: 1_000, label: "1e3"),
        holdModel(pending: 100_000, label: "1e5"),
        holdModel(pending: 1_000_000, label: "1e6"),
        referenceHold(pending: 1_000, label: "1e3"),
        referenceHold(pending: 1_000_000, label: "1e6"),
    ]

    /// Holds per run: 5·10⁶ in the full ladder, 10⁶ in `--quick`.
    static func holds(at scale: BenchScale) -> Int { scale == .quick ? 1_000_000 : 5_000_000 }

    /// A hold-model case with `pending` events in the queue.
    static func holdModel(pending: Int, label: String) -> BenchCase {
        BenchCase("hold-\(label)", "hold model on EventQueue<UInt32>, \(pending) pending, Exp(1 s) increments") { scale in
            HoldModel.run(pending: pending, holds: holds(at: scale), seed: 1)
        }
    }

    /// The reference scheduler's hold model (machine calibration; see ``ReferenceScheduler``).
    static func referenceHold(pending: Int, label: String) -> BenchCase {
        BenchCase("ref-hold-\(label)", "reference: plain 4-ary heap of closures, \(pending) pending (calibration)") { scale in
            ReferenceScheduler.run(pending: pending, holds: holds(at: scale), seed: 1)
        }
    }
}
