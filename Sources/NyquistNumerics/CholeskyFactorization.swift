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
        let ok: Bool = matrix.withUnsafeBufferPointer { g in
            r.withUnsafeMutableBufferPointer { f in
                for a in 0..<k {
                    let ra = indices[a] * stride
                    for b in 0...a {
                        var s = g[ra + indices[b]]
                        for c in 0..<b { s -= f[a * k + c] * f[b * k + c] }
                        if a == b {
                            guard s > 1e-14 * g[ra + indices[a]], s.isFinite else { return false }
                            f[a * k + a] = s.squareRoot()
                        } else {
                            f[a * k + b] = s / f[b * k + b]
                        }
                    }
                }
                return true
            }
        }
        guard ok else { return nil }
        count = k
        factor = r
    }

    /// S⁻¹, row-major k×k, from R⁻¹ (S⁻¹ = R⁻ᵀR⁻¹).
    public func inverse() -> [Double] {
        let k = count
        var rInv = [Double](repeating: 0, count: k * k)
        var inv = [Double](repeating: 0, count: k * k)
        factor.withUnsafeBufferPointer { r in
            rInv.withUnsafeMutableBufferPointer { q in
                for j in 0..<k {
                    q[j * k + j] = 1 / r[j * k + j]
                    for i in (j + 1)..<max(k, j + 1) {
                        var s = 0.0
                        for c in j..<i { s -= r[i * k + c] * q[c * k + j] }
                        q[i * k + j] = s / r[i * k + i]
                    }
                }
                inv.withUnsafeMutableBufferPointer { out in
                    for i in 0..<k {
                        for j in 0...i {
                            var s = 0.0
                            for l in i..<k { s += q[l * k + i] * q[l * k + j] }
                            out[i * k + j] = s
                            out[j * k + i] = s
                        }
                    }
                }
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
        inv.withUnsafeBufferPointer { g in
            other.withUnsafeBufferPointer { m in
                for a in 0..<k {
                    let ra = indices[a] * stride
                    for b in 0..<k { trace += g[a * k + b] * m[ra + indices[b]] }
                }
            }
        }
        return trace
    }
}
