import Foundation
@testable import SchoolNet

/// Writes a flow log and a scenario replaying it into a fresh temporary directory, and runs
/// it — shared by the flow-log suites.
///
/// The network: one school `es` with one class `1-1` of `students` devices, a dedicated
/// 100 Mbps access line with no delay, `office` 10 ms beyond the internet (so a flow
/// between `office` and the school has 10 ms one-way propagation, and the access line is
/// its only bottleneck: the service link is 100 Gbps, the classroom uplink 1 Gbps, the
/// 802.11ax cell several hundred Mbps).
enum FlowLogTestSupport {
    /// A new empty temporary directory.
    static func directory() -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("flowlog-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// The scenario JSON; `settings` is the flowLog's settings object's inside.
    static func scenarioJSON(settings: String, fluid: Bool = true, students: Int = 5) -> String {
        """
        {"name": "flow-log test", "day": {"start": "09:00", "end": "10:00"}, "internetDelay": "10 ms",
         \(fluid ? #""tcp": {"fluid": true},"# : "")
         "schools": [{"name": "es", "grades": 1, "classesPerGrade": 1, "studentsPerClass": \(students),
                      "access": {"type": "fiber", "service": "dedicated", "down": "100 Mbps", "up": "100 Mbps", "delay": "0 ms"}}],
         "activities": [{"activity": "flowLog", "name": "log", "settings": {\(settings)}}]}
        """
    }

    /// Writes `csv` as `log.csv` and reads the scenario naming it.
    static func scenario(csv: String, settings: String = #""file": "log.csv""#, fluid: Bool = true, students: Int = 5,
                         directory dir: String = directory()) throws -> Scenario {
        try csv.write(toFile: dir + "/log.csv", atomically: true, encoding: .utf8)
        return try Scenario.read(json: scenarioJSON(settings: settings, fluid: fluid, students: students), file: dir + "/s.json")
    }

    /// Runs a scenario; returns its flow-log report and every completion, in finishing order.
    static func run(_ scenario: Scenario) -> (report: WorkloadReport, completions: [FlowLogWorkload.Completion], sim: Simulation) {
        let builder = ScenarioBuilder(scenario)
        let sim = builder.makeSimulation(seed: scenario.seed)
        let w = sim.workloads[0] as! FlowLogWorkload
        var done: [FlowLogWorkload.Completion] = []
        w.onCompletion = { done.append($0) }
        sim.run(until: builder.horizon)
        return (w.report(in: sim), done, sim)
    }

    /// The value of metric `key`.
    static func metric(_ r: WorkloadReport, _ key: String) -> Double? { r.metrics.first { $0.key == key }?.value }
}
