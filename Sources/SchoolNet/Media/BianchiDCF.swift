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
/// **Assumptions**: ideal channel (losses only by collision), saturation (every station
/// always has a frame), constant collision probability independent of the backoff stage,
/// no retry limit (Bianchi 2000's model), equal frame sizes.
///
/// **Source**: G. Bianchi, "Performance Analysis of the IEEE 802.11 Distributed Coordination
/// Function", IEEE JSAC 18(3), 2000, Eq. (7), (9), (13), (15)–(17); REFERENCES.md §5 (Wi-Fi) and §6.
///
/// **Validated by**: `BianchiDCFTests.fixedPointSatisfiesBothEquations`,
/// `BianchiDCFTests.fhssBasicAccess`, `BianchiDCFTests.fhssRTSCTS`,
/// `BianchiDCFTests.singleStationClosedForm`.
public struct BianchiDCF: Hashable, Sendable, Codable {
    /// The minimum contention window W = CWmin + 1 (slots).
    public var minimumWindow: Int
    /// The number of backoff stages m (CWmax + 1 = 2^m · W).
    public var backoffStages: Int

    /// Creates the model for window `minimumWindow` (= CWmin + 1) and `backoffStages` stages.
    public init(minimumWindow: Int, backoffStages: Int) {
        precondition(minimumWindow >= 1 && backoffStages >= 0)
        self.minimumWindow = minimumWindow
        self.backoffStages = backoffStages
    }

    /// The 5 GHz OFDM DCF: CWmin 15, CWmax 1023 ⇒ W = 16, m = 6 (802.11-2020 Table 17-21).
    public static let ofdm = BianchiDCF(minimumWindow: 16, backoffStages: 6)

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

    /// τ as a function of p (Bianchi Eq. 7, in the singularity-free form).
    public func tau(collisionProbability p: Double) -> Double {
        let w = Double(minimumWindow)
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
    /// - Returns: the aggregate throughput of all stations.
    public func throughput(
        stations n: Int, slot: SimDuration, successDuration: SimDuration, collisionDuration: SimDuration,
        payload: ByteCount
    ) -> DataRate {
        let s = solve(stations: n)
        let ptr = s.transmissionProbability
        let ps = s.successProbability
        let denominator = (1 - ptr) * slot.seconds + ptr * ps * successDuration.seconds
            + ptr * (1 - ps) * collisionDuration.seconds
        return .bitsPerSecond(ps * ptr * payload.bits / denominator)
    }
}
