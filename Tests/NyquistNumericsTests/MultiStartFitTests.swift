import Foundation
import NyquistNumerics
import Testing

@Suite("Multi-start least squares")
struct MultiStartFitTests {
    /// χ²(x) = (x² − 1)² + 0.01(x − 1)²: the global minimum 0 at x = 1, a local one ≈ 0.0399 at x ≈ −0.995
    /// (4x(x² − 1) + 0.02(x − 1) = 0).
    @Test("Keeps the start with the least χ²: two basins of r = (x² − 1, 0.1·(x − 1)), global at x = 1")
    func keepsGlobalMinimum() throws {
        var lm = try LevenbergMarquardt(residualCount: 2, parameterCount: 1)
        let residuals: ResidualFunction = { x, f in
            f[0] = x[0] * x[0] - 1
            f[1] = 0.1 * (x[0] - 1)
            return true
        }
        let found = try #require(MultiStartFit.best(&lm, starts: [[-1.5], [.nan], [0.8]], residuals: residuals))
        #expect(found.start == 2)
        #expect(abs(found.outcome.x[0] - 1) < 1e-8 && found.outcome.chiSquared < 1e-16)
        // Only the left basin: its local minimum.
        let left = try #require(MultiStartFit.best(&lm, starts: [[-1.5]], residuals: residuals))
        #expect(left.outcome.x[0] < -0.9 && left.outcome.chiSquared > 0.03)
    }

    @Test("Skips starts that cannot be evaluated and outcomes that `accept` refuses; nil when none is left")
    func skipsRejected() throws {
        var lm = try LevenbergMarquardt(residualCount: 1, parameterCount: 1)
        let residuals: ResidualFunction = { x, f in
            f[0] = x[0] > 10 ? LevenbergMarquardt.rejectedResidual : x[0] - 3
            return true
        }
        #expect(MultiStartFit.best(&lm, starts: [[20], [Double.infinity], [1, 2]], residuals: residuals) == nil)
        let refused = MultiStartFit.best(&lm, starts: [[0]], residuals: residuals, accept: { $0.x[0] < 2 })
        #expect(refused == nil)
        let kept = try #require(MultiStartFit.best(&lm, starts: [[20], [0]], residuals: residuals))
        #expect(kept.start == 1 && abs(kept.outcome.x[0] - 3) < 1e-6)
    }
}
