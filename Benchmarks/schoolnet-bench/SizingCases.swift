import Foundation
import SchoolNet

extension BenchCase {
    /// Sizing by school size: the search `schoolnet size --students` runs, on the reference
    /// scenario `Scenarios/sizing-by-size.json` (read from the package root, where the
    /// harness runs).
    ///
    /// Full: 8 school sizes (60 … 1,400 students) × 10 simulated days, each day judged on
    /// its own values (an option passes on at least 95 % of days), over the line speeds of
    /// ``SizingCurve/options``, searched as `schoolnet size --students` does
    /// (``Sweep/Search/fastFrom(_:)``: each size starts at the previous size's answer, an
    /// option's days stop once its verdict is decided, the days likeliest to fail first); each
    /// size verifies its answer with 10 fresh days, run whenever a thread has no day of the
    /// search to run. Quick: 2 sizes × 2 days over 3 options.
    ///
    /// The search reports no event counts, so `events` counts the simulated school days
    /// the search and the verifications read (deterministic: it moves when an answer or the
    /// day order moves; a day a thread ran ahead that the verdict did not need is not
    /// counted) and `flows` and `resolves` are 0.
    /// Metrics: `mbps<N>`, the smallest passing line for N students (0: none passes), and
    /// `days`, `jobs`.
    static let sizingCases: [BenchCase] = [
        BenchCase("sizing-curve", "schoolnet size --students: 8 school sizes 60–1,400 × 10 days on Scenarios/sizing-by-size.json (quick: 2 sizes × 2 days)") { scale in
            let quick = scale == .quick
            return SizingCurve.measure(students: quick ? [60, 280] : SizingCurve.students,
                                       options: quick ? ["100 Mbps", "200 Mbps", "400 Mbps"] : SizingCurve.options,
                                       days: quick ? 2 : 10)
        },
    ]
}

/// The sizing-curve case's settings and run.
enum SizingCurve {
    /// The school sizes of the documented curve (Scenarios/README.md).
    static let students = [60, 140, 280, 420, 600, 770, 1000, 1400]
    /// The line speeds searched (down; up follows), smallest first.
    static let options = ["50 Mbps", "100 Mbps", "150 Mbps", "200 Mbps", "300 Mbps", "400 Mbps", "500 Mbps",
                          "600 Mbps", "800 Mbps", "1 Gbps", "1.2 Gbps", "1.5 Gbps"]
    /// The reference scenario, relative to the package root.
    static let file = "Scenarios/sizing-by-size.json"

    /// Runs the search and returns its measurement.
    static func measure(students: [Int], options: [String], days: Int) -> CaseMeasurement {
        let stopwatch = Stopwatch()
        let jobs = ProcessInfo.processInfo.activeProcessorCount
        do {
            let source = try ScenarioSource(file: file)
            let axis = try Sweep.Axis(parsing: "schools[0].access.down=" + options.joined(separator: ","))
            let curve = try Sweep.sizeBySchool(source, axis: axis, costs: [], base: [], students: students, daysShare: 0.95,
                                               seed: nil, replications: days, jobs: jobs, search: .fastFrom(0))
            var metrics: [String: Double] = ["jobs": Double(jobs)]
            var simulatedDays = 0
            for s in curve {
                let tried = s.sizing.candidates.compactMap(\.point) + (s.sizing.verification.map { [$0] } ?? [])
                simulatedDays += tried.reduce(0) { $0 + $1.days }
                metrics["mbps\(s.structure.students)"] = s.sizing.chosenValue.map { megabits($0) } ?? 0
            }
            metrics["days"] = Double(simulatedDays)
            return CaseMeasurement(events: UInt64(simulatedDays), measuredSeconds: stopwatch.elapsedSeconds, metrics: metrics)
        } catch {
            // A report, not a trap: the harness names the case that failed.
            printError("error: sizing-curve: \(error) (run from the package root, where \(file) is)")
            exit(1)
        }
    }

    /// "1.2 Gbps" → 1200, "150 Mbps" → 150.
    static func megabits(_ value: String) -> Double {
        let parts = value.split(separator: " ")
        let number = Double(parts.first ?? "") ?? 0
        return parts.last == "Gbps" ? number * 1000 : number
    }
}
