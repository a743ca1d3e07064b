import Foundation

/// Packet losses of short transfers at full drop-tail buffers: what they add to a
/// transfer's time (``Network``'s "Losses").
///
/// **Model** (p = ``Network/roundLossProbability(_:rt:)``, the probability that a packet
/// of the route meets a full drop-tail buffer — the rate equation's loss indications —
/// solved only when a draw needs more than its bounds; RTO = the retransmission timeout of
/// the moment, RFC 6298):
/// - *Set-up and request rounds* (DNS, SYN, TLS, request): a lost round costs an RTO —
///   1 s before the connection's first RTT sample (§2.1), max(1 s, 3 × RTT) after it
///   (§2.2, §2.4) — and doubles it at each further loss of the same round (§5.5), up to 60 s.
/// - *The body* is sent in rounds of a window that grows from the initial window as in
///   slow start until the first round that meets a loss, or until it passes the fair-share
///   window of the saturated resource. Losses are correlated within a round as a full
///   drop-tail buffer makes them: the segments before the first lost one arrive, the rest
///   of the round is lost with it (Padhye et al.'s loss model, §2 of the paper whose rate
///   equation gives p; used for short transfers by Cardwell, Savage and Anderson;
///   REFERENCES.md §10). The lost segments are repaired by fast retransmit and recovery,
///   one round trip, when the ACKs of the segments that arrived release at least DupThresh
///   (3) new segments whose duplicate ACKs announce the loss (RFC 5681 §3.2, RFC 6675),
///   and by the RTO otherwise — a loss early in a round, or in the transfer's last round,
///   which has no segments after it; a lost retransmission waits for the RTO, doubling.
/// - *After slow start* the flow holds its fair share, whose window reductions and timeouts
///   the rate equation already counts; its last round — the rest when the window reached
///   holds it, else a fair-share window — still loses its tail to the RTO when it meets a
///   loss.
/// The delay is charged before the body starts: the completion time is what it changes.
/// Not modelled: the extra round trips of the slow start that follows an RTO.
///
/// **Validated by**: `ManyFlowsReferenceTests` (ns-3 3.44, Reference/ns3-manyflows/: 30 kB
/// exchanges behind 50 to 300 bulk downloads; mean within 20 % of the recorded sample
/// behind 1,000-packet buffers at 20 and 100 Mbps, ns-3's own runs spreading by up to 13 %;
/// worst errors −46.5 % (mean) and −76.1 % (p95), behind buffers of one bandwidth-delay
/// product and at 150 Mbps with 300 flows, where ns-3's nearly full buffer overflows under
/// a new connection's bursts) and `BufferbloatReferenceTests` (Reference/ns3-bufferbloat/).
/// An ablation with independent losses in place of the round's has worst errors of −59.5 %
/// and −79.5 % on the same table.
extension Network {
    /// DupThresh: segments after a lost one that let fast retransmit repair it (RFC 6675).
    static let duplicateThreshold = 3

    /// Delay of the lost set-up rounds and body segments of transfer `t`, seconds, drawn
    /// from the network's loss stream; `rounds` set-up and request rounds, the first
    /// `unsampled` of them before an RTT sample; `odds` the probability that a packet of
    /// the route is lost (``LossOdds``, made exact if a draw needs it); `fairWindow` the
    /// window, bytes, that the smallest fair share of a saturated drop-tail resource on its
    /// route allows in a round trip `rt` (infinite if none is saturated).
    mutating func lossDelay(_ t: Int, rounds: Int, unsampled: Int, odds: inout LossOdds, rt: Double,
                            fairWindow fairBytes: Double) -> Double {
        let sampledRTO = max(tcp.minimumRTO.seconds, 3 * rt)
        var delay = 0.0
        for k in 0..<rounds {
            delay += timeouts(first: k < unsampled ? tcp.initialRTO.seconds : sampledRTO, odds: &odds)
        }
        guard bytes[t].isFinite, tcp.slowStart else { return delay }
        let segment = Double(tcp.segmentSize.bytes)
        var left = (bytes[t] / Double(copies[t]) / segment).rounded(.up)
        var window = Double(tcp.initialWindow.bytes) / segment
        let growth = 1 + 1 / Double(max(1, tcp.segmentsPerAck))
        let fairWindow = max(1, fairBytes / segment)
        let slowStartEnd = max(fairWindow, window)
        var keep = KeepLogs(odds)
        // Slow start until the first round that meets a loss, or past the fair-share window.
        while left > 0 {
            let sent = min(window, left)
            left -= sent
            if let released = firstLossReleases(lossStream.nextUnit(), among: sent, left: left, growth: growth,
                                                odds: &odds, keep: &keep) {
                delay += recovery(released: released, rt: rt, rto: sampledRTO, odds: &odds)
                keep = KeepLogs(odds)
                break
            }
            window *= growth
            if window > slowStartEnd { break }
        }
        guard left > 0 else { return delay }
        // Held to its fair share from here (the rate counts its losses); its last round — the
        // rest if the window reached holds it, else a fair-share window — loses its tail to the RTO.
        let last = left <= window ? left : min(left, fairWindow)
        if firstLossReleases(lossStream.nextUnit(), among: last, left: 0, growth: growth, odds: &odds, keep: &keep) != nil {
            delay += recovery(released: 0, rt: rt, rto: sampledRTO, odds: &odds)
        }
        return delay
    }

    /// log(1 − p) at the bounds of ``LossOdds`` (a segment arrives with probability 1 − p),
    /// computed once per transfer and again when the odds are made exact.
    struct KeepLogs {
        var lo: Double, hi: Double
        init(_ odds: LossOdds) { (lo, hi) = (log1p(-odds.lo), log1p(-odds.hi)) }
    }

    /// The uniform draw `u` of a round of `sent` segments: nil if none meets a full buffer,
    /// else the new segments released by the ACKs of those before the first lost one (the
    /// rest of the round is lost with it): at most `left`, the segments not yet sent, and
    /// `growth` per segment that arrived. The position of the first loss is the smallest j
    /// with 1 − (1 − p)ʲ above the draw; the bounds of p (`keep`, their logs) decide unless
    /// they differ on whether the round is lost or on the side of DupThresh its releases
    /// fall, and then the odds are made exact and `keep` follows them.
    mutating func firstLossReleases(_ u: Double, among sent: Double, left: Double, growth: Double,
                                    odds: inout LossOdds, keep: inout KeepLogs) -> Double? {
        let l = log1p(-u)
        @inline(__always) func released(_ logKeep: Double) -> Double? {
            guard logKeep < 0 else { return nil }
            let before = (l / logKeep).rounded(.down)  // segments that arrive before the first lost one
            return before < sent ? min(left, before * growth) : nil
        }
        let early = released(keep.hi), late = released(keep.lo)
        if odds.exact || (early == nil) == (late == nil)
            && (early ?? 0 >= Double(Self.duplicateThreshold)) == (late ?? 0 >= Double(Self.duplicateThreshold)) {
            return early
        }
        resolve(&odds)
        keep = KeepLogs(odds)
        return released(keep.lo)
    }

    /// The delay of repairing a round whose first loss is followed by `released` new
    /// segments: fast retransmit and recovery (one round trip `rt`) when they reach
    /// DupThresh, else the retransmission timeout `rto`; a lost retransmission then waits
    /// for the RTO, doubling.
    mutating func recovery(released: Double, rt: Double, rto: Double, odds: inout LossOdds) -> Double {
        if released >= Double(Self.duplicateThreshold) { return rt + timeouts(first: rto, odds: &odds) }
        roundsLost += 1
        return rto + timeouts(first: min(2 * rto, tcp.maximumRTO.seconds), odds: &odds)
    }

    /// The timeouts one packet waits for while it and its retransmissions are lost, the
    /// timeout doubling from `first` up to the maximum RTO.
    mutating func timeouts(first: Double, odds: inout LossOdds) -> Double {
        var rto = first, delay = 0.0
        while isLost(lossStream.nextUnit(), odds: &odds) {
            delay += rto
            rto = min(2 * rto, tcp.maximumRTO.seconds)
            roundsLost += 1
        }
        return delay
    }
}
