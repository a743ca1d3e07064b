/// The time a transfer takes alone on the empty network: the denominator of a flow-log
/// row's slowdown.
///
/// **Model** (the closed forms of ``TCPParameters``, on an idle path: no queueing, so
/// RTT = 2 × one-way propagation, and the bottleneck C = min over hops of capacity ÷ the
/// hop's airtime factor):
/// - pure fluid (a request with `tcp: false`, or the scenario's `tcp: {"fluid": true}`):
///   propagation + S / min(C, ceiling);
/// - TCP: (k + 1)·RTT for set-up (k = DNS + handshake round trips on a new connection),
///   then slow start from the initial window, doubling each RTT while the window rate
///   cwnd/RTT is below both C and the ceiling; once it reaches either (TCP finds its fair
///   share on the first loss, or the application paces it) or the receive window, the rest
///   flows at min(C, ceiling, receiveWindow/RTT). This is what ``Network`` does on an idle
///   path, round by round.
///
/// **Validated by**: `FlowLogTests` (fluid: two flows on one link; ceiling binds;
/// replay of a lone TCP flow has slowdown 1).
extension FlowLogWorkload {
    /// Seconds a transfer of `bytes` takes alone.
    ///
    /// - Parameters:
    ///   - bytes: its size.
    ///   - bottleneck: min over its route of capacity ÷ factor.
    ///   - propagation: one-way propagation delay of its route.
    ///   - ceiling: its own rate ceiling (unlimited if none).
    ///   - tcp: the scenario's TCP terms.
    ///   - usesTCP: whether TCP terms apply to it.
    ///   - newConnection: whether it pays DNS and handshakes.
    /// - Returns: seconds from request to last byte.
    /// - Complexity: O(log(receiveWindow / initialWindow)) slow-start rounds.
    public static func aloneTime(bytes: ByteCount, bottleneck: DataRate, propagation: SimDuration, ceiling: DataRate,
                                 tcp: TCPParameters, usesTCP: Bool, newConnection: Bool) -> Double {
        let size = Double(bytes.bytes) * 8  // bits
        let c = min(bottleneck.bitsPerSecond, ceiling.bitsPerSecond)
        let prop = propagation.seconds
        let fluid = !usesTCP || (!tcp.slowStart && tcp.dnsRoundTrips == 0 && tcp.handshakeRoundTrips == 0)
        if fluid {
            let rtt = max(2 * prop, 1e-9)
            let window = usesTCP ? Double(tcp.receiveWindow.bytes) * 8 / rtt : .infinity
            return prop + size / min(c, window)
        }
        let rtt = 2 * prop
        let rounds = 1 + (newConnection ? tcp.dnsRoundTrips + tcp.handshakeRoundTrips : 0)
        var t = Double(rounds) * rtt
        let r = max(rtt, 1e-9)
        let windowRate = Double(tcp.receiveWindow.bytes) * 8 / r
        var remaining = size
        var cwnd = Double(tcp.slowStart ? tcp.initialWindow.bytes : tcp.receiveWindow.bytes) * 8
        while tcp.slowStart {
            let ssRate = cwnd / r
            // Held by a resource or by its own ceiling: slow start ends, the rest at the steady rate.
            if ssRate >= c || ssRate >= windowRate { break }
            if remaining <= ssRate * rtt { return t + remaining / ssRate }
            remaining -= ssRate * rtt
            t += rtt
            cwnd *= 2
            if cwnd >= Double(tcp.receiveWindow.bytes) * 8 { break }
        }
        return t + remaining / min(c, windowRate)
    }
}
