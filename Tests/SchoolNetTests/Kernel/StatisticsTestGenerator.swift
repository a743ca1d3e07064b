import Foundation

/// A tiny seeded generator for the statistics tests: SplitMix64 for uniforms, Box–Muller
/// for normals.
///
/// Local to the tests on purpose: the statistics must be checkable without the project's
/// random streams, and the test data must not change when those streams do.
/// SplitMix64: G. Steele, D. Lea, C. Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014 (constants from Vigna's reference implementation).
struct StatisticsTestGenerator {
    private var state: UInt64
    private var spareNormal: Double?

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on (0, 1): 53 random bits, offset by half a step so 0 never occurs.
    mutating func nextUniform() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1p-53
    }

    /// Standard normal by the Box–Muller transform (both outputs used).
    mutating func nextNormal() -> Double {
        if let z = spareNormal {
            spareNormal = nil
            return z
        }
        let r = (-2 * log(nextUniform())).squareRoot()
        let theta = 2 * Double.pi * nextUniform()
        spareNormal = r * sin(theta)
        return r * cos(theta)
    }

    /// Lognormal: exp(μ + σ·Z).
    mutating func nextLognormal(mu: Double, sigma: Double) -> Double {
        exp(mu + sigma * nextNormal())
    }
}
