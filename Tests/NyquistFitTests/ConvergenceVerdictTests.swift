import Numerics
import NyquistCircuit
import NyquistFit
import NyquistIO
import NyquistTestSupport
import Testing

/// "Not converged" only when the returned point is measurably not a minimum (issue 12, point 4).
@Suite struct ConvergenceVerdictTests {
    let truth = [20.0, 30, 1e-7, 0.9, 150, 1e-5, 0.8]
    let circuit = Synthetic.assbCathode

    /// χ² with modulus weights, written out here: Σᵢ |Zᵢ − Ẑᵢ(p)|²/|Zᵢ|².
    func chiSquare(_ s: Spectrum, _ p: [Double]) throws -> Double {
        let z = EvaluationPlan(circuit: circuit).impedance(try FrequencyGrid(frequencies: s.frequencies), parameters: p)
        return zip(s.impedances, z).reduce(0) { $0 + ($1.0 - $1.1).lengthSquared / $1.0.lengthSquared }
    }

    /// Central finite-difference gradient of χ² in the parameters themselves, ∂χ²/∂pₖ, with steps of 10⁻⁵·pₖ.
    func gradient(_ s: Spectrum, _ p: [Double]) throws -> [Double] {
        try p.indices.map { k in
            let h = 1e-5 * p[k]
            var up = p, down = p
            up[k] += h; down[k] -= h
            return (try chiSquare(s, up) - chiSquare(s, down)) / (2 * h)
        }
    }

    /// All tolerance tests off (xtol = gtol = ftol = 0): only the iteration limit can stop the fit. From the truth,
    /// 40 iterations reach the minimum, so the fit is converged and says that the limit stopped it there.
    @Test func iterationLimitAtAMinimumIsConverged() throws {
        let s = try Synthetic.spectrum(circuit, parameters: truth, noise: 0.005, seed: 3)
        var settings = FitSettings()
        settings.method = .lm
        settings.xtol = 0; settings.gtol = 0; settings.ftol = 0
        settings.maxIterations = 40
        let r = try Fitter.fit(s, circuit: circuit, settings: settings, start: truth)
        #expect(r.convergence.converged, "\(r.convergence.reason)")
        #expect(r.convergence.reason.contains("at a minimum"), "\(r.convergence.reason)")
        let p = r.parameters.map(\.value)
        // Independent check: the finite-difference gradient, times each standard error, is a negligible fraction of
        // the noise scale s² = χ²/ν — moving any parameter by one SE cannot change χ² measurably to first order.
        let chi = try chiSquare(s, p), s2 = chi / Double(r.goodness.degreesOfFreedom)
        #expect(abs(chi - r.goodness.chiSquare) <= 1e-9 * chi)
        for (k, g) in try gradient(s, p).enumerated() {
            let se = try #require(r.parameters[k].standardError)
            #expect(abs(g) * se / s2 < 1e-3, "\(r.parameters[k].name): |∂χ²/∂p|·SE/s² = \(abs(g) * se / s2)")
        }
    }

    /// Two iterations from a start far from the minimum: not converged, and the reason says why.
    @Test func unfinishedFitStaysNotConverged() throws {
        let s = try Synthetic.spectrum(circuit, parameters: truth, noise: 0.005, seed: 3)
        let far = [60.0, 8, 1e-6, 0.7, 600, 1e-4, 0.6]
        var settings = FitSettings()
        settings.method = .lm
        settings.maxIterations = 2
        let r = try Fitter.fit(s, circuit: circuit, settings: settings, start: far)
        #expect(!r.convergence.converged)
        #expect(r.convergence.reason.contains("away from a minimum"), "\(r.convergence.reason)")
        let p = r.parameters.map(\.value)
        let chi = try chiSquare(s, p), s2 = chi / Double(r.goodness.degreesOfFreedom)
        // Independent check: the finite-difference gradient is large on the noise scale for some parameter …
        let worst = try gradient(s, p).enumerated().map { k, g in abs(g) * abs(p[k]) / s2 }.max() ?? 0
        #expect(worst > 10, "max |∂χ²/∂ln p|/s² = \(worst)")
        // … and a full fit from the same start lowers χ² by far more than its noise scale.
        settings.maxIterations = 500
        let full = try Fitter.fit(s, circuit: circuit, settings: settings, start: far)
        #expect(full.goodness.chiSquare < chi - 10 * s2)
    }
}
