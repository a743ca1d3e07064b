import Foundation

/// Student's t distribution: the distribution function and its inverse, for confidence
/// intervals on means estimated from a handful of replications.
///
/// The upper tail is `Q(t) = ½·I_x(ν/2, ½)` with `x = ν/(ν + t²)`, `I` the regularized
/// incomplete beta function, evaluated by its continued fraction (modified Lentz). The
/// quantile solves `Q(t) = q` by Newton's method safeguarded by bisection on a bracket, so
/// it works for any real `ν > 0` (Welch's non-integer degrees of freedom included) and any
/// `p` in (0, 1), rather than a table for a few `ν`. For `ν ≥ 10⁴` the Cornish–Fisher
/// expansion about the normal quantile (Abramowitz & Stegun 26.7.5, the large-ν branch of
/// Hill 1970) is used instead; its error there is below 10⁻¹². `ν = +∞` is the standard
/// normal distribution, `Q(z) = ½·erfc(z/√2)`.
///
/// **Accuracy:** quantiles to about 10⁻¹² relative (the continued fraction converges to
/// 10⁻¹⁵; `lgamma` and `erfc` are the C library's).
///
/// **Source:** W. H. Press et al., *Numerical Recipes*, 3rd ed., §6.4 (incomplete beta) and
/// §6.14 (Student's t); G. W. Hill, "Algorithm 396: Student's t-quantiles", CACM 13(10),
/// 1970; M. Abramowitz, I. A. Stegun, *Handbook of Mathematical Functions*, 26.7.5.
///
/// **Validated by:** `StudentTTests` (tabulated quantiles; `cdf(quantile(p)) = p`).
public enum StudentT {
    /// The distribution function `P(T ≤ t)` for `ν` degrees of freedom.
    ///
    /// - Parameters:
    ///   - t: The point.
    ///   - degreesOfFreedom: `ν > 0`; `.infinity` for the standard normal distribution.
    /// - Returns: `P(T ≤ t)` in [0, 1].
    /// - Complexity: O(√ν) continued-fraction terms at most; O(1) for ν = ∞.
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(nu > 0 && !t.isNaN, "StudentT.cdf: need ν > 0 and t not NaN")
        let tail = upperTail(abs(t), nu)
        return t >= 0 ? 1 - tail : tail
    }

    /// The `p`-quantile: the `t` with `P(T ≤ t) = p` for `ν` degrees of freedom.
    ///
    /// `quantile(0.975, degreesOfFreedom: n − 1)` is the multiplier of a two-sided 95 %
    /// confidence interval from `n` replications.
    ///
    /// - Parameters:
    ///   - p: The probability, in (0, 1).
    ///   - degreesOfFreedom: `ν > 0`; `.infinity` for the standard normal distribution.
    /// - Returns: The quantile; negative for `p < ½`.
    /// - Complexity: O(log(1/ε)) distribution-function evaluations.
    public static func quantile(_ p: Double, degreesOfFreedom nu: Double) -> Double {
        precondition(p > 0 && p < 1, "StudentT.quantile(\(p)): p must be in (0, 1)")
        precondition(nu > 0, "StudentT.quantile: ν must be positive, got \(nu)")
        if p == 0.5 { return 0 }
        // Solve on the upper half, for the tail probability q < ½ (exact: 1 − p for p > ½
        // is computed without rounding).
        let q = p < 0.5 ? p : 1 - p
        let sign: Double = p < 0.5 ? -1 : 1
        if nu.isFinite && nu >= 1e4 {
            return sign * cornishFisher(normalUpperQuantile(q), nu)
        }
        return sign * solveUpperTail(q, nu)
    }

    // MARK: - Tail and density

    /// `P(T > t)` for `t ≥ 0`.
    static func upperTail(_ t: Double, _ nu: Double) -> Double {
        if nu == .infinity { return 0.5 * erfc(t / 2.0.squareRoot()) }
        let t2 = t * t
        let x = nu / (nu + t2)
        let y = t2 / (nu + t2)  // 1 − x without cancellation
        return 0.5 * regularizedIncompleteBeta(a: nu / 2, b: 0.5, x: x, y: y)
    }

    /// The density at `t`.
    static func density(_ t: Double, _ nu: Double) -> Double {
        if nu == .infinity { return exp(-0.5 * t * t) / (2 * Double.pi).squareRoot() }
        let logNorm = lgamma((nu + 1) / 2) - lgamma(nu / 2) - 0.5 * log(nu * Double.pi)
        return exp(logNorm - (nu + 1) / 2 * log1p(t * t / nu))
    }

    /// The `t ≥ 0` with `upperTail(t) = q`, for `0 < q < ½`.
    static func solveUpperTail(_ q: Double, _ nu: Double) -> Double {
        // Bracket: Q(lo) ≥ q ≥ Q(hi), Q decreasing.
        var lo = 0.0
        var hi = 1.0
        while upperTail(hi, nu) > q {
            lo = hi
            hi *= 2
            if hi > 1e300 { return hi }
        }
        var t = 0.5 * (lo + hi)
        for _ in 0..<200 {
            let f = upperTail(t, nu) - q
            if f > 0 { lo = t } else if f < 0 { hi = t } else { return t }
            // Newton step on Q(t) − q, with Q′ = −density; bisect if it leaves the bracket.
            var next = t + f / density(t, nu)
            if !(next > lo && next < hi) { next = 0.5 * (lo + hi) }
            if abs(next - t) <= 1e-15 * Swift.max(1, abs(t)) || hi - lo <= 1e-15 * Swift.max(1, hi) {
                return next
            }
            t = next
        }
        return t
    }

    /// The standard normal upper quantile `z` with `½·erfc(z/√2) = q`, `0 < q < ½`.
    static func normalUpperQuantile(_ q: Double) -> Double { solveUpperTail(q, .infinity) }

    /// Cornish–Fisher expansion of the t quantile about the normal quantile `z`
    /// (Abramowitz & Stegun 26.7.5), four terms.
    static func cornishFisher(_ z: Double, _ nu: Double) -> Double {
        let z2 = z * z
        let g1 = z * (z2 + 1) / 4
        let g2 = z * ((5 * z2 + 16) * z2 + 3) / 96
        let g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384
        let g4 = z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160
        return z + (g1 + (g2 + (g3 + g4 / nu) / nu) / nu) / nu
    }

    // MARK: - Incomplete beta

    /// The regularized incomplete beta function `I_x(a, b)`, with `y = 1 − x` passed
    /// separately so that neither loses digits.
    static func regularizedIncompleteBeta(a: Double, b: Double, x: Double, y: Double) -> Double {
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log(y)
        let front = exp(logFront)
        // The continued fraction converges quickly for x < (a + 1)/(a + b + 2); otherwise
        // use the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
        if x < (a + 1) / (a + b + 2) {
            return front * betaContinuedFraction(a: a, b: b, x: x) / a
        }
        return 1 - front * betaContinuedFraction(a: b, b: a, x: y) / b
    }

    /// The continued fraction for `I_x(a, b)` by the modified Lentz method
    /// (Numerical Recipes `betacf`).
    static func betaContinuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let epsilon = 1e-16
        let qab = a + b
        let qap = a + 1
        let qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...20_000 {
            let m = Double(m)
            let m2 = 2 * m
            // Even step.
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // Odd step.
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < epsilon { break }
        }
        return h
    }
}
