import Foundation
import Testing
@testable import SchoolNet

/// Every shipped scenario (`Scenarios/*.json`) runs one replication without a trap, through
/// the same builder and simulation as `schoolnet run`.
///
/// Shortened for a debug build (about 2 minutes of CPU for all of them, the central egress
/// the longest; the cases run in parallel): each replication simulates
/// the first ``window`` minutes of its day (the whole day if shorter). Every shipped day
/// opens at most 10 minutes before its first activity, so the window covers the first
/// minutes of load — the opening rush of flows, saturations and group changes where the
/// solver's paths meet most (a central egress behind a proxy first saturates its school
/// lines 30–60 s into its period). A full day of every scenario is the release runs' job.
@Suite struct ShippedScenariosRunTests {
    /// Simulated minutes per scenario, from its day's start.
    static let window = 13.0

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Scenarios")

    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".json") }.sorted()

    @Test func theShippedScenariosAreFound() {
        #expect(Self.files.count >= 15, "found only \(Self.files.count) scenario files in \(Self.folder.path)")
    }

    @Test(arguments: files)
    func shippedScenarioRunsWithoutATrap(file: String) throws {
        let scenario = try ScenarioSource(file: Self.folder.appendingPathComponent(file).path).scenario()
        let builder = ScenarioBuilder(scenario)
        let sim = builder.makeSimulation(seed: scenario.seed)
        let until = min(builder.horizon, SimTime.zero + .milliseconds(Self.window * 60_000))
        sim.run(until: until)
        let solver = sim.network.solver
        #expect(solver.counters.flowsStarted > 0, "\(file): no flow started in the window")
    }
}
