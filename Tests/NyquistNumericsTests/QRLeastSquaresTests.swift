import Foundation
import NyquistNumerics
import Testing

@Suite("QR least squares with a conditioning proof")
struct QRLeastSquaresTests {
    @Test("a straight line through four points matches the closed-form normal-equation solution")
    func straightLine() {
        // y = a + b·x at x = 0, 1, 2, 3 with y = 1, 3, 4, 8: b = Σ(x−x̄)(y−ȳ)/Σ(x−x̄)² = 11/5 = 2.2, a = ȳ − b·x̄ = 4 − 3.3 = 0.7.
        let x = [0.0, 1, 2, 3], y = [1.0, 3, 4, 8]
        var w = QRLeastSquares(rows: 10, columns: 3)
        let ok = w.solve(rows: 4, columns: 2) { design, rhs in
            for i in 0..<4 {
                design[i] = 1
                design[4 + i] = x[i]
                rhs[i] = y[i]
            }
        }
        #expect(ok)
        #expect(abs(w.coefficient(0) - 0.7) < 1e-14)
        #expect(abs(w.coefficient(1) - 2.2) < 1e-14)
        // κ̂ = ‖R‖_F‖R⁻¹‖_F bounds the 2-norm condition number of the balanced matrix from above.
        #expect(w.conditionBound >= 1 && w.conditionBound.isFinite)
    }

    @Test("weighted rows agree with GSL's truncated SVD (gsl_multifit_wlinear_tsvd) on a well-conditioned problem")
    func matchesSVD() throws {
        let m = 30, p = 4
        var design = [Double](repeating: 0, count: m * p), rhs = [Double](repeating: 0, count: m)
        var weights = [Double](repeating: 0, count: m)
        for i in 0..<m {
            let t = Double(i) / Double(m - 1)
            for j in 0..<p { design[i * p + j] = pow(t + 0.5, Double(j)) * (j == 2 ? 1e4 : 1) }
            rhs[i] = 1 + 2 * t - t * t + 0.01 * sin(Double(7 * i))
            weights[i] = 1 + Double(i % 3)
        }
        let svd = try LinearLeastSquares.solve(design: design, rows: m, columns: p, rhs: rhs, weights: weights)
        var w = QRLeastSquares(rows: m, columns: p)
        let ok = w.solve(rows: m, columns: p) { x, y in
            for i in 0..<m {
                let s = weights[i].squareRoot()
                for j in 0..<p { x[j * m + i] = s * design[i * p + j] }
                y[i] = s * rhs[i]
            }
        }
        #expect(ok)
        for j in 0..<p {
            #expect(abs(w.coefficient(j) - svd.coefficients[j]) <= 1e-9 * max(1e-6, abs(svd.coefficients[j])),
                    "c\(j): \(w.coefficient(j)) vs \(svd.coefficients[j])")
        }
    }

    @Test("nearly dependent columns, non-finite input and bad sizes are refused (the caller falls back to the SVD)")
    func refusals() {
        var w = QRLeastSquares(rows: 8, columns: 2)
        // Column 2 = column 1 + 1e-15: rank one in double precision, κ far above 1/(ε·max(m, p)).
        let nearlyDependent = w.solve(rows: 8, columns: 2) { x, y in
            for i in 0..<8 {
                x[i] = Double(i + 1)
                x[8 + i] = Double(i + 1) * (1 + 1e-15)
                y[i] = Double(i)
            }
        }
        #expect(!nearlyDependent)
        let nonFinite = w.solve(rows: 8, columns: 2) { x, y in
            x[0] = .nan
            for i in 0..<8 { x[8 + i] = 1; y[i] = 1 }
        }
        #expect(!nonFinite)
        // ±∞ or NaN anywhere in A (above, on or below the diagonal, first or last column) or in b: refused.
        for bad in [Double.infinity, -.infinity, .nan] {
            for position in [0, 1, 5, 7, 8, 9, 15, 16 + 0, 16 + 5] {
                let refused = w.solve(rows: 8, columns: 2) { x, y in
                    for i in 0..<8 { x[i] = Double(i + 1); x[8 + i] = Double(i * i) - 3; y[i] = Double(i) }
                    if position < 16 { x[position] = bad } else { y[position - 16] = bad }
                }
                #expect(!refused, "\(bad) at \(position)")
            }
        }
        #expect(!w.solve(rows: 9, columns: 2) { _, _ in })
        #expect(!w.solve(rows: 2, columns: 3) { _, _ in })
    }
}
