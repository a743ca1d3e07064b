import Foundation
import Testing
@testable import SchoolNet

/// Shards, shard files and their merge: which units a shard runs, that results survive the
/// file bit for bit, and that merge refuses anything but one whole job, naming the file.
/// (End to end, sharded-then-merged reports against the unsharded run: `ShardMergeTests`.)
@Suite struct ShardFileTests {
    /// Round-robin: shard i of n takes units u with u mod n = i − 1; the shards partition
    /// the units, and a shard past the last unit is empty (7 units over 3 and 9 shards).
    @Test func shardsSplitTheUnitsRoundRobin() throws {
        #expect(Shard(index: 1, count: 3).units(of: 7) == [0, 3, 6])
        #expect(Shard(index: 2, count: 3).units(of: 7) == [1, 4])
        #expect(Shard(index: 3, count: 3).units(of: 7) == [2, 5])
        #expect(Shard(index: 9, count: 9).units(of: 7) == [])
        for n in 1...9 {
            let all = (1...n).flatMap { Shard(index: $0, count: n).units(of: 7) }
            #expect(all.sorted() == Array(0..<7), "n = \(n)")
            #expect((1...n).allSatisfy { i in Shard(index: i, count: n).units(of: 7).allSatisfy { Shard(index: i, count: n).owns($0) } })
        }
        #expect(try Shard(parsing: "2/8") == Shard(index: 2, count: 8))
        #expect(Shard(index: 2, count: 8).fileName == "shard-2-of-8.json")
        for bad in ["0/4", "5/4", "1", "1/0", "a/b", "1/2/3", "-1/4", "1/100001", ""] {
            #expect(throws: ExperimentError("--shard expects i/n, shard i of n, numbered from 1 (1 ≤ i ≤ n ≤ 100000), e.g. --shard 2/8; found \"\(bad)\"")) {
                try Shard(parsing: bad)
            }
        }
    }

    /// Every number of a run comes back exactly: UInt64 seeds and counts at their maximum,
    /// Int64 nanoseconds at theirs, and Doubles that a lossy format would bend (0.1 + 0.2,
    /// 1/3, the smallest subnormal, the largest finite, −0, NaN, ±∞). The bottleneck
    /// ranking, derived, is ranked again to the same list; a second encoding is the same bytes.
    @Test func runResultsSurviveTheFileBitForBit() throws {
        var run = TestSchool.run()
        let awkward: [Double] = [0.1 + 0.2, 1.0 / 3, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -0.0, .nan, .infinity, -.infinity]
        run.seed = .max
        run.eventsProcessed = .max - 1
        run.duration = .infinity
        run.resources[0].utilisation = awkward
        run.resources[0].firstSaturated = SimDuration(nanoseconds: .min)
        run.workloads[0].metrics[0].value = .nan
        run.workloads[0].metrics[0].target = -0.0
        let file = ShardFile(command: .run, fingerprint: "0123456789abcdef", settings: "test", shard: .whole, unitCount: 1,
                             units: [0], runs: [run])
        let data = try file.encoded()
        let back = try ShardFile.decode(data, path: "t.json")
        let r = try #require(back.runs?.first)
        #expect(r.seed == .max && r.eventsProcessed == .max - 1 && r.duration == .infinity)
        #expect(r.resources[0].utilisation.map(\.bitPattern) == awkward.map(\.bitPattern))
        #expect(r.resources[0].firstSaturated == SimDuration(nanoseconds: .min))
        #expect(r.workloads[0].metrics[0].value.isNaN && r.workloads[0].metrics[0].target?.bitPattern == (-0.0).bitPattern)
        #expect(r.resources.dropFirst() == run.resources.dropFirst())
        #expect(r.sessionTables == run.sessionTables && Array(r.workloads.dropFirst()) == Array(run.workloads.dropFirst()))
        #expect(r.bottlenecks == run.bottlenecks && !r.bottlenecks.isEmpty)
        #expect(try back.encoded() == data)
        #expect(String(decoding: data, as: UTF8.self).hasPrefix(#"{"command":"run","fingerprint":"0123456789abcdef","runs":["#))
    }

    /// Five runs (seeds 10…14) over two shards, given in any order, merge to the file one
    /// shard of all five would be, byte for byte.
    @Test func mergePutsUnitsBackInOrder() throws {
        let whole = Self.file(shard: .whole, of: 5)
        let one = Self.file(shard: Shard(index: 1, count: 2), of: 5), two = Self.file(shard: Shard(index: 2, count: 2), of: 5)
        #expect(one.runs?.map(\.seed) == [10, 12, 14] && two.runs?.map(\.seed) == [11, 13])
        let merged = try ShardFile.merge([("b.json", two), ("a.json", one)])
        #expect(merged.runs?.map(\.seed) == [10, 11, 12, 13, 14])
        #expect(try merged.encoded() == whole.encoded())
        #expect(try merged.result().replications == 5)
        #expect(throws: ExperimentError("shard 1/2 holds part of a job; merge all 2 shards first")) { try one.result() }
    }

    /// Each way a set of files is not one whole job, with the message that names it.
    @Test func mergeRefusesAnythingButOneWholeJob() throws {
        let s = { (i: Int, n: Int) in Self.file(shard: Shard(index: i, count: n), of: 5) }
        var otherSeed = s(2, 3)
        otherSeed.fingerprint = "ffffffffffffffff"
        otherSeed.settings = "scenario \"t\", seed 2, 5 replications"
        var otherContent = s(2, 3)
        otherContent.fingerprint = "ffffffffffffffff"
        var sweep = s(2, 3)
        sweep.command = .sweep
        var fewer = s(2, 3)
        fewer.runs?.removeLast()
        var shifted = s(2, 3)
        shifted.units = [0, 3]
        let cases: [([(String, ShardFile)], String)] = [
            ([], "merge needs the shard files, e.g. schoolnet merge out/shard-*.json"),
            ([("1.json", s(1, 3)), ("3.json", s(3, 3))], "missing shard 2/3: merge needs all 3 shard files of the job, each once"),
            ([("1.json", s(1, 4))], "missing shards 2/4, 3/4 and 4/4: merge needs all 4 shard files of the job, each once"),
            ([("1.json", s(1, 3)), ("2.json", s(2, 3)), ("3.json", s(3, 3)), ("copy.json", s(2, 3))],
             "shard 2/3 given 2 times: 2.json and copy.json; give each shard once"),
            ([("1.json", s(1, 3)), ("2.json", otherSeed)],
             #"2.json and 1.json are shards of different jobs: scenario "t", seed 2, 5 replications vs scenario "t", seed 1, 5 replications"#),
            ([("1.json", s(1, 3)), ("2.json", otherContent)],
             "2.json and 1.json are shards of different jobs: the same settings, but the scenario files' contents differ"),
            ([("1.json", s(1, 3)), ("2.json", s(2, 4))],
             "2.json: shard 2/4, but 1.json is shard 1/3; every shard of a job splits it into the same number of shards"),
            ([("1.json", s(1, 3)), ("2.json", sweep)], "2.json: damaged shard file: a sweep shard without its sweep"),
            ([("2.json", fewer)], "2.json: damaged shard file: 1 results for 2 units"),
            ([("2.json", shifted)], "2.json: damaged shard file: its units are not those of shard 2/3 of 5"),
        ]
        for (files, message) in cases {
            #expect(throws: ExperimentError(message)) { try ShardFile.merge(files.map { (path: $0.0, file: $0.1) }) }
        }
    }

    /// Files that are not shard files, or of another schema version, or damaged, are named.
    @Test func readingNamesWhatIsWrongWithAFile() throws {
        let good = try Self.file(shard: .whole, of: 1).encoded()
        var damaged = String(decoding: good, as: UTF8.self)
        damaged = damaged.replacingOccurrences(of: #""unitCount":1"#, with: #""unitCount":"one""#)
        let cases: [(String, String)] = [
            ("not json", "x.json: not a SchoolNet shard file (run and sweep write those with --shard I/N, as OUT/shard-I-of-N.json)"),
            (#"{"schema": "schoolnet.result/1"}"#, "x.json: not a SchoolNet shard file (run and sweep write those with --shard I/N, as OUT/shard-I-of-N.json)"),
            (#"{"schema": "schoolnet.shard/2"}"#, #"x.json: a shard file of schema "schoolnet.shard/2"; this schoolnet reads "schoolnet.shard/1" (merge with the build that wrote it)"#),
            (damaged, "x.json: damaged shard file (unitCount: Expected to decode Int but found a string instead.)"),
        ]
        for (text, message) in cases {
            #expect(throws: ExperimentError(message)) { try ShardFile.decode(Data(text.utf8), path: "x.json") }
        }
        #expect(throws: ExperimentError("no/such.json: cannot read it (no such file)")) { try ShardFile.read("no/such.json") }
    }

    /// The fingerprint is FNV-1a 64 over the parts, each closed by a zero byte: the empty
    /// list is the offset basis itself; parts are not run together.
    @Test func fingerprintSeparatesParts() {
        #expect(ShardFile.fingerprint([]) == "cbf29ce484222325")
        #expect(ShardFile.fingerprint(["ab", "c"]) != ShardFile.fingerprint(["a", "bc"]))
        #expect(ShardFile.fingerprint(["a"]).count == 16)
    }

    /// A `run` shard file of `count` fake runs with seeds 10, 11, … (no simulation).
    static func file(shard: Shard, of count: Int) -> ShardFile {
        let units = shard.units(of: count)
        let runs = units.map { u in
            RunResult(scenarioName: "t", description: "", seed: 10 + UInt64(u), clockStart: .hours(9), duration: .minutes(5),
                      bucketWidth: .seconds(1), eventsProcessed: UInt64(u), resources: [], sessionTables: [],
                      workloads: [WorkloadReport(name: "w", kind: "bulk", entities: 1,
                                                 metrics: [Metric(key: "k", label: "K", value: Double(u) / 3, unit: "s")], delayedBy: [])])
        }
        return ShardFile(command: .run, fingerprint: "0123456789abcdef", settings: "scenario \"t\", seed 1, 5 replications",
                         shard: shard, unitCount: count, units: units, runs: runs)
    }
}
