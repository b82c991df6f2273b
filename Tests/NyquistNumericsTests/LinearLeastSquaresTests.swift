import Foundation
import NyquistNumerics
import Testing

@Suite("Linear least squares")
struct LinearLeastSquaresTests {
    @Test("Cubic polynomial with known coefficients on exact data")
    func polynomial() throws {
        let coefficients = [1.0, -2.0, 0.5, 0.25]
        let xs = (0..<20).map { -2 + 0.2 * Double($0) }
        let design: [Double] = xs.flatMap { (x: Double) -> [Double] in [1, x, x * x, x * x * x] }
        let ys: [Double] = xs.map { (x: Double) -> Double in
            let c = coefficients
            return c[0] + c[1] * x + c[2] * x * x + c[3] * x * x * x
        }
        let solution = try LinearLeastSquares.solve(design: design, rows: 20, columns: 4, rhs: ys)
        #expect(solution.rank == 4)
        for (found, expected) in zip(solution.coefficients, coefficients) { #expect(abs(found - expected) < 1e-12) }
        #expect(solution.chiSquared < 1e-24)
        #expect(solution.residualVariance != nil)
    }

    @Test("Weighted straight line against the weighted normal equations solved by hand")
    func weightedLine() throws {
        let xs = [0.0, 1, 2, 3]
        let ys = [1.0, 3, 4, 7.5]
        let ws = [1.0, 2, 4, 0.5]
        let solution = try LinearLeastSquares.solve(
            design: xs.flatMap { (x: Double) -> [Double] in [1, x] }, rows: 4, columns: 2, rhs: ys, weights: ws)
        // S = Σw, Sx = Σwx, Sxx = Σwx², Sy = Σwy, Sxy = Σwxy.
        let s = 7.5
        let sx = 0.0 + 2 + 8 + 1.5
        let sxx = 0.0 + 2 + 16 + 4.5
        let sy = 1.0 + 6 + 16 + 3.75
        let sxy = 0.0 + 6 + 32 + 11.25
        let delta = s * sxx - sx * sx
        let intercept = (sxx * sy - sx * sxy) / delta
        let slope = (s * sxy - sx * sy) / delta
        #expect(isClose(solution.coefficients[0], intercept, tolerance: 1e-12))
        #expect(isClose(solution.coefficients[1], slope, tolerance: 1e-12))
        // (XᵀWX)⁻¹ = [[Sxx, −Sx], [−Sx, S]] / Δ.
        let covariance = [sxx / delta, -sx / delta, -sx / delta, s / delta]
        for (found, expected) in zip(solution.covariance, covariance) { #expect(isClose(found, expected, tolerance: 1e-12)) }
        var chiSquared = 0.0
        for i in xs.indices {
            let r = ys[i] - intercept - slope * xs[i]
            chiSquared += ws[i] * r * r
        }
        #expect(isClose(solution.chiSquared, chiSquared, tolerance: 1e-12))
        #expect(solution.rank == 2)
        #expect(isClose(try #require(solution.residualVariance), chiSquared / 2, tolerance: 1e-12))
    }

    @Test("Duplicate columns: rank reported below p, finite minimum-norm solution")
    func rankDeficient() throws {
        let xs = (0..<6).map(Double.init)
        let design: [Double] = xs.flatMap { (x: Double) -> [Double] in [1, x, x] }
        let ys = xs.map { 1 + 4 * $0 }
        let solution = try LinearLeastSquares.solve(design: design, rows: 6, columns: 3, rhs: ys)
        #expect(solution.rank == 2)
        #expect(solution.coefficients.allSatisfy { $0.isFinite })
        #expect(solution.covariance.allSatisfy { $0.isFinite })
        #expect(abs(solution.coefficients[0] - 1) < 1e-10)
        #expect(abs(solution.coefficients[1] + solution.coefficients[2] - 4) < 1e-10)
        #expect(solution.chiSquared < 1e-20)
    }

    @Test("lin-KK sized problem (300 × 100, log-spaced time constants) reproduces exact data")
    func linKKSized() throws {
        let m = 300
        let p = 100
        let frequencies = (0..<(m / 2)).map { pow(10, -2 + 7 * Double($0) / Double(m / 2 - 1)) }
        let taus = (0..<p).map { pow(10, -6 + 8 * Double($0) / Double(p - 1)) }
        var design = [Double](repeating: 0, count: m * p)
        for (k, f) in frequencies.enumerated() {
            let omega = 2 * Double.pi * f
            for (j, tau) in taus.enumerated() {
                let wt = omega * tau
                design[(2 * k) * p + j] = 1 / (1 + wt * wt)  // Re of 1/(1 + iωτ)
                design[(2 * k + 1) * p + j] = -wt / (1 + wt * wt)  // Im
            }
        }
        let truth = (0..<p).map { 1 + 0.5 * sin(Double($0)) }
        let rhs = (0..<m).map { i in (0..<p).reduce(0.0) { $0 + design[i * p + $1] * truth[$1] } }
        let solution = try LinearLeastSquares.solve(design: design, rows: m, columns: p, rhs: rhs)
        #expect(solution.rank <= p && solution.rank > 10)
        #expect(solution.coefficients.allSatisfy { $0.isFinite })
        let norm = rhs.reduce(0) { $0 + $1 * $1 }
        #expect(solution.chiSquared <= 1e-20 * norm)
    }

    @Test("Bad input is a typed error")
    func badInput() {
        #expect(throws: GSLError.badDimensions(rows: 1, columns: 2, reason: "fewer observations than coefficients")) {
            _ = try LinearLeastSquares.solve(design: [1, 2], rows: 1, columns: 2, rhs: [1])
        }
        #expect(throws: GSLError.lengthMismatch(argument: "rhs", expected: 2, actual: 3)) {
            _ = try LinearLeastSquares.solve(design: [1, 2], rows: 2, columns: 1, rhs: [1, 2, 3])
        }
        #expect(throws: GSLError.nonFiniteInput(argument: "design", index: 1)) {
            _ = try LinearLeastSquares.solve(design: [1, .nan], rows: 2, columns: 1, rhs: [1, 2])
        }
        #expect(throws: GSLError.invalidArgument(argument: "weights[0]", reason: "-1.0 is negative")) {
            _ = try LinearLeastSquares.solve(design: [1, 2], rows: 2, columns: 1, rhs: [1, 2], weights: [-1, 1])
        }
    }
}
