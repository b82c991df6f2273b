import Foundation
import NyquistNumerics
import Testing

@Suite("Parameter covariance")
struct ParameterCovarianceTests {
    /// Straight line y = a + b·x with a fixed ±0.1 noise pattern.
    static let xs: [Double] = (0..<10).map(Double.init)
    static let noise: [Double] = [0.1, -0.1, 0.05, 0.0, -0.08, 0.12, -0.03, 0.02, -0.1, 0.04]
    static let ys: [Double] = zip(xs, noise).map { 2 + 0.5 * $0 + $1 }

    @Test("Straight-line LM fit: parameters and σ²(XᵀX)⁻¹ match the closed form")
    func straightLine() throws {
        let xs = Self.xs
        let ys = Self.ys
        let n = Double(xs.count)
        var lm = try LevenbergMarquardt(residualCount: xs.count, parameterCount: 2)
        let outcome = try lm.solve(start: [0, 0], residuals: { p, f in
            for i in xs.indices { f[i] = p[0] + p[1] * xs[i] - ys[i] }
            return true
        }, jacobian: { _, j in
            for i in xs.indices { j[2 * i] = 1; j[2 * i + 1] = xs[i] }
            return true
        })
        #expect(outcome.status.isConverged)

        // Closed-form ordinary least squares, by hand.
        let sx = xs.reduce(0, +)
        let sy = ys.reduce(0, +)
        let sxx = xs.reduce(0) { $0 + $1 * $1 }
        let sxy = zip(xs, ys).reduce(0) { $0 + $1.0 * $1.1 }
        let determinant = n * sxx - sx * sx
        let slope = (n * sxy - sx * sy) / determinant
        let intercept = (sy - slope * sx) / n
        #expect(isClose(outcome.x[0], intercept, tolerance: 1e-10))
        #expect(isClose(outcome.x[1], slope, tolerance: 1e-10))
        let chiSquared = zip(xs, ys).reduce(0) { sum, point in
            let r = intercept + slope * point.0 - point.1
            return sum + r * r
        }
        #expect(isClose(outcome.chiSquared, chiSquared, tolerance: 1e-10))

        // σ²(XᵀX)⁻¹ with (XᵀX)⁻¹ = [[Σx², −Σx], [−Σx, n]] / (nΣx² − (Σx)²), σ² = χ²/(n − 2).
        let sigmaSquared = chiSquared / (n - 2)
        let expected = [sxx, -sx, -sx, n].map { sigmaSquared * $0 / determinant }
        let covariance = try outcome.covariance()
        #expect(covariance.rank == 2 && covariance.isFullRank && covariance.unidentifiedParameters.isEmpty)
        for (found, want) in zip(covariance.matrix.map { sigmaSquared * $0 }, expected) {
            #expect(isClose(found, want, tolerance: 1e-10))
        }
        let standardError = try #require(covariance.standardError(ofParameter: 1, scale: sigmaSquared))
        #expect(isClose(standardError, (sigmaSquared * n / determinant).squareRoot(), tolerance: 1e-10))
    }

    @Test("Two identical Jacobian columns: rank 1 reported, no NaN or Inf")
    func identicalColumns() throws {
        // f_i = (a + b)·t_i − y_i: only a + b is identifiable.
        let ts: [Double] = (1...8).map(Double.init)
        let ys = ts.map { 3 * $0 }
        var lm = try LevenbergMarquardt(residualCount: ts.count, parameterCount: 2)
        let outcome = try lm.solve(start: [0.5, 0.5], residuals: { p, f in
            for i in ts.indices { f[i] = (p[0] + p[1]) * ts[i] - ys[i] }
            return true
        }, jacobian: { _, j in
            for i in ts.indices { j[2 * i] = ts[i]; j[2 * i + 1] = ts[i] }
            return true
        })
        #expect(outcome.x.allSatisfy { $0.isFinite })
        #expect(isClose(outcome.x[0] + outcome.x[1], 3, tolerance: 1e-8))
        let covariance = try LevenbergMarquardt.covariance(jacobian: outcome.jacobian, n: ts.count, p: 2)
        #expect(covariance.rank == 1)
        #expect(!covariance.isFullRank)
        #expect(covariance.unidentifiedParameters.count == 1)
        #expect(covariance.matrix.allSatisfy { $0.isFinite })
        let identified = 1 - covariance.unidentifiedParameters[0]
        // The identified parameter alone: (Σt²)⁻¹.
        let stt = ts.reduce(0) { $0 + $1 * $1 }
        #expect(isClose(covariance[identified, identified], 1 / stt, tolerance: 1e-10))
        #expect(covariance.standardError(ofParameter: covariance.unidentifiedParameters[0]) == nil)
    }

    @Test("A zero column is unidentified; the rest equals the reduced problem's (XᵀX)⁻¹")
    func zeroColumn() throws {
        let xs = Self.xs
        let n = Double(xs.count)
        // Columns: 1, 0, x (parameter 1 has no influence), entries differing by orders of magnitude.
        let jacobian: [Double] = xs.flatMap { (x: Double) -> [Double] in [1e3, 0, 1e-4 * x] }
        let covariance = try ParameterCovariance.estimate(jacobian: jacobian, n: xs.count, p: 3)
        #expect(covariance.rank == 2)
        #expect(covariance.unidentifiedParameters == [1])
        let sx = xs.reduce(0, +) * 1e-4
        let sxx = xs.reduce(0) { $0 + $1 * $1 } * 1e-8
        let determinant = (n * 1e6) * sxx - (1e3 * sx) * (1e3 * sx)
        #expect(isClose(covariance[0, 0], sxx / determinant, tolerance: 1e-9))
        #expect(isClose(covariance[0, 2], -1e3 * sx / determinant, tolerance: 1e-9))
        #expect(isClose(covariance[2, 2], n * 1e6 / determinant, tolerance: 1e-9))
        #expect(covariance[1, 1] == 0 && covariance[0, 1] == 0 && covariance[1, 2] == 0)
    }

    @Test("Bad covariance input is a typed error")
    func badInput() {
        #expect(throws: GSLError.lengthMismatch(argument: "jacobian", expected: 6, actual: 5)) {
            _ = try ParameterCovariance.estimate(jacobian: [1, 2, 3, 4, 5], n: 3, p: 2)
        }
        #expect(throws: GSLError.nonFiniteInput(argument: "jacobian", index: 2)) {
            _ = try ParameterCovariance.estimate(jacobian: [1, 2, .infinity, 4], n: 2, p: 2)
        }
        #expect(throws: GSLError.badDimensions(rows: 1, columns: 2, reason: "fewer residuals than parameters")) {
            _ = try ParameterCovariance.estimate(jacobian: [1, 2], n: 1, p: 2)
        }
    }
}
