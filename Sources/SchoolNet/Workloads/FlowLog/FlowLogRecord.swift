/// One row of a flow log after parsing: when it starts (relative to the log's time 0), its
/// endpoints (names of the scenario, before they are bound to nodes), its size and options.
///
/// Produced by ``FlowLogReader`` in time order; consumed one at a time by
/// ``FlowLogWorkload`` (open loop: each record becomes one transfer at `time`).
public struct FlowLogRecord: Sendable, Equatable {
    /// Start, relative to the log's time 0 (the activity's start).
    public var time: SimDuration
    /// Sending endpoint: a device `es/6-1/3`, a class `es/6-1`, a school `es`, a service
    /// `office`, or `internet`.
    public var source: String
    /// Receiving endpoint (same forms as ``source``).
    public var destination: String
    /// Size (> 0).
    public var bytes: ByteCount
    /// The service it belongs to, for per-service percentiles (nil: derived from the
    /// endpoints — the service endpoint if there is one, else `other`).
    public var service: String?
    /// The flow's own rate ceiling (a NIC, a client rate, a paced upload), or unlimited.
    public var maxRate: DataRate
    /// The line in the file (from 1), for messages.
    public var line: Int
    /// Columns (from 1) of the source and destination fields, for messages.
    public var sourceColumn: Int, destinationColumn: Int

    /// Creates a record.
    public init(time: SimDuration, source: String, destination: String, bytes: ByteCount, service: String? = nil,
                maxRate: DataRate = .unlimited, line: Int = 0, sourceColumn: Int = 0, destinationColumn: Int = 0) {
        self.time = time
        self.source = source
        self.destination = destination
        self.bytes = bytes
        self.service = service
        self.maxRate = maxRate
        self.line = line
        self.sourceColumn = sourceColumn
        self.destinationColumn = destinationColumn
    }
}

/// The two input forms of a flow log.
public enum FlowLogFormat: String, Sendable, CaseIterable {
    /// SchoolNet's own CSV: header `start,src,dst,bytes[,service][,maxRate]` (any order).
    case schoolnet
    /// `nfdump -o csv`: columns `ts`, `sa`, `da` and `ibyt` (or `byt`) are used; addresses
    /// become endpoints through the scenario's `subnets`.
    case nfdump
}

/// A problem in a flow-log file, at a line and column: `logs/tue.csv:17:23: expected a
/// byte count (a whole number > 0), found "12x"`.
///
/// Thrown while the scenario is read (every row is checked before anything runs, so
/// nothing partial is written). Reaches the command line as a ``ScenarioError`` (see
/// ``scenarioError``) so the tool prints it and exits with status 2.
public struct FlowLogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The log file as resolved (the scenario's directory joined with its `file`).
    public var file: String
    /// Line, from 1.
    public var line: Int
    /// Column, from 1, in Unicode scalars.
    public var column: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `FILE:LINE:COLUMN: MESSAGE`.
    public var description: String { "\(file):\(line):\(column): \(message)" }

    /// The same error as a ``ScenarioError`` (printed identically: `FILE:LINE:COLUMN: MESSAGE`).
    public var scenarioError: ScenarioError {
        ScenarioError(file: file, kind: .syntax(JSONSyntaxError(position: .init(line: line, column: column), message: message)))
    }
}
