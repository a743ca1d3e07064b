import Foundation
import Testing
@testable import SchoolNet

extension MediaTests {
    /// Bianchi (2000) FHSS parameters, Table II of the paper: payload 8184 bits, MAC header
    /// 272 bits, PHY header 128 bits, ACK 112 + 128 bits, RTS 160 + 128, CTS 112 + 128, channel
    /// 1 Mbit/s, δ = 1 µs, σ = 50 µs, SIFS 28 µs, DIFS 128 µs. At 1 Mbit/s one bit lasts 1 µs,
    /// so durations in µs are bit counts and S in Mbit/s is Bianchi's normalised S.
    ///   basic: Ts = H + P + SIFS + δ + ACK + DIFS + δ = 8982 µs, Tc = H + P + DIFS + δ = 8713 µs
    ///   RTS/CTS: Ts = 9568 µs, Tc = RTS + DIFS + δ = 417 µs
    ///
    /// Expected values come from an independent Python implementation (damped fixed-point
    /// iteration on τ with the paper's original Eq. 7, not bisection on p), run once:
    ///   W=32 m=3: n=1 basic 0.83878 rts 0.79126; n=5 0.80972 / 0.83425; n=10 0.75318 / 0.83711;
    ///             n=20 0.67880 / 0.83557; n=50 0.55286 / 0.82702
    ///   W=128 m=3: n=10 basic 0.82631; n=50 basic 0.72517
    /// They match the shape of the paper's Fig. 6 and 8 (basic access falls from ≈ 0.81 to
    /// ≈ 0.55 as n goes 5 → 50 with W = 32; RTS/CTS stays ≈ 0.83–0.84).
    @Suite struct BianchiDCFTests {
        static let fhssBasic = (ts: SimDuration.microseconds(8982), tc: SimDuration.microseconds(8713))
        static let fhssRTS = (ts: SimDuration.microseconds(9568), tc: SimDuration.microseconds(417))

        static func s(_ model: BianchiDCF, _ n: Int, _ t: (ts: SimDuration, tc: SimDuration)) -> Double {
            model.throughput(stations: n, slot: .microseconds(50), successDuration: t.ts,
                             collisionDuration: t.tc, payload: .bytes(1023)).megabitsPerSecond
        }

        @Test(arguments: [(1, 0.83878), (5, 0.80972), (10, 0.75318), (20, 0.67880), (50, 0.55286)])
        func fhssBasicAccess(n: Int, expected: Double) {
            // Tolerance 1e-4: both solve to ~1e-12; 8184 bits = 1023 bytes exactly.
            let got = Self.s(BianchiDCF(minimumWindow: 32, backoffStages: 3), n, Self.fhssBasic)
            #expect(abs(got - expected) < 1e-4, "n=\(n): S=\(got), expected \(expected)")
        }

        @Test(arguments: [(1, 0.79126), (5, 0.83425), (10, 0.83711), (20, 0.83557), (50, 0.82702)])
        func fhssRTSCTS(n: Int, expected: Double) {
            let got = Self.s(BianchiDCF(minimumWindow: 32, backoffStages: 3), n, Self.fhssRTS)
            #expect(abs(got - expected) < 1e-4, "n=\(n): S=\(got), expected \(expected)")
        }

        @Test(arguments: [(10, 0.82631), (50, 0.72517)])
        func fhssLargerWindow(n: Int, expected: Double) {
            let got = Self.s(BianchiDCF(minimumWindow: 128, backoffStages: 3), n, Self.fhssBasic)
            #expect(abs(got - expected) < 1e-4)
        }

        @Test(arguments: [1, 2, 5, 10, 50, 200])
        func fixedPointSatisfiesBothEquations(n: Int) {
            // The solution must satisfy Eq. 7 in its original form and Eq. 9, to 1e-9.
            let model = BianchiDCF(minimumWindow: 16, backoffStages: 6)
            let sol = model.solve(stations: n)
            let p = sol.collisionProbability
            let w = 16.0, m = 6.0
            if abs(1 - 2 * p) > 1e-6 {
                let eq7 = 2 * (1 - 2 * p) / ((1 - 2 * p) * (w + 1) + p * w * (1 - pow(2 * p, m)))
                #expect(abs(eq7 - sol.tau) < 1e-9)
            }
            #expect(abs((1 - pow(1 - sol.tau, Double(n - 1))) - p) < 1e-9)
        }

        @Test func singleStationClosedForm() {
            // n = 1: p = 0, τ = 2 / (W + 1); Ptr = τ, Ps = 1, so
            // S = τP / ((1 − τ)σ + τTs). W = 32: τ = 2/33.
            let tau = 2.0 / 33
            let expected = tau * 8184 / ((1 - tau) * 50 + tau * 8982)
            let got = Self.s(BianchiDCF(minimumWindow: 32, backoffStages: 3), 1, Self.fhssBasic)
            #expect(abs(got - expected) < 1e-9)
            #expect(abs(expected - 0.83878) < 1e-5)
        }

        @Test func ofdmCollisionProbabilities() {
            // OFDM W = 16, m = 6 (independent Python): n=10 τ=0.052480 p=0.384404; n=50 τ=0.018290 p=0.595267.
            let s10 = BianchiDCF(minimumWindow: 16, backoffStages: 6).solve(stations: 10)
            let s50 = BianchiDCF(minimumWindow: 16, backoffStages: 6).solve(stations: 50)
            #expect(abs(s10.tau - 0.052480) < 2e-6 && abs(s10.collisionProbability - 0.384404) < 2e-6)
            #expect(abs(s50.tau - 0.018290) < 2e-6 && abs(s50.collisionProbability - 0.595267) < 2e-6)
        }
    }
}
