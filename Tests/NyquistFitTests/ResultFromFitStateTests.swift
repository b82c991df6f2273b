import Numerics
import NyquistCircuit
@testable import NyquistFit
import NyquistIO
import NyquistTestSupport
import Testing

/// The result of a local fit is built from the model values and derivatives the fit's last evaluation left behind
/// (``ModelState``) instead of evaluating Z and ∂Z/∂p again: the result must be the same, bit for bit, as the one
/// built by evaluating again (values, χ², residuals, standard errors, correlations, flags, warnings).
@Suite struct ResultFromFitStateTests {
    @Test(arguments: [Weighting.modulus, .boukamp, .unit, .proportional, .sigma])
    func sameResultAsEvaluatingAgain(weighting: Weighting) throws {
        let circuit = try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,CPE3)-W4")
        for seed in 1...4 {
            var s = try Synthetic.spectrum(circuit, parameters: [20, 30, 1e-7, 0.9, 150, 1e-5, 0.8, 40],
                                           noise: 0.005, seed: UInt64(seed))
            s.sigma = s.impedances.map { 0.005 * $0.length }
            var settings = FitSettings()
            settings.weighting = weighting
            settings.method = .lm
            let problem = try FitProblem(spectrum: s, circuit: circuit, settings: settings)
            let start = problem.internalCoordinates([22, 27, 2e-7, 0.85, 170, 2e-5, 0.75, 35])
            let candidate = try Fitter.local(problem, from: start, method: .lm)
            let state = try #require(candidate.model, "the fit leaves its last evaluation (\(weighting), seed \(seed))")
            #expect(state.parameters.map(\.bitPattern) == candidate.physical.map(\.bitPattern))
            var withoutState = candidate
            withoutState.model = nil
            var gaugeA = NoiseGauge(problem), gaugeB = NoiseGauge(problem)
            let a = try FitResultBuilder.make(problem, candidate, seconds: 0, noise: &gaugeA)
            let b = try FitResultBuilder.make(problem, withoutState, seconds: 0, noise: &gaugeB)
            #expect(a == b, "\(weighting), seed \(seed)")
            #expect(a.parameters.allSatisfy { $0.fixed || $0.standardError != nil })
        }
    }

    /// A state whose parameters are not the result's (arcs reordered, a pinned refit) is not used.
    @Test func stateOfOtherParametersIsIgnored() throws {
        let circuit = try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,CPE3)")
        let s = try Synthetic.spectrum(circuit, parameters: [20, 30, 1e-7, 0.9, 150, 1e-5, 0.8], noise: 0.005)
        let problem = try FitProblem(spectrum: s, circuit: circuit, settings: FitSettings())
        let start = problem.internalCoordinates([22, 27, 2e-7, 0.85, 170, 2e-5, 0.75])
        var candidate = try Fitter.local(problem, from: start, method: .lm)
        var clean = candidate
        clean.model = nil
        // A state of another parameter vector (Z and ∂Z/∂p of the start): must not leak into the result.
        let other = problem.physicalParameters(start)
        let (z, j) = problem.plan.impedanceAndJacobian(problem.grid, parameters: other)
        candidate.model = ModelState(parameters: other, impedance: z, partials: j)
        var gaugeA = NoiseGauge(problem), gaugeB = NoiseGauge(problem)
        let a = try FitResultBuilder.make(problem, candidate, seconds: 0, noise: &gaugeA)
        let b = try FitResultBuilder.make(problem, clean, seconds: 0, noise: &gaugeB)
        #expect(a == b)
    }
}
