/// The per-student state machine: events, transfer completions, timeouts and retries.
extension CBTWorkload {
    /// Handles one of the workload's events (see ``Code``).
    public func handle(_ e: WorkloadEvent, in sim: Simulation) {
        let s = Int(e.entity)
        guard students[s].phase != .done, let code = Code(rawValue: e.code) else { return }
        switch code {
        case .begin:
            students[s].loginStart = sim.now
            if configuration.loginRoundTrips > 0 {
                begin(s, .login, in: sim)
            } else {
                startDelivery(s, in: sim)
            }
        case .timeout:
            guard e.aux == students[s].fgSerial, let t = students[s].fg else { return }
            if let next = nextCheck(s, t, in: sim) {
                students[s].fgTimer = sim.schedule(event(s, .timeout, aux: students[s].fgSerial), at: next)
                return
            }
            sim.stop(t)
            students[s].fg = nil
            students[s].outcome.timeouts += 1
            failed(s, in: sim)
        case .retry:
            sendForeground(s, in: sim)
        case .thinkDone:
            answer(s, in: sim)
        case .autosaveTick:
            if students[s].auto == nil { sendAutosave(s, in: sim) }
            sim.schedule(event(s, .autosaveTick), after: configuration.autosaveEvery)
        case .autosaveTimeout:
            guard e.aux == students[s].autoSerial, let t = students[s].auto else { return }
            sim.stop(t)
            students[s].auto = nil
            students[s].outcome.timeouts += 1
            setConnected(s, services.cbtServer, false)
        case .windowClose:
            // A request in flight or waiting for its retry is given up at the close.
            if students[s].phase != .thinking && students[s].phase != .waiting { recordGiveUp(s, in: sim) }
            end(s, submitted: false, in: sim)
        }
    }

    /// Told when one of its transfers finished; `tag` is `student << 1 | slot` (slot 1 is
    /// the autosave).
    public func transferFinished(_ o: TransferOutcome, tag: Int64, in sim: Simulation) {
        let s = Int(tag >> 1)
        ledger.record(o, entity: s)
        if tag & 1 == 1 {
            guard students[s].auto == o.transfer else { return }
            sim.cancel(students[s].autoTimer!)
            students[s].auto = nil
            students[s].savedText = max(students[s].savedText, students[s].autoCovers)
            return
        }
        guard students[s].fg == o.transfer else { return }
        sim.cancel(students[s].fgTimer!)
        students[s].fg = nil
        setConnected(s, server(for: students[s].phase), true)
        let elapsed = (sim.now - students[s].requestStart).seconds
        switch students[s].phase {
        case .login:
            students[s].step += 1
            if students[s].step < configuration.loginRoundTrips {
                begin(s, .login, in: sim)
            } else {
                let t = (sim.now - students[s].loginStart).seconds
                students[s].outcome.loginSeconds = t
                loginTimes.record(t, count: Int(students[s].copies))
                startDelivery(s, in: sim)
            }
        case .delivery:
            itemTimes.record(elapsed, count: Int(students[s].copies))
            students[s].outcome.itemSeconds += elapsed
            let first = students[s].outcome.itemsDelivered == 0
            students[s].outcome.itemsDelivered += configuration.delivery == .pre ? configuration.items : 1
            show(s, firstItem: first, in: sim)
        case .answering:
            uploadTimes.record(elapsed, count: Int(students[s].copies))
            if configuration.isSpeaking(students[s].item) {
                students[s].savedSpeaking += 1
            } else {
                students[s].savedText = max(students[s].savedText, students[s].fgCovers)
            }
            nextItem(s, in: sim)
        case .submitting:
            uploadTimes.record(elapsed, count: Int(students[s].copies))
            students[s].savedText = max(students[s].savedText, students[s].fgCovers)
            end(s, submitted: true, in: sim)
        case .waiting, .thinking, .done:
            preconditionFailure("foreground transfer finished in phase \(students[s].phase)")
        }
    }

    // MARK: Steps

    /// Downloads the whole test (`pre`) or the current item (`perItem`).
    func startDelivery(_ s: Int, in sim: Simulation) {
        begin(s, .delivery, in: sim)
    }

    /// Shows the current item: draws its think time; starts autosave with the first item.
    func show(_ s: Int, firstItem: Bool, in sim: Simulation) {
        students[s].phase = .thinking
        let think = max(0, configuration.thinkTime.sample(using: &students[s].thinkRNG))
        students[s].outcome.thinkSeconds += think
        sim.schedule(event(s, .thinkDone), after: .seconds(think))
        if firstItem && configuration.autosaveEvery > .zero {
            sim.schedule(event(s, .autosaveTick), after: configuration.autosaveEvery)
        }
    }

    /// The think time is over: the answer is given; save it (or upload the recording).
    func answer(_ s: Int, in sim: Simulation) {
        students[s].outcome.answersGiven += 1
        if configuration.isSpeaking(students[s].item) {
            students[s].answeredSpeaking += 1
        } else {
            students[s].answeredText += 1
        }
        begin(s, .answering, in: sim)
    }

    /// Opens the next item, or submits after the last.
    func nextItem(_ s: Int, in sim: Simulation) {
        students[s].item += 1
        if students[s].item == configuration.items {
            begin(s, .submitting, in: sim)
        } else if configuration.delivery == .perItem {
            begin(s, .delivery, in: sim)
        } else {
            show(s, firstItem: false, in: sim)
        }
    }

    /// Starts a new foreground request for `phase`: draws its size, resets the attempts.
    func begin(_ s: Int, _ phase: Phase, in sim: Simulation) {
        let c = configuration
        let i = students[s].item
        let bytes: ByteCount
        switch phase {
        case .login:
            bytes = c.loginResponseSize
        case .delivery where c.delivery == .pre:
            var total = 0.0
            for k in 0..<c.items { total += itemBytes(s, k) }
            bytes = .bytes(Int64(total.rounded()))
        case .delivery:
            bytes = .bytes(Int64(itemBytes(s, i).rounded()))
        case .answering where c.isSpeaking(i):
            bytes = .bytes(Int64(max(1, c.speakingUploadSize.sample(using: &students[s].sizeRNG)).rounded()))
        case .answering:
            bytes = c.answerSize
        case .submitting:
            bytes = c.submitSize
        case .waiting, .thinking, .done:
            preconditionFailure("no request in phase \(phase)")
        }
        students[s].phase = phase
        students[s].requestBytes = bytes
        students[s].fgCovers = students[s].answeredText
        students[s].attempt = 0
        students[s].requestStart = sim.now
        sendForeground(s, in: sim)
    }

    /// Draws the size of item `k` of student `s`, bytes (at least 1).
    func itemBytes(_ s: Int, _ k: Int) -> Double {
        let d = configuration.isListening(k) ? configuration.listeningItemSize : configuration.itemSize
        return max(1, d.sample(using: &students[s].sizeRNG))
    }

    /// The server a foreground phase talks to.
    func server(for phase: Phase) -> NodeID {
        phase == .login ? services.identityProvider : services.cbtServer
    }

    /// Marks whether student `s` holds an open connection to `node`.
    func setConnected(_ s: Int, _ node: NodeID, _ value: Bool) {
        if node == services.identityProvider { students[s].connectedIdP = value }
        if node == services.cbtServer { students[s].connectedCBT = value }
    }

    /// Whether a request to `node` opens a new connection.
    func needsConnection(_ s: Int, _ node: NodeID) -> Bool {
        if !configuration.connectionReuse { return true }
        return node == services.identityProvider ? !students[s].connectedIdP : !students[s].connectedCBT
    }

    /// Sends one attempt of the current foreground request, with its timeout.
    func sendForeground(_ s: Int, in sim: Simulation) {
        let phase = students[s].phase
        let server = server(for: phase)
        let upload = phase == .answering || phase == .submitting
        let device = students[s].device
        students[s].attempt += 1
        students[s].fgSerial &+= 1
        let request = TransferRequest(from: upload ? device : server, to: upload ? server : device,
                                      bytes: students[s].requestBytes, newConnection: needsConnection(s, server),
                                      copies: Int(students[s].copies), tag: Int64(s) << 1)
        do {
            students[s].fg = try sim.start(request, for: Int(index))
            students[s].attemptStart = sim.now
            students[s].fgProgress = 0
            students[s].fgTimer = sim.schedule(event(s, .timeout, aux: students[s].fgSerial), at: firstCheck(from: sim.now))
        } catch {
            precondition(error != .noRoute, "CBT: no route between \(device) and \(server)")
            students[s].outcome.refusals += 1
            failed(s, in: sim)
        }
    }

    /// When an attempt started at `t` is first checked: after the stall timeout, or at the
    /// whole-request timeout if that comes first (or the stall timer is off).
    func firstCheck(from t: SimTime) -> SimTime {
        let c = configuration
        return t + (c.stallTimeout > .zero && c.stallTimeout < c.timeout ? c.stallTimeout : c.timeout)
    }

    /// At a check of the attempt `t` in flight: the time of the next check when the attempt
    /// may go on (it delivered bytes since the last check and is within its timeout), or
    /// nil when the client abandons it — stalled (no byte for `stallTimeout`) or over the
    /// whole-request `timeout`.
    func nextCheck(_ s: Int, _ t: TransferID, in sim: Simulation) -> SimTime? {
        let c = configuration
        let deadline = students[s].attemptStart + c.timeout
        guard deadline > sim.now, c.stallTimeout > .zero else { return nil }
        let delivered = sim.network.delivered(t, at: sim.now)
        guard delivered > students[s].fgProgress else {
            students[s].outcome.stalls += 1
            return nil
        }
        students[s].fgProgress = delivered
        return min(deadline, sim.now + c.stallTimeout)
    }

    /// Records a foreground request the client gave up on (attempts exhausted, or the
    /// window closed): its time so far counts in the percentiles of its kind, flagged by
    /// the failure counts.
    func recordGiveUp(_ s: Int, in sim: Simulation) {
        let elapsed = (sim.now - students[s].requestStart).seconds
        let k = Int(students[s].copies)
        switch students[s].phase {
        case .login:
            loginTimes.record((sim.now - students[s].loginStart).seconds, count: k)
            students[s].outcome.failedLogins += 1
        case .delivery:
            itemTimes.record(elapsed, count: k)
            students[s].outcome.failedItems += 1
        case .answering, .submitting:
            uploadTimes.record(elapsed, count: k)
            students[s].outcome.failedUploads += 1
        case .waiting, .thinking, .done:
            break
        }
    }

    /// A foreground attempt failed: retry after backoff on a new connection, or give up.
    func failed(_ s: Int, in sim: Simulation) {
        setConnected(s, server(for: students[s].phase), false)
        let attempt = students[s].attempt
        if attempt <= configuration.retries {
            let factor = 0.5 + students[s].retryRNG.nextUnit()
            let wait = configuration.backoff * (Double(1 << min(attempt - 1, 30)) * factor)
            sim.schedule(event(s, .retry), after: wait)
            return
        }
        recordGiveUp(s, in: sim)
        switch students[s].phase {
        case .answering:
            nextItem(s, in: sim)  // the answer stays unsaved
        default:
            end(s, submitted: false, in: sim)
        }
    }

    /// Sends an autosave carrying every text answer given so far (no retry).
    func sendAutosave(_ s: Int, in sim: Simulation) {
        let server = services.cbtServer
        students[s].autoSerial &+= 1
        students[s].autoCovers = students[s].answeredText
        let request = TransferRequest(from: students[s].device, to: server, bytes: configuration.autosaveSize,
                                      newConnection: needsConnection(s, server), copies: Int(students[s].copies),
                                      tag: Int64(s) << 1 | 1)
        do {
            students[s].auto = try sim.start(request, for: Int(index))
            students[s].autoTimer = sim.schedule(event(s, .autosaveTimeout, aux: students[s].autoSerial),
                                                 after: configuration.timeout)
        } catch {
            precondition(error != .noRoute, "CBT: no route between \(students[s].device) and \(server)")
            students[s].outcome.refusals += 1
            setConnected(s, server, false)
        }
    }

    /// Ends student `s`'s test: stops what is in flight and counts unsaved answers as lost.
    func end(_ s: Int, submitted: Bool, in sim: Simulation) {
        if let t = students[s].fg { sim.stop(t); sim.cancel(students[s].fgTimer!) }
        if let t = students[s].auto { sim.stop(t); sim.cancel(students[s].autoTimer!) }
        students[s].fg = nil
        students[s].auto = nil
        students[s].phase = .done
        let st = students[s]
        students[s].outcome.lostAnswers = (st.answeredText - st.savedText) + (st.answeredSpeaking - st.savedSpeaking)
        students[s].outcome.submitted = submitted
        students[s].outcome.finished = sim.now
    }
}
