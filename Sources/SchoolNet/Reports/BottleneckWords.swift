/// One ranking entry in a planner's words, shared by the text and HTML reports.
///
/// - **When**: a link is called *full* only when its busiest utilisation interval carried
///   at least ``fullThreshold`` of its capacity; a link the solver found saturated only in
///   bursts shorter than an interval is "at capacity in bursts", with its busiest interval's
///   load and share.
/// - **For whom**: per activity, the students (devices, viewers, participants) for whom
///   this link held their traffic back the most, out of the activity's total, and the time
///   it held them back *per affected student* on average: the seconds this link limited the
///   activity's transfers or streams, divided by those students. A student's parallel
///   transfers each count, so the figure reads "traffic held back", not wall-clock time.
/// - **Session tables**: connections that waited or were refused, and the average wait.
/// - **Standing queue**: a full link whose drop-tail buffer adds at least
///   ``noticeableDelay`` to a round trip says so (the buffer at its capacity, the most its
///   standing queue reaches), because every handshake and request through it pays that.
enum BottleneckWords {
    /// Share of capacity the busiest interval must carry for a link to be called full.
    static let fullThreshold = 0.95
    /// A delay users notice: 0.1 s (J. Nielsen, "Response Times: The 3 Important Limits",
    /// Usability Engineering, 1993).
    static let noticeableDelay = 0.1

    /// `full from 09:40:05 for 44 min 55 s; busiest 1 s: 263 Mbps of 263 Mbps (100 %)`, or
    /// the burst, never-full or session-table forms.
    static func when(_ b: Bottleneck, in run: RunResult) -> String {
        if let r = run.resource(of: b) {
            let peak = "busiest \(ReportFormat.duration(run.bucketWidth)): \(r.peakLoad) of \(r.capacity) ("
                + ReportFormat.percent(r.peakUtilisation) + ")"
            guard let first = b.firstSaturated else { return "never full; " + peak }
            let from = ReportFormat.clock(first, from: run.clockStart)
            if r.peakUtilisation >= fullThreshold {
                var words = "full from \(from) for \(ReportFormat.duration(b.timeSaturated)); " + peak
                if let a = r.acknowledgements {
                    words += "; the ACKs of the downloads the other way took up to \(a.load) of its \(a.lineCapacity)"
                }
                if let q = r.fullBufferDelay, q >= noticeableDelay {
                    words += "; its full drop-tail buffer adds up to \(ReportFormat.seconds(q)) to every round trip through it"
                }
                return words
            }
            return "at capacity in short bursts from \(from) (\(ReportFormat.duration(b.timeSaturated)) in all); " + peak
        }
        let t = run.sessionTables[sessionIndex(b)]
        return "limit \(t.limit) sessions, peak \(t.peak) in use"
    }

    /// Per activity: `Remote class (grade 4): 25 of 104 participants, held back 44 min each`.
    static func whom(_ b: Bottleneck, in run: RunResult) -> [String] {
        if case .sessionTable = b.source {
            let t = run.sessionTables[sessionIndex(b)]
            var parts: [String] = []
            if t.queued > 0 {
                parts.append("\(t.queued) connections waited, " + ReportFormat.seconds(t.waitSeconds / Double(t.queued)) + " each on average")
            }
            if t.refused > 0 { parts.append("\(t.refused) connections refused") }
            return parts
        }
        return b.heldBack.map { h in
            let w = run.workloads[h.workload]
            let noun = TextReport.noun(w.kind)
            guard h.entities > 0 else { return "\(h.name): slowed a little (the main hold-up for none of its \(noun))" }
            return "\(h.name): \(h.entities) of \(w.entities) \(noun), held back "
                + ReportFormat.seconds(h.flowSeconds / Double(h.entities)) + " each"
        }
    }

    static func sessionIndex(_ b: Bottleneck) -> Int {
        if case .sessionTable(let i) = b.source { return i }
        return 0
    }
}
