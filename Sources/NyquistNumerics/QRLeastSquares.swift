import CKernels

/// A reusable workspace for many small dense least-squares solves min ‖A·c − b‖₂ (A m×p, m ≥ p) by Householder QR,
/// with a proof that the problem is well enough conditioned for the answer to equal the truncated-SVD one.
///
/// The solve mirrors what ``LinearLeastSquares/solve(design:rows:columns:rhs:weights:relativeTolerance:)``
/// (`gsl_multifit_wlinear_tsvd`) does up to the factorisation: the caller fills the row-weighted design √wᵢ·Xᵢⱼ
/// and right-hand side √wᵢ·yᵢ; the columns are balanced as `gsl_linalg_balance_columns` does (column j divided by
/// the power of two fⱼ nearest its 1-norm, an exact scaling); then A·D⁻¹ = Q·R by Householder reflections (LAPACK
/// `dgeqr2`'s convention; the reflectors applied two at a time to the trailing columns and b by CKernels'
/// `nyq_householder_apply2`, AVX when the CPU has it, the same bits as its portable path), c = D⁻¹·R⁻¹·(Qᵀb)[0..<p].
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
    /// R⁻¹ (p×p) followed by the p reciprocals 1/Rᵢᵢ.
    private var inverse: [Double]
    private var x: [Double]
    /// The full-length vectors V1, V2 of two reflectors applied together (2 × rows).
    private var pair: [Double]
    /// κ̂ = ‖R‖_F·‖R⁻¹‖_F of the last solve (∞ when R was singular or the input not finite).
    public private(set) var conditionBound: Double = .infinity

    public init(rows: Int, columns: Int) {
        rowCapacity = max(1, rows)
        columnCapacity = max(1, columns)
        a = [Double](repeating: 0, count: rowCapacity * columnCapacity)
        b = [Double](repeating: 0, count: rowCapacity)
        scale = [Double](repeating: 1, count: columnCapacity)
        tau = [Double](repeating: 0, count: columnCapacity)
        inverse = [Double](repeating: 0, count: columnCapacity * columnCapacity + columnCapacity)
        x = [Double](repeating: 0, count: columnCapacity)
        pair = [Double](repeating: 0, count: 2 * rowCapacity)
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
                // A non-finite entry of A reaches its column's diagonal of R (the column's norm, after the
                // reflections before it), so κ̂ is not finite and the proof below fails; b is checked here.
                ok = Self.allFinite(rhs)
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
                            pair.withUnsafeMutableBufferPointer { pb in
                                guard let a = ab.baseAddress, let b = bb.baseAddress, let s = sb.baseAddress,
                                      let t = tb.baseAddress, let g = ib.baseAddress, let w = pb.baseAddress
                                else { return .infinity }
                                Self.balance(a, m, p, scale: s)
                                Self.householder(a, b, m, p, tau: t, pair: w)
                                return Self.conditionBound(a, m, p, inverse: g)
                            }
                        }
                    }
                }
            }
        }
    }

    /// `gsl_linalg_balance_columns`: column j divided by fⱼ, the power of two with ‖Aⱼ‖₁/fⱼ in [0.5, 1].
    private static func balance(_ a: UnsafeMutablePointer<Double>, _ m: Int, _ p: Int,
                                scale: UnsafeMutablePointer<Double>) {
        for j in 0..<p {
            let col = a + j * m
            // ‖Aⱼ‖₁ in four partial sums. Only the power of two fⱼ depends on it, and dividing a column by a power
            // of two is exact, so the solution's bits do not.
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var i = 0
            while i + 3 < m {
                s0 += abs(col[i]); s1 += abs(col[i + 1]); s2 += abs(col[i + 2]); s3 += abs(col[i + 3])
                i += 4
            }
            while i < m { s0 += abs(col[i]); i += 1 }
            var s = (s0 + s1) + (s2 + s3)
            var f = 1.0
            if s != 0, s.isFinite {
                while s > 1 { s /= 2; f *= 2 }
                while s < 0.5 { s *= 2; f /= 2 }
            }
            scale[j] = f
            if f != 1 {
                let r = 1 / f
                for i in 0..<m { col[i] *= r }
            }
        }
    }

    /// A = Q·R in place (R on and above the diagonal, the reflectors vⱼ below it, τⱼ in `tau`) and b ← Qᵀb.
    /// Reflectors go in pairs: column j + 1 is brought under H_j and reflected, then H_{j+1}·H_j is applied to
    /// columns j + 2…p − 1 and to b in one pass each (CKernels' `nyq_householder_apply2`, AVX when present);
    /// `pair` (2m values) holds the pair's full-length vectors.
    private static func householder(_ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>, _ m: Int,
                                    _ p: Int, tau: UnsafeMutablePointer<Double>, pair v1: UnsafeMutablePointer<Double>) {
        var j = 0
        while j < p {
            let n = m - j, v = a + j * m + j
            tau[j] = reflect(v, length: n)
            guard j + 1 < p else {
                // The last column: its reflector acts on b only.
                if tau[j] != 0 { nyq_householder_apply(v, tau[j], b + j, m, 1, n) }
                return
            }
            if tau[j] != 0 { nyq_householder_apply(v, tau[j], v + m, m, 1, n) }
            let u = v + m + 1  // column j + 1 from row j + 1
            tau[j + 1] = reflect(u, length: n - 1)
            // V1 = (1, v₁…), V2 = (0, 1, u₁…) over rows j…m − 1, and c = V2ᵀV1.
            let v2 = v1 + n
            v1[0] = 1
            v2[0] = 0
            v2[1] = 1
            for i in 1..<n { v1[i] = v[i] }
            var c = v1[1]
            for i in 2..<max(2, n) {
                v2[i] = u[i - 1]
                c += v2[i] * v1[i]
            }
            nyq_householder_apply2(v1, v2, tau[j], tau[j + 1], c, v + 2 * m, m, p - j - 2, n)
            nyq_householder_apply2(v1, v2, tau[j], tau[j + 1], c, b + j, m, 1, n)
            j += 2
        }
    }

    /// LAPACK `dlarfg` on x = (α, x₂…): overwrites α by β = −sign(α)‖x‖ and x₂… by v₂… (v₁ = 1); returns τ.
    private static func reflect(_ x: UnsafeMutablePointer<Double>, length n: Int) -> Double {
        guard n > 1 else { return 0 }
        // Σ xᵢ² in four interleaved partial sums (independent chains; the order is fixed, so the bits are too).
        var q0 = 0.0, q1 = 0.0, q2 = 0.0, q3 = 0.0
        var i = 1
        while i + 3 < n {
            q0 += x[i] * x[i]; q1 += x[i + 1] * x[i + 1]; q2 += x[i + 2] * x[i + 2]; q3 += x[i + 3] * x[i + 3]
            i += 4
        }
        while i < n { q0 += x[i] * x[i]; i += 1 }
        let norm2 = (q0 + q1) + (q2 + q3)
        if norm2 == 0 { return 0 }
        let alpha = x[0]
        return finishReflection(x, length: n, norm: (alpha * alpha + norm2).squareRoot())
    }

    /// The end of `dlarfg` once ‖x‖ is known (x₂… not all zero): β = −sign(α)‖x‖ replaces α, x₂… become v₂…
    /// (v₁ = 1 implied); returns τ = (β − α)/β.
    static func finishReflection(_ x: UnsafeMutablePointer<Double>, length n: Int, norm: Double) -> Double {
        let alpha = x[0]
        let beta = alpha >= 0 ? -norm : norm
        let tau = (beta - alpha) / beta
        let r = 1 / (alpha - beta)
        for i in 1..<n { x[i] *= r }
        x[0] = beta
        return tau
    }

    /// Whether every value is finite: x·0 is 0 for a finite x and NaN otherwise; four independent sums of it.
    private static func allFinite(_ values: UnsafeMutableBufferPointer<Double>) -> Bool {
        var z0 = 0.0, z1 = 0.0, z2 = 0.0, z3 = 0.0
        var i = 0
        let n = values.count
        while i + 3 < n {
            z0 += values[i] * 0; z1 += values[i + 1] * 0; z2 += values[i + 2] * 0; z3 += values[i + 3] * 0
            i += 4
        }
        while i < n { z0 += values[i] * 0; i += 1 }
        return ((z0 + z1) + (z2 + z3)) == 0
    }

    /// κ̂ = ‖R‖_F·‖R⁻¹‖_F with R⁻¹ (upper triangular, column-major p×p) written to `inverse` and 1/Rᵢᵢ after it;
    /// ∞ if R is singular.
    private static func conditionBound(_ a: UnsafeMutablePointer<Double>, _ m: Int, _ p: Int,
                                       inverse g: UnsafeMutablePointer<Double>) -> Double {
        var normR = 0.0
        for j in 0..<p { for i in 0...j { normR += a[j * m + i] * a[j * m + i] } }
        // 1/Rᵢᵢ once (R⁻¹ is only needed for its norm, so the product by the reciprocal serves as the quotient:
        // it keeps the long division out of the dependency chain of the back substitution).
        let diagonal = g + p * p
        for j in 0..<p {
            if a[j * m + j] == 0 { return .infinity }
            diagonal[j] = 1 / a[j * m + j]
        }
        // Column j of R⁻¹ solves R·g = eⱼ (entries i > j are 0), by column-oriented back substitution: once gᵢ is
        // known, gᵢ·R[0..<i, i] (a contiguous column of R) is taken from the entries above it.
        var normG = 0.0
        for j in 0..<p {
            let gj = g + j * p
            for i in 0..<j { gj[i] = 0 }
            gj[j] = 1
            for i in stride(from: j, through: 0, by: -1) {
                let gi = gj[i] * diagonal[i]
                gj[i] = gi
                normG += gi * gi
                let column = a + i * m
                for r in 0..<i { gj[r] -= gi * column[r] }
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
