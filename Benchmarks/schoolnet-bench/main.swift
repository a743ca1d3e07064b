// schoolnet-bench: the benchmark harness. Thin: parse, run, print.
// Cases live in BenchRegistry.swift; see Benchmarks/README.md.
import Foundation

BenchRegistry.validate()
do {
    let options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()), knownCases: BenchRegistry.names)
    if options.help {
        print(BenchOptions.helpText)
    } else if options.list {
        for c in BenchRegistry.all { print("\(c.name)\(c.runsInQuick ? "" : " (full only)"): \(c.summary)") }
    } else if let name = options.single, let benchCase = BenchRegistry.named(name) {
        // Child mode: one case, result as JSON on stdout (see BenchRunner.runInChild).
        let result = try BenchRunner(repeats: options.repeats, scale: options.scale).runHere(benchCase, resetPeak: false)
        FileHandle.standardOutput.write(try JSONEncoder().encode(result))
    } else {
        exit(try BenchCommand(options: options).run())
    }
} catch let error as BenchError {
    printError("error: \(error)")
    if case .usage = error { printError("Run 'schoolnet-bench --help' for usage.") }
    exit(error.exitStatus)
} catch {
    printError("error: \(error)")
    exit(1)
}
