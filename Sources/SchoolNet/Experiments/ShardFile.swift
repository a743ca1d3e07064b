import Foundation

/// What one shard of a `run` or `sweep` found (`schoolnet run|sweep … --shard i/n`), written
/// as `shard-i-of-n.json`; `schoolnet merge` checks a complete set and rebuilds from it the
/// very report the unsharded command prints and writes.
///
/// **Format** (`"schema": "schoolnet.shard/1"`; JSON, keys sorted, no spaces):
///
/// | key | what |
/// |---|---|
/// | `schema` | `schoolnet.shard/1` |
/// | `command` | `run` or `sweep` |
/// | `fingerprint` | 16 hex digits: a hash of the command, the scenario's canonical JSON after `--set` (``ScenarioSource/canonicalJSON(with:)``), the seed, the replications and the `--vary` list; every shard of one job has the same |
/// | `settings` | the same in words, for messages: `scenario "x", seed 1, 4 replications` |
/// | `shard` | `{"index": i, "count": n}` (``Shard``) |
/// | `unitCount` | units of the whole job (replications, or grid points × replications) |
/// | `units` | this shard's unit numbers (0-based, increasing): those with *u* mod *n* = *i* − 1 |
/// | `runs` | `run`: one ``RunResult`` per unit, in `units` order (its `Codable` form) |
/// | `sweep` | `sweep`: `sets` and `varies` as given, `replications` per grid point, and one ``Sweep/Run`` per unit, in `units` order |
///
/// Every number is exact: integers as JSON integers and `Double`s in Swift's shortest
/// round-trip form, NaN and infinities as the strings `"NaN"`, `"+Infinity"`,
/// `"-Infinity"` — so merged results are bit-for-bit those of the unsharded run.
///
/// **Assumptions:** the fingerprint covers the scenario file's content, not files it
/// names (a flow-log CSV), nor the SchoolNet build: shards of one job should run the same
/// build on the same inputs. The hash is FNV-1a (64 bits), which catches mistakes, not
/// forgeries.
///
/// **Validated by:** `ShardFileTests`, `ShardMergeTests` (sharded-then-merged reports are
/// byte-identical to the unsharded run's).
public struct ShardFile: Sendable, Codable {
    /// The schema identifier written in every shard file; bumped on any incompatible change.
    public static let schema = "schoolnet.shard/1"

    /// The command whose work was split.
    public enum Command: String, Sendable, Codable {
        /// `schoolnet run --replications N`: a unit is a replication.
        case run
        /// `schoolnet sweep --vary …`: a unit is a (grid point, replication) pair.
        case sweep
    }

    /// A sweep's plan and this shard's runs of it.
    public struct SweepShare: Sendable, Equatable, Codable {
        /// The `--set` arguments, as given (they lead each point's settings).
        public var sets: [String]
        /// The `--vary` arguments, as given (they make the grid, ``Sweep/grid(_:)``).
        public var varies: [String]
        /// Replications at each grid point, in grid order (units are numbered point by point).
        public var replications: [Int]
        /// One run per unit of the shard, in unit order.
        public var runs: [Sweep.Run]

        /// Creates a sweep share from its parts.
        public init(sets: [String], varies: [String], replications: [Int], runs: [Sweep.Run]) {
            self.sets = sets
            self.varies = varies
            self.replications = replications
            self.runs = runs
        }
    }

    /// ``schema`` for files this build writes.
    public var schema: String
    /// The command whose work was split.
    public var command: Command
    /// Hash of everything that decides the results (see the format table).
    public var fingerprint: String
    /// The scenario and settings in words, for messages.
    public var settings: String
    /// Which shard this is.
    public var shard: Shard
    /// Units of the whole job.
    public var unitCount: Int
    /// This shard's units (0-based, increasing).
    public var units: [Int]
    /// `run`: one result per unit.
    public var runs: [RunResult]?
    /// `sweep`: the plan and one run per unit.
    public var sweep: SweepShare?
    /// The scenario as run (file, `--set`, `--vary`, seed, replications, version), which the
    /// merged reports record; absent in files of earlier versions.
    public var record: RunRecord?

    /// Creates a shard file from its parts (``run(_:sets:seed:replications:shard:jobs:progress:)``
    /// and ``sweep(_:sets:varies:seed:replications:shard:jobs:progress:)`` make them).
    public init(command: Command, fingerprint: String, settings: String, shard: Shard, unitCount: Int, units: [Int],
                runs: [RunResult]? = nil, sweep: SweepShare? = nil) {
        self.schema = Self.schema
        self.command = command
        self.fingerprint = fingerprint
        self.settings = settings
        self.shard = shard
        self.unitCount = unitCount
        self.units = units
        self.runs = runs
        self.sweep = sweep
    }

    /// 64-bit FNV-1a of the parts (each followed by a zero byte), as 16 hex digits.
    ///
    /// - Parameter parts: The texts that decide a job's results.
    /// - Returns: The fingerprint.
    /// - Complexity: O(total length).
    public static func fingerprint(_ parts: [String]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 + [0] {
                h ^= UInt64(byte)
                h = h &* 0x100_0000_01b3
            }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The file's bytes: JSON, keys sorted, no spaces, so the same shard gives the same bytes.
    ///
    /// - Throws: `EncodingError` (not expected: non-finite numbers have a spelling).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Writes the file atomically (``OutputFile``).
    ///
    /// - Parameter path: Where.
    /// - Throws: ``ExperimentError`` when it cannot be written.
    public func write(to path: String) throws(ExperimentError) {
        let data: Data
        do { data = try encoded() } catch { throw ExperimentError("cannot encode shard \(shard): \(error)") }
        do { try OutputFile.write(data, to: path) } catch { throw ExperimentError(error.description) }
    }

    /// Reads a shard file.
    ///
    /// - Parameter path: The file.
    /// - Throws: ``ExperimentError`` naming the file: unreadable, not a shard file, another
    ///   schema version, or damaged.
    public static func read(_ path: String) throws(ExperimentError) -> ShardFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ExperimentError("\(path): cannot read it (\(FileManager.default.fileExists(atPath: path) ? "permission denied or a folder" : "no such file"))")
        }
        return try decode(data, path: path)
    }

    /// Decodes a shard file's bytes.
    ///
    /// - Parameters:
    ///   - data: The bytes.
    ///   - path: The file, for messages.
    /// - Throws: ``ExperimentError`` as ``read(_:)``.
    public static func decode(_ data: Data, path: String) throws(ExperimentError) -> ShardFile {
        struct Header: Decodable { var schema: String? }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "+Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        guard let header = try? decoder.decode(Header.self, from: data), let schema = header.schema, schema.hasPrefix("schoolnet.shard/") else {
            throw ExperimentError("\(path): not a SchoolNet shard file (run and sweep write those with --shard I/N, as OUT/shard-I-of-N.json)")
        }
        guard schema == Self.schema else {
            throw ExperimentError("\(path): a shard file of schema \"\(schema)\"; this schoolnet reads \"\(Self.schema)\" (merge with the build that wrote it)")
        }
        do { return try decoder.decode(ShardFile.self, from: data) } catch {
            throw ExperimentError("\(path): damaged shard file (\(Self.explain(error)))")
        }
    }

    /// A decoding error in a line: where, and what.
    static func explain(_ error: any Error) -> String {
        let context: DecodingError.Context
        switch error as? DecodingError {
        case .typeMismatch(_, let c)?, .valueNotFound(_, let c)?, .keyNotFound(_, let c)?, .dataCorrupted(let c)?: context = c
        default: return "\(error)"
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        return (path.isEmpty ? "" : String(path.drop { $0 == "." }) + ": ") + context.debugDescription
    }
}
