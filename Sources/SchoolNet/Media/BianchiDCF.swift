import Foundation

/// Bianchi's Markov model of the IEEE 802.11 DCF in saturation.
///
/// Each of `n` always-backlogged stations transmits in a random slot with probability τ;
/// a transmission collides with probability p. With minimum window W = CWmin + 1 and m
/// backoff stages (CWmax + 1 = 2^m W), Bianchi's Eq. (7) and (9) form the fixed point
///
///     τ = 2(1 − 2p) / ((1 − 2p)(W + 1) + pW(1 − (2p)^m))
///     p = 1 − (1 − τ)^(n−1)
///
/// and the saturation throughput (Eq. 13) is
///
///     S = Ps·Ptr·E[P] / ((1 − Ptr)σ + Ptr·Ps·Ts + Ptr(1 − Ps)·Tc),
///     Ptr = 1 − (1 − τ)^n,   Ps = nτ(1 − τ)^(n−1) / Ptr,
///
/// σ the empty slot, Ts/Tc the channel busy time of a success/collision, E[P] the payload.
/// The τ(p) expression is evaluated as 2 / ((W + 1) + pW·Σ_{k<m}(2p)^k), algebraically the
/// same but free of the 0/0 at p = ½. The fixed point is found by bisection on p, where
/// `1 − (1 − τ(p))^(n−1) − p` is strictly decreasing, so the solution is unique and the
/// result deterministic.
///
/// With a retry limit of R attempts the chain has stages 0…R−1 (window W_j = 2^min(j, m) W)
/// and a frame is dropped after the last, so
///
///     τ = Σ_{j<R} p^j / Σ_{j<R} p^j (W_j + 1) / 2
///
/// (Wu, Peng, Long, Cheng, INFOCOM 2002), which tends to Eq. 7 as R grows.
///
/// Under legacy DCF a station whose new backoff is zero (probability B = 1/W) sends again at
/// the end of DIFS before any other can count down, so each access carries 1/(1 − B) frames:
/// E[P] and the exchange part of Ts are divided by 1 − B (ns-3's `wifi-bianchi` reference
/// model for 802.11a/b/g; EDCA has B = 0).
///
/// **Assumptions**: ideal channel (losses only by collision), saturation (every station
/// always has a frame), constant collision probability independent of the backoff stage,
/// equal frame sizes, collisions lose every frame involved (no capture).
///
/// **Source**: G. Bianchi, "Performance Analysis of the IEEE 802.11 Distributed Coordination
/// Function", IEEE JSAC 18(3), 2000, Eq. (7), (9), (13), (15)–(17); H. Wu et al., "Performance
/// of Reliable Transport Protocol over IEEE 802.11 WLAN", INFOCOM 2002 (retry limit); ns-3
/// `wifi-bianchi` reference models (`src/wifi/examples/reference/`); REFERENCES.md §5 and §6.
///
/// **Validated by**: `BianchiDCFTests.fixedPointSatisfiesBothEquations`,
/// `BianchiDCFTests.fhssBasicAccess`, `BianchiDCFTests.fhssRTSCTS`,
/// `BianchiDCFTests.singleStationClosedForm`, `BianchiDCFTests.retryLimitTendsToBianchi`,
/// `BianchiDCFTests.ns3Legacy11aTable` (ns-3's 802.11a tables, worst error 0.22 %),
/// `BianchiDCFTests.ns3HETable` (ns-3's 802.11ax reference model, worst error 1.6 %).
public struct BianchiDCF: Hashable, Sendable, Codable {
    /// The minimum contention window W = CWmin + 1 (slots).
    public var minimumWindow: Int
    /// The number of backoff stages m (CWmax + 1 = 2^m · W).
    public var backoffStages: Int

    /// Transmission attempts of one frame before it is dropped (nil: never dropped, Bianchi 2000).
    public var retryLimit: Int?

    /// Creates the model for window `minimumWindow` (= CWmin + 1), `backoffStages` stages and
    /// `retryLimit` attempts per frame (nil for none).
    public init(minimumWindow: Int, backoffStages: Int, retryLimit: Int? = nil) {
        precondition(minimumWindow >= 1 && backoffStages >= 0 && (retryLimit ?? 1) >= 1)
        self.minimumWindow = minimumWindow
        self.backoffStages = backoffStages
        self.retryLimit = retryLimit
    }

    /// The 5 GHz OFDM DCF: CWmin 15, CWmax 1023 ⇒ W = 16, m = 6 (802.11-2020 Table 17-21),
    /// 7 attempts per frame (dot11ShortRetryLimit).
    public static let ofdm = BianchiDCF(minimumWindow: 16, backoffStages: 6, retryLimit: 7)

    /// The solution of the fixed point for `n` stations.
    public struct Solution: Hashable, Sendable {
        /// Per-slot transmission probability of one station.
        public var tau: Double
        /// Conditional collision probability of a transmitted frame.
        public var collisionProbability: Double
        /// Probability that at least one station transmits in a slot (Ptr).
        public var transmissionProbability: Double
        /// Probability that a transmission is successful (Ps).
        public var successProbability: Double
    }

    /// τ as a function of p (Bianchi Eq. 7 in the singularity-free form, or its finite-retry form).
    public func tau(collisionProbability p: Double) -> Double {
        let w = Double(minimumWindow)
        if let r = retryLimit {
            var attempts = 0.0
            var slots = 0.0
            var pj = 1.0
            for j in 0..<r {
                attempts += pj
                slots += pj * (w * Double(1 << min(j, backoffStages)) + 1) / 2
                pj *= p
            }
            return attempts / slots
        }
        var geometric = 0.0
        var term = 1.0
        for _ in 0..<backoffStages {
            geometric += term
            term *= 2 * p
        }
        return 2 / ((w + 1) + p * w * geometric)
    }

    /// Solves the fixed point for `stations` saturated stations.
    ///
    /// - Parameter stations: n ≥ 1.
    /// - Returns: τ, p, Ptr and Ps.
    /// - Complexity: O(m × 100) (bisection to machine precision).
    public func solve(stations n: Int) -> Solution {
        precondition(n >= 1, "Bianchi needs at least one station")
        let others = Double(n - 1)
        func excess(_ p: Double) -> Double { 1 - Foundation.pow(1 - tau(collisionProbability: p), others) - p }
        var lo = 0.0
        var hi = 1.0
        if n > 1 {
            for _ in 0..<200 {
                let mid = (lo + hi) / 2
                if excess(mid) > 0 { lo = mid } else { hi = mid }
                if hi - lo < 1e-15 { break }
            }
        } else {
            hi = 0
        }
        let p = (lo + hi) / 2
        let t = tau(collisionProbability: p)
        let ptr = 1 - Foundation.pow(1 - t, Double(n))
        let ps = Double(n) * t * Foundation.pow(1 - t, others) / ptr
        return Solution(tau: t, collisionProbability: p, transmissionProbability: ptr, successProbability: ps)
    }

    /// Saturation throughput (Bianchi Eq. 13) for `stations` stations.
    ///
    /// - Parameters:
    ///   - stations: n ≥ 1 saturated stations.
    ///   - slot: the empty slot time σ.
    ///   - successDuration: Ts, channel busy time of a successful exchange (incl. DIFS, δ).
    ///   - collisionDuration: Tc, channel busy time of a collision.
    ///   - payload: E[P], the payload counted as throughput per success.
    ///   - immediateAccess: legacy DCF's access at the end of DIFS after a zero backoff: each
    ///     success carries 1/(1 − B) exchanges, B = 1/W; the trailing empty slot (`slot`, counted
    ///     in `successDuration`) once.
    /// - Returns: the aggregate throughput of all stations.
    public func throughput(
        stations n: Int, slot: SimDuration, successDuration: SimDuration, collisionDuration: SimDuration,
        payload: ByteCount, immediateAccess: Bool = false
    ) -> DataRate {
        let s = solve(stations: n)
        let ptr = s.transmissionProbability
        let ps = s.successProbability
        var ts = successDuration.seconds
        var bits = payload.bits
        if immediateAccess {
            let keep = 1 - 1 / Double(minimumWindow)
            ts = (ts - slot.seconds) / keep + slot.seconds
            bits /= keep
        }
        let denominator = (1 - ptr) * slot.seconds + ptr * ps * ts + ptr * (1 - ps) * collisionDuration.seconds
        return .bitsPerSecond(ps * ptr * bits / denominator)
    }
}
