import Foundation

/// The machine-readable result: versioned JSON (`"schema": "schoolnet.result/1"`), keys
/// sorted, numbers rounded to fixed resolutions, so the same scenario and seed give
/// byte-identical files. Every field is documented in
/// `Sources/SchoolNet/Reports/JSONSchema.md`.
///
/// **Number rules:** times and seconds are rounded to the microsecond, fractions
/// (utilisation) to 10⁻⁶, metric values to 9 significant digits, bytes and bits/s to
/// whole numbers; NaN is `null`. Seeds are strings (a `UInt64` does not fit a JSON number
/// exactly). Utilisation time series are not in the JSON; they are in the CSV report.
///
/// **Validated by:** `ReportsTests.jsonIsByteIdenticalAcrossRuns`.
public enum JSONReport {
    /// The schema identifier written in every file; bumped on any incompatible change.
    public static let schema = "schoolnet.result/1"

    /// Renders a single run.
    ///
    /// - Parameter run: The run.
    /// - Returns: Pretty-printed JSON with sorted keys and a trailing newline.
    public static func render(_ run: RunResult) -> String { render(MultiRunResult(run)) }

    /// Renders replications of one scenario.
    ///
    /// - Parameter result: The replications.
    /// - Returns: Pretty-printed JSON with sorted keys and a trailing newline.
    public static func render(_ result: MultiRunResult) -> String {
        value(result).serialized(sortedKeys: true, pretty: true) + "\n"
    }

    /// The result as a JSON value (for callers that embed it, e.g. a comparison file).
    ///
    /// - Parameter result: The replications.
    /// - Returns: The top-level object.
    public static func value(_ result: MultiRunResult) -> JSONValue {
        let run = result.representative
        let clock = { (d: SimDuration) in JSONValue.string(ReportFormat.clock(d, from: run.clockStart)) }
        let (passed, judged) = result.targetTally
        return .object([
            ("schema", .string(schema)),
            ("scenario", .object([("name", .string(run.scenarioName)), ("description", .string(run.description))])),
            ("clock_start", clock(.zero)),
            ("period", .object([("start", clock(.zero)), ("end", clock(run.duration)),
                                ("seconds", micro(run.duration.seconds))])),
            ("bucket_seconds", micro(run.bucketWidth.seconds)),
            ("replications", .number(Double(result.replications))),
            ("seeds", .array(result.runs.map { .string(String($0.seed)) })),
            ("confidence_level", .number(0.95)),
            ("targets", .object([("set", .number(Double(judged))), ("passed", .number(Double(passed)))])),
            ("metrics", .array(result.metrics.map(metricSummary))),
            ("ranking_stability", .array(result.rankingStability.map {
                .object([("name", .string($0.name)), ("first", .number(Double($0.first))),
                         ("ranked", .number(Double($0.ranked)))])
            })),
            ("design_load", .array(result.designLoads.filter { $0.peak.contains { $0 > 0 } }.map(designLoadSummary))),
            ("runs", .array(result.runs.map(runValue))),
        ])
    }

    /// A resource's design load over the replications: each measure's mean, interval and
    /// per-run values.
    static func designLoadSummary(_ s: MultiRunResult.DesignLoadSummary) -> JSONValue {
        func measure(_ values: [Double], _ round: (Double) -> JSONValue) -> JSONValue {
            let (mean, interval) = MultiRunResult.DesignLoadSummary.summary(values)
            return .object([("mean", round(mean)), ("ci_half_width", optional(interval.map { round($0.halfWidth) })),
                            ("values", .array(values.map(round)))])
        }
        return .object([
            ("name", .string(s.resource.name)), ("group", .string(s.resource.group)),
            ("kind", .string(s.resource.kind.rawValue)), ("capacity_bps", whole(s.resource.capacity.bitsPerSecond)),
            ("window_seconds", micro(s.window.seconds)), ("peak_bps", measure(s.peak, whole)),
            ("p95_bps", measure(s.p95, whole)), ("peak_devices", measure(s.devices, sig)),
        ])
    }

    /// A run's design load of one resource (null when not measured).
    static func designLoadValue(_ d: DesignLoad?, clock: (SimDuration) -> JSONValue) -> JSONValue {
        guard let d else { return .null }
        return .object([
            ("window_seconds", micro(d.window.seconds)), ("peak_bps", whole(d.peak.bitsPerSecond)),
            ("peak_at", clock(d.peakAt)), ("p95_bps", whole(d.p95.bitsPerSecond)),
            ("peak_devices", .number(Double(d.peakDevices))),
        ])
    }

    static func metricSummary(_ s: MultiRunResult.MetricSummary) -> JSONValue {
        .object([
            ("workload", .string(s.workload)), ("workload_kind", .string(s.workloadKind)),
            ("key", .string(s.metric.key)), ("label", .string(s.metric.label)), ("unit", .string(s.metric.unit)),
            ("higher_is_better", .bool(s.metric.higherIsBetter)), ("target", optional(s.metric.target.map(sig))),
            ("mean", sig(s.mean)), ("ci_half_width", optional(s.interval.map { sig($0.halfWidth) })),
            ("values", .array(s.values.map(sig))), ("passed", optional(s.passed.map(JSONValue.bool))),
        ])
    }

    static func runValue(_ run: RunResult) -> JSONValue {
        let clock = { (d: SimDuration) in JSONValue.string(ReportFormat.clock(d, from: run.clockStart)) }
        let bottlenecks: [JSONValue] = run.bottlenecks.enumerated().map { i, b in
            var source = "resource"
            if case .sessionTable = b.source { source = "session_table" }
            return .object([
                ("rank", .number(Double(i + 1))), ("name", .string(b.name)), ("source", .string(source)),
                ("kind", .string(b.kind.rawValue)), ("delay_seconds", micro(b.delaySeconds)),
                ("first_saturated", optional(b.firstSaturated.map(clock))),
                ("saturated_seconds", micro(b.timeSaturated.seconds)), ("entities", .number(Double(b.entities))),
                ("held_back", .array(b.heldBack.map {
                    .object([("workload", .string($0.name)), ("flow_seconds", micro($0.flowSeconds)),
                             ("entities", .number(Double($0.entities)))])
                })),
                ("fix", .string(b.fix)), ("evidence", .string(b.evidence)),
            ])
        }
        let resources: [JSONValue] = run.resources.map { r in
            .object([
                ("name", .string(r.name)), ("group", .string(r.group)), ("kind", .string(r.kind.rawValue)),
                ("capacity_bps", whole(r.capacity.bitsPerSecond)), ("mean_utilisation", micro(r.meanUtilisation)),
                ("peak_utilisation", micro(r.peakUtilisation)), ("peak_at", clock(r.peakAt)),
                ("saturated_seconds", micro(r.timeSaturated.seconds)),
                ("first_saturated", optional(r.firstSaturated.map(clock))),
                ("peak_flows", .number(Double(r.peakFlows))), ("limited_flow_seconds", micro(r.limitedFlowSeconds)),
                ("limited_flow_seconds_by_workload", .array(r.limitedFlowSecondsByWorkload.map(micro))),
                ("limited_bytes", whole(r.limitedBytes)), ("design_load", designLoadValue(r.designLoad, clock: clock)),
                ("full_buffer_delay", optional(r.fullBufferDelay.map(micro))),
                ("ack_load_bps", optional(r.acknowledgements.map { whole($0.load.bitsPerSecond) })),
            ])
        }
        let tables: [JSONValue] = run.sessionTables.map { t in
            .object([
                ("name", .string(t.name)), ("node_kind", .string(t.nodeKind)), ("limit", .number(Double(t.limit))),
                ("policy", .string(t.policy)), ("peak", .number(Double(t.peak))),
                ("queued", .number(Double(t.queued))), ("refused", .number(Double(t.refused))),
                ("wait_seconds", micro(t.waitSeconds)),
            ])
        }
        let workloads: [JSONValue] = run.workloads.map { w in
            .object([
                ("name", .string(w.name)), ("kind", .string(w.kind)), ("entities", .number(Double(w.entities))),
                ("metrics", .array(w.metrics.map { m in
                    .object([("key", .string(m.key)), ("label", .string(m.label)), ("value", sig(m.value)),
                             ("unit", .string(m.unit)), ("higher_is_better", .bool(m.higherIsBetter)),
                             ("target", optional(m.target.map(sig))), ("passed", optional(m.passed.map(JSONValue.bool)))])
                })),
                ("delayed_by", .array(w.delayedBy.map { d in
                    .object([("resource", .string(run.resources[d.resource.index].name)),
                             ("entities", .number(Double(d.entities))), ("seconds", micro(d.seconds))])
                })),
            ])
        }
        return .object([
            ("seed", .string(String(run.seed))), ("events", .number(Double(run.eventsProcessed))),
            ("bottlenecks", .array(bottlenecks)), ("resources", .array(resources)),
            ("session_tables", .array(tables)), ("workloads", .array(workloads)),
        ])
    }

    /// Rounded to 10⁻⁶ (microseconds for seconds; parts per million for fractions).
    static func micro(_ x: Double) -> JSONValue { x.isFinite ? .number((x * 1e6).rounded() / 1e6) : .null }

    /// Rounded to a whole number.
    static func whole(_ x: Double) -> JSONValue { x.isFinite ? .number(x.rounded()) : .null }

    /// Rounded to 9 significant digits (metric values of any magnitude).
    static func sig(_ x: Double) -> JSONValue {
        guard x.isFinite else { return .null }
        guard x != 0 else { return .number(0) }
        var scale = 1.0
        let exponent = 8 - Int(floor(log10(abs(x))))
        for _ in 0..<abs(exponent) { scale *= 10 }
        return .number(exponent >= 0 ? (x * scale).rounded() / scale : (x / scale).rounded() * scale)
    }

    static func optional(_ v: JSONValue?) -> JSONValue { v ?? .null }
}
