import Foundation
import NyquistNumerics
import Testing

@Suite("Levenberg–Marquardt status and errors")
struct LevenbergMarquardtStatusTests {
    @Test("A residual callback returning false ends the solve with evaluationFailed at the last accepted point")
    func callbackFailure() throws {
        let model = ExponentialDecay(amplitude: 5, rate: 1.5, offset: 1)
        var lm = try LevenbergMarquardt(residualCount: 40, parameterCount: 3)
        var calls = 0
        let outcome = try lm.solve(start: [1, 0.5, 0], residuals: { x, f in
            calls += 1
            return calls < 4 && model.residuals(x, f)
        }, jacobian: model.jacobian)
        #expect(outcome.status == .evaluationFailed)
        #expect(outcome.x.count == 3 && outcome.x.allSatisfy { $0.isFinite })
        #expect(outcome.jacobian.isEmpty)
        // The reported residuals are f(x) at the reported x.
        var recomputed = [Double](repeating: 0, count: 40)
        _ = outcome.x.withUnsafeBufferPointer { x in recomputed.withUnsafeMutableBufferPointer { model.residuals(x, $0) } }
        #expect(outcome.residuals == recomputed)
    }

    @Test("NaN residuals and a failing Jacobian are evaluation failures, not traps")
    func nonFiniteValues() throws {
        var lm = try LevenbergMarquardt(residualCount: 2, parameterCount: 2)
        let nanOutcome = try lm.solve(start: [-1.2, 1]) { x, f in
            f[0] = x[0] > -1 ? .nan : 10 * (x[1] - x[0] * x[0])
            f[1] = 1 - x[0]
            return true
        }
        #expect(nanOutcome.status == .evaluationFailed)
        #expect(nanOutcome.x[0] <= -1)

        let jacobianOutcome = try lm.solve(
            start: [-1.2, 1], residuals: Rosenbrock.residuals, jacobian: { _, _ in false })
        #expect(jacobianOutcome.status == .evaluationFailed)
        #expect(jacobianOutcome.x == [-1.2, 1])
    }

    @Test("Failure at the start point: empty residuals, infinite χ²")
    func failureAtStart() throws {
        var lm = try LevenbergMarquardt(residualCount: 2, parameterCount: 2)
        let outcome = try lm.solve(start: [3, 4]) { _, _ in false }
        #expect(outcome.status == .evaluationFailed)
        #expect(outcome.x == [3, 4])
        #expect(outcome.residuals.isEmpty)
        #expect(outcome.chiSquared == .infinity)
        #expect(outcome.iterations == 0)
    }

    @Test("shouldStop ends the solve with stoppedByCaller and sees consistent x and f")
    func stoppedByCaller() throws {
        var lm = try LevenbergMarquardt(residualCount: 2, parameterCount: 2)
        var seen: [Int] = []
        var consistent = true
        let outcome = try lm.solve(
            start: [-1.2, 1], residuals: Rosenbrock.residuals, jacobian: Rosenbrock.jacobian
        ) { iteration, x, f in
            seen.append(iteration)
            consistent = consistent && f[0] == 10 * (x[1] - x[0] * x[0]) && f[1] == 1 - x[0]
            return iteration == 3
        }
        #expect(outcome.status == .stoppedByCaller)
        #expect(outcome.iterations == 3)
        #expect(seen == [0, 1, 2, 3])
        #expect(consistent)

        // EC-Lab style threshold on χ²: the returned χ² is the first one at or below the threshold.
        var lastChiSquared = Double.infinity
        let threshold = 1e-3
        let early = try lm.solve(start: [-1.2, 1], residuals: Rosenbrock.residuals, shouldStop: { _, _, f in
            lastChiSquared = f[0] * f[0] + f[1] * f[1]
            return lastChiSquared <= threshold
        })
        #expect(early.status == .stoppedByCaller)
        #expect(early.chiSquared <= threshold)
        #expect(early.chiSquared == lastChiSquared)
    }

    @Test("maxIterations is reported when the budget runs out")
    func maxIterations() throws {
        var lm = try LevenbergMarquardt(
            residualCount: 2, parameterCount: 2, settings: LevenbergMarquardtSettings(maxIterations: 2))
        let outcome = try lm.solve(start: [-1.2, 1], residuals: Rosenbrock.residuals, jacobian: Rosenbrock.jacobian)
        #expect(outcome.status == .maxIterations)
        #expect(outcome.iterations == 2)
    }

    @Test("Bad dimensions, bad start and bad settings are typed errors")
    func badInput() throws {
        #expect(throws: GSLError.badDimensions(rows: 2, columns: 3, reason: "fewer residuals than parameters (n < p)")) {
            _ = try LevenbergMarquardt(residualCount: 2, parameterCount: 3)
        }
        #expect(throws: GSLError.self) { _ = try LevenbergMarquardt(residualCount: 0, parameterCount: 0) }
        do {
            _ = try LevenbergMarquardt(residualCount: 5, parameterCount: 0)
            Issue.record("expected an error")
        } catch {
            guard case .badDimensions(let rows, let columns, _) = error else {
                Issue.record("wrong case \(error)")
                return
            }
            #expect(rows == 5 && columns == 0)
        }
        #expect(throws: GSLError.invalidArgument(argument: "xtol", reason: "-1.0 is not a finite non-negative number")) {
            _ = try LevenbergMarquardt(
                residualCount: 3, parameterCount: 2, settings: LevenbergMarquardtSettings(xtol: -1))
        }
        var lm = try LevenbergMarquardt(residualCount: 2, parameterCount: 2)
        #expect(throws: GSLError.lengthMismatch(argument: "start", expected: 2, actual: 3)) {
            _ = try lm.solve(start: [1, 2, 3], residuals: Rosenbrock.residuals)
        }
        #expect(throws: GSLError.nonFiniteInput(argument: "start", index: 1)) {
            _ = try lm.solve(start: [1, .nan], residuals: Rosenbrock.residuals)
        }
    }

    @Test("Status text comes from gsl_strerror")
    func statusText() {
        // Strings from GSL 2.7 err/strerror.c.
        #expect(gslStatusMessage(27) == "iteration is not making progress towards solution")
        #expect(LevenbergMarquardtStatus.failed(code: 9).description.hasSuffix("problem with user-supplied function"))
    }
}
