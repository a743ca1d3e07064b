import Foundation
import Testing
@testable import SchoolNet

@Suite struct StudentTTests {
    /// Two-sided 95 % multipliers t_{0.975, ν} as printed in every table (3 decimals), and
    /// to 6 decimals (R: `qt(0.975, ν)`, `qnorm(0.975)`).
    @Test(arguments: [
        (1.0, 12.706, 12.706205), (4, 2.776, 2.776445), (9, 2.262, 2.262157),
        (29, 2.045, 2.045230), (.infinity, 1.960, 1.959964),
    ] as [(Double, Double, Double)])
    func tabulated975(nu: Double, table: Double, precise: Double) {
        let t = StudentT.quantile(0.975, degreesOfFreedom: nu)
        #expect(abs(t - table) <= 1e-3, "ν = \(nu): \(t)")
        #expect(abs(t - precise) <= 1e-6, "ν = \(nu): \(t)")
    }

    /// Other levels and the lower tail (R: `qt`). t_{0.95,5} = 2.015048 (one-sided 95 %),
    /// t_{0.995,10} = 3.169273 (two-sided 99 %), t_{0.9995,2} = 31.599055 (far tail),
    /// t_{0.025,4} = −2.776445 (symmetry), z_{0.999} = 3.090232.
    @Test(arguments: [
        (0.95, 5.0, 2.015048), (0.995, 10, 3.169273), (0.9995, 2, 31.599055),
        (0.025, 4, -2.776445), (0.999, .infinity, 3.090232),
    ] as [(Double, Double, Double)])
    func otherQuantiles(p: Double, nu: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: nu) - expected) <= 1e-6)
    }

    /// ν = 1 is the Cauchy distribution: t_p = tan(π(p − ½)), exactly.
    @Test(arguments: [0.6, 0.9, 0.975, 0.999])
    func cauchyClosedForm(p: Double) {
        let exact = tan(Double.pi * (p - 0.5))
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: 1) - exact) <= 1e-10 * exact)
    }

    /// The inverse really inverts the distribution function, for integer and Welch-style
    /// fractional ν, and the large-ν expansion joins the exact solution without a step.
    @Test(arguments: [0.5, 1, 2.5, 7, 30, 250, 5000])
    func quantileInvertsCDF(nu: Double) {
        for p in [0.001, 0.05, 0.3, 0.7, 0.95, 0.975, 0.999] {
            let t = StudentT.quantile(p, degreesOfFreedom: nu)
            #expect(abs(StudentT.cdf(t, degreesOfFreedom: nu) - p) <= 1e-12, "ν = \(nu), p = \(p)")
        }
    }

    @Test func largeDegreesOfFreedomAreContinuousAndTendToNormal() {
        let below = StudentT.quantile(0.975, degreesOfFreedom: 9_999.999)
        let above = StudentT.quantile(0.975, degreesOfFreedom: 10_000)
        #expect(abs(below - above) <= 1e-9)
        let z = StudentT.quantile(0.975, degreesOfFreedom: .infinity)
        #expect(above > z && above - z < 3e-4)
    }
}
