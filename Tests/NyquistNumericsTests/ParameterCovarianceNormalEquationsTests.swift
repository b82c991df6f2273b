import Numerics
import NyquistCircuit
@testable import NyquistNumerics
import NyquistTestSupport
import Testing

/// The normal-equations fast path of ``ParameterCovariance`` against the pivoted QR it replaces (issue 17, point 4):
/// the same (JᵀJ)⁻¹ to 1e-8 relative on the benchmark's Jacobians, the QR itself where J is ill-conditioned.
@Suite("Parameter covariance: normal equations against pivoted QR")
struct ParameterCovarianceNormalEquationsTests {
    /// The modulus-weighted physical Jacobian of `bench`'s assb-cathode spectrum (161 points, 0.5 % noise, `seed`)
    /// at parameters `at`: rows Re(∂Z/∂pⱼ)/|Zᵢ| then Im(∂Z/∂pⱼ)/|Zᵢ|, as the fit report builds it.
    static func benchmarkJacobian(seed: UInt64, at parameters: [Double]) throws -> [Double] {
        let circuit = try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,CPE3)")
        let spectrum = try Synthetic.spectrum(circuit, parameters: parameters, noise: 0.005, seed: seed)
        let grid = try FrequencyGrid.logSpaced(from: 1e6, to: 1e-2, pointsPerDecade: 20)
        let plan = EvaluationPlan(circuit: circuit)
        let m = grid.count, p = parameters.count
        var z = [Complex<Double>](repeating: .zero, count: m)
        var dz = [Complex<Double>](repeating: .zero, count: m * p)
        parameters.withUnsafeBufferPointer { x in
            z.withUnsafeMutableBufferPointer { zb in
                dz.withUnsafeMutableBufferPointer { jb in plan.evaluate(grid, parameters: x, impedance: zb, jacobian: jb) }
            }
        }
        var J = [Double](repeating: 0, count: 2 * m * p)
        for i in 0..<m {
            let w = 1 / spectrum.impedances[i].length
            for j in 0..<p {
                J[i * p + j] = w * dz[i * p + j].real
                J[(m + i) * p + j] = w * dz[i * p + j].imaginary
            }
        }
        return J
    }

    static func expectEqual(_ a: ParameterCovariance, _ b: ParameterCovariance, tolerance: Double, _ label: String) {
        #expect(a.rank == b.rank, "\(label)")
        #expect(a.unidentifiedParameters == b.unidentifiedParameters, "\(label)")
        let p = a.parameterCount
        for i in 0..<p {
            for j in 0..<p {
                // Off-diagonal entries relative to √(CᵢᵢCⱼⱼ) (the scale of a correlation), diagonals to themselves.
                let scale = (abs(b[i, i] * b[j, j])).squareRoot()
                #expect(abs(a[i, j] - b[i, j]) <= tolerance * scale, "\(label) C[\(i),\(j)] \(a[i, j]) vs \(b[i, j])")
            }
        }
    }

    @Test("Benchmark Jacobians (seeds 1…50, truth and 20 % off): normal equations = pivoted QR to 1e-8")
    func benchmarkSet() throws {
        let truth = [20.0, 30, 1e-7, 0.9, 150, 1e-5, 0.8]
        let off = [24.0, 36, 1.2e-7, 0.855, 180, 1.2e-5, 0.76]
        for seed in UInt64(1)...50 {
            for at in [truth, off] {
                let J = try Self.benchmarkJacobian(seed: seed, at: at)
                let n = J.count / 7
                let qr = try ParameterCovariance.estimate(jacobian: J, n: n, p: 7, normalEquations: false)
                let automatic = try ParameterCovariance.estimate(jacobian: J, n: n, p: 7)
                // The fast path must really be taken here, or this test would compare QR with itself.
                let fast = try #require(ParameterCovariance.normalEquations(jacobian: J, n: n, p: 7))
                Self.expectEqual(fast, qr, tolerance: 1e-8, "seed \(seed)")
                Self.expectEqual(automatic, qr, tolerance: 1e-8, "seed \(seed)")
            }
        }
    }

    @Test("Hand-derived 3×2 case: (JᵀJ)⁻¹ of J = [[1, 0], [0, 2], [1, 1]] is [[5, −1], [−1, 2]]/9")
    func handDerived() throws {
        // JᵀJ = [[2, 1], [1, 5]], det = 9, inverse = [[5, −1], [−1, 2]]/9.
        let c = try ParameterCovariance.estimate(jacobian: [1, 0, 0, 2, 1, 1], n: 3, p: 2)
        let expected = [5.0 / 9, -1.0 / 9, -1.0 / 9, 2.0 / 9]
        for k in 0..<4 { #expect(abs(c.matrix[k] - expected[k]) <= 1e-15, "C[\(k)] = \(c.matrix[k])") }
        #expect(c.isFullRank)
        // Equilibrated A = [[1, c], [c, 1]], c = 1/√10: κ₁(A) = ‖A‖₁‖A⁻¹‖₁ = (1 + c)²/(1 − c²) = (1 + c)/(1 − c).
        let r = 1 / 10.0.squareRoot()
        let kappa = ParameterCovariance.normalCondition(jacobian: [1, 0, 0, 2, 1, 1], n: 3, p: 2)
        #expect(abs(kappa - (1 + r) / (1 - r)) <= 1e-14 * kappa, "κ₁ = \(kappa)")
    }

    @Test("Ill-conditioned J (κ₁ of the equilibrated JᵀJ ≈ 1e12): the fast path declines, the QR answer is returned")
    func illConditionedFallsBack() throws {
        // Two columns equal up to 1e-6 in one row: κ(JD⁻¹) ≈ 1e6, κ₁(A) ≈ 1e12 > the 1e6 limit.
        let n = 20
        var J = [Double](repeating: 0, count: n * 3)
        for i in 0..<n {
            let x = Double(i) / Double(n)
            J[i * 3] = 1
            J[i * 3 + 1] = x
            J[i * 3 + 2] = x + (i == 7 ? 1e-6 : 0)
        }
        #expect(ParameterCovariance.normalEquations(jacobian: J, n: n, p: 3) == nil)
        #expect(ParameterCovariance.normalCondition(jacobian: J, n: n, p: 3) > 1e6)
        let automatic = try ParameterCovariance.estimate(jacobian: J, n: n, p: 3)
        let qr = try ParameterCovariance.estimate(jacobian: J, n: n, p: 3, normalEquations: false)
        #expect(automatic == qr)
    }
}
