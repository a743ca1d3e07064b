/// What happened to every row a ``FlowLogWorkload`` replayed, one compact ``Row`` per row
/// in log (line) order — the data behind the per-flow CSV (`CSVReport.flows`).
///
/// Kept only when asked for (``FlowLogWorkload/recordsFlows``): a few numbers per row
/// (about 64 bytes; 13 MB for the 200,000-row district log), with names held once in
/// ``endpointNames``, ``groupNames`` and ``resourceNames`` and referred to by index.
///
/// **Rows**: every row the workload saw — started (then finished or still running at the
/// end of the run), refused by a full session table, or with no route. nfdump rows with no
/// endpoint on either side, and rows before `startAt`, never reach the workload and are
/// not listed (they are counted by `rows_unmapped` and `rows_before_start`).
///
/// **Validated by**: `FlowLogFlowTableTests`.
public struct FlowLogFlowTable: Sendable, Equatable {
    /// What became of a row.
    public enum Status: String, Sendable, CaseIterable {
        /// Its last byte arrived.
        case finished
        /// Still running when the run ended.
        case unfinished
        /// Refused by a full session table (`refuse` policy).
        case refused
        /// No route between its endpoints.
        case noRoute = "no-route"
    }

    /// One replayed row.
    public struct Row: Sendable, Equatable {
        /// Its line in the log (from 1).
        public var line: Int
        /// Its endpoints, as indices into ``FlowLogFlowTable/endpointNames``.
        public var source: Int32, destination: Int32
        /// The service it is counted under (its `service` column, else the service
        /// endpoint, else `other`): an index into ``FlowLogFlowTable/groupNames``, or -1.
        public var service: Int32
        /// Its size.
        public var bytes: ByteCount
        /// When it was requested (its log time, shifted to the activity's start).
        public var requested: SimTime
        /// When its last byte arrived (meaningful when ``status`` is `finished`).
        public var finished: SimTime
        /// Seconds it would take alone on the empty network (NaN with no route).
        public var alone: Double
        /// The resource that held it back longest in one stretch, as an index into
        /// ``FlowLogFlowTable/resourceNames``, or -1 if none did (its own ceiling, TCP
        /// set-up or slow start set its pace throughout). For an unfinished row, so far.
        public var limiter: Int32
        /// What became of it.
        public var status: Status

        /// Seconds from request to last byte, if it finished.
        public var seconds: Double? { status == .finished ? (finished - requested).seconds : nil }
        /// Completion time ÷ time alone, if it finished and its time alone is positive.
        public var slowdown: Double? {
            guard let t = seconds, alone > 0 else { return nil }
            return t / alone
        }
    }

    /// The activity's name.
    public var activity: String
    /// The rows, in log order.
    public var rows: [Row] = []
    /// Endpoint names: the topology's node names in node order (`es/6-1/3`, `es/core`,
    /// `office`), then any log names that bound to no node.
    public var endpointNames: [String] = []
    /// School and service names (``Row/service`` indexes it).
    public var groupNames: [String] = []
    /// The topology's resource names, in resource order.
    public var resourceNames: [String] = []

    /// An empty table for `activity`.
    public init(activity: String) { self.activity = activity }
}
