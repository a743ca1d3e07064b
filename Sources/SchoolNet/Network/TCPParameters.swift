/// The TCP and application terms that make a short transfer slower than size / rate.
///
/// **Model** (validated by `NetworkTests`; sources in REFERENCES.md §6–§7):
/// a transfer on a *new* connection first pays `dnsRoundTrips + handshakeRoundTrips` RTTs
/// (DNS lookup, TCP SYN/SYN-ACK, TLS 1.3); every transfer then pays one RTT for its request
/// and the first byte's return; the body then flows as a fluid whose ceiling is
/// `min(cwnd, receiveWindow) / RTT`, with `cwnd` starting at ``initialWindow`` and doubling
/// every RTT (slow start) until the flow is held by a resource (it has found its fair
/// share: TCP leaves slow start on the first loss) or the window reaches ``receiveWindow``.
/// A transfer of S bytes on an idle path of rate ≫ cwnd/RTT therefore takes
/// `(k + 1)·RTT + n·RTT + (S − IW(2ⁿ − 1)) / (IW·2ⁿ / RTT)` where n is the number of
/// whole rounds with IW(2ⁿ − 1) ≤ S.
///
/// **Assumptions**: no losses other than the one that ends slow start and those of set-up
/// and request rounds at full drop-tail buffers (``Network``, RFC 6298 timeouts); RTT sampled at the
/// start of each round (propagation both ways plus the queueing delay of every resource on
/// the path and the return path); delayed ACKs ignored. Against packet-level TCP the model
/// over-estimates transfers below one initial window by up to one RTT (the window's bytes
/// are spread over the round instead of arriving at line rate) and is within ~0.1 RTT
/// above a few windows.
///
/// **Sources**: RFC 6928 (IW10), RFC 8446 (TLS 1.3, one round trip), RFC 5681 (slow start),
/// RFC 6298 (retransmission timeouts).
public struct TCPParameters: Sendable, Equatable {
    /// Round trips for name resolution on a new connection (1; a cached name would be 0).
    public var dnsRoundTrips: Int = 1
    /// Round trips for TCP and TLS handshakes on a new connection (TCP 1 + TLS 1.3 1 = 2).
    public var handshakeRoundTrips: Int = 2
    /// Initial congestion window: 10 segments of 1460 bytes (RFC 6928).
    public var initialWindow: ByteCount = .bytes(14_600)
    /// Receive window: the per-flow ceiling is receiveWindow / RTT. 4 MiB [ESTIMATE:
    /// between Linux's 6 MB autotuning maximum and older 64 KiB-scaled clients].
    public var receiveWindow: ByteCount = .mebibytes(4)
    /// Whether slow start is modelled (off for the pure fluid mode).
    public var slowStart = true
    /// Maximum segment size, for the queueing-delay and loss models.
    public var segmentSize: ByteCount = .bytes(1460)
    /// Whether set-up and request rounds can be lost at full drop-tail buffers (off for
    /// the pure fluid mode; see ``Network``).
    public var packetLosses = true
    /// Retransmission timeout before a connection has an RTT sample: 1 s (RFC 6298 §2.1).
    public var initialRTO: SimDuration = .seconds(1)
    /// Lower bound of the retransmission timeout: 1 s (RFC 6298 §2.4).
    public var minimumRTO: SimDuration = .seconds(1)
    /// Upper bound of the retransmission timeout as it doubles: 60 s (RFC 6298 §2.5).
    public var maximumRTO: SimDuration = .seconds(60)

    /// The defaults above.
    public init() {}

    /// No TCP terms at all: the pure fluid model (set-up 0, no request RTT, no slow start,
    /// no window), for cross-checks with other flow-level simulators.
    public static var fluid: TCPParameters {
        var p = TCPParameters()
        p.dnsRoundTrips = 0
        p.handshakeRoundTrips = 0
        p.slowStart = false
        p.packetLosses = false
        p.receiveWindow = .bytes(Int64.max / 16)
        return p
    }
}
