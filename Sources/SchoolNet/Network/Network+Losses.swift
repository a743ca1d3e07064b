import Foundation

/// Packet losses of short transfers at full drop-tail buffers: what they add to a
/// transfer's time (``Network``'s "Losses").
///
/// **Model** (p = ``Network/roundLossProbability(_:rt:)``, the probability that one packet
/// of the route meets a full drop-tail buffer, solved only when a draw needs more than its
/// bounds; RTO = the retransmission timeout of the moment, RFC 6298):
/// - *Set-up and request rounds* (DNS, SYN, TLS, request): a lost round costs an RTO —
///   1 s before the connection's first RTT sample (§2.1), max(1 s, 3 × RTT) after it
///   (§2.2, §2.4) — and doubles it at each further loss of the same round (§5.5), up to 60 s.
/// - *The body's tail*: the last three segments of a transfer (fewer if it has fewer) have
///   no three later segments to raise duplicate ACKs (RFC 5681 §3.2; RFC 6675's DupThresh
///   of 3), so a lost one is repaired only by the RTO, doubling the same way.
/// - *The body's slow-start rounds*: a round whose other segments meet a loss is repaired
///   by fast retransmit and recovery, one round trip later (RFC 5681 §3.2, RFC 6675: all
///   the round's losses in one recovery); a lost retransmission waits for the RTO. Rounds
///   are counted with the window growing from the initial window as in slow start, up to
///   the fair-share window of the saturated resource: past it the flow's losses are in its
///   fair share (the window's reductions), not extra time.
/// The delay is charged before the body starts: the completion time is what it changes.
///
/// **Validated by**: `ManyFlowsReferenceTests` (ns-3 3.44, Reference/ns3-manyflows/) and
/// `BufferbloatReferenceTests` (Reference/ns3-bufferbloat/).
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
        let n = Int((bytes[t] / Double(copies[t]) / segment).rounded(.up))
        let tail = min(n, Self.duplicateThreshold)
        for _ in 0..<tail { delay += timeouts(first: sampledRTO, odds: &odds) }
        // Slow-start rounds of the rest, up to the fair-share window.
        let fairWindow = fairBytes / segment
        var left = Double(n - tail)
        var window = Double(tcp.initialWindow.bytes) / segment
        let growth = 1 + 1 / Double(max(1, tcp.segmentsPerAck))
        // A round of n segments loses none with probability eⁿˡᵒᵍ⁽¹⁻ᵖ⁾, which rises with p:
        // the bounds of p decide a draw unless it falls between their round probabilities.
        var logLo = log1p(-odds.lo), logHi = log1p(-odds.hi)
        while left > 0 && window <= max(fairWindow, Double(tcp.initialWindow.bytes) / segment) {
            let sent = min(window, left)
            let u = lossStream.nextUnit()
            var lost = false
            if u < -expm1(sent * logHi) {
                lost = odds.exact || u < -expm1(sent * logLo)  // exact: the bounds are one value
                if !lost && !odds.exact {
                    resolve(&odds)
                    (logLo, logHi) = (log1p(-odds.lo), log1p(-odds.hi))
                    lost = u < -expm1(sent * logLo)
                }
            }
            if lost {
                delay += rt
                delay += timeouts(first: sampledRTO, odds: &odds)
                (logLo, logHi) = (log1p(-odds.lo), log1p(-odds.hi))
            }
            left -= sent
            window *= growth
        }
        return delay
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
