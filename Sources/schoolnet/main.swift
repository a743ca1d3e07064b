import Foundation
import SchoolNet

// The thin front end: parse, call the library, write. See `HelpText` for usage.

/// Writes to standard error.
func printError(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

Interrupts.install()

let options: CommandLineOptions
do {
    options = try CommandLineOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    printError("schoolnet: \(error)\nRun 'schoolnet help' for usage.")
    exit(2)
}

do {
    exit(try Commands(options: options).run())
} catch let e as ScenarioError {
    printError(e.description)
    exit(e.exitCode)
} catch let e as ExperimentError {
    printError("schoolnet: \(e)")
    exit(2)
} catch let e as OutputError {
    printError("schoolnet: \(e)")
    exit(1)
} catch let e as UsageError {
    printError("schoolnet: \(e)\nRun 'schoolnet help' for usage.")
    exit(2)
} catch {
    printError("schoolnet: internal error: \(error)")
    exit(1)
}
