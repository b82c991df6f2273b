import Foundation
import NyquistNumerics
import Testing
@testable import NyquistTracking

/// The delta-method band against a hand derivation for the exponential law R = R0·exp(x/τ):
/// ln R = ln R0 + x/τ, so ∂ln R/∂R0 = 1/R0, ∂ln R/∂τ = −x/τ² and
/// var ln R = (SE_R0/R0)² + (x SE_τ/τ²)² − 2ρ (SE_R0/R0)(x SE_τ/τ²).
@Suite struct GrowthLawBandTests {
    @Test func exponentialLawBandMatchesTheHandFormula() throws {
        let x: [Double] = [1, 2, 4, 6, 8, 10, 13, 16, 20, 25, 30, 40]
        var g = SeededRandom(seed: 5)
        let y = x.map { 50 * exp($0 / 30) * exp(0.02 * g.normal()) }
        let fit = try GrowthLawFit.fit(.exponential, x: x, y: y, standardErrors: y.map { 0.02 * $0 },
                                       options: GrowthFitOptions(relativeErrorFloor: 0))
        let r0 = fit.values[0], tau = fit.values[1]
        let se0 = try #require(fit.parameters[0].standardError), seTau = try #require(fit.parameters[1].standardError)
        let rho = fit.correlations[1]
        let t = try #require(StudentT.quantile(0.975, degreesOfFreedom: Double(x.count - 2)))
        let band = fit.band(at: [0, 15, 50])
        for (i, xi) in [0.0, 15, 50].enumerated() {
            let a: Double = se0 / r0
            let b: Double = xi * seTau / (tau * tau)
            let variance: Double = a * a + b * b - 2 * rho * a * b
            let half: Double = t * variance.squareRoot()
            let f = r0 * exp(xi / tau)
            #expect(abs(band.value[i] - f) <= 1e-12 * f)
            #expect(abs(log(band.upper[i] / f) - half) <= 1e-6 * half, "x = \(xi)")
            #expect(abs(log(f / band.lower[i]) - half) <= 1e-6 * half, "x = \(xi)")
        }
        // Extrapolating far beyond the data widens the band.
        #expect(band.upper[2] / band.value[2] > band.upper[1] / band.value[1])
    }
}
