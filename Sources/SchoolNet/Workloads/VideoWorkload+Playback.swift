/// Playback accounting and the report of the video workload.
extension VideoWorkload {
    /// Advances player `p`'s playback clock to `now`: plays buffered content if playing
    /// (integrating the played bitrate and counting rung changes as segments begin), or
    /// adds the interval to the stall time if stalled after the first frame.
    ///
    /// - Parameters:
    ///   - p: the player.
    ///   - now: the time to account up to (not before the last accounting).
    /// - Complexity: O(segments played in the interval).
    func account(_ p: Int, to now: SimTime) {
        let d = configuration.segmentDuration.seconds
        let ladder = configuration.ladder
        withPlayer(p) { Self.account(&$0, to: now, segmentDuration: d, ladder: ladder) }
    }

    /// ``account(_:to:)`` on one player's state (reached once, in place).
    static func account(_ player: inout Player, to now: SimTime, segmentDuration d: Double, ladder: [DataRate]) {
        let dt = (now - player.accounted).seconds
        player.accounted = now
        guard dt > 0 else { return }
        if !player.playing {
            if player.started && !player.done { player.outcome.stalledSeconds += dt }
            return
        }
        var remaining = min(dt, max(0, buffer(of: player, segmentDuration: d)))
        player.outcome.playedSeconds += remaining
        let segments = player.fetched
        while remaining > 1e-12 {
            let k = min(Int((player.position + 1e-9) / d), segments - 1)
            if k > player.playingSegment {
                let rung = player.outcome.rungs[k]
                if k > 0 && rung != player.outcome.rungs[k - 1] { player.outcome.switches += 1 }
                player.playingSegment = k
                player.playingRung = rung
            }
            let step = min(remaining, Double(k + 1) * d - player.position)
            if step <= 1e-12 { break }  // rounding residue at the end of the buffer
            let rung = k == player.playingSegment ? player.playingRung : player.outcome.rungs[k]
            player.outcome.playedMegabits += ladder[rung].megabitsPerSecond * step
            player.position += step
            remaining -= step
        }
    }

    /// The video metrics (`startup_p95`, `rebuffer_ratio`, `mean_bitrate`,
    /// `switches_per_min`) and the delay ledger's ranking. Players whose session has not
    /// ended by the end of the run are accounted up to ``Simulation/endTime``.
    public func report(in sim: Simulation) -> WorkloadReport {
        var startups = QuantileSketch()
        var played = 0.0, stalled = 0.0, megabits = 0.0, switches = 0, failed = 0, gaveUp = 0
        for p in players.indices {
            if !players[p].done { account(p, to: min(sim.endTime, players[p].end)) }
            let o = players[p].outcome
            if let s = o.startup {
                startups.record(s)
            } else if players[p].pressed < players[p].end {
                startups.record((min(sim.endTime, players[p].end) - players[p].pressed).seconds)  // censored
            }
            played += o.playedSeconds
            stalled += o.stalledSeconds
            megabits += o.playedMegabits
            switches += o.switches
            failed += o.failedAttempts
            gaveUp += o.gaveUp ? 1 : 0
        }
        let watch = played + stalled
        let metrics = [
            Metric(key: "startup_p95", label: "Startup delay, 95th percentile", value: startups.quantile(0.95) ?? .nan,
                   unit: "s"),
            Metric(key: "rebuffer_ratio", label: "Time stalled, share of watch time",
                   value: watch > 0 ? 100 * stalled / watch : .nan, unit: "%"),
            Metric(key: "mean_bitrate", label: "Played bitrate, time average", value: played > 0 ? megabits / played : .nan,
                   unit: "Mbps", higherIsBetter: true),
            Metric(key: "switches_per_min", label: "Bitrate switches per minute watched",
                   value: watch > 0 ? Double(switches) / (watch / 60) : .nan, unit: "count"),
            Metric(key: "fragments_failed", label: "Segment attempts abandoned", value: Double(failed), unit: "count"),
            Metric(key: "gave_up", label: "Players stopped with an error", value: players.isEmpty ? .nan : 100 * Double(gaveUp) / Double(players.count),
                   unit: "%"),
        ]
        return WorkloadReport(name: name, kind: kind, entities: players.count, metrics: metrics, delayedBy: ledger.shares())
    }
}
