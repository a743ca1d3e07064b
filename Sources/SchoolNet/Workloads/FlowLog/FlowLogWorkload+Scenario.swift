import Foundation

/// The settings of a `flowLog` activity.
///
/// ```json
/// {"activity": "flowLog", "name": "Tuesday's traffic", "start": "09:00",
///  "settings": {"file": "logs/tuesday.csv", "format": "nfdump",
///               "subnets": {"10.1.0.0/16": "es", "10.1.6.0/24": "es/6-1", "2001:db8:1::/48": "es"},
///               "defaultEndpoint": "office", "fluid": false, "tolerance": "1 s",
///               "startAt": "2024-06-11 09:00:00"}}
/// ```
///
/// Documented for users in `Sources/SchoolNet/Workloads/FlowLog.md`.
public struct FlowLogConfiguration: Sendable, Equatable {
    /// The log's path: `file` joined to the scenario file's directory (absolute paths kept).
    public var path: String
    /// `schoolnet` (default) or `nfdump`.
    public var format: FlowLogFormat = .schoolnet
    /// nfdump: address → endpoint, longest prefix first.
    public var subnets = FlowLogSubnets()
    /// nfdump: the endpoint of addresses outside every subnet (e.g. `office` or
    /// `internet`); without it such rows are unmapped.
    public var defaultEndpoint: String?
    /// Pure fluid mode for this log: no TCP terms (each flow pays its route's one-way
    /// propagation once, then shares max-min up to its `maxRate`). The scenario-wide
    /// `tcp: {"fluid": true}` has the same effect on every workload.
    public var fluid = false
    /// How far a row may be earlier than the latest row before it and still be re-ordered.
    public var tolerance: SimDuration = .seconds(1)
    /// The log instant that lands at the activity's start (earlier rows are skipped); nil:
    /// log time 0 (the first row's timestamp, or 0 s).
    public var startAt: FlowLogStart?

    /// Creates settings for the log at `path`.
    public init(path: String, format: FlowLogFormat = .schoolnet, subnets: FlowLogSubnets = FlowLogSubnets(),
                defaultEndpoint: String? = nil, fluid: Bool = false, tolerance: SimDuration = .seconds(1),
                startAt: FlowLogStart? = nil) {
        self.path = path
        self.format = format
        self.subnets = subnets
        self.defaultEndpoint = defaultEndpoint
        self.fluid = fluid
        self.tolerance = tolerance
        self.startAt = startAt
    }

    /// `file` as written in `scenarioFile`, resolved against that file's directory.
    public static func resolve(_ file: String, relativeTo scenarioFile: String) -> String {
        if file.hasPrefix("/") { return file }
        let dir = (scenarioFile as NSString).deletingLastPathComponent
        return dir.isEmpty ? file : (dir as NSString).appendingPathComponent(file)
    }

    /// Reads every row once, checking numbers, sizes, order, columns and endpoint names
    /// against `scenario`, so a bad log fails before anything runs and nothing partial is
    /// written; the rows are kept (``FlowLogRows``) so the run replays them without reading
    /// the file again.
    ///
    /// - Throws: ``FlowLogError`` at the row's line and column.
    @discardableResult
    public func check(against scenario: Scenario) throws(FlowLogError) -> FlowLogRows {
        let names = FlowLogScenarioNames(scenario)
        if let d = defaultEndpoint, let problem = names.problem(with: d) {
            throw FlowLogError(file: path, line: 1, column: 1, message: "defaultEndpoint: " + problem)
        }
        for entry in subnets.entries {
            if let problem = names.problem(with: entry.endpoint) { throw FlowLogError(file: path, line: 1, column: 1, message: "subnets: " + problem) }
        }
        var known = Set<String>()
        let format = format, path = path
        return try FlowLogRows.read(self) { (r: FlowLogRecord) throws(FlowLogError) in
            for (name, column) in [(r.source, r.sourceColumn), (r.destination, r.destinationColumn)] where !known.contains(name) {
                if let problem = names.problem(with: name) { throw FlowLogError(file: path, line: r.line, column: column, message: problem) }
                known.insert(name)
            }
            if format == .schoolnet && r.source == r.destination && !r.source.contains("/") {
                throw FlowLogError(file: path, line: r.line, column: r.destinationColumn, message: "a flow from \"\(r.source)\" to itself")
            }
        }
    }
}

/// The rows a check read, handed to the workloads made after it (filled once, then read-only).
final class FlowLogRowsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: FlowLogRows?
    var rows: FlowLogRows? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

extension FlowLogWorkload {
    /// The scenario entry for `"activity": "flowLog"` (keys: `file`, `format`, `subnets`,
    /// `defaultEndpoint`, `fluid`, `tolerance`, `startAt`; log time 0, or `startAt`, is the
    /// activity's `start`).
    public static let activityKind: ActivityKind = {
        let read: @Sendable (ScenarioReader) throws -> FlowLogConfiguration = { r in
            try r.finishing { r in
                let file = try r.string("file", expected: "the flow log's CSV file, relative to the scenario file, e.g. \"logs/tuesday.csv\"")
                var c = FlowLogConfiguration(path: FlowLogConfiguration.resolve(file, relativeTo: r.scenarioPath))
                c.format = try r.read("format", as: .choice, default: FlowLogFormat.schoolnet, source: "SchoolNet's own CSV unless set")
                if let s = try r.optionalMember("subnets") {
                    guard case .object(let members) = s.value else { throw s.error(expected: "an object such as {\"10.1.6.0/24\": \"es/6-1\"}") }
                    for (cidr, _) in members {
                        let m = try s.member(cidr, expected: "")
                        let endpoint = try m.read(as: .string)
                        do throws(UnitParseError) { try c.subnets.add(cidr, endpoint: endpoint) } catch {
                            throw m.error(.invalidValue(expected: error.expected, found: error.found, suggestion: nil))
                        }
                    }
                }
                if c.format == .schoolnet && !c.subnets.entries.isEmpty {
                    throw r.error("\"subnets\" applies to \"format\": \"nfdump\" only")
                }
                c.defaultEndpoint = try r.optionalString("defaultEndpoint")
                c.fluid = try r.bool("fluid", default: false, source: "TCP terms of the scenario unless set")
                c.tolerance = try r.duration("tolerance", default: .seconds(1), source: "REFERENCES.md §8: collectors export within a second of order [ESTIMATE]")
                guard c.tolerance <= .hours(24) else {
                    throw r.error("\"tolerance\" is at most 24 h (rows more than a day out of order are a different log)")
                }
                if let m = try r.optionalMember("startAt") {
                    c.startAt = try m.read(as: FlowLogStart.kind)
                    if c.format == .nfdump, case .seconds = c.startAt {
                        throw m.error(expected: "an ISO-8601 time such as \"2024-06-11 09:00:00\" (an nfdump log's times are timestamps)")
                    }
                }
                return c
            }
        }
        return ActivityKind(
            name: "flowLog",
            summary: "replays a measured flow log (SchoolNet CSV or nfdump -o csv) open loop: one transfer per row at its time",
            metrics: ["time_p50", "time_p95", "time_p99", "slowdown_p50", "slowdown_p95", "slowdown_p99", "flows",
                      "unfinished", "refused", "rows_mapped", "rows_unmapped", "rows_before_start"],
            read: { r in
                let c = try read(r)
                return { name, sessions, _ in FlowLogWorkload(name: name, configuration: c, origin: sessions.first?.start ?? .zero) }
            },
            readChecked: { r in
                let c = try read(r)
                let box = FlowLogRowsBox()
                return (make: { name, sessions, _ in
                            FlowLogWorkload(name: name, configuration: c, origin: sessions.first?.start ?? .zero, rows: box.rows)
                        },
                        check: { scenario in
                            do throws(FlowLogError) { box.rows = try c.check(against: scenario) } catch { throw error.scenarioError }
                        })
            })
    }()
}
