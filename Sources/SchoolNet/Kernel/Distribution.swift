import Foundation

/// A probability distribution of a non-negative or real quantity, as a closed enum so
/// scenarios can name it and hot paths can sample it without dynamic dispatch.
///
/// Parameters are plain numbers in the unit of the quantity being drawn (seconds, bytes);
/// the caller wraps the draw in a unit type.
///
/// - Source: inverse-transform and Box–Muller methods (Law, *Simulation Modeling and
///   Analysis*, 5th ed., ch. 8).
/// - Validated by: `DistributionTests`.
public enum Distribution: Sendable, Equatable {
    /// Always `value`.
    case constant(Double)
    /// Uniform on [low, high).
    case uniform(low: Double, high: Double)
    /// Exponential with the given mean.
    case exponential(mean: Double)
    /// Normal with mean and standard deviation.
    case normal(mean: Double, standardDeviation: Double)
    /// Lognormal: `exp(N(mu, sigma))`; median `exp(mu)`, mean `exp(mu + sigma²/2)`.
    case lognormal(mu: Double, sigma: Double)
    /// Pareto with shape `alpha` truncated to [low, high] (heavy tails with a finite mean).
    case boundedPareto(alpha: Double, low: Double, high: Double)
    /// A discrete distribution over `values` with the given (unnormalised) `weights`,
    /// stored as cumulative weights for O(log k) sampling.
    case empirical(values: [Double], cumulativeWeights: [Double])

    /// A lognormal with the given mean and coefficient of variation (σ/mean).
    public static func lognormal(mean: Double, cv: Double) -> Distribution {
        let sigma2 = log(1 + cv * cv)
        return .lognormal(mu: log(mean) - sigma2 / 2, sigma: sigma2.squareRoot())
    }

    /// A discrete distribution over `values` with relative `weights`.
    public static func empirical(_ pairs: [(value: Double, weight: Double)]) -> Distribution {
        precondition(!pairs.isEmpty, "empirical distribution needs at least one value")
        var acc = 0.0
        var cum: [Double] = []
        for p in pairs {
            precondition(p.weight >= 0, "negative weight")
            acc += p.weight
            cum.append(acc)
        }
        precondition(acc > 0, "all weights are zero")
        return .empirical(values: pairs.map(\.value), cumulativeWeights: cum)
    }

    /// Draws one value.
    ///
    /// - Parameter rng: the entity's random stream.
    /// - Returns: a sample.
    /// - Complexity: O(1), O(log k) for `empirical`.
    @inlinable
    public func sample(using rng: inout RandomStream) -> Double {
        switch self {
        case .constant(let v):
            return v
        case .uniform(let a, let b):
            return a + (b - a) * rng.nextUnit()
        case .exponential(let mean):
            return -mean * log(rng.nextOpenUnit())
        case .normal(let m, let s):
            return m + s * Distribution.standardNormal(using: &rng)
        case .lognormal(let mu, let sigma):
            return exp(mu + sigma * Distribution.standardNormal(using: &rng))
        case .boundedPareto(let alpha, let l, let h):
            // Inverse CDF of the truncated Pareto.
            let u = rng.nextUnit()
            let la = pow(l, alpha), ha = pow(h, alpha)
            return pow(-(u * ha - u * la - ha) / (ha * la), -1 / alpha)
        case .empirical(let values, let cum):
            let u = rng.nextUnit() * cum[cum.count - 1]
            var lo = 0, hi = cum.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cum[mid] > u { hi = mid } else { lo = mid + 1 }
            }
            return values[lo]
        }
    }

    /// The mean of the distribution (analytic).
    public var mean: Double {
        switch self {
        case .constant(let v): return v
        case .uniform(let a, let b): return (a + b) / 2
        case .exponential(let m): return m
        case .normal(let m, _): return m
        case .lognormal(let mu, let s): return exp(mu + s * s / 2)
        case .boundedPareto(let a, let l, let h):
            if a == 1 { return (h * l / (h - l)) * log(h / l) }
            let la = pow(l, a)
            return la / (1 - pow(l / h, a)) * (a / (a - 1)) * (1 / pow(l, a - 1) - 1 / pow(h, a - 1))
        case .empirical(let values, let cum):
            var s = 0.0, prev = 0.0
            for (v, c) in zip(values, cum) { s += v * (c - prev); prev = c }
            return s / cum[cum.count - 1]
        }
    }

    /// One standard normal draw (Box–Muller, cosine branch; no cached state so that a
    /// stream's draws do not depend on how many normals were drawn before).
    @inlinable
    static func standardNormal(using rng: inout RandomStream) -> Double {
        let u1 = rng.nextOpenUnit()
        let u2 = rng.nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
