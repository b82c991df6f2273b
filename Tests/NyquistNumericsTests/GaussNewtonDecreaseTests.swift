import NyquistNumerics
import Testing

/// The predicted Gauss–Newton decrease Δ = ‖P_J f‖² of an outcome, on a linear problem f(x) = A·x − y whose minimum
/// is known in closed form: A = [[1, 0], [0, 1], [1, 1]], y = (1, 2, 4), AᵀA = [[2, 1], [1, 2]], Aᵀy = (5, 6),
/// x* = (AᵀA)⁻¹Aᵀy = (4/3, 7/3). For a linear problem Δ(x) = ‖A(x − x*)‖² exactly.
@Suite struct GaussNewtonDecreaseTests {
    static let a: [Double] = [1, 0, 0, 1, 1, 1]
    static let y: [Double] = [1, 2, 4]

    static func outcome(at x: [Double]) -> LevenbergMarquardtOutcome {
        let f = (0..<3).map { i in a[2 * i] * x[0] + a[2 * i + 1] * x[1] - y[i] }
        return LevenbergMarquardtOutcome(
            x: x, residuals: f, jacobian: a, residualCount: 3, parameterCount: 2,
            chiSquared: f.reduce(0) { $0 + $1 * $1 }, iterations: 0, functionEvaluations: 1, jacobianEvaluations: 1,
            status: .maxIterations)
    }

    @Test func decreaseIsTheDistanceToTheMinimumInTheMetricOfJ() throws {
        // At x = 0: A·x* = (4/3, 7/3, 11/3), Δ = (16 + 49 + 121)/9 = 186/9.
        let zero = try #require(Self.outcome(at: [0, 0]).gaussNewtonDecrease())
        #expect(abs(zero - 186.0 / 9) < 1e-12)
        // At x = (1, 2): x − x* = (−1/3, −1/3), A(x − x*) = (−1/3, −1/3, −2/3), Δ = 6/9.
        let near = try #require(Self.outcome(at: [1, 2]).gaussNewtonDecrease())
        #expect(abs(near - 6.0 / 9) < 1e-12)
        // At the minimum nothing is left to gain, although χ² = ‖A x* − y‖² = 1/3 is not zero.
        let minimum = Self.outcome(at: [4.0 / 3, 7.0 / 3])
        #expect(abs(minimum.chiSquared - 1.0 / 3) < 1e-12)
        #expect(try #require(minimum.gaussNewtonDecrease()) < 1e-24)
    }

    @Test func excludedColumnsAreLeftOutOfTheProjection() throws {
        // At x = 0, f = −y; onto column 0 alone, a₀ = (1, 0, 1): Δ = (a₀·f)²/‖a₀‖² = 25/2.
        let d = try #require(Self.outcome(at: [0, 0]).gaussNewtonDecrease(excludedColumns: [1]))
        #expect(abs(d - 12.5) < 1e-12)
        #expect(Self.outcome(at: [0, 0]).gaussNewtonDecrease(excludedColumns: [0, 1]) == 0)
    }

    @Test func anOutcomeWithoutJacobianCannotBeJudged() {
        var o = Self.outcome(at: [0, 0])
        o.jacobian = []
        #expect(o.gaussNewtonDecrease() == nil)
    }
}
