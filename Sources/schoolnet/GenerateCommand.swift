import Foundation
import SchoolNet

/// `schoolnet generate flowlog …`: writes a synthetic district flow log and the scenario
/// replaying it (see ``FlowLogGenerator``). Thin: parse, call the library, write.
extension Commands {
    /// The help text of `generate`.
    static let generateHelp = """
        schoolnet generate flowlog [--schools N] [--flows M] [--storm-devices K] [--seed S] [--out FILE.json]

        Writes FILE.json (a scenario of N generated schools with a mix of access lines) and FILE.csv
        beside it (SchoolNet flow-log CSV: start,src,dst,bytes): M background flows with Poisson arrivals
        over an hour and lognormal sizes, plus a start-of-test storm at 30 min in which K devices each
        fetch 2 MB from the CBT server within the same 30 s. Defaults: 30 schools, 200000 flows, 9000 storm
        devices, seed 1, out flowlog.json. Each file is written to a temporary file renamed when complete:
        nothing is left behind on error or interruption (Ctrl-C, SIGTERM).

        """

    /// Runs `generate`; returns the exit code.
    func generateCommand() throws -> Int32 {
        let g = FlowLogGenerator(schools: options.generateCounts["--schools"] ?? 30, flows: options.generateCounts["--flows"] ?? 200_000,
                                 stormDevices: options.generateCounts["--storm-devices"] ?? 9_000, seed: options.seed ?? 1)
        guard g.schools >= 1 else { throw UsageError("--schools must be at least 1") }
        let out = options.outDirectory ?? "flowlog.json"
        guard out.hasSuffix(".json") else { throw UsageError("--out names the scenario file to write, ending in .json (the log goes beside it as .csv)") }
        let log: String
        do { log = try g.write(scenarioPath: out) } catch {
            throw UsageError("cannot write \(out): \(error.localizedDescription)")
        }
        if !options.quiet {
            output("wrote \(out) (\(g.schools) schools, \(g.deviceCount) devices) and \(log) (\(g.flows) flows + \(min(g.stormDevices, g.deviceCount)) storm rows)\n")
        }
        return 0
    }
}
