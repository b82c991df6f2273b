import CKernels

/// A reusable workspace for many small symmetric positive definite solves G·x = b (G p×p, e.g. a Gram matrix AᵀA
/// formed in closed form), by a Jacobi-scaled Cholesky factorisation: with s = diag(1/√Gⱼⱼ),
/// G_S = S·G·S (unit diagonal) = L·Lᵀ, and x = S·L⁻ᵀ·L⁻¹·S·b.
///
/// The factorisation and the two triangular solves are CKernels' `nyq_cholesky_lower` / `nyq_cholesky_solve`
/// (column-major, contiguous axpys and four-lane dot products). No GSL call and no allocation after `init`.
public struct ScaledCholesky: Sendable {
    /// The largest order p this workspace takes.
    public let capacity: Int
    private var g: [Double]
    private var s: [Double]
    /// √Gⱼⱼ = 1/sⱼ of the last factorisation.
    private var root: [Double]
    private var v: [Double]
    /// 1/L(j, j) of the last factorisation.
    private var inverseDiagonal: [Double]
    private var order = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        g = [Double](repeating: 0, count: self.capacity * self.capacity)
        s = [Double](repeating: 1, count: self.capacity)
        root = s
        v = [Double](repeating: 0, count: self.capacity)
        inverseDiagonal = v
    }

    /// sⱼ = 1/√Gⱼⱼ of the last factorisation.
    public func scale(_ j: Int) -> Double { s[j] }

    /// maxⱼ |vⱼ|·√Gⱼⱼ (= |vⱼ|/sⱼ up to rounding) over the p values of `v`, for the last factored G of order p: the
    /// size of a vector in the scaled coordinates, without a division per entry. NaN when an entry is NaN.
    public func scaledMaximum(_ v: UnsafePointer<Double>) -> Double {
        root.withUnsafeBufferPointer { r in r.baseAddress.map { nyq_scaled_max(v, $0, order) } ?? 0 }
    }

    /// Factors G of order p (1 ≤ p ≤ ``capacity``). `fill` writes the lower triangle of G column-major, element
    /// (i, j) with i ≥ j at `j * p + i` (the upper triangle is ignored). Returns false for a bad order, a diagonal
    /// entry that is not positive and finite, or a pivot of G_S that is not positive (G not numerically positive
    /// definite).
    public mutating func factor(order p: Int, fill: (UnsafeMutablePointer<Double>) -> Void) -> Bool {
        guard p >= 1, p <= capacity else { return false }
        order = 0
        return g.withUnsafeMutableBufferPointer { gb in
            s.withUnsafeMutableBufferPointer { sb in
                guard let a = gb.baseAddress, let sc = sb.baseAddress else { return false }
                fill(a)
                for j in 0..<p {
                    let d = a[j * p + j]
                    guard d > 0, d.isFinite else { return false }
                    let r = d.squareRoot()
                    root[j] = r
                    sc[j] = 1 / r
                }
                for j in 0..<p {
                    let column = a + j * p, sj = sc[j]
                    column[j] = 1
                    for i in (j + 1)..<max(j + 1, p) { column[i] *= sc[i] * sj }
                }
                let pivots = inverseDiagonal.withUnsafeMutableBufferPointer { nyq_cholesky_lower(a, p, $0.baseAddress!) }
                guard pivots == 0 else { return false }
                order = p
                return true
            }
        }
    }

    /// b ← G⁻¹·b for the last factored G (b holds p values).
    public func solve(_ b: UnsafeMutablePointer<Double>) {
        let p = order
        guard p > 0 else { return }
        for j in 0..<p { b[j] *= s[j] }
        g.withUnsafeBufferPointer { gb in
            inverseDiagonal.withUnsafeBufferPointer { d in
                if let l = gb.baseAddress, let d = d.baseAddress { nyq_cholesky_solve(l, d, p, b) }
            }
        }
        for j in 0..<p { b[j] *= s[j] }
    }

    /// An estimate of ‖G_S⁻¹‖₂ = 1/λ_min(G_S) by `iterations` steps of the power method on (L·Lᵀ)⁻¹ from the fixed
    /// start xⱼ = frac(0.3 + 0.618034·j) − 0.5 (golden-ratio steps; not the vector of ones, which is orthogonal to the smallest eigenvector of
    /// symmetric patterns such as [[1, c], [c, 1]]). The estimate converges from below; G_S has unit diagonal, so
    /// λ_max(G_S) ≤ p and κ₂(G_S) ≤ p·‖G_S⁻¹‖₂.
    public mutating func inverseNormEstimate(iterations: Int = 3) -> Double {
        let p = order
        guard p > 0 else { return .infinity }
        var estimate = 0.0
        g.withUnsafeBufferPointer { gb in
            v.withUnsafeMutableBufferPointer { vb in
                inverseDiagonal.withUnsafeBufferPointer { db in
                    guard let l = gb.baseAddress, let x = vb.baseAddress, let d = db.baseAddress else { return }
                    for j in 0..<p {
                        let t = 0.3 + 0.618034 * Double(j)
                        x[j] = t - t.rounded(.down) - 0.5
                    }
                    var norm = nyq_dot(x, x, p).squareRoot()
                    for _ in 0..<max(1, iterations) {
                        for j in 0..<p { x[j] /= norm }
                        nyq_cholesky_solve(l, d, p, x)
                        norm = nyq_dot(x, x, p).squareRoot()
                        guard norm.isFinite, norm > 0 else { estimate = .infinity; return }
                        estimate = norm
                    }
                }
            }
        }
        return estimate
    }
}

/// Dot products of CKernels (four interleaved partial sums; see `nyq_dot`).
public enum DotProduct {
    /// Σᵢ aᵢ·xᵢ, i < n.
    @inline(__always)
    public static func dot(_ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>, count n: Int) -> Double {
        nyq_dot(a, x, n)
    }

    /// Σᵢ (aᵢ·xᵢ + bᵢ·yᵢ), i < n.
    @inline(__always)
    public static func dot(_ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>, plus b: UnsafePointer<Double>,
                           _ y: UnsafePointer<Double>, count n: Int) -> Double {
        nyq_dot2(a, x, b, y, n)
    }
}
