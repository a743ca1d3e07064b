// The `cli` target's body (compiled only with the command line's sources).
import Foundation
func fuzzCommandLine(_ bytes: [UInt8]) {
    let args = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    _ = try? CommandLineOptions.parse(args)
}

/// As the command line's `main.swift` defines it (that file is not compiled here).
func printError(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }
