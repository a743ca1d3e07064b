/// One entry of the bottleneck ranking, "what gives way first, and for whom": a link
/// direction or a session table that held users back, with when, how long, whose traffic
/// and a plain-language hint for what fixes it.
///
/// **Ranking rule** (``rank(resources:sessionTables:workloads:)``): links are scored by the
/// flow-seconds during which they limited transfers (``ResourceResult/limitedFlowSeconds``);
/// session tables by the seconds connections waited plus a nominal second per refusal
/// (``SessionTableResult/delayScore``). Entries with a score of zero are left out; the rest
/// are ordered by score, largest first, ties broken by name (byte order) — so the list is
/// the same on every machine.
///
/// **For whom**: per workload, the flow-seconds this entry limited (from the observer's
/// per-class tallies) and the number of entities (students, players) for which it was the
/// worst limiter (from the workloads' ``WorkloadReport/delayedBy``). Session waits are not
/// attributed per workload by the network layer, so session-table entries list none.
///
/// **Validated by:** `RunResultTests.rankingOrdersBottlenecksAndCountsEntities`.
public struct Bottleneck: Sendable, Equatable {
    /// What the entry is.
    public enum Source: Sendable, Equatable {
        /// A link direction or medium: index into ``RunResult/resources``.
        case resource(Int)
        /// A session-limited node: index into ``RunResult/sessionTables``.
        case sessionTable(Int)
    }

    /// How much one workload was held back by this entry.
    public struct HeldBack: Sendable, Equatable {
        /// The workload's index in the run.
        public var workload: Int
        /// The workload's name.
        public var name: String
        /// Flow-seconds this entry limited the workload's transfers.
        public var flowSeconds: Double
        /// Entities (students, players) for which this entry was the worst limiter.
        public var entities: Int

        /// Creates a share.
        public init(workload: Int, name: String, flowSeconds: Double, entities: Int) {
            self.workload = workload
            self.name = name
            self.flowSeconds = flowSeconds
            self.entities = entities
        }
    }

    /// What the entry is.
    public var source: Source
    /// Name of the resource or node.
    public var name: String
    /// Kind of link; session tables report ``ResourceKind/egress`` for appliances and
    /// ``ResourceKind/service`` for servers.
    public var kind: ResourceKind
    /// The ranking score in seconds (see the ranking rule).
    public var delaySeconds: Double
    /// When it first saturated, from the start of the run (nil for session tables and
    /// links that limited flows without ever being full, e.g. per-device links).
    public var firstSaturated: SimDuration?
    /// How long it was saturated in total.
    public var timeSaturated: SimDuration
    /// Whose traffic it held back, largest first (ties by workload index).
    public var heldBack: [HeldBack]
    /// What would fix it, in plain words (the usual remedies for its ``kind``).
    public var fix: String
    /// The numbers behind the advice, e.g. "peak 1 Gbps of 1 Gbps (100 %) over one bucket;
    /// demand was higher while it was full".
    public var evidence: String

    /// Creates an entry from its parts.
    public init(source: Source, name: String, kind: ResourceKind, delaySeconds: Double, firstSaturated: SimDuration?,
                timeSaturated: SimDuration, heldBack: [HeldBack], fix: String, evidence: String) {
        self.source = source
        self.name = name
        self.kind = kind
        self.delaySeconds = delaySeconds
        self.firstSaturated = firstSaturated
        self.timeSaturated = timeSaturated
        self.heldBack = heldBack
        self.fix = fix
        self.evidence = evidence
    }

    /// Total entities held back (summed over workloads).
    public var entities: Int { heldBack.reduce(0) { $0 + $1.entities } }

    /// Ranks resources and session tables by the delay they caused.
    ///
    /// - Parameters:
    ///   - resources: Every resource of the run.
    ///   - sessionTables: Every session table of the run.
    ///   - workloads: The workloads' reports, by workload index.
    /// - Returns: The entries with a positive score, largest first, ties by name.
    /// - Complexity: O(*r* · *w* + *e* log *e*) for *r* resources, *w* workloads, *e* entries.
    public static func rank(resources: [ResourceResult], sessionTables: [SessionTableResult],
                            workloads: [WorkloadReport]) -> [Bottleneck] {
        var entries: [Bottleneck] = []
        for (i, r) in resources.enumerated() where r.limitedFlowSeconds > 0 {
            var held: [HeldBack] = []
            for (w, report) in workloads.enumerated() {
                let slot = min(w, FlowObserver.maxClasses - 1)
                let seconds = slot < r.limitedFlowSecondsByWorkload.count ? r.limitedFlowSecondsByWorkload[slot] : 0
                let entities = report.delayedBy.filter { $0.resource.index == r.index }.reduce(0) { $0 + $1.entities }
                if seconds > 0 || entities > 0 {
                    held.append(HeldBack(workload: w, name: report.name, flowSeconds: seconds, entities: entities))
                }
            }
            held.sort { $0.flowSeconds > $1.flowSeconds || ($0.flowSeconds == $1.flowSeconds && $0.workload < $1.workload) }
            entries.append(Bottleneck(source: .resource(i), name: r.name, kind: r.kind,
                                      delaySeconds: r.limitedFlowSeconds, firstSaturated: r.firstSaturated,
                                      timeSaturated: r.timeSaturated, heldBack: held, fix: fix(for: r, heldBack: held, workloads: workloads),
                                      evidence: evidence(for: r)))
        }
        for (i, t) in sessionTables.enumerated() where t.delayScore > 0 {
            let kind: ResourceKind = t.nodeKind == Topology.NodeKind.service.rawValue ? .service : .egress
            entries.append(Bottleneck(source: .sessionTable(i), name: t.name + " sessions", kind: kind,
                                      delaySeconds: t.delayScore, firstSaturated: nil, timeSaturated: .zero,
                                      heldBack: [], fix: "raise the session limit, or keep long-lived connections",
                                      evidence: evidence(for: t)))
        }
        return entries.sorted {
            $0.delaySeconds > $1.delaySeconds
                || ($0.delaySeconds == $1.delaySeconds && $0.name.utf8.lexicographicallyPrecedes($1.name.utf8))
        }
    }

    /// Workload kinds whose short, latency-bound exchanges suffer behind bulk traffic.
    static let interactiveKinds: Set<String> = ["cbt", "conference", "video", "web", "textbook"]
    /// Workload kinds that are bulk transfers a planner can throttle, defer or stop.
    static let bulkKinds: Set<String> = ["bulk", "update"]

    /// The advice for a link: when bulk traffic (an update storm, a bulk download) is what
    /// filled it and an interactive activity (a test, a conference) was held back behind
    /// it, the planner's remedies for the bulk traffic come first — throttle it per device,
    /// defer it, keep the other classrooms offline during the test, or fair queueing at the
    /// router — then the usual remedies for the kind of link.
    /// A link whose capacity went mostly to the ACKs of the downloads the other way (half
    /// of it or more) is relieved by slowing those downloads, not by its own traffic.
    static func fix(for r: ResourceResult, heldBack: [HeldBack], workloads: [WorkloadReport]) -> String {
        let kind = r.kind
        if let a = r.acknowledgements, a.load.bitsPerSecond >= 0.5 * a.lineCapacity.bitsPerSecond {
            return "its capacity goes to the ACKs of the downloads on the other direction: throttle or defer the bulk "
                + "downloads (services.update.perDeviceRate, deferTo), keep the other classrooms offline (othersOffline), "
                + "or a line with a faster uplink; or " + kind.remedy
        }
        return fix(for: kind, heldBack: heldBack, workloads: workloads)
    }

    static func fix(for kind: ResourceKind, heldBack: [HeldBack], workloads: [WorkloadReport]) -> String {
        guard let top = heldBack.first, bulkKinds.contains(workloads[top.workload].kind),
              let victim = heldBack.first(where: { interactiveKinds.contains(workloads[$0.workload].kind) }) else {
            return kind.remedy
        }
        return "keep \(top.name) off this link while \(victim.name) runs: throttle it per device "
            + "(services.update.perDeviceRate), defer it (deferTo), or keep the other classrooms offline (othersOffline); "
            + "or " + kind.remedy
    }

    /// The numbers behind a link's advice: what it carried at its peak.
    static func evidence(for r: ResourceResult) -> String {
        let percent = UnitFormat.fixed(r.peakUtilisation * 100, decimals: 0)
        let full = r.timeSaturated > .zero ? "; demand was higher while it was full" : ""
        return "peak \(r.peakLoad) of \(r.capacity) (\(percent) %) over one bucket" + full
    }

    /// The numbers behind a session table's advice: limit, peak, waits and refusals.
    static func evidence(for t: SessionTableResult) -> String {
        let what = t.refused > 0 ? "\(t.refused) connections refused" : "\(t.queued) connections waited"
        return "limit \(t.limit) sessions, peak \(t.peak) in use; \(what)"
    }
}
