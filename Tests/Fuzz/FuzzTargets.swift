// libFuzzer entry point for SchoolNet's input readers. Compiled together with the library's
// sources (and the command line's, for the `cli` target) into one module by run-fuzz.sh;
// never part of the SwiftPM targets. The target is chosen by SCHOOLNET_FUZZ_TARGET:
//
//   json       JSONDocument(parsing:) on the bytes
//   scenario   Scenario.read on the bytes; whatever it accepts is built and simulated for
//              a few seconds (validation is the contract: no trap after it)
//   flowlog    the bytes as a SchoolNet flow log, read to the end
//   nfdump     the bytes as an nfdump CSV (subnets 10.0.0.0/8 and 2001:db8::/32), read to the end
//   units      every unit parser on the bytes as text
//   cli        the bytes split on newlines as command-line arguments
//   schools    the bytes as a school list (CSV), with two school types and an egress
import Foundation

enum FuzzTarget: String { case json, scenario, flowlog, nfdump, units, cli, schools }

let fuzzTarget: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["SCHOOLNET_FUZZ_TARGET"] ?? ""
    guard let t = FuzzTarget(rawValue: name) else {
        FileHandle.standardError.write(Data("SCHOOLNET_FUZZ_TARGET must be one of json, scenario, flowlog, nfdump, units, cli, schools\n".utf8))
        exit(2)
    }
    return t
}()

/// Where flow-log inputs are written (one file per process).
let fuzzDirectory: String = {
    let d = NSTemporaryDirectory() + "schoolnet-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    // A log that scenario inputs may name as "log.csv".
    try? "start,src,dst,bytes\n0,office,es,1000\n1.5,es/1-1,office,20000\n".write(toFile: d + "/log.csv", atomically: true, encoding: .utf8)
    return d
}()

/// Accepted scenarios are built when of at most 20,000 students, and run as `schoolnet run`
/// runs them (one replication, to the end of the day, reports and targets) when of at most
/// 60 students over at most 4 simulated hours — enough for the fuzzer to reach every
/// setting without spending its time in long simulations.
func fuzzScenario(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self) else { return }
    guard let s = try? Scenario.read(json: text, file: fuzzDirectory + "/s.json") else { return }
    let students = s.schools.reduce(0) { $0 + $1.studentCount }
    guard students <= 20_000 else { return }
    let b = ScenarioBuilder(s)
    guard students <= 60, b.horizon <= .zero + .hours(4) else { return }
    _ = Experiment.runs(s, seed: s.seed, replications: [0], jobs: 1)
}

func fuzzFlowLog(_ bytes: [UInt8], format: FlowLogFormat) {
    let path = fuzzDirectory + "/log.csv"
    FileManager.default.createFile(atPath: path, contents: Data(bytes))
    var c = FlowLogConfiguration(path: path, format: format)
    if format == .nfdump {
        try? c.subnets.add("10.0.0.0/8", endpoint: "es")
        try? c.subnets.add("2001:db8::/32", endpoint: "es/1-1")
        c.defaultEndpoint = "office"
    }
    if let rows = try? FlowLogRows.read(c) {
        for i in 0..<rows.count { _ = rows[i] }
    }
}

func fuzzUnits(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? UnitParsing.rate(text)
    _ = try? UnitParsing.rate(text, allowUnlimited: true)
    _ = try? UnitParsing.duration(text)
    _ = try? UnitParsing.duration(text, allowNegative: true)
    _ = try? UnitParsing.bytes(text)
    _ = try? UnitParsing.fraction(text)
    _ = try? UnitParsing.clockTime(text)
    _ = FlowLogTimestamp.instant(text)
    _ = try? FlowLogStart.kind.convert(.string(text))
    var subnets = FlowLogSubnets()
    _ = try? subnets.add(text, endpoint: "x")
    _ = subnets.endpoint(for: text)
}

/// The bytes as a scenario's school list (`"schools": {"csv": "schools.csv"}`, two school
/// types, an egress); whatever is accepted is described and built into a network
/// (≤ 20,000 students).
func fuzzSchools(_ bytes: [UInt8]) {
    FileManager.default.createFile(atPath: fuzzDirectory + "/schools.csv", contents: Data(bytes))
    let json = #"""
    {"name": "f", "day": {"start": "09:00", "end": "09:05"}, "egress": {"uplink": "1 Gbps"},
     "schoolTypes": {"elementary": {"grades": 6}, "juniorHigh": {"grades": 3, "firstGrade": 7}},
     "schools": {"csv": "schools.csv"}, "activities": [{"activity": "web"}]}
    """#
    guard let s = try? Scenario.read(json: json, file: fuzzDirectory + "/s.json") else { return }
    _ = s.settings.map(\.description)
    guard s.schools.reduce(0, { $0 + $1.studentCount }) <= 20_000 else { return }
    _ = ScenarioBuilder(s)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    switch fuzzTarget {
    case .json: _ = try? JSONDocument(parsing: bytes)
    case .scenario: fuzzScenario(bytes)
    case .flowlog: fuzzFlowLog(bytes, format: .schoolnet)
    case .nfdump: fuzzFlowLog(bytes, format: .nfdump)
    case .units: fuzzUnits(bytes)
    case .cli: fuzzCommandLine(bytes)
    case .schools: fuzzSchools(bytes)
    }
    return 0
}
