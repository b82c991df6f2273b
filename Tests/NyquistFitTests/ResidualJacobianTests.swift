import Numerics
import NyquistCircuit
@testable import NyquistFit
import NyquistIO
import NyquistTestSupport
import Testing

/// The fitter's residual Jacobian (weights, transforms, and for Boukamp the weight's own derivative) against
/// central finite differences of its residuals.
@Suite struct ResidualJacobianTests {
    @Test(arguments: Weighting.allCases)
    func jacobianMatchesFiniteDifferences(weighting: Weighting) throws {
        let circuit = try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,CPE3)-W4")
        var s = try Synthetic.spectrum(circuit, parameters: [20, 30, 1e-7, 0.9, 150, 1e-5, 0.8, 40], noise: 0.01)
        s.sigma = s.impedances.map { 0.01 * $0.length }
        var table = ParameterTable(circuit: circuit)
        try table.apply(ParameterSetting(lower: 1, upper: 1000), to: "R3")   // a log box
        try table.apply(ParameterSetting(lower: 0.5, upper: 1), to: "n2")    // a bounded exponent
        var settings = FitSettings()
        settings.weighting = weighting
        let problem = try FitProblem(spectrum: s, circuit: circuit, parameters: table, settings: settings)
        let evaluator = ResidualEvaluator(problem)
        let theta = problem.internalCoordinates([22, 27, 2e-7, 0.85, 170, 2e-5, 0.75, 35])
        let n = problem.residualCount, p = problem.freeCount
        var J = [Double](repeating: 0, count: n * p)
        let ok = theta.withUnsafeBufferPointer { t in J.withUnsafeMutableBufferPointer { evaluator.jacobian(t, $0) } }
        #expect(ok)
        func f(_ x: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: n)
            _ = x.withUnsafeBufferPointer { t in out.withUnsafeMutableBufferPointer { evaluator.residuals(t, $0) } }
            return out
        }
        let h = 1e-6
        for k in 0..<p {
            var up = theta, down = theta
            up[k] += h; down[k] -= h
            let fu = f(up), fd = f(down)
            let column = (0..<n).map { (fu[$0] - fd[$0]) / (2 * h) }
            let norm = column.map { $0 * $0 }.reduce(0, +).squareRoot()
            let err = (0..<n).map { (J[$0 * p + k] - column[$0]) * (J[$0 * p + k] - column[$0]) }.reduce(0, +).squareRoot()
            #expect(err <= 1e-6 * max(norm, 1e-12), "\(weighting) column \(problem.parameters[problem.free[k]].name): \(err / max(norm, 1e-300))")
        }
    }

    /// The fused evaluator (residuals also compute ∂Z/∂p for the next Jacobian request) gives the Jacobian of the θ it
    /// is asked about — also when the last residuals were at another θ — and the same residuals, to the last bits
    /// allowed by the two evaluation paths.
    @Test(arguments: [Weighting.modulus, .boukamp])
    func fusedEvaluatorReusesOnlyTheSamePoint(weighting: Weighting) throws {
        let circuit = try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,CPE3)")
        let s = try Synthetic.spectrum(circuit, parameters: [20, 30, 1e-7, 0.9, 150, 1e-5, 0.8], noise: 0.01)
        var settings = FitSettings()
        settings.weighting = weighting
        let problem = try FitProblem(spectrum: s, circuit: circuit, settings: settings)
        let plain = ResidualEvaluator(problem), fused = ResidualEvaluator(problem, fused: true)
        let n = problem.residualCount, p = problem.freeCount
        let a = problem.internalCoordinates([22, 27, 2e-7, 0.85, 170, 2e-5, 0.75])
        let b = problem.internalCoordinates([18, 35, 5e-8, 0.95, 120, 5e-6, 0.7])
        func residuals(_ e: ResidualEvaluator, _ t: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: n)
            _ = t.withUnsafeBufferPointer { t in out.withUnsafeMutableBufferPointer { e.residuals(t, $0) } }
            return out
        }
        func jacobian(_ e: ResidualEvaluator, _ t: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: n * p)
            _ = t.withUnsafeBufferPointer { t in out.withUnsafeMutableBufferPointer { e.jacobian(t, $0) } }
            return out
        }
        func close(_ x: [Double], _ y: [Double]) -> Bool {
            zip(x, y).allSatisfy { abs($0 - $1) <= 1e-12 * max(abs($0), abs($1), 1e-300) + 1e-300 }
        }
        let expectedA = jacobian(plain, a), expectedB = jacobian(plain, b)
        #expect(close(residuals(fused, a), residuals(plain, a)))
        #expect(close(jacobian(fused, a), expectedA))      // reused from the residual call at a
        _ = residuals(fused, a)
        #expect(close(jacobian(fused, b), expectedB))      // last residuals at a: must evaluate at b
        #expect(!close(expectedA, expectedB))               // the two points really differ
        _ = residuals(fused, b)
        #expect(close(jacobian(fused, b), expectedB))
    }
}
