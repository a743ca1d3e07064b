/// The TCP and application terms that make a short transfer slower than size / rate.
///
/// **Model** (closed forms in `TCPParameters+SlowStart.swift`; sources in REFERENCES.md §6–§7):
/// - *Set-up*, to the first byte at the receiver: on a *new* connection
///   `dnsRoundTrips + handshakeRoundTrips` RTTs (DNS lookup, TCP SYN/SYN-ACK, TLS 1.3),
///   after which the client's first data leave with the handshake's last ACK; then half an
///   RTT when the sender is the device that opened the connection (an upload: its data are
///   the request), a whole RTT otherwise (a download: request out, response back). A reused
///   connection pays only that last half or whole RTT.
/// - *Slow start* (RFC 5681, RFC 6928): the body flows as a fluid, one round of one RTT at a
///   time, each round's window spread over the round (ceiling `cwnd / RTT`), `cwnd` starting
///   at ``initialWindow``. The receiver acknowledges every ``segmentsPerAck`` segments
///   (delayed ACK, RFC 1122 §4.2.3.2) and each ACK adds one segment to the window (RFC 5681
///   §3.1), so with ACKs for every second segment the window grows 1.5× per round (10, 15,
///   22, 33 … segments); a window of fewer segments than that waits for the receiver's
///   delayed-ACK timer (``delayedAckTimeout``) on top of the RTT. When the window holds every
///   byte left, the rest leaves in one burst at the path's rate (no ceiling but the receive
///   window's), instead of being spread over a round — so a transfer no larger than the
///   initial window arrives at line rate after the set-up.
/// - ``Network`` takes two rounds as one step (one timer, one ceiling carrying both windows
///   over 2 RTT) when that changes nothing on an idle path: neither waits for the
///   delayed-ACK timer, the second's window rate stays below the path's idle rate and the
///   application's, and no burst falls between them. Under contention a step notices the
///   fair share one round later at most.
/// - Slow start ends when the flow is held by a resource (it has found its fair share: TCP
///   leaves slow start on the first loss) or the window reaches ``receiveWindow``; the
///   flow's ceiling is then `receiveWindow / RTT`.
///
/// A transfer of S bytes alone on an idle path of rate C ≫ cwnd/RTT therefore takes
/// set-up + n·RTT + (S − Σ windows of the n rounds) / C, where n is the number of whole
/// rounds before the window holds what is left
/// (``idleTransferTime(bytes:rate:rtt:newConnection:senderOpens:)``).
///
/// **Assumptions**: the loss that ends slow start costs nothing; other losses are those of
/// packets meeting full drop-tail buffers, in set-up and request rounds, in the body's
/// slow-start rounds and in its last segments (`Network+Losses.swift`: fast recovery or
/// RFC 6298 timeouts); RTT sampled at the start of each round (propagation both ways plus the queueing
/// delay of every resource on the path and the return path); throughput counts payload (a
/// resource's capacity carries payload, no header overhead); a device is the client of every
/// connection it takes part in. The receiver is the RFC 5681 / ns-3 one: Linux receivers
/// acknowledge every segment early in a connection ("quickack") and Linux senders count the
/// bytes acknowledged, so a Linux server's window doubles per round: `segmentsPerAck = 1`
/// stands for that.
///
/// **Validation** (`TCPReferenceTests`, REFERENCES.md §7): ns-3 3.44 NewReno runs of SchoolNet's
/// own driver, `Reference/ns3-tcp/` (table `transfers.tsv`): over one idle 100 Mbps / 20 ms
/// path, a 50 kB, a 500 kB and a 5 MB upload on a new connection, ten concurrent 5 MB
/// uploads, 30 kB and 50 kB request/response exchanges on a new connection and a 30 kB one on
/// a reused connection — every point within 10 %. Worst: −3.5 % for a single 5 MB upload (ns-3
/// sends 54 bytes of headers per 1460-byte segment); ten 5 MB uploads behind a FIFO that never
/// drops: +8.6 % on the mean (the FIFO keeps the uneven shares of the first round trips;
/// SchoolNet shares max-min), −4.9 % on the last; behind a fair queue, −5.0 %. The short
/// transfers are within 1 %. `NetworkTests` checks the closed forms exactly.
///
/// **Sources**: RFC 6928 (IW10), RFC 8446 (TLS 1.3, one round trip), RFC 5681 (slow start,
/// ACKs), RFC 1122 (delayed ACK), RFC 6298 (retransmission timeouts).
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
    /// Maximum segment size: slow start counts the window in segments of this size, and the
    /// queueing-delay model serves segments of it.
    public var segmentSize: ByteCount = .bytes(1460)
    /// Whether packets of set-up and request rounds and of a transfer's slow-start rounds and
    /// last segments can be lost at full drop-tail buffers (off for the pure fluid mode; see
    /// `Network+Losses.swift`).
    public var packetLosses = true
    /// Retransmission timeout before a connection has an RTT sample: 1 s (RFC 6298 §2.1).
    public var initialRTO: SimDuration = .seconds(1)
    /// Lower bound of the retransmission timeout: 1 s (RFC 6298 §2.4).
    public var minimumRTO: SimDuration = .seconds(1)
    /// Upper bound of the retransmission timeout as it doubles: 60 s (RFC 6298 §2.5).
    public var maximumRTO: SimDuration = .seconds(60)
    /// Full-sized segments a receiver takes before it acknowledges: 2 (delayed ACK, RFC 1122
    /// §4.2.3.2, RFC 5681 §4.2); 1 for a receiver that acknowledges every segment.
    public var segmentsPerAck: Int = 2
    /// The delayed-ACK timer: the longest a receiver holds back an ACK (200 ms, the common
    /// value; RFC 1122 allows up to 500 ms).
    public var delayedAckTimeout: SimDuration = .milliseconds(200)
    /// Whether acknowledgements load the return path: the ACKs of the flows crossing a
    /// resource are carried ahead of the elastic flows on the opposite direction of its link
    /// (``Network``'s ACK load, `Network+AckLoad.swift`). Off in the pure fluid mode.
    public var ackLoad = true
    /// IP and TCP headers of a segment without options: 40 bytes (IPv4 20, RFC 791; TCP 20,
    /// RFC 9293). A pure ACK is these headers alone; a full data segment adds ``segmentSize``
    /// (1460 + 40 = a 1500-byte Ethernet MTU).
    public var headerSize: ByteCount = .bytes(40)
    /// Link framing around every packet: 18 bytes (Ethernet II header 14 and frame check
    /// sequence 4, IEEE 802.3).
    public var framingSize: ByteCount = .bytes(18)

    /// The ACK traffic a download sends back, as a share of its rate on the line: one ACK
    /// of headers and framing per ``segmentsPerAck`` full segments with theirs,
    /// (40 + 18) / (2 × (1460 + 40 + 18)) = 1.91 % with the defaults (RFC 3449 §3.1's
    /// ratio of packet sizes, with delayed ACKs).
    public var ackRatio: Double {
        let ack = Double(headerSize.bytes + framingSize.bytes)
        return ack / (Double(max(1, segmentsPerAck)) * (Double(segmentSize.bytes) + ack))
    }

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
        p.ackLoad = false
        p.receiveWindow = .bytes(Int64.max / 16)
        return p
    }
}
