import Testing
@testable import SchoolNet

/// Clients that give up as real ones do, and metrics that count their failures: CBT answers
/// lost and stalled requests, a video player stopping with an error, a conference stream
/// dropping out of the call.
@Suite struct GiveUpTests {
    /// TCP terms without the ACK load: these cases time the give-up timers on lines of
    /// 1 Gbps down and 5 Mbps or 100 kbps up, where the downloads' ACKs would take the
    /// uplink during the logins and item downloads and move the hand-computed instants
    /// (`AckLoadTests` and the speaking-test scenario cover the ACK load).
    static var withoutAckLoad: TCPParameters {
        var tcp = TCPParameters()
        tcp.ackLoad = false
        return tcp
    }

    /// Two classes of five on their own access lines to one server: class A's uplink is
    /// 100 Mbps, class B's 5 Mbps (5 ms one way each). Every student records 1 MB (8 Mbit)
    /// after a constant 30 s think; no jitter, so each class uploads at the same instant.
    /// Class A: 5 × 8 Mbit / 100 Mbps = 0.4 s (plus slow start) — saved. Class B:
    /// 5 × 8 Mbit / 5 Mbps = 8 s > the 5 s timeout, and the uploads share the line equally,
    /// so all five are abandoned at 5 s; with no retry, five recordings are lost. The submit
    /// (10 kB) then succeeds for everyone.
    ///
    /// Expected: lost_answers 5, students_lost_answers 50 %, lost_answer_ratio 50 %,
    /// completion_rate 50 % (submitted, but half with a lost answer), students_not_submitted
    /// 0 %, failed_uploads 5, timeouts 5; upload_p95 counts the five give-ups at 5 s (20
    /// samples: 5 recordings saved < 1 s, 10 submits < 1 s, 5 give-ups at 5.000 s, so the
    /// 95th percentile is a give-up: 5 s within the sketch's 0.5 %).
    @Test func lostAnswersOnTheSlowUplinkAreCountedPerStudent() {
        var t = Topology()
        let server = t.addNode("server", kind: .service)
        var classes: [[NodeID]] = []
        for (name, up) in [("a", 100.0), ("b", 5.0)] {
            let sw = t.addNode("switch-\(name)", kind: .switch)
            t.addDuplexLink("access-\(name)", lower: sw, upper: server, up: .megabitsPerSecond(up),
                            down: .gigabitsPerSecond(1), propagation: .milliseconds(5))
            classes.append((0..<5).map { i in
                let d = t.addNode("\(name)-\(i)", kind: .device)
                t.addDuplexLink("nic-\(name)-\(i)", lower: d, upper: sw, up: .gigabitsPerSecond(1), down: .gigabitsPerSecond(1))
                return d
            })
        }
        var c = CBTWorkloadTests.speaking(think: 30)
        c.timeout = .seconds(5)
        c.retries = 0
        c.autosaveEvery = .zero
        let sessions = [CBTWorkloadTests.session("6-1", classes[0]), CBTWorkloadTests.session("6-2", classes[1])]
        let (sim, cbt) = CBTWorkloadTests.run(t, sessions: sessions, server: server, config: c, tcp: Self.withoutAckLoad)
        let r = cbt.report(in: sim)
        print("CBT give-up: lost \(r["lost_answers"]), students lost \(r["students_lost_answers"]) %,",
              "completion \(r["completion_rate"]) %, upload_p95 \(r["upload_p95"]) s")
        #expect(r["lost_answers"] == 5)
        #expect(r["students_lost_answers"] == 50)
        #expect(r["lost_answer_ratio"] == 50)
        #expect(r["completion_rate"] == 50)
        #expect(r["students_not_submitted"] == 0)
        #expect(r["failed_uploads"] == 5 && r["timeouts"] == 5 && r["stalls"] == 0)
        #expect(abs(r["upload_p95"] - 5) / 5 < 0.006, "upload_p95 \(r["upload_p95"]) s")
        #expect(cbt.outcomes.prefix(5).allSatisfy { $0.lostAnswers == 0 && $0.submitted })
        #expect(cbt.outcomes.suffix(5).allSatisfy { $0.lostAnswers == 1 && $0.submitted && $0.failedUploads == 1 })
    }

    /// The same with the window closing during the retry wait: a request cut by the window
    /// counts as given up, so nobody submits and every answer is lost. One student, a 1 MB
    /// recording on a 1 Mbps uplink (8 s), timeout 5 s, 1 retry after a 100 s backoff,
    /// window 60 s: the recording starts at 30 s, is abandoned at 35 s, and the window
    /// closes at 60 s before the retry. Expected: lost 1, not submitted 100 %, completion
    /// 0 %, failed_uploads 1, upload_p95 = 35 − 30 + (60 − 35) = 30 s (the request's time
    /// from its first attempt to the close).
    @Test func windowCloseCountsTheRequestAsGivenUp() {
        let (t, devices, server, _) = CBTWorkloadTests.school(students: 1, up: .megabitsPerSecond(1), down: .gigabitsPerSecond(1))
        var c = CBTWorkloadTests.speaking(think: 30)
        c.timeout = .seconds(5)
        c.retries = 1
        c.backoff = .seconds(100)
        c.autosaveEvery = .zero
        let session = ActivitySession(label: "6-1", school: "school", classroom: "6-1", devices: devices, start: .zero,
                                      end: .seconds(60))
        let (sim, cbt) = CBTWorkloadTests.run(t, sessions: [session], server: server, config: c)
        let r = cbt.report(in: sim)
        #expect(r["lost_answers"] == 1 && r["students_not_submitted"] == 100 && r["completion_rate"] == 0)
        #expect(r["failed_uploads"] == 1)
        // The recording starts after login and the item download (< 0.1 s) plus 30 s of thought.
        #expect(r["upload_p95"] > 29.7 && r["upload_p95"] < 30.2, "upload_p95 \(r["upload_p95"]) s")
    }

    /// A proxy with one session that queues, every request on its own connection: two
    /// students record 1 MB on a 100 kbps uplink at the same instant (t ≈ 30 s). The first
    /// holds the session for 80 s and makes progress all along (the 200 s timeout is not
    /// reached); the second waits for the session without a byte and is abandoned as
    /// stalled at the 20 s stall timeout; with no retry its recording is lost. Its submit
    /// then waits for the first student's session (until ≈ 110 s) and stalls too: it could
    /// not submit. Expected: stalls 2, timeouts 2, lost 1, students_not_submitted 50 %.
    /// With the stall timer off the second waits its turn (80 s), uploads (80 s) and saves
    /// at ≈ 190 s, inside the 200 s timeout: nothing lost.
    @Test func waitingWithoutProgressStalls() {
        let (t, devices, server, _) = CBTWorkloadTests.school(students: 2, up: .kilobitsPerSecond(100),
                                                              down: .gigabitsPerSecond(1),
                                                              proxy: SessionLimit(capacity: 1, policy: .queue))
        var c = CBTWorkloadTests.speaking(think: 30, reuse: false)
        c.timeout = .seconds(200)
        c.stallTimeout = .seconds(20)
        c.retries = 0
        c.autosaveEvery = .zero
        let (sim, cbt) = CBTWorkloadTests.run(t, sessions: [CBTWorkloadTests.session("6-1", devices)], server: server, config: c,
                                              tcp: Self.withoutAckLoad)
        let r = cbt.report(in: sim)
        print("CBT stall: stalls \(r["stalls"]), timeouts \(r["timeouts"]), lost \(r["lost_answers"])")
        #expect(r["stalls"] == 2 && r["timeouts"] == 2 && r["lost_answers"] == 1)
        #expect(r["students_not_submitted"] == 50 && r["completion_rate"] == 50)
        #expect(cbt.outcomes.filter { $0.lostAnswers == 0 && $0.submitted }.count == 1)
        c.stallTimeout = .zero
        let (sim2, cbt2) = CBTWorkloadTests.run(t, sessions: [CBTWorkloadTests.session("6-1", devices)], server: server, config: c,
                                                tcp: Self.withoutAckLoad)
        let r2 = cbt2.report(in: sim2)
        print("CBT no stall timer: stalls \(r2["stalls"]), lost \(r2["lost_answers"]), completion \(r2["completion_rate"]) %")
        #expect(r2["stalls"] == 0 && r2["lost_answers"] == 0 && r2["completion_rate"] == 100)
    }

    /// One player on a 100 kbps downlink: the first segment (0.7 Mbps × 4 s = 350 kB) needs
    /// 28 s, longer than a 5 s load timeout. Each attempt is abandoned at 5 s and retried at
    /// once; after 2 retries (3 attempts, 15 s) the player stops with an error. Expected:
    /// fragments_failed 3, gave_up 100 %, no startup.
    @Test func videoPlayerGivesUpAfterItsRetries() {
        let bed = WorkloadTestbed(devices: 1, up: .megabitsPerSecond(100), down: .kilobitsPerSecond(100),
                                  propagation: .milliseconds(5))
        var c = VideoWorkload.Configuration()
        c.loadTimeout = .seconds(5)
        c.fragmentRetries = 2
        let video = VideoWorkload(name: "video", configuration: c, sessions: [bed.session(end: .minutes(2))], services: bed.services)
        let report = bed.run(video, until: .minutes(2))
        #expect(report["fragments_failed"] == 3)
        #expect(report["gave_up"] == 100)
        #expect(video.outcomes[0].startup == nil && video.outcomes[0].gaveUp)
    }

    /// 40 cameras of 2.6 Mbps on a 50 Mbps uplink freeze every second (1.25 Mbps each, see
    /// `ConferenceWorkloadTests.uplinkTooSmallFreezes`). With `dropAfter` 30 s and
    /// `rejoinAfter` 10 s in a 2-minute call, each camera drops at 30 s, rejoins at 40 s,
    /// drops at 70 s, rejoins at 80 s and drops at 110 s (the next rejoin, at 120 s, is the
    /// end of the call): 3 drops per camera, 120 in all; the display's stream never drops.
    /// The time away counts as frozen: every camera-second stays frozen.
    @Test func frozenConferenceStreamsDropAndRejoin() {
        let (w, report) = ConferenceWorkloadTests.run(up: .megabitsPerSecond(50), oneWay: .milliseconds(10),
                                                      dropAfter: .seconds(30))
        print("Conference drops: \(report["drops"]), freeze \(report["freeze_ratio"]) %")
        #expect(report["drops"] == 120)
        #expect(w.outcomes.filter(\.upstream).allSatisfy { $0.drops == 3 && abs($0.frozenSeconds - $0.seconds) < 1e-6 })
        #expect(w.outcomes.filter { !$0.upstream }.allSatisfy { $0.drops == 0 })
    }

    /// When every device also receives the call (two streams per participant), a dropped
    /// camera's delay is recorded for its participant, not at its stream's index (which
    /// runs past the participants): the run completes, 40 participants are reported, and
    /// the uplink held back at most all of them.
    @Test func droppedStreamsOfATwoWayCallCountPerParticipant() {
        let bed = WorkloadTestbed(devices: 41, up: .megabitsPerSecond(50), down: .gigabitsPerSecond(1),
                                  propagation: .milliseconds(10))
        let session = ActivitySession(label: "remote", school: "s", classroom: "6-1", devices: Array(bed.devices.prefix(40)),
                                      teacherDevice: bed.devices[40], start: .zero, end: .zero + .minutes(2),
                                      startJitter: .constant(0))
        var c = ConferenceWorkload.Configuration()
        c.downlink = .everyDevice
        c.dropAfter = .seconds(30)
        let w = ConferenceWorkload(name: "remote class", configuration: c, sessions: [session], services: bed.services)
        let report = bed.run(w, until: .minutes(2), seed: 1)
        #expect(report["drops"] > 0)
        #expect(report.entities <= 41 && report.delayedBy.allSatisfy { $0.entities <= report.entities })
    }
}
