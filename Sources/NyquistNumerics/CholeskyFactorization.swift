/// The Cholesky factorisation S = R·Rᵀ (R lower triangular) of a symmetric positive-definite matrix, or of the
/// principal submatrix G_PP of a larger one. Pure Swift (no GSL call): used for small (≤ a few hundred) systems
/// in inner loops, such as the generalised cross-validation trace of a regularised NNLS solve.
public struct CholeskyFactorization: Sendable, Hashable {
    /// k, the order of S.
    public let count: Int
    /// R, row-major k×k (lower triangle used).
    public let factor: [Double]

    /// Factors the principal submatrix S = G[indices, indices] of G (row-major, `stride` columns); `nil` when S
    /// is not numerically positive definite (a pivot ≤ 10⁻¹⁴ of its diagonal entry, or not finite).
    public init?(matrix: [Double], stride: Int, indices: [Int]) {
        let k = indices.count
        var r = [Double](repeating: 0, count: k * k)
        for a in 0..<k {
            let ra = indices[a] * stride
            for b in 0...a where k > 0 {
                var s = matrix[ra + indices[b]]
                for c in 0..<b { s -= r[a * k + c] * r[b * k + c] }
                if a == b {
                    guard s > 1e-14 * matrix[ra + indices[a]], s.isFinite else { return nil }
                    r[a * k + a] = s.squareRoot()
                } else {
                    r[a * k + b] = s / r[b * k + b]
                }
            }
        }
        count = k
        factor = r
    }

    /// S⁻¹, row-major k×k, from R⁻¹ (S⁻¹ = R⁻ᵀR⁻¹).
    public func inverse() -> [Double] {
        let k = count
        var rInv = [Double](repeating: 0, count: k * k)
        for j in 0..<k {
            rInv[j * k + j] = 1 / factor[j * k + j]
            for i in (j + 1)..<max(k, j + 1) {
                var s = 0.0
                for c in j..<i { s -= factor[i * k + c] * rInv[c * k + j] }
                rInv[i * k + j] = s / factor[i * k + i]
            }
        }
        var inv = [Double](repeating: 0, count: k * k)
        for i in 0..<k {
            for j in 0...i {
                var s = 0.0
                for l in i..<k { s += rInv[l * k + i] * rInv[l * k + j] }
                inv[i * k + j] = s
                inv[j * k + i] = s
            }
        }
        return inv
    }

    /// tr(S⁻¹·M_PP) for another matrix M (row-major, `stride` columns) restricted to the same `indices`: the
    /// effective number of parameters (trace of the influence matrix) of a ridge/Tikhonov fit with S = M + λQ.
    public func traceOfInverseTimes(_ other: [Double], stride: Int, indices: [Int]) -> Double {
        let inv = inverse()
        let k = count
        var trace = 0.0
        for a in 0..<k {
            let ra = indices[a] * stride
            for b in 0..<k { trace += inv[a * k + b] * other[ra + indices[b]] }
        }
        return trace
    }
}
