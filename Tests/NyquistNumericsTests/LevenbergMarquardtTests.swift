import Foundation
import NyquistNumerics
import Testing

@Suite("Levenberg–Marquardt")
struct LevenbergMarquardtTests {
    @Test("Rosenbrock residuals from (−1.2, 1) reach (1, 1)")
    func rosenbrock() throws {
        var lm = try LevenbergMarquardt(residualCount: 2, parameterCount: 2)
        let outcome = try lm.solve(start: [-1.2, 1], residuals: Rosenbrock.residuals, jacobian: Rosenbrock.jacobian)
        #expect(outcome.status.isConverged)
        #expect(isClose(outcome.x[0], 1, tolerance: 1e-7))
        #expect(isClose(outcome.x[1], 1, tolerance: 1e-7))
        #expect(outcome.chiSquared < 1e-14)
        #expect(outcome.jacobianEvaluations >= 1)
        #expect(outcome.functionEvaluations > outcome.iterations)
        // The reported Jacobian is J at the solution: (−20x₁, 10; −1, 0) at (1, 1).
        #expect(outcome.jacobian.count == 4)
        #expect(isClose(outcome.jacobian[0], -20, tolerance: 1e-6))
        #expect(outcome.jacobian[1] == 10 && outcome.jacobian[2] == -1 && outcome.jacobian[3] == 0)
    }

    @Test("Rosenbrock with finite differences, geodesic acceleration and each linear solver")
    func rosenbrockVariants() throws {
        for solver in LevenbergMarquardtSettings.LinearSolver.allCases {
            for trustRegion in [LevenbergMarquardtSettings.TrustRegion.levenbergMarquardt, .geodesicAcceleration()] {
                let settings = LevenbergMarquardtSettings(trustRegion: trustRegion, linearSolver: solver)
                var lm = try LevenbergMarquardt(residualCount: 2, parameterCount: 2, settings: settings)
                let outcome = try lm.solve(start: [-1.2, 1], residuals: Rosenbrock.residuals)
                #expect(outcome.status.isConverged, "\(solver) \(trustRegion): \(outcome.status)")
                #expect(isClose(outcome.x[0], 1, tolerance: 1e-6), "\(solver) \(trustRegion)")
                #expect(isClose(outcome.x[1], 1, tolerance: 1e-6), "\(solver) \(trustRegion)")
                #expect(outcome.jacobianEvaluations == 0)
            }
        }
    }

    @Test("Exponential decay on exact data: analytic Jacobian")
    func exponentialAnalytic() throws {
        let model = ExponentialDecay(amplitude: 5, rate: 1.5, offset: 1)
        var lm = try LevenbergMarquardt(residualCount: model.times.count, parameterCount: 3)
        let outcome = try lm.solve(start: [1, 0.5, 0], residuals: model.residuals, jacobian: model.jacobian)
        #expect(outcome.status.isConverged, "\(outcome.status)")
        for (found, expected) in zip(outcome.x, model.truth) { #expect(isClose(found, expected, tolerance: 1e-8)) }
        #expect(outcome.residuals.count == 40)
        #expect(outcome.chiSquared < 1e-20)
    }

    @Test(
        "Exponential decay on exact data: finite-difference Jacobian (strided output vector)",
        arguments: LevenbergMarquardtSettings.FiniteDifference.allCases)
    func exponentialFiniteDifference(scheme: LevenbergMarquardtSettings.FiniteDifference) throws {
        let model = ExponentialDecay(amplitude: 5, rate: 1.5, offset: 1)
        let settings = LevenbergMarquardtSettings(finiteDifference: scheme)
        var lm = try LevenbergMarquardt(residualCount: model.times.count, parameterCount: 3, settings: settings)
        var calls = 0
        let outcome = try lm.solve(start: [1, 0.5, 0]) { x, f in
            calls += 1
            return model.residuals(x, f)
        }
        // GSL writes forward differences f(x + hⱼeⱼ) into column j of J, a vector of stride p; the check of the
        // finite-difference Jacobian against the analytic one below fails if those strided writes go wrong.
        #expect(outcome.functionEvaluations == calls)
        #expect(calls > outcome.iterations * 3)
        #expect(outcome.status.isConverged, "\(outcome.status)")
        for (found, expected) in zip(outcome.x, model.truth) { #expect(isClose(found, expected, tolerance: 1e-6)) }
        #expect(outcome.jacobianEvaluations == 0)
        // Finite-difference Jacobian at the solution against the analytic one.
        var analytic = [Double](repeating: 0, count: 120)
        _ = outcome.x.withUnsafeBufferPointer { x in
            analytic.withUnsafeMutableBufferPointer { model.jacobian(x, $0) }
        }
        for (fd, exact) in zip(outcome.jacobian, analytic) { #expect(abs(fd - exact) < 1e-5) }
    }

    @Test("A workspace is reusable for many solves of the same size")
    func reuse() throws {
        var lm = try LevenbergMarquardt(residualCount: 40, parameterCount: 3)
        for (amplitude, rate) in [(5.0, 1.5), (2.0, 0.7), (8.0, 3.0)] {
            let model = ExponentialDecay(amplitude: amplitude, rate: rate, offset: -0.5)
            let outcome = try lm.solve(start: [1, 1, 0], residuals: model.residuals, jacobian: model.jacobian)
            #expect(outcome.status.isConverged)
            for (found, expected) in zip(outcome.x, model.truth) { #expect(isClose(found, expected, tolerance: 1e-8)) }
        }
    }

    @Test("One workspace per task: concurrent solves are independent")
    func concurrentSolves() async throws {
        let results = try await withThrowingTaskGroup(of: (Int, [Double]).self) { group in
            for index in 0..<6 {
                group.addTask {
                    let model = ExponentialDecay(amplitude: 1 + Double(index), rate: 0.5 + 0.25 * Double(index), offset: 2)
                    var lm = try LevenbergMarquardt(residualCount: 40, parameterCount: 3)
                    var x: [Double] = []
                    for _ in 0..<20 {
                        x = try lm.solve(start: [1, 1, 0], residuals: model.residuals, jacobian: model.jacobian).x
                    }
                    return (index, x)
                }
            }
            var all: [(Int, [Double])] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 6)
        for (index, x) in results {
            #expect(isClose(x[0], 1 + Double(index), tolerance: 1e-8))
            #expect(isClose(x[1], 0.5 + 0.25 * Double(index), tolerance: 1e-8))
            #expect(isClose(x[2], 2, tolerance: 1e-8))
        }
    }
}
