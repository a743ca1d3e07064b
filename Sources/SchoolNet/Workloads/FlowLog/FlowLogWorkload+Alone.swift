/// The time a transfer takes alone on the empty network: the denominator of a flow-log
/// row's slowdown.
///
/// **Model** (the closed forms of ``TCPParameters``, on an idle path: no queueing, so
/// RTT = 2 × one-way propagation, and the bottleneck C = min over hops of capacity ÷ the
/// hop's airtime factor):
/// - pure fluid (a request with `tcp: false`, or the scenario's `tcp: {"fluid": true}`):
///   propagation + S / min(C, ceiling);
/// - TCP: ``TCPParameters/idleTransferTime(bytes:rate:rtt:newConnection:senderOpens:)`` with
///   RTT = 2 × one-way propagation and the rate min(C, ceiling): set-up round trips, slow
///   start with delayed ACKs, the last window in one burst. This is what ``Network`` does
///   on an idle path, round by round.
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
    ///   - senderOpens: whether the sender opens the connection (a device sending: an upload).
    /// - Returns: seconds from request to last byte.
    /// - Complexity: O(log(receiveWindow / initialWindow)) slow-start rounds.
    public static func aloneTime(bytes: ByteCount, bottleneck: DataRate, propagation: SimDuration, ceiling: DataRate,
                                 tcp: TCPParameters, usesTCP: Bool, newConnection: Bool, senderOpens: Bool = false) -> Double {
        let size = Double(bytes.bytes) * 8  // bits
        let c = min(bottleneck.bitsPerSecond, ceiling.bitsPerSecond)
        let prop = propagation.seconds
        let fluid = !usesTCP || (!tcp.slowStart && tcp.dnsRoundTrips == 0 && tcp.handshakeRoundTrips == 0)
        if fluid {
            let rtt = max(2 * prop, 1e-9)
            let window = usesTCP ? Double(tcp.receiveWindow.bytes) * 8 / rtt : .infinity
            return prop + size / min(c, window)
        }
        return tcp.idleTransferTime(bytes: Double(bytes.bytes), rate: c, rtt: 2 * prop, newConnection: newConnection,
                                    senderOpens: senderOpens)
    }
}
