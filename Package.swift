// swift-tools-version:6.0
// SchoolNet — a discrete-event network capacity simulator for school connectivity.
// No package dependencies: the Swift toolchain (Foundation, Dispatch, Testing) only.
import PackageDescription

let package = Package(
    name: "SchoolNet",
    products: [
        .library(name: "SchoolNet", targets: ["SchoolNet"]),
        .executable(name: "schoolnet", targets: ["schoolnet"]),
        .executable(name: "schoolnet-bench", targets: ["schoolnet-bench"]),
    ],
    targets: [
        // One library, one folder per layer, so whole-module optimisation
        // can specialise the kernel and solver hot paths across layers.
        .target(
            name: "SchoolNet",
            path: "Sources/SchoolNet",
            // Model documentation kept beside its sources (linked from the scenario docs).
            exclude: ["Workloads/CBT.md", "Workloads/Video.md", "Workloads/Conference.md", "Workloads/Background.md", "Workloads/FlowLog.md", "Workloads/Lessons.md",
                      "Reports/JSONSchema.md"],
            // Release builds skip the run-time exclusivity checks (a runtime call per access to
            // a class's stored property: ~4 % of the school day's instructions). Debug builds —
            // `swift test` — keep them, so a conflicting access still traps in the tests.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // Thin command-line front end: parse, call the library, write.
        .executableTarget(name: "schoolnet", dependencies: ["SchoolNet"], path: "Sources/schoolnet"),
        // Benchmark harness (release builds only; never run inside `swift test`).
        .executableTarget(name: "schoolnet-bench", dependencies: ["SchoolNet"], path: "Benchmarks/schoolnet-bench"),
        // Fixtures (flow logs) are read from the source tree by path, not bundled; snapshots likewise.
        .testTarget(name: "SchoolNetTests", dependencies: ["SchoolNet"], path: "Tests/SchoolNetTests",
                    exclude: ["Fixtures", "Reports/Snapshots"]),
        // The harness's parsing, comparison rule and case counts — no timing assertions.
        .testTarget(name: "SchoolNetBenchTests", dependencies: ["schoolnet-bench", "SchoolNet"], path: "Tests/SchoolNetBenchTests"),
        // Tests/Fuzz (libFuzzer targets) is outside every target's path: Tests/Fuzz/run-fuzz.sh
        // compiles it with the sources in one module (`swiftc -sanitize=fuzzer`).
        // The command line's parsing, help text and messages.
        .testTarget(name: "SchoolNetCLITests", dependencies: ["schoolnet", "SchoolNet"], path: "Tests/SchoolNetCLITests",
                    exclude: ["Snapshots"]),
    ]
)
