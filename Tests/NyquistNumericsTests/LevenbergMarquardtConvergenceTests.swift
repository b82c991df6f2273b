import Foundation
import NyquistNumerics
import Testing

@Suite("Levenberg–Marquardt convergence tests")
struct LevenbergMarquardtConvergenceTests {
    static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    @Test("Only xtol enabled: converged(smallStep), and the last step satisfies |δᵢ| < xtol(|xᵢ| + xtol)")
    func smallStep() throws {
        let model = ExponentialDecay(amplitude: 5, rate: 1.5, offset: 1)
        let xtol = 1e-6
        var lm = try LevenbergMarquardt(
            residualCount: 40, parameterCount: 3, settings: .init(xtol: xtol, gtol: 0, ftol: 0))
        var iterates: [[Double]] = []
        let outcome = try lm.solve(
            start: [1, 0.5, 0], residuals: model.residuals, jacobian: model.jacobian,
            shouldStop: { _, x, _ in iterates.append(Array(x)); return false })
        #expect(outcome.status == .converged(reason: .smallStep))
        let last = iterates[iterates.count - 1]
        let previous = iterates[iterates.count - 2]
        for i in 0..<3 { #expect(abs(last[i] - previous[i]) < xtol * (abs(last[i]) + xtol)) }
    }

    @Test("Only gtol enabled: converged(smallGradient), and ‖Jᵀf ∘ max(x, 1)‖∞ ≤ gtol·max(½‖f‖², 1)")
    func smallGradient() throws {
        let model = ExponentialDecay(amplitude: 5, rate: 1.5, offset: 1)
        let gtol = 1e-9
        var lm = try LevenbergMarquardt(
            residualCount: 40, parameterCount: 3, settings: .init(xtol: 0, gtol: gtol, ftol: 0))
        let outcome = try lm.solve(start: [1, 0.5, 0], residuals: model.residuals, jacobian: model.jacobian)
        #expect(outcome.status == .converged(reason: .smallGradient))
        var largest = 0.0
        for j in 0..<3 {
            var g = 0.0
            for i in 0..<40 { g += outcome.jacobian[3 * i + j] * outcome.residuals[i] }
            largest = max(largest, abs(g * max(outcome.x[j], 1)))
        }
        #expect(largest <= gtol * max(0.5 * outcome.chiSquared, 1))
    }

    @Test("Only ftol enabled: converged(smallCostChange) exactly when ‖Δf‖ ≤ ftol·max(‖f‖, 1) first holds")
    func smallCostChange() throws {
        let model = ExponentialDecay(amplitude: 5, rate: 1.5, offset: 1)
        let ftol = 1e-4
        var lm = try LevenbergMarquardt(
            residualCount: 40, parameterCount: 3, settings: .init(xtol: 0, gtol: 0, ftol: ftol))
        var residualHistory: [[Double]] = []
        let outcome = try lm.solve(
            start: [1, 0.5, 0], residuals: model.residuals, jacobian: model.jacobian,
            shouldStop: { _, _, f in residualHistory.append(Array(f)); return false })
        #expect(outcome.status == .converged(reason: .smallCostChange))
        #expect(residualHistory.count == outcome.iterations + 1)
        for k in 1..<residualHistory.count {
            let change = Self.norm(zip(residualHistory[k], residualHistory[k - 1]).map { $0 - $1 })
            let met = change <= ftol * max(Self.norm(residualHistory[k - 1]), 1)
            #expect(met == (k == residualHistory.count - 1), "iteration \(k)")
        }
    }

    @Test("A Jacobian of the wrong sign admits no downhill step: noProgress after one iteration")
    func noProgress() throws {
        var lm = try LevenbergMarquardt(residualCount: 2, parameterCount: 2)
        let outcome = try lm.solve(start: [-1.2, 1], residuals: Rosenbrock.residuals, jacobian: { x, j in
            _ = Rosenbrock.jacobian(x, j)
            for i in 0..<4 { j[i] = -j[i] }
            return true
        })
        #expect(outcome.status == .noProgress)
        #expect(outcome.iterations == 1)
        #expect(outcome.x == [-1.2, 1])
    }
}
