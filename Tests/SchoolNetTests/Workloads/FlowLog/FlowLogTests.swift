import Testing
@testable import SchoolNet

/// Hand-computable replays on one bottleneck (the 100 Mbps access line of
/// ``FlowLogTestSupport``; one-way propagation p = 10 ms). Times compare within 1 µs (the
/// kernel rounds to nanoseconds).
@Suite struct FlowLogTests {
    let p = 0.010

    /// Two flows from t = 0 on one 100 Mbps link, pure fluid: max-min gives each 50 Mbps,
    /// so 1 MB finishes at p + 8 Mb / 50 Mbps = p + 0.16 s; the 2 MB flow then has the
    /// link alone for its last 1 MB: p + 0.16 + 0.08 = p + 0.24 s. Alone they would take
    /// p + 0.08 and p + 0.16 s.
    @Test(arguments: [true, false]) func twoFlowsShareOneLinkMaxMin(scenarioFluid: Bool) throws {
        // Either the scenario's tcp.fluid or the log's own "fluid": the same pure fluid model.
        let settings = #""file": "log.csv""# + (scenarioFluid ? "" : #", "fluid": true"#)
        let s = try FlowLogTestSupport.scenario(csv: "start,src,dst,bytes\n0,office,es,1000000\n0,office,es,2000000\n",
                                                settings: settings, fluid: scenarioFluid)
        let (report, done, _) = FlowLogTestSupport.run(s)
        #expect(done.map(\.line) == [2, 3])
        #expect(abs(done[0].finished.seconds - (p + 0.16)) < 1e-6)
        #expect(abs(done[1].finished.seconds - (p + 0.24)) < 1e-6)
        #expect(abs(done[0].alone - (p + 0.08)) < 1e-9 && abs(done[1].alone - (p + 0.16)) < 1e-9)
        #expect(FlowLogTestSupport.metric(report, "flows") == 2 && FlowLogTestSupport.metric(report, "rows_unmapped") == 0)
    }

    /// A 1 MB flow with a 10 Mbps ceiling on the 100 Mbps link: p + 8 Mb / 10 Mbps = p + 0.8 s,
    /// which is also its time alone (slowdown 1).
    @Test func ceilingBinds() throws {
        let s = try FlowLogTestSupport.scenario(csv: "start,src,dst,bytes,maxRate\n2.5,office,es/1-1/1,1000000,10 Mbps\n")
        let (report, done, _) = FlowLogTestSupport.run(s)
        #expect(done.count == 1)
        #expect(abs(done[0].requested.seconds - 2.5) < 1e-9)
        #expect(abs((done[0].finished - done[0].requested).seconds - (p + 0.8)) < 1e-6)
        #expect(abs((FlowLogTestSupport.metric(report, "slowdown_p50") ?? 0) - 1) < 0.01)
    }

    /// A classroom storm: 5 devices fetch 3, 1, 5, 2, 4 MB at once through the 100 Mbps link
    /// (12.5 MB/s). Processor sharing finishes them smallest first, at
    /// t₁ = 5·1/12.5 = 0.40, t₂ = t₁ + 4·1/12.5 = 0.72, t₃ = 0.96, t₄ = 1.12, t₅ = 1.20 s (+ p).
    @Test func classroomStormIsProcessorSharing() throws {
        let csv = "start,src,dst,bytes\n" + [3, 1, 5, 2, 4].map { "0,office,es/1-1,\($0 * 1_000_000)" }.joined(separator: "\n") + "\n"
        let (_, done, sim) = FlowLogTestSupport.run(try FlowLogTestSupport.scenario(csv: csv))
        // Rows go to the class's devices round-robin: line 2 → device 1, …, line 6 → device 5.
        #expect(done.map { sim.network.topology.nodes[$0.destination.index].name } == ["es/1-1/2", "es/1-1/4", "es/1-1/1", "es/1-1/5", "es/1-1/3"])
        #expect(done.map(\.line) == [3, 5, 2, 6, 4])
        for (c, t) in zip(done, [0.40, 0.72, 0.96, 1.12, 1.20]) { #expect(abs(c.finished.seconds - (p + t)) < 1e-6, "line \(c.line)") }
    }

    /// With TCP terms on, a lone flow's time matches the closed form of `TCPParameters`
    /// (3 set-up RTTs, then slow start from IW10 until the window rate passes 100 Mbps): its
    /// slowdown is 1 within the queueing delay its own load adds to RTTs (< 2 %).
    @Test func loneTCPFlowHasSlowdownOne() throws {
        let s = try FlowLogTestSupport.scenario(csv: "start,src,dst,bytes\n0,office,es,5000000\n", fluid: false)
        let (_, done, _) = FlowLogTestSupport.run(s)
        let t = (done[0].finished - done[0].requested).seconds
        #expect(abs(t / done[0].alone - 1) < 0.02, "took \(t) s, alone \(done[0].alone) s")
    }

    /// Rows out of order within the tolerance are replayed in time order.
    @Test func reordersWithinTolerance() throws {
        let csv = "start,src,dst,bytes\n1.0,office,es,1000\n0.5,office,es,1000\n1.2,office,es,1000\n"
        let (_, done, _) = FlowLogTestSupport.run(try FlowLogTestSupport.scenario(csv: csv))
        #expect(done.map(\.line) == [3, 2, 4])
    }

    /// Replaying the same log twice gives identical reports (and ISO times work).
    @Test func replayIsDeterministic() throws {
        var csv = "start,src,dst,bytes,service\n"
        for i in 0..<200 {
            csv += "2024-06-11T09:00:\(String(format: "%02d", i / 10)).\(i % 10)00+09:00,office,es/1-1,\(50_000 + 7_919 * i),\(i % 3 == 0 ? "video" : "")\n"
        }
        let s = try FlowLogTestSupport.scenario(csv: csv)
        let a = FlowLogTestSupport.run(s).report, b = FlowLogTestSupport.run(s).report
        #expect(String(describing: a) == String(describing: b))
        #expect(FlowLogTestSupport.metric(a, "flows") == 200)
        #expect(a.metrics.contains { $0.key == "service:video:time_p95" } && a.metrics.contains { $0.key == "school:es:slowdown_p95" })
    }
}
