/// Slow start round by round, and the time of a transfer alone on an idle path: the closed
/// forms ``Network`` follows (see ``TCPParameters`` for the model and its validation).
extension TCPParameters {
    /// How long a slow-start round with `window` bytes lasts: one round trip, plus the
    /// delayed-ACK timer when the window has fewer segments than ``segmentsPerAck`` (the
    /// receiver holds its only ACK until the timer fires).
    ///
    /// - Parameters:
    ///   - window: the congestion window, bytes.
    ///   - rtt: the round-trip time, seconds.
    /// - Returns: seconds.
    @inline(__always)
    public func roundDuration(window: Double, rtt: Double) -> Double {
        let segments = (window / Double(segmentSize.bytes)).rounded(.up)
        return segments < Double(segmentsPerAck) ? rtt + delayedAckTimeout.seconds : rtt
    }

    /// The window after one slow-start round that sent `window` bytes: one segment more per
    /// ACK (RFC 5681 §3.1: at most one segment per ACK), one ACK per ``segmentsPerAck``
    /// segments, at least one (the delayed-ACK timer's). With ACKs for every second segment
    /// the window grows 1.5× per round (10, 15, 22, 33 … segments); with an ACK per segment,
    /// 2×.
    ///
    /// - Parameter window: the congestion window, bytes.
    /// - Returns: the next round's window, bytes.
    @inline(__always)
    public func grownWindow(_ window: Double) -> Double {
        let mss = Double(segmentSize.bytes)
        let segments = (window / mss).rounded(.up)
        return window + max(1, (segments / Double(max(1, segmentsPerAck))).rounded(.down)) * mss
    }

    /// Round trips from the request to the first byte at the receiver (set-up): on a new
    /// connection the DNS and handshake round trips, after which the client's first data
    /// leave with the handshake's last ACK; then half a round trip for an upload (the client
    /// sends: its data are the request) or a whole one for a download (the request goes out,
    /// the response comes back).
    ///
    /// - Parameters:
    ///   - newConnection: whether DNS and handshakes are paid.
    ///   - senderOpens: whether the sender is the client that opens the connection.
    /// - Returns: round trips (a multiple of ½).
    public func setupRoundTrips(newConnection: Bool, senderOpens: Bool) -> Double {
        Double(newConnection ? dnsRoundTrips + handshakeRoundTrips : 0) + (senderOpens ? 0.5 : 1)
    }

    /// Seconds from the request to the last byte of a transfer alone on an idle path (no
    /// queueing): the set-up (``setupRoundTrips(newConnection:senderOpens:)``), then slow
    /// start from ``initialWindow``, each round sending its window spread over the round
    /// (``roundDuration(window:rtt:)``) and growing it (``grownWindow(_:)``), until the window
    /// rate reaches the path's rate, the window reaches ``receiveWindow``, or the window
    /// holds every byte left; the rest then flows at min(path, receiveWindow / RTT) — a last
    /// window leaves in one burst rather than spread over a round. Slow start off: the whole
    /// transfer at min(path, receiveWindow / RTT) after the set-up.
    ///
    /// - Parameters:
    ///   - bytes: the size, bytes.
    ///   - rate: the path's rate for this transfer (its bottleneck, or its own ceiling if lower), bits/s.
    ///   - rtt: the round-trip time, seconds.
    ///   - newConnection: whether DNS and handshakes are paid.
    ///   - senderOpens: whether the sender opens the connection (an upload).
    /// - Returns: seconds.
    /// - Complexity: O(log(receiveWindow / initialWindow)) rounds.
    public func idleTransferTime(bytes: Double, rate: Double, rtt: Double, newConnection: Bool, senderOpens: Bool) -> Double {
        let r = max(rtt, 1e-9)
        var t = setupRoundTrips(newConnection: newConnection, senderOpens: senderOpens) * rtt
        let windowBytes = Double(receiveWindow.bytes)
        let steady = min(rate, windowBytes * 8 / r)
        var remaining = bytes
        var cwnd = Double(initialWindow.bytes)
        if slowStart && remaining > cwnd + 1 {
            while true {
                let round = roundDuration(window: cwnd, rtt: r)
                // Held by the path or its own ceiling: slow start ends, the rest at the steady rate.
                if cwnd * 8 / round >= steady { break }
                remaining -= cwnd
                t += round
                cwnd = grownWindow(cwnd)
                if cwnd >= windowBytes || remaining <= cwnd + 1 { break }
            }
        }
        // A last window leaves in one burst at the path's rate (a millionth below it, as in
        // ``Network``); after slow start, the steady rate.
        let burst = slowStart && remaining <= cwnd ? min(rate * (1 - 1e-6), steady) : steady
        return t + remaining * 8 / burst
    }
}
