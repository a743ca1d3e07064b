import Foundation
import SchoolNet

extension BenchCase {
    /// Flow-log replays: a generated district log and an all-at-once storm. The
    /// log is written to a temporary directory and checked when the scenario is read
    /// (untimed set-up, reported as `checkSeconds`); the replay itself is timed.
    static let flowLogCases: [BenchCase] = [
        BenchCase("flowlog-district", "30 schools, 200,000 Poisson/lognormal flows + a 9,000-device storm replayed over 90 min", quick: false) { scale in
            let g = FlowLogGenerator(schools: 30, flows: scale == .quick ? 20_000 : 200_000, stormDevices: 9_000, seed: 1)
            return FlowLogBench.replay(name: "district") { dir in try g.write(scenarioPath: dir + "/district.json"); return dir + "/district.json" }
        },
        BenchCase("flowlog-storm", "20,100 devices of 67 schools each fetch 2 MB from the CBT server at the same instant", quick: false) { _ in
            let g = FlowLogGenerator(schools: 67, flows: 0, stormDevices: 0, seed: 1)
            return FlowLogBench.replay(name: "storm") { dir in
                var csv = "start,src,dst,bytes\n"
                for s in 1...67 { for g in 1...6 { for c in 1...2 { for d in 1...25 { csv += "0,cbt,es\(s)/\(g)-\(c)/\(d),2000000\n" } } } }
                try csv.write(toFile: dir + "/storm.csv", atomically: true, encoding: .utf8)
                try g.scenarioJSON(logFile: "storm.csv").write(toFile: dir + "/storm.json", atomically: true, encoding: .utf8)
                return dir + "/storm.json"
            }
        },
    ]
}

/// Shared body of the flow-log cases.
enum FlowLogBench {
    /// Writes the inputs with `prepare` (returns the scenario path), reads and checks the
    /// scenario, then times the replay.
    static func replay(name: String, _ prepare: (String) throws -> String) -> CaseMeasurement {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schoolnet-bench-\(name)-\(getpid())").path
        caseSetUp(name) { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = caseSetUp(name) { try prepare(dir) }
        let check = Stopwatch()
        let scenario = caseSetUp(name) { try Scenario.read(file: path) }
        let checkSeconds = check.elapsedSeconds
        let stopwatch = Stopwatch()
        let builder = ScenarioBuilder(scenario)
        let sim = builder.makeSimulation(seed: scenario.seed)
        sim.run(until: builder.horizon)
        let seconds = stopwatch.elapsedSeconds
        let k = sim.network.solver.counters
        let report = sim.workloads[0].report(in: sim)
        let value = { (key: String) in report.metrics.first { $0.key == key }?.value ?? 0 }
        return CaseMeasurement(events: sim.eventsProcessed, flows: UInt64(k.flowsEnded), resolves: UInt64(k.resolves),
                               measuredSeconds: seconds,
                               metrics: ["flowsPerSecond": Double(k.flowsEnded) / max(seconds, 1e-9), "checkSeconds": checkSeconds,
                                         "rows": value("flows"), "unfinished": value("unfinished"),
                                         "slowdownP95": value("slowdown_p95").isFinite ? value("slowdown_p95") : 0,
                                         "resolvedFlows": Double(k.resolvedFlows)])
    }
}
