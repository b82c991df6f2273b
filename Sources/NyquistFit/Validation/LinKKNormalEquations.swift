import CKernels
import NyquistNumerics

/// The M-element complex lin-KK fit from its normal equations, with the Gram matrix in closed form and iterative
/// refinement: O(N·M) per M for the sums and refinement passes and O(M³) for the factorisation, against O(N·M²)
/// for a Householder QR of the 2N×P design.
///
/// **The Gram matrix.** With weights wᵢ on both equations of point i, G = AᵀWA has, for two RC columns
/// (q = ω²): Σᵢ wᵢ·Re(φ(ωᵢτₖ)·conj φ(ωᵢτₗ)). For the impedance φ(x) = 1/(1 + jx) that is
/// (1 + qτₖτₗ)/((1 + qτₖ²)(1 + qτₗ²)) = [τₖ/(1 + qτₖ²) + τₗ/(1 + qτₗ²)]/(τₖ + τₗ), so with Sₖ = Σᵢ wᵢ·Re φ(ωᵢτₖ)
/// (|φ|² = Re φ): Gₖₗ = (τₖSₖ + τₗSₗ)/(τₖ + τₗ). For the admittance φ(x) = jx/(1 + jx), |φ|² = Re φ again and
/// Gₖₗ = (τₗSₖ + τₖSₗ)/(τₖ + τₗ). The constant column gives G₀ₖ = Sₖ, G₀₀ = Σw; the jω column Σ wω·Im φₖ, Σ wω²;
/// the 1/(jω) column Σ (−w/ω)·Im φₖ, Σ w/ω², and −Σw with the jω column. Every sum has terms of one sign, so each
/// entry is accurate to a few ulps: N·M work per M instead of N·M².
///
/// **The solve.** G = S·L·Lᵀ·S (``ScaledCholesky``), then refinement: x₀ = 0, and per step u = W(T − A·xₖ),
/// xₖ₊₁ = xₖ + G⁻¹·Aᵀu, the residual and Aᵀu recomputed from φ each time (so the answer is that of the
/// least-squares problem, not of the normal equations). The steps shrink by about κ(A)²·ε each until they reach
/// the rounding floor ε·(κ + κ²·tan θ) of any backward-stable solver (Björck's corrected semi-normal equations).
///
/// **When it is used.** Only when κ₂(G_S) ≤ p·‖G_S⁻¹‖ (power estimate) keeps κ(G_S)·ε ≤ ``refinementLimit`` and
/// the steps contract to the floor; otherwise the caller solves this M by Householder QR. The estimate also bounds
/// the balanced design's κ well inside GSL's truncation threshold, so the truncated SVD would keep every value.
struct LinKKNormalEquations: ~Copyable {
    let n: Int
    let omegaTerm: Bool
    let inverseOmegaTerm: Bool
    let admittance: Bool
    /// Most p·‖G_S⁻¹‖·ε (≥ κ(G_S)·ε, about the contraction per refinement step) for which the normal equations are
    /// tried.
    static let refinementLimit = 0.05
    /// Refinement stops once the next step would change x by less than this (relative, in the scaled coordinates):
    /// four decades below the 1e-8 to which μ is compared, and below the rounding floor of every M ≥ 20 seen.
    static let stepTolerance = 1e-12
    static let maximumSteps = 12

    private var cholesky: ScaledCholesky
    /// Per point, `n` values each: w, w·Re T, w·Im T, w·ω, −w/ω, ω, −1/ω, then the scratch u_re, u_im, then
    /// Re T, Im T.
    private let points: UnsafeMutableBufferPointer<Double>
    /// Per column of the current grid: Sₖ, Σ wω·Im φₖ, Σ (−w/ω)·Im φₖ, then the p right-hand-side values, then
    /// the Gram weights c_d, e_d of ``LinKKGram``.
    private let columns: UnsafeMutableBufferPointer<Double>
    private let sumW: Double
    private let sumWOmega2: Double
    private let sumWInverse2: Double
    /// Aᵀ·W·T's constant, jω and 1/(jω) entries (Σ w·Re T, Σ w·ω·Im T, Σ −(w/ω)·Im T).
    private let startConstant: Double
    private let startOmega: Double
    private let startInverse: Double
    private let capacity: Int
    private var gram: LinKKGram {
        LinKKGram(omegaTerm: omegaTerm, inverseOmegaTerm: inverseOmegaTerm, admittance: admittance, sumW: sumW,
                  sumWOmega2: sumWOmega2, sumWInverse2: sumWInverse2, s: columns.baseAddress!, capacity: capacity)
    }
    /// Refinement steps of the last solve (for tests).
    private(set) var lastSteps = 0
    /// Whether the proof below holds for this size at all: even κ(G_S) = 1/ε keeps the balanced design's
    /// κ·t within ``QRLeastSquares/safetyMargin`` (t = ε·max(rows, p)), true up to about 6 000 points.
    private let provable: Bool

    private var w: UnsafeMutablePointer<Double> { points.baseAddress! }
    private var wRe: UnsafeMutablePointer<Double> { w + n }
    private var wIm: UnsafeMutablePointer<Double> { w + 2 * n }
    private var wOmega: UnsafeMutablePointer<Double> { w + 3 * n }
    private var wInverse: UnsafeMutablePointer<Double> { w + 4 * n }
    private var omega: UnsafeMutablePointer<Double> { w + 5 * n }
    private var negativeInverseOmega: UnsafeMutablePointer<Double> { w + 6 * n }
    private var uRe: UnsafeMutablePointer<Double> { w + 7 * n }
    private var uIm: UnsafeMutablePointer<Double> { w + 8 * n }
    private var targetRe: UnsafeMutablePointer<Double> { w + 9 * n }
    private var targetIm: UnsafeMutablePointer<Double> { w + 10 * n }
    /// Aᵀu of the last refinement pass, kept through the solve that turns it into the correction.
    private let gradient: UnsafeMutablePointer<Double>
    /// Four partial sums per column for `nyq_rc_gradient`.
    private let lanes: UnsafeMutablePointer<Double>
    /// Σᵢ wᵢ·|Tᵢ − T̂ᵢ|² of the solution of the last successful solve (see ``solve(m:tau:re:im:into:)``).
    private(set) var lastWeightedChiSquare = Double.nan

    init(data d: LinKKData, omegaTerm: Bool, inverseOmegaTerm: Bool, maximum: Int) {
        n = d.count
        self.omegaTerm = omegaTerm
        self.inverseOmegaTerm = inverseOmegaTerm
        admittance = d.representation == .admittance
        capacity = max(1, maximum)
        cholesky = ScaledCholesky(capacity: 1 + capacity + 2)
        points = .allocate(capacity: max(1, 11 * d.count))
        gradient = .allocate(capacity: capacity + 3)
        gradient.initialize(repeating: 0, count: capacity + 3)
        lanes = .allocate(capacity: 4 * capacity)
        lanes.initialize(repeating: 0, count: 4 * capacity)
        points.initialize(repeating: 0)
        columns = .allocate(capacity: 6 * capacity + 3)
        columns.initialize(repeating: 0)
        let base = points.baseAddress!, n = d.count
        var sw = 0.0, so = 0.0, si = 0.0, c0 = 0.0, c1 = 0.0, c2 = 0.0
        for i in 0..<n {
            let wi = d.weights[i], o = d.omega[i], t = d.target[i]
            base[i] = wi
            base[n + i] = wi * t.real
            base[2 * n + i] = wi * t.imaginary
            base[3 * n + i] = wi * o
            base[4 * n + i] = -wi / o
            base[5 * n + i] = o
            base[6 * n + i] = -1 / o
            base[9 * n + i] = t.real
            base[10 * n + i] = t.imaginary
            sw += wi
            so += wi * o * o
            si += wi / (o * o)
            c0 += wi * t.real
            c1 += wi * t.imaginary * o
            c2 += wi * t.imaginary * (-1 / o)
        }
        sumW = sw
        sumWOmega2 = so
        sumWInverse2 = si
        startConstant = c0
        startOmega = c1
        startInverse = c2
        let rows = Double(2 * d.count), e = Double.ulpOfOne
        provable = 2 * rows.squareRoot() * (1 / e).squareRoot() * e * max(rows, Double(3 + capacity))
            <= QRLeastSquares.safetyMargin
    }

    deinit {
        gradient.deallocate()
        lanes.deallocate()
        points.deallocate()
        columns.deallocate()
    }

    /// φ(ωᵢτₖ) of the grid `tau` (k < m) into `re`/`im` (column-major, column k at k·n; RCBasis's formula and
    /// bits) together with the column sums that ``solve(m:tau:re:im:into:)`` needs: one pass per column.
    func evaluateBasis(m: Int, tau: UnsafePointer<Double>, re: UnsafeMutablePointer<Double>,
                       im: UnsafeMutablePointer<Double>) {
        let n = self.n, s = gram.s, capacity = self.capacity, r = columns.baseAddress! + 3 * capacity
        let sumOmega = omegaTerm ? UnsafePointer(wOmega) : nil, sumInverse = inverseOmegaTerm ? UnsafePointer(wInverse) : nil
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4) { out in
            guard let o = out.baseAddress else { return }
            for k in 0..<min(m, capacity) {
                RCBasis.evaluateWithSums(omega: omega, points: n, tau: tau[k], admittance: admittance,
                                         real: re + k * n, imaginary: im + k * n, weights: w, weightedReal: wRe,
                                         weightedImaginary: wIm, weightedOmega: sumOmega,
                                         weightedInverse: sumInverse, out: o)
                s[k] = o[0]
                r[1 + k] = o[1]
                s[capacity + k] = o[2]
                s[2 * capacity + k] = o[3]
            }
        }
    }

    /// Solves the M-element fit on the grid `tau` with φ in `re`/`im` (column-major, column k at k·n) as
    /// ``evaluateBasis(m:tau:re:im:)`` wrote them (with their column sums), writing the
    /// p coefficients (a₀, a₁…a_M, [b], [d]) to `x`. Returns false when the normal equations are not accurate
    /// enough for this M (the caller then uses QR); `x` is then undefined.
    mutating func solve(m: Int, tau: UnsafePointer<Double>, re: UnsafePointer<Double>, im: UnsafePointer<Double>,
                        into x: UnsafeMutablePointer<Double>) -> Bool {
        guard provable, m >= 1, m <= capacity else { return false }
        let p = 1 + m + (omegaTerm ? 1 : 0) + (inverseOmegaTerm ? 1 : 0)
        let cOmega = 1 + m, cInverse = 1 + m + (omegaTerm ? 1 : 0)
        let r = columns.baseAddress! + 3 * capacity
        lastSteps = 0
        lastWeightedChiSquare = .nan
        r[0] = startConstant
        if omegaTerm { r[cOmega] = startOmega }
        if inverseOmegaTerm { r[cInverse] = startInverse }
        let gram = self.gram
        let factored = cholesky.factor(order: p) { gram.fill($0, m: m, tau: tau) }
        guard factored else { return false }
        let inverseNorm = cholesky.inverseNormEstimate(iterations: 2)
        guard Double(p) * inverseNorm * Double.ulpOfOne <= Self.refinementLimit else { return false }
        for j in 0..<p { x[j] = 0 }
        var previous = Double.infinity
        for step in 0..<Self.maximumSteps {
            lastSteps = step + 1
            // χ² at the x this pass starts from; the pass's Aᵀu kept for the update of χ² below.
            var chiBefore = Double.nan
            if step > 0 {
                chiBefore = weightedGradient(m, re, im, x, into: r)
                gradient.update(from: r, count: p)
            }
            cholesky.solve(r)
            for j in 0..<p { x[j] += r[j] }
            // The step and the solution in the scaled coordinates (|vⱼ|·√Gⱼⱼ).
            let d = cholesky.scaledMaximum(r), size = cholesky.scaledMaximum(x)
            guard d.isFinite, size.isFinite else { return false }
            if step > 0 {
                let rate = d / previous
                // Final when the next step would change x by about rate·d, below the tolerance; or when the steps
                // no longer contract: the rounding floor ε·(κ + κ²·tan θ) of any backward-stable solver, accepted
                // when small.
                let converged = rate * d <= Self.stepTolerance * size
                if converged || rate > 0.5 {
                    guard converged || d <= 1e-6 * size else { return false }
                    // χ²(x + δ) = χ²(x) − 2δᵀg + δᵀGδ with g = Aᵀu and Gδ = g up to the factorisation:
                    // χ²(x) − δᵀg. The change is below 1e-10 of χ² here, so its own error does not show.
                    var change = 0.0
                    for j in 0..<p { change += r[j] * gradient[j] }
                    lastWeightedChiSquare = chiBefore - change
                    return true
                }
            }
            previous = d
        }
        return false
    }

    /// The column sums of ``evaluateBasis(m:tau:re:im:)`` for a given φ (for tests): Sₖ, the jω and 1/(jω) sums
    /// (into ``gram``'s storage) and (Aᵀ·W·T)ₖ, the RC entries of the first right-hand side (into `r[1…m]`).
    private func columnSums(_ m: Int, _ re: UnsafePointer<Double>, _ im: UnsafePointer<Double>,
                            rightHandSide r: UnsafeMutablePointer<Double>) {
        let n = self.n, s = gram.s, capacity = self.capacity
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 4) { out in
            guard let o = out.baseAddress else { return }
            for k in 0..<m {
                RCBasis.columnSums(real: re + k * n, imaginary: im + k * n, weights: w, weightedReal: wRe,
                                   weightedImaginary: wIm, weightedOmega: wOmega, weightedInverse: wInverse,
                                   points: n, out: o)
                s[k] = o[0]
                r[1 + k] = o[1]
                s[capacity + k] = o[2]
                s[2 * capacity + k] = o[3]
            }
        }
    }

    /// G = AᵀWA in closed form for the grid `tau` with φ in `re`/`im`: p×p, symmetric, column-major (for tests).
    func closedFormGram(m: Int, tau: [Double], re: [Double], im: [Double]) -> [Double] {
        let p = 1 + m + (omegaTerm ? 1 : 0) + (inverseOmegaTerm ? 1 : 0)
        var g = [Double](repeating: 0, count: p * p)
        withUnsafeTemporaryAllocation(of: Double.self, capacity: p) { r in
            re.withUnsafeBufferPointer { a in
                im.withUnsafeBufferPointer { b in
                    columnSums(m, a.baseAddress!, b.baseAddress!, rightHandSide: r.baseAddress!)
                }
            }
        }
        tau.withUnsafeBufferPointer { t in
            g.withUnsafeMutableBufferPointer { gram.fill($0.baseAddress!, m: m, tau: t.baseAddress!) }
        }
        for j in 0..<p {
            for i in (j + 1)..<max(j + 1, p) { g[i * p + j] = g[j * p + i] }
        }
        return g
    }

    /// r = Aᵀ·u with u = W(T − A·x) in one sweep over φ (CKernels' `nyq_rc_gradient`: T̂ by `nyq_rc_model`'s
    /// additions plus the ω terms, u, Σ u_re and Σ (u_re·Re φₖ + u_im·Im φₖ) in `nyq_dot2`'s lanes), then
    /// Σ u_im·ω and Σ u_im·(−1/ω). Returns χ²(x) = Σᵢ wᵢ·|Tᵢ − T̂ᵢ|² from the same T̂.
    private func weightedGradient(_ m: Int, _ re: UnsafePointer<Double>, _ im: UnsafePointer<Double>,
                                  _ x: UnsafeMutablePointer<Double>, into r: UnsafeMutablePointer<Double>)
        -> Double
    {
        let n = self.n, cOmega = 1 + m, cInverse = 1 + m + (omegaTerm ? 1 : 0)
        let chi = nyq_rc_gradient(re, im, n, m, x[0], x + 1, omegaTerm ? omega : nil, omegaTerm ? x[cOmega] : 0,
                                  inverseOmegaTerm ? negativeInverseOmega : nil,
                                  inverseOmegaTerm ? x[cInverse] : 0, w, wRe, wIm, targetRe, targetIm, uRe, uIm,
                                  lanes, r)
        if omegaTerm { r[cOmega] = DotProduct.dot(uIm, omega, count: n) }
        if inverseOmegaTerm { r[cInverse] = DotProduct.dot(uIm, negativeInverseOmega, count: n) }
        return chi
    }
}

/// The closed-form Gram matrix of ``LinKKNormalEquations`` (see there for the formulas): the constant sums of the
/// data and a view of the column sums Sₖ, Σ wω·Im φₖ, Σ (−w/ω)·Im φₖ of the current grid.
struct LinKKGram {
    let omegaTerm: Bool
    let inverseOmegaTerm: Bool
    let admittance: Bool
    let sumW: Double
    let sumWOmega2: Double
    let sumWInverse2: Double
    /// Sₖ at s[k], then the jω sums at s[capacity + k] and the 1/(jω) sums at s[2·capacity + k].
    let s: UnsafeMutablePointer<Double>
    let capacity: Int

    /// Writes the lower triangle of G = AᵀWA (column-major, (i, j) at j·p + i) from τ and the column sums of the
    /// current grid (``LinKKNormalEquations/solve(m:tau:re:im:into:)`` computes them first).
    ///
    /// The grid is log-uniform, so τₗ/τₖ = ρ_{l−k} with ρ_d = τ_d/τ₀, and with c_d = 1/(1 + ρ_d), e_d = ρ_d·c_d the
    /// RC entries are Gₖₗ = c_d·Sₖ + e_d·Sₗ (impedance) or e_d·Sₖ + c_d·Sₗ (admittance), d = l − k: two products of
    /// positive numbers, no division per entry. (ρ_d of the rounded τ differs from each τₗ/τₖ by a few ulps.)
    func fill(_ g: UnsafeMutablePointer<Double>, m: Int, tau: UnsafePointer<Double>) {
        let p = 1 + m + (omegaTerm ? 1 : 0) + (inverseOmegaTerm ? 1 : 0)
        let cOmega = 1 + m, cInverse = 1 + m + (omegaTerm ? 1 : 0)
        let us = s + capacity, vs = s + 2 * capacity
        let c = s + 4 * capacity + 3, e = c + capacity
        for d in 0..<m {
            let rho = tau[d] / tau[0], cd = 1 / (1 + rho)
            c[d] = cd
            e[d] = rho * cd
        }
        let (near, far) = admittance ? (e, c) : (c, e)
        g[0] = sumW
        for k in 0..<m { g[1 + k] = s[k] }
        if omegaTerm { g[cOmega] = 0 }
        if inverseOmegaTerm { g[cInverse] = 0 }
        for k in 0..<m {
            let column = g + (1 + k) * p
            let sk = s[k]
            column[1 + k] = sk
            let rest = m - k - 1
            if rest > 0 {
                let out = column + 2 + k, sl = s + k + 1, a = near + 1, b = far + 1
                for d in 0..<rest { out[d] = a[d] * sk + b[d] * sl[d] }
            }
            if omegaTerm { column[cOmega] = us[k] }
            if inverseOmegaTerm { column[cInverse] = vs[k] }
        }
        if omegaTerm {
            g[cOmega * p + cOmega] = sumWOmega2
            if inverseOmegaTerm { g[cOmega * p + cInverse] = -sumW }
        }
        if inverseOmegaTerm { g[cInverse * p + cInverse] = sumWInverse2 }
    }
}
