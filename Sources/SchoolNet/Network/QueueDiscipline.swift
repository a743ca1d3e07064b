import Foundation

/// How a resource's buffer is served when the resource is saturated.
///
/// Assumptions: a saturated resource is one whose window-limited flows keep its buffer
/// occupied. With ``fifo`` (drop-tail) the buffer stays nearly full: every round trip of
/// every flow crossing the resource pays the standing queue (``standingQueue(bufferBits:capacity:fairShare:baseRoundTrip:)``),
/// and a packet arriving at the full buffer is dropped with the loss rate that keeps the
/// long flows at their fair share (``lossProbability(fairShare:roundTrip:segmentBits:minimumRTO:)``).
/// With ``fqCodel`` (RFC 8290) a flow below its fair share has a queue of its own that is
/// served from the new-flow list ahead of the backlog (RFC 8290 §4.1) and never dropped,
/// while CoDel holds the bulk flows' own sojourn time near its target (``codelTarget``,
/// 5 ms, RFC 8289 §4.3). The round trips SchoolNet times (set-up, request and slow-start
/// rounds, paced streams) are those of flows below their fair share, so behind fq_codel
/// they wait for no standing queue and lose nothing; ns-3 agrees (a 30 kB exchange
/// behind a saturating download takes 3.2 base round trips, Reference/ns3-bufferbloat/).
/// Delays are recomputed when the resource's state changes (at re-solves), never per
/// event.
///
/// **Sources**: REFERENCES.md §10 (drop-tail standing queues and the AIMD sawtooth;
/// CUBIC's β and response function; the Mathis et al. and Padhye et al. loss–throughput
/// relations; many flows; CoDel and fq_codel).
/// **Validated by**: `QueueDisciplineTests` (closed forms, exact), `ManyFlowsReferenceTests`
/// (ns-3 3.44, many bulk flows) and
/// `BufferbloatReferenceTests` (ns-3 3.44 table).
public enum QueueDiscipline: String, Sendable, CaseIterable {
    /// Drop-tail first-in first-out.
    case fifo
    /// Flow queueing with CoDel active queue management.
    case fqCodel = "fq_codel"

    /// CoDel's target sojourn time, seconds (RFC 8289 §4.3).
    public static let codelTarget = 0.005

    /// CUBIC's multiplicative decrease: after a loss a flow keeps β = 0.7 of its window
    /// (RFC 9438 §4.6; CUBIC is the default congestion control of Linux, Windows and macOS).
    public static let windowDecrease = 0.7

    /// The standing-queue delay of a saturated resource, seconds.
    ///
    /// FIFO: the window-limited flows' windows add up to the pipe (capacity × base round
    /// trip) plus the buffer; each loss takes (1 − β) of one flow's window away, and a flow
    /// at the fair share holds `fairShare / capacity` of the total. Between losses the
    /// queue climbs back to the full buffer, so it averages
    /// `buffer − (1 − β) × (fairShare / capacity) × (buffer + pipe) / 2` (at least 0):
    /// one long flow keeps about 70 % of a buffer of one pipe, many flows keep it full.
    /// fq_codel: 0 for the flows below their fair share (see the type's discussion).
    ///
    /// - Parameters:
    ///   - bufferBits: the buffer in front of the resource, bits.
    ///   - capacity: the resource's capacity, bits per second (positive).
    ///   - fairShare: the fair share per flow, bits per second (the capacity for one flow).
    ///   - baseRoundTrip: the round trip of the flows crossing the resource without queues, seconds.
    public func standingQueue(bufferBits: Double, capacity: Double, fairShare: Double, baseRoundTrip: Double) -> Double {
        let full = bufferBits / capacity
        switch self {
        case .fifo:
            let share = min(1, max(0, fairShare / capacity))
            let sawtooth = (1 - Self.windowDecrease) * share * (full + baseRoundTrip) / 2
            return max(0, full - sawtooth)
        case .fqCodel:
            return 0
        }
    }

    /// CUBIC's scaling constant C, in segments and seconds (RFC 9438 §4.2: 0.4).
    public static let cubicScaling = 0.4

    /// The probability that a packet of a short exchange is dropped at a saturated
    /// resource.
    ///
    /// FIFO: the long flows crossing a full drop-tail buffer see the loss rate p at which
    /// their congestion control settles at their fair share; a packet of a short exchange
    /// arriving at the same buffer is dropped as often. A flow's rate at loss rate p, in
    /// segments per second, is Padhye et al.'s (1998, "approximate model", eq. 31):
    /// `1 / (RTT / W(p) + T₀ × min(1, 3√(3p/8)) × p × (1 + 32p²))`, the first term the
    /// congestion-avoidance time per segment, the second the retransmission timeouts that
    /// dominate when windows shrink to a few segments (R. Morris 1997: with more flows than
    /// the pipe and buffer hold packets, flows wait in timeouts and the loss rate climbs
    /// towards 1/2). W(p) is CUBIC's average window, the larger of its cubic window
    /// `(C (3 + β) / (4 (1 − β)))^¼ × RTT^¾ / p^¾` (RFC 9438 §5.1; C = 0.4, β = 0.7, RTT in
    /// seconds) and its Reno-friendly window `√(3 / (2p))` (RFC 9438 §4.3, the Mathis et al.
    /// 1997 relation). T₀ is the retransmission timeout, `max(minimumRTO, RTT)` (RFC 6298 §2.4
    /// floor; SRTT + 4 RTTVAR near the RTT once the variance has settled). p solves
    /// rate(p) = fair share (regula falsi on p^¼, where 1 / rate is a sum of powers, to a
    /// few ulps), at most 1/2. With windows of tens of segments this
    /// is the CUBIC response function, several times Mathis's at round trips of hundreds of
    /// milliseconds. fq_codel: 0 (a sparse flow's packets are served first and CoDel drops
    /// from the flows that build a queue).
    ///
    /// Against ns-3 3.44 (Reference/ns3-manyflows/, `ManyFlowsReferenceTests`) the rate
    /// is within the table's stated errors; ns-3's drop-tail buffer drops in bursts at each
    /// overflow, which an independent per-packet probability does not reproduce.
    ///
    /// - Parameters:
    ///   - fairShare: the fair share per flow, bits per second.
    ///   - roundTrip: the long flows' round trip, queue included, seconds.
    ///   - segmentBits: the segment size, bits.
    ///   - minimumRTO: the floor of the retransmission timeout, seconds (RFC 6298 §2.4: 1 s).
    ///   - hint: a probability near the answer (the last one computed for the resource), or 0:
    ///     the search starts from a ±2 % bracket near its fourth root when it finds one
    ///     (``LossEquation/bracket(near:)``), else from the whole range.
    public func lossProbability(fairShare: Double, roundTrip: Double, segmentBits: Double, minimumRTO: Double = 1,
                                near hint: Double = 0) -> Double {
        guard self == .fifo, fairShare > 0, roundTrip > 0 else { return 0 }
        let equation = LossEquation(fairShare: fairShare, roundTrip: roundTrip, segmentBits: segmentBits, minimumRTO: minimumRTO)
        var lo = LossEquation.lowest, hi = LossEquation.highest
        var gLo = 0.0, gHi = 0.0
        var bracketed = false
        if let (a, b, ga, gb) = equation.bracket(near: hint) { (lo, hi, gLo, gHi, bracketed) = (a, b, ga, gb, true) }
        if !bracketed {
            gLo = equation.g(lo); gHi = equation.g(hi)
            if gHi <= 0 { return 0.5 }
            if gLo >= 0 { return 1e-12 }
        }
        // The Illinois variant of regula falsi, to a few ulps.
        var side = 0
        var y = hi
        for _ in 0..<100 {
            let next = (lo * gHi - hi * gLo) / (gHi - gLo)
            let step = abs(next - y)
            y = next
            let gy = equation.g(y)
            if gy == 0 { break }
            if gy < 0 {
                lo = y; gLo = gy
                if side == 1 { gHi /= 2 }
                side = 1
            } else {
                hi = y; gHi = gy
                if side == -1 { gLo /= 2 }
                side = -1
            }
            if step <= 1e-15 * y || hi - lo <= 1e-15 * y { break }
        }
        let y2 = y * y
        return y2 * y2
    }

    /// Bounds of ``lossProbability(fairShare:roundTrip:segmentBits:minimumRTO:near:)``'s
    /// answer from a hint, without solving: the ±2 % bracket of the root's fourth root
    /// that the solve would start from (``LossEquation/bracket(near:)``: two to six
    /// evaluations of the equation), and one regula falsi step as an estimate to pass as
    /// the next hint.
    ///
    /// - Returns: `lo < p < hi` in probability (about ±8 %) and the estimate, or nil if no
    ///   bracket was found (or the discipline is not ``fifo``, or the hint is not in
    ///   (10⁻¹², ½)): then solve.
    public func lossProbabilityBounds(fairShare: Double, roundTrip: Double, segmentBits: Double, minimumRTO: Double = 1,
                                      near hint: Double) -> (lo: Double, hi: Double, estimate: Double)? {
        guard self == .fifo, fairShare > 0, roundTrip > 0 else { return nil }
        let equation = LossEquation(fairShare: fairShare, roundTrip: roundTrip, segmentBits: segmentBits, minimumRTO: minimumRTO)
        guard let (a, b, ga, gb) = equation.bracket(near: hint) else { return nil }
        let y = (a * gb - b * ga) / (gb - ga)
        func fourth(_ x: Double) -> Double { let x2 = x * x; return x2 * x2 }
        return (fourth(a), fourth(b), fourth(y))
    }

    /// The equation ``lossProbability(fairShare:roundTrip:segmentBits:minimumRTO:near:)``
    /// solves, in y = p^¼, where the time per segment, 1 / rate, is a sum of powers of y —
    /// no transcendental function per step: RTT / W = RTT × min(y² / √1.5, y³ / K) with
    /// K = (C (3 + β) / (4 (1 − β)))^¼ × RTT^¾, and the timeouts
    /// T₀ × min(1, 3√(3/8) y²) × y⁴ × (1 + 32 y⁸). g(y) = 1 / rate − 1 / fair share rises
    /// with y; its root is sought on [10⁻³, ½^¼] (p in [10⁻¹², ½]).
    struct LossEquation {
        let roundTrip: Double, rto: Double, cubicFactor: Double, goal: Double
        static let reno = 1.5.squareRoot(), timeoutSlope = 3 * (3.0 / 8).squareRoot()
        static let lowest = 1e-3, highest = 0.5.squareRoot().squareRoot()

        init(fairShare: Double, roundTrip: Double, segmentBits: Double, minimumRTO: Double) {
            self.roundTrip = roundTrip
            rto = max(minimumRTO, roundTrip)
            let rttRoot = roundTrip.squareRoot()
            cubicFactor = QueueDiscipline.cubicConstant * rttRoot * rttRoot.squareRoot()
            goal = 1 / (fairShare / segmentBits)
        }

        @inline(__always)
        func g(_ y: Double) -> Double {
            let y2 = y * y, y4 = y2 * y2
            let window = roundTrip * min(y2 / Self.reno, y2 * y / cubicFactor)
            return window + rto * min(1, Self.timeoutSlope * y2) * y4 * (1 + 32 * y4 * y4) - goal
        }

        /// A ±2 % bracket of the root near the hint's fourth root, with g's values at its
        /// ends: the hint's own, or — when the root lies outside it (a hint from another
        /// round trip or share) — the bracket around the secant root of the last one's two
        /// ends, at most three brackets in all (six evaluations of g).
        @inline(__always)
        func bracket(near hint: Double) -> (Double, Double, Double, Double)? {
            guard hint > 1e-12 && hint < 0.5 else { return nil }
            var y = hint.squareRoot().squareRoot()
            for _ in 0..<3 {
                let a = max(Self.lowest, y * 0.98), b = min(Self.highest, y * 1.02)
                let ga = g(a), gb = g(b)
                if ga < 0 && gb > 0 { return (a, b, ga, gb) }
                guard gb != ga else { return nil }
                let next = (a * gb - b * ga) / (gb - ga)
                guard next.isFinite else { return nil }
                y = min(Self.highest, max(Self.lowest, next))
            }
            return nil
        }
    }

    /// (C (3 + β) / (4 (1 − β)))^¼, CUBIC's average-window constant (RFC 9438 §5.1).
    static let cubicConstant = pow(cubicScaling * (3 + windowDecrease) / (4 * (1 - windowDecrease)), 0.25)
}

/// The size of a resource's buffer: bytes, or the time it takes to drain at the
/// resource's capacity.
public enum BufferSize: Sendable, Equatable, CustomStringConvertible {
    /// A fixed amount of memory.
    case bytes(ByteCount)
    /// The amount the resource sends in this time at its capacity.
    case time(SimDuration)

    /// The buffer in bytes in front of a resource of `capacity`.
    public func bytes(at capacity: DataRate) -> ByteCount {
        switch self {
        case .bytes(let b): return b
        case .time(let d):
            let b = capacity.bitsPerSecond * d.seconds / 8
            return ByteCount(bytes: b < 9e18 ? Int64(b.rounded()) : Int64.max / 16)
        }
    }

    /// `"1.5 MB"` or `"100 ms"`.
    public var description: String {
        switch self {
        case .bytes(let b): return b.description
        case .time(let d): return d.description
        }
    }
}

/// A resource's buffer and how it is served.
///
/// Defaults per kind of equipment (``accessLine``, ``switchPort``, ``accessPoint``,
/// ``mobileCell``, ``appliance``) are in REFERENCES.md §10 with their sources and labels.
public struct QueueSpec: Sendable, Equatable {
    /// The buffer.
    public var buffer: BufferSize
    /// How it is served.
    public var discipline: QueueDiscipline

    /// Creates a queue.
    public init(buffer: BufferSize, discipline: QueueDiscipline = .fifo) {
        self.buffer = buffer
        self.discipline = discipline
    }

    /// A school router or ONU on the access line (each direction): drop-tail, 1,000
    /// full-size packets (1.5 MB) [ESTIMATE: Linux's default transmit queue of 1,000
    /// packets; REFERENCES.md §10]. At a 20 Mbps uplink a full buffer is 600 ms.
    public static let accessLine = QueueSpec(buffer: .bytes(.megabytes(1.5)))
    /// An enterprise switch port (classroom uplink, core links): drop-tail, 256 kB
    /// [ESTIMATE: shallow-buffered access switches share a few MB among their ports;
    /// REFERENCES.md §10].
    public static let switchPort = QueueSpec(buffer: .bytes(.kilobytes(256)))
    /// A classroom access point (the Wi-Fi cell): drop-tail, 1,000 packets (1.5 MB)
    /// [ESTIMATE: a Linux-based AP's queue without fq_codel in its Wi-Fi stack;
    /// REFERENCES.md §10].
    public static let accessPoint = QueueSpec(buffer: .bytes(.megabytes(1.5)))
    /// An LTE or local 5G cell: the base station queues per device and its scheduler
    /// serves devices in turn, so a device without a bulk flow of its own waits behind no
    /// other device's backlog: modelled as flow queueing (fq_codel); buffer 500 ms at
    /// capacity [ESTIMATE: deep per-device buffers, REFERENCES.md §10].
    public static let mobileCell = QueueSpec(buffer: .time(.milliseconds(500)), discipline: .fqCodel)
    /// A data-center appliance (firewall, UTM, proxy) or the egress uplink: drop-tail,
    /// 1 MB [ESTIMATE, REFERENCES.md §10].
    public static let appliance = QueueSpec(buffer: .bytes(.megabytes(1)))
}
