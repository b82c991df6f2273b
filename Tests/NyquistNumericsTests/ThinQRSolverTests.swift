import CGSL
@testable import NyquistNumerics
import Testing

/// ``ThinQRSolver`` (issue 17, point 4), the trust-region subproblem δ = argmin ‖J·δ + f‖² + μ‖D·δ‖², against its
/// closed form δ = −(JᵀJ + μD²)⁻¹·Jᵀf solved by hand (Cramer's rule on 2×2 and 3×3 systems), the Gauss–Newton step
/// for μ = 0, a rank-deficient J, and the reciprocal condition number of a diagonal R.
@Suite struct ThinQRSolverTests {
    /// Runs factor + solve on J (row-major n×p), f, D and μ; returns δ or nil.
    static func step(_ J: [Double], n: Int, p: Int, f: [Double], d: [Double], mu: Double) -> [Double]? {
        let solver = ThinQRSolver(n: n, p: p)
        var j = J, fv = f, dv = d
        var x = [Double](repeating: .nan, count: p)
        return j.withUnsafeMutableBufferPointer { jb in
            fv.withUnsafeMutableBufferPointer { fb in
                dv.withUnsafeMutableBufferPointer { db in
                    x.withUnsafeMutableBufferPointer { xb in
                        let matrix = gsl_matrix(size1: n, size2: p, tda: p, data: jb.baseAddress, block: nil, owner: 0)
                        let fVector = gsl_vector(size: n, stride: 1, data: fb.baseAddress, block: nil, owner: 0)
                        let dVector = gsl_vector(size: p, stride: 1, data: db.baseAddress, block: nil, owner: 0)
                        let xVector = gsl_vector(size: p, stride: 1, data: xb.baseAddress, block: nil, owner: 0)
                        guard solver.factor(matrix) else { return nil }
                        solver.mu = mu
                        guard solver.solve(f: fVector, diag: dVector, into: xVector) else { return nil }
                        return Array(xb)
                    }
                }
            }
        }
    }

    /// δ = −(JᵀJ + μD²)⁻¹Jᵀf for p = 2 by Cramer's rule.
    static func closedForm2(_ J: [Double], n: Int, f: [Double], d: [Double], mu: Double) -> [Double] {
        var a = 0.0, b = 0.0, c = 0.0, g0 = 0.0, g1 = 0.0
        for i in 0..<n {
            a += J[2 * i] * J[2 * i]; b += J[2 * i] * J[2 * i + 1]; c += J[2 * i + 1] * J[2 * i + 1]
            g0 += J[2 * i] * f[i]; g1 += J[2 * i + 1] * f[i]
        }
        a += mu * d[0] * d[0]; c += mu * d[1] * d[1]
        let det = a * c - b * b
        return [-(c * g0 - b * g1) / det, -(a * g1 - b * g0) / det]
    }

    @Test("damped steps equal the closed form −(JᵀJ + μD²)⁻¹Jᵀf for μ from 10⁻⁶ to 10³")
    func dampedSteps() throws {
        let J: [Double] = [1, 2, 0.5, -1, 3, 0.25, -2, 4, 0.1, 0.3]  // 5 × 2
        let f: [Double] = [0.3, -1.2, 2.5, 0.7, -0.4]
        let d: [Double] = [2, 0.5]
        for mu in [1e-6, 1e-2, 1, 1e3] {
            let x = try #require(Self.step(J, n: 5, p: 2, f: f, d: d, mu: mu))
            let e = Self.closedForm2(J, n: 5, f: f, d: d, mu: mu)
            for k in 0..<2 { #expect(abs(x[k] - e[k]) <= 1e-13 * max(1, abs(e[k])), "μ = \(mu): \(x) vs \(e)") }
        }
    }

    @Test("μ = 0 gives the least-squares (Gauss–Newton) step; exact data give δ = −x_true")
    func gaussNewton() throws {
        // f = J·x_true exactly, so argmin ‖Jδ + f‖ = −x_true.
        let J: [Double] = [1, 0, 2, 1, 0, 3, -1, 1, 4, -2, 0.5, 0.25]  // 4 × 3
        let truth: [Double] = [0.5, -1.5, 2]
        let f = (0..<4).map { i in (0..<3).reduce(0.0) { $0 + J[3 * i + $1] * truth[$1] } }
        let x = try #require(Self.step(J, n: 4, p: 3, f: f, d: [1, 1, 1], mu: 0))
        for k in 0..<3 { #expect(abs(x[k] + truth[k]) <= 1e-14 * 4) }
    }

    @Test("a rank-deficient J (two equal columns) still gives a finite damped step, equal to the closed form")
    func rankDeficient() throws {
        let J: [Double] = [1, 1, 2, 2, -1, -1, 0.5, 0.5]  // 4 × 2, columns equal
        let f: [Double] = [1, 0.5, -0.25, 2]
        let x = try #require(Self.step(J, n: 4, p: 2, f: f, d: [1, 1], mu: 0.1))
        let e = Self.closedForm2(J, n: 4, f: f, d: [1, 1], mu: 0.1)
        for k in 0..<2 { #expect(abs(x[k] - e[k]) <= 1e-12 * max(1, abs(e[k]))) }
        // μ = 0: the undetermined direction gets no step, the result stays finite.
        let gn = try #require(Self.step(J, n: 4, p: 2, f: f, d: [1, 1], mu: 0))
        #expect(gn.allSatisfy { $0.isFinite })
    }

    @Test("rcond of R = diag(4, 0.5) (J with orthogonal columns of norms 4 and 0.5) is 0.5/4")
    func reciprocalCondition() {
        let solver = ThinQRSolver(n: 3, p: 2)
        var j: [Double] = [4, 0, 0, 0, 0, 0.5]  // 3 × 2
        j.withUnsafeMutableBufferPointer { jb in
            let matrix = gsl_matrix(size1: 3, size2: 2, tda: 2, data: jb.baseAddress, block: nil, owner: 0)
            #expect(solver.factor(matrix))
        }
        #expect(abs(solver.reciprocalCondition() - 0.125) <= 1e-15)
    }
}
