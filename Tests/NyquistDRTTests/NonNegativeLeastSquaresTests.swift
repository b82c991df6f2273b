import Foundation
import Testing
import NyquistNumerics

/// Lawson–Hanson NNLS against brute force (every subset of free coefficients solved unconstrained, the best
/// feasible one kept: the exact minimiser of a small problem) and the KKT conditions.
@Suite struct NonNegativeLeastSquaresTests {
    /// Unconstrained least squares on the columns in `subset` by the normal equations (Gaussian elimination).
    static func leastSquares(_ a: [[Double]], _ b: [Double], subset: [Int]) -> [Double]? {
        let k = subset.count
        var m = [[Double]](repeating: [Double](repeating: 0, count: k + 1), count: k)
        for p in 0..<k {
            for q in 0..<k { m[p][q] = zip(a, a).map { $0[subset[p]] * $1[subset[q]] }.reduce(0, +) }
            m[p][k] = zip(a, b).map { $0[subset[p]] * $1 }.reduce(0, +)
        }
        for c in 0..<k {
            guard let pivot = (c..<k).max(by: { abs(m[$0][c]) < abs(m[$1][c]) }), abs(m[pivot][c]) > 1e-12 else {
                return nil
            }
            m.swapAt(c, pivot)
            for r in 0..<k where r != c {
                let f = m[r][c] / m[c][c]
                for j in c...k { m[r][j] -= f * m[c][j] }
            }
        }
        return (0..<k).map { m[$0][k] / m[$0][$0] }
    }

    static func bruteForce(_ a: [[Double]], _ b: [Double]) -> (x: [Double], cost: Double) {
        let n = a[0].count
        let zeroCost: Double = b.reduce(0.0) { $0 + $1 * $1 }
        var best = (x: [Double](repeating: 0, count: n), cost: zeroCost)
        for mask in 1..<(1 << n) {
            let subset = (0..<n).filter { mask & (1 << $0) != 0 }
            guard let c = leastSquares(a, b, subset: subset), c.allSatisfy({ $0 >= 0 }) else { continue }
            var x = [Double](repeating: 0, count: n)
            for (j, v) in zip(subset, c) { x[j] = v }
            var cost = 0.0
            for (row, y) in zip(a, b) {
                var r = y
                for j in 0..<n { r -= row[j] * x[j] }
                cost += r * r
            }
            if cost < best.cost - 1e-12 { best = (x, cost) }
        }
        return best
    }

    @Test(arguments: 1...40)
    func matchesBruteForceOnRandomSmallProblems(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed))
        let rows = 8, columns = 5
        let a = (0..<rows).map { _ in (0..<columns).map { _ in random.normal() } }
        let b = (0..<rows).map { _ in random.normal() }
        let reference = Self.bruteForce(a, b)
        let solution = try NonNegativeLeastSquares.solve(
            design: a.flatMap { $0 }, rows: rows, columns: columns, rhs: b)
        for j in 0..<columns {
            #expect(abs(solution.coefficients[j] - reference.x[j]) < 1e-9, "x[\(j)] seed \(seed)")
            #expect(solution.coefficients[j] >= 0)
        }
        #expect(solution.satisfiesKKT)
    }

    /// A hand-worked case: min (x₁ − 1)² + (x₂ + 2)², x ≥ 0 → x = (1, 0); the gradient at x₂ is −2·2 < 0 (active).
    @Test func handWorkedActiveConstraint() throws {
        let solution = try NonNegativeLeastSquares.solve(design: [1, 0, 0, 1], rows: 2, columns: 2, rhs: [1, -2])
        #expect(solution.coefficients == [1, 0])
        #expect(solution.passiveSet == [0])
        #expect(solution.kktViolation < 1e-12)
    }

    /// Unconstrained entries may go negative; warm starts give the same solution.
    @Test func freeCoefficientAndWarmStart() throws {
        let gram: [Double] = [2, 0.5, 0.5, 1]
        let linear: [Double] = [-1, 1]
        // Unconstrained optimum of ½xᵀGx − hᵀx: G⁻¹h = (1/1.75)·[1·(−1) − 0.5·1, −0.5·(−1) + 2·1] = (−0.857, 1.429).
        let free = try NonNegativeLeastSquares.solve(gram: gram, linear: linear, count: 2, nonNegative: [false, true])
        #expect(abs(free.coefficients[0] + 1.5 / 1.75) < 1e-12)
        #expect(abs(free.coefficients[1] - 2.5 / 1.75) < 1e-12)
        // Both constrained: x₀ = 0 active, x₁ = h₁/G₁₁ = 1.
        let cold = try NonNegativeLeastSquares.solve(gram: gram, linear: linear, count: 2)
        let warm = try NonNegativeLeastSquares.solve(gram: gram, linear: linear, count: 2, warmStart: [3, 0.2])
        #expect(cold.coefficients == [0, 1])
        #expect(abs(warm.coefficients[0]) < 1e-15 && abs(warm.coefficients[1] - 1) < 1e-12)
    }

    /// CholeskyFactorization on a principal submatrix: S = [[4, 2], [2, 3]] (rows/columns 0 and 2 of a 3×3), hand
    /// inverse S⁻¹ = (1/8)·[[3, −2], [−2, 4]]; tr(S⁻¹·M) for M = [[1, 0], [0, 2]] = (3 + 8)/8.
    @Test func choleskyInverseAndTraceByHand() throws {
        let g: [Double] = [4, 9, 2, 9, 9, 9, 2, 9, 3]
        let factor = try #require(CholeskyFactorization(matrix: g, stride: 3, indices: [0, 2]))
        let inverse = factor.inverse()
        for (value, expected) in zip(inverse, [3.0 / 8, -2.0 / 8, -2.0 / 8, 4.0 / 8]) { #expect(abs(value - expected) < 1e-15) }
        let m: [Double] = [1, 0, 0, 0, 0, 0, 0, 0, 2]
        #expect(abs(factor.traceOfInverseTimes(m, stride: 3, indices: [0, 2]) - 11.0 / 8) < 1e-15)
        #expect(CholeskyFactorization(matrix: [1, 2, 2, 1], stride: 2, indices: [0, 1]) == nil)
    }

    @Test func rejectsNonFiniteInput() {
        #expect(throws: GSLError.nonFiniteInput(argument: "rhs", index: 1)) {
            try NonNegativeLeastSquares.solve(design: [1, 0, 0, 1], rows: 2, columns: 2, rhs: [1, .nan])
        }
    }
}
