/// A reusable workspace for many small dense least-squares solves min ‖A·c − b‖₂ (A m×p, m ≥ p) by Householder QR,
/// with a proof that the problem is well enough conditioned for the answer to equal the truncated-SVD one.
///
/// The solve mirrors what ``LinearLeastSquares/solve(design:rows:columns:rhs:weights:relativeTolerance:)``
/// (`gsl_multifit_wlinear_tsvd`) does up to the factorisation: the caller fills the row-weighted design √wᵢ·Xᵢⱼ
/// and right-hand side √wᵢ·yᵢ; the columns are balanced as `gsl_linalg_balance_columns` does (column j divided by
/// the power of two fⱼ nearest its 1-norm, an exact scaling); then A·D⁻¹ = Q·R by Householder reflections (LAPACK
/// `dgeqr2`'s convention), c = D⁻¹·R⁻¹·(Qᵀb)[0..<p].
///
/// **When this equals the truncated SVD.** GSL discards the singular values sᵢ ≤ t·s₀ of the balanced matrix
/// (t = ε·max(m, p) by default). With ‖R‖_F ≥ s₀ and ‖R⁻¹‖_F ≥ 1/s_min, the bound κ̂ = ‖R‖_F·‖R⁻¹‖_F ≥ s₀/s_min
/// holds; when κ̂·t ≤ ``safetyMargin`` no singular value is discarded, the truncated SVD is the ordinary
/// least-squares solution, and QR computes the same c up to rounding (≈ κ·ε relative). Otherwise ``solve`` reports
/// `false` and the caller must use the SVD.
///
/// No allocation after `init`: the buffers are sized for the largest problem; one workspace per thread.
public struct QRLeastSquares: Sendable {
    /// The largest m and p this workspace takes.
    public let rowCapacity: Int
    public let columnCapacity: Int
    /// κ̂·t must not exceed this (10⁻²: two decades of room for the rounding of R and of GSL's SVD).
    public static let safetyMargin = 1e-2

    private var a: [Double]
    private var b: [Double]
    private var scale: [Double]
    private var tau: [Double]
    private var inverse: [Double]
    private var x: [Double]
    /// κ̂ = ‖R‖_F·‖R⁻¹‖_F of the last solve (∞ when R was singular or the input not finite).
    public private(set) var conditionBound: Double = .infinity

    public init(rows: Int, columns: Int) {
        rowCapacity = max(1, rows)
        columnCapacity = max(1, columns)
        a = [Double](repeating: 0, count: rowCapacity * columnCapacity)
        b = [Double](repeating: 0, count: rowCapacity)
        scale = [Double](repeating: 1, count: columnCapacity)
        tau = [Double](repeating: 0, count: columnCapacity)
        inverse = [Double](repeating: 0, count: columnCapacity * columnCapacity)
        x = [Double](repeating: 0, count: columnCapacity)
    }

    /// The solution c of the last successful solve, length p.
    public func coefficient(_ j: Int) -> Double { x[j] }

    /// Solves min ‖A·c − b‖₂ for an m×p problem (m ≥ p ≥ 1, within the capacity).
    ///
    /// - Parameters:
    ///   - fill: writes A column-major (element (i, j) at `j * m + i`; the buffer starts zeroed) and b (length m).
    ///   - relativeTolerance: the SVD cut-off t to prove against; default ε·max(m, p) as
    ///     ``LinearLeastSquares/defaultRelativeTolerance(rows:columns:)``.
    /// - Returns: true when c was computed and no singular value would have been truncated (κ̂·t ≤
    ///   ``safetyMargin``); false for a bad size, non-finite input, a singular R or a failed proof — then use the SVD.
    public mutating func solve(
        rows m: Int, columns p: Int, relativeTolerance: Double? = nil,
        fill: (_ design: UnsafeMutableBufferPointer<Double>, _ rhs: UnsafeMutableBufferPointer<Double>) -> Void
    ) -> Bool {
        conditionBound = .infinity
        guard p >= 1, m >= p, m <= rowCapacity, p <= columnCapacity else { return false }
        let t = relativeTolerance ?? LinearLeastSquares.defaultRelativeTolerance(rows: m, columns: p)
        let count = m * p
        var ok = true
        a.withUnsafeMutableBufferPointer { ab in
            b.withUnsafeMutableBufferPointer { bb in
                let design = UnsafeMutableBufferPointer(rebasing: ab[0..<count])
                let rhs = UnsafeMutableBufferPointer(rebasing: bb[0..<m])
                design.update(repeating: 0)
                rhs.update(repeating: 0)
                fill(design, rhs)
                for v in design where !v.isFinite { ok = false; break }
                for v in rhs where !v.isFinite { ok = false; break }
            }
        }
        guard ok else { return false }
        let bound = factor(m, p)
        conditionBound = bound
        guard bound.isFinite, bound * t <= Self.safetyMargin else { return false }
        backSubstitute(m, p)
        return true
    }

    /// Balancing, Householder QR of A and Qᵀb, then κ̂ from R and R⁻¹ (in `inverse`). Returns κ̂.
    private mutating func factor(_ m: Int, _ p: Int) -> Double {
        a.withUnsafeMutableBufferPointer { ab in
            b.withUnsafeMutableBufferPointer { bb in
                scale.withUnsafeMutableBufferPointer { sb in
                    tau.withUnsafeMutableBufferPointer { tb in
                        inverse.withUnsafeMutableBufferPointer { ib in
                            guard let a = ab.baseAddress, let b = bb.baseAddress, let g = ib.baseAddress else {
                                return .infinity
                            }
                            // gsl_linalg_balance_columns: fⱼ a power of two with ‖Aⱼ‖₁/fⱼ in [0.5, 1].
                            for j in 0..<p {
                                let col = a + j * m
                                var s = 0.0
                                for i in 0..<m { s += abs(col[i]) }
                                var f = 1.0
                                if s != 0, s.isFinite {
                                    while s > 1 { s /= 2; f *= 2 }
                                    while s < 0.5 { s *= 2; f /= 2 }
                                }
                                sb[j] = f
                                if f != 1 {
                                    let r = 1 / f
                                    for i in 0..<m { col[i] *= r }
                                }
                            }
                            for j in 0..<p {
                                tb[j] = Self.reflect(a + j * m + j, length: m - j)
                                let v = a + j * m + j
                                let tj = tb[j]
                                guard tj != 0 else { continue }
                                for k in (j + 1)..<max(j + 1, p) { Self.apply(v, tj, to: a + k * m + j, length: m - j) }
                                Self.apply(v, tj, to: b + j, length: m - j)
                            }
                            return Self.conditionBound(a, m, p, inverse: g)
                        }
                    }
                }
            }
        }
    }

    /// LAPACK `dlarfg` on x = (α, x₂…): overwrites α by β = −sign(α)‖x‖ and x₂… by v₂… (v₁ = 1); returns τ.
    private static func reflect(_ x: UnsafeMutablePointer<Double>, length n: Int) -> Double {
        guard n > 1 else { return 0 }
        var norm2 = 0.0
        for i in 1..<n { norm2 += x[i] * x[i] }
        if norm2 == 0 { return 0 }
        let alpha = x[0]
        let norm = (alpha * alpha + norm2).squareRoot()
        let beta = alpha >= 0 ? -norm : norm
        let tau = (beta - alpha) / beta
        let r = 1 / (alpha - beta)
        for i in 1..<n { x[i] *= r }
        x[0] = beta
        return tau
    }

    /// y ← (I − τvvᵀ)y with v₁ = 1 and v₂… stored below the diagonal at `v + 1`.
    private static func apply(_ v: UnsafeMutablePointer<Double>, _ tau: Double, to y: UnsafeMutablePointer<Double>,
                              length n: Int) {
        var s0 = y[0], s1 = 0.0, s2 = 0.0, s3 = 0.0
        var i = 1
        while i + 3 < n {
            s0 += v[i] * y[i]; s1 += v[i + 1] * y[i + 1]; s2 += v[i + 2] * y[i + 2]; s3 += v[i + 3] * y[i + 3]
            i += 4
        }
        while i < n { s0 += v[i] * y[i]; i += 1 }
        let w = tau * ((s0 + s1) + (s2 + s3))
        y[0] -= w
        for k in 1..<max(1, n) { y[k] -= w * v[k] }
    }

    /// κ̂ = ‖R‖_F·‖R⁻¹‖_F with R⁻¹ (upper triangular, column-major p×p) written to `inverse`; ∞ if R is singular.
    private static func conditionBound(_ a: UnsafeMutablePointer<Double>, _ m: Int, _ p: Int,
                                       inverse g: UnsafeMutablePointer<Double>) -> Double {
        var normR = 0.0
        for j in 0..<p { for i in 0...j { normR += a[j * m + i] * a[j * m + i] } }
        for j in 0..<p {
            if a[j * m + j] == 0 { return .infinity }
        }
        // Column j of R⁻¹ solves R·g = eⱼ (entries i > j are 0).
        var normG = 0.0
        for j in 0..<p {
            let gj = g + j * p
            for i in stride(from: j, through: 0, by: -1) {
                var s = i == j ? 1.0 : 0.0
                for k in (i + 1)..<(j + 1) { s -= a[k * m + i] * gj[k] }
                gj[i] = s / a[i * m + i]
                normG += gj[i] * gj[i]
            }
        }
        let bound = (normR * normG).squareRoot()
        return bound.isFinite ? bound : .infinity
    }

    /// c = D⁻¹·R⁻¹·(Qᵀb)[0..<p] by back substitution.
    private mutating func backSubstitute(_ m: Int, _ p: Int) {
        a.withUnsafeBufferPointer { ab in
            b.withUnsafeBufferPointer { bb in
                scale.withUnsafeBufferPointer { sb in
                    x.withUnsafeMutableBufferPointer { xb in
                        for i in stride(from: p - 1, through: 0, by: -1) {
                            var s = bb[i]
                            for k in (i + 1)..<max(i + 1, p) { s -= ab[k * m + i] * xb[k] }
                            xb[i] = s / ab[i * m + i]
                        }
                        for j in 0..<p { xb[j] /= sb[j] }
                    }
                }
            }
        }
    }
}
