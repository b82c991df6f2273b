import CGSL
import CKernels

/// Nyquist's own QR `gsl_multifit_nlinear_solver` for tall, thin Jacobians (n ≫ p, e.g. 322 × 7): the same
/// subproblem as GSL's `qr` solver, min ‖J·δ + f‖² + μ‖D·δ‖², without its row-major Householder updates and copies.
///
/// Per iteration GSL calls `init` once (new J): J is copied column-major and factored J = Q·R by Householder
/// reflections (LAPACK `dlarfg`'s convention, CKernels' `nyq_householder_apply` on the trailing columns, no
/// pivoting: 2np² flops). Per trial μ, `solve(f)` forms Qᵀf (4np flops) and solves the damped problem on the small
/// stacked matrix [R; √μ·D] (2p × p) by a second Householder QR and back substitution (O(p³)); μ = 0 is plain
/// back substitution on R, with the components of pivots below ε·max|Rⱼⱼ|·p set to zero. Both are backward
/// stable like GSL's QR (the condition number is not squared, unlike `.normalCholesky`).
///
/// `rcond` is 1/(‖R‖₁·‖R⁻¹‖₁) of the unpivoted R, computed exactly (GSL's `qr` estimates it for its pivoted R).
final class ThinQRSolver {
    let n: Int
    let p: Int
    /// J column-major (n × p), then its QR: R on and above the diagonal, the reflectors below.
    let a: UnsafeMutableBufferPointer<Double>
    let tau: UnsafeMutableBufferPointer<Double>
    /// Qᵀf (n).
    let qtf: UnsafeMutableBufferPointer<Double>
    /// The stacked [R; √μ·D] (2p × p, column-major), its right-hand side (2p) and reflector scalars (p).
    let small: UnsafeMutableBufferPointer<Double>
    let smallRHS: UnsafeMutableBufferPointer<Double>
    let smallTau: UnsafeMutableBufferPointer<Double>
    var mu = 0.0

    init(n: Int, p: Int) {
        self.n = n
        self.p = p
        a = .allocate(capacity: max(1, n * p))
        a.initialize(repeating: 0)
        tau = .allocate(capacity: max(1, p))
        tau.initialize(repeating: 0)
        qtf = .allocate(capacity: max(1, n))
        qtf.initialize(repeating: 0)
        small = .allocate(capacity: max(1, 2 * p * p))
        small.initialize(repeating: 0)
        smallRHS = .allocate(capacity: max(1, 2 * p))
        smallRHS.initialize(repeating: 0)
        smallTau = .allocate(capacity: max(1, p))
        smallTau.initialize(repeating: 0)
    }

    deinit {
        a.deallocate()
        tau.deallocate()
        qtf.deallocate()
        small.deallocate()
        smallRHS.deallocate()
        smallTau.deallocate()
    }

    /// Copies J (row-major, row stride `tda`) column-major and factors it.
    func factor(_ J: gsl_matrix) -> Bool {
        guard let data = J.data, J.size1 == n, J.size2 == p, let a = a.baseAddress, let t = tau.baseAddress else {
            return false
        }
        for i in 0..<n {
            let row = data + i * J.tda
            for j in 0..<p { a[j * n + i] = row[j] }
        }
        Self.householder(a, rows: n, columns: p, tau: t)
        return true
    }

    /// A = Q·R in place (column-major, `rows` ≥ `columns`), τⱼ in `tau`.
    static func householder(_ a: UnsafeMutablePointer<Double>, rows m: Int, columns p: Int,
                            tau: UnsafeMutablePointer<Double>) {
        for j in 0..<min(p, m) {
            let v = a + j * m + j, length = m - j
            tau[j] = reflect(v, length: length)
            if tau[j] != 0, j + 1 < p { nyq_householder_apply(v, tau[j], v + m, m, p - j - 1, length) }
        }
    }

    /// LAPACK `dlarfg` on x = (α, x₂…): α ← β = −sign(α)‖x‖, x₂… ← v₂… (v₁ = 1); returns τ (0 when x₂… = 0).
    static func reflect(_ x: UnsafeMutablePointer<Double>, length n: Int) -> Double {
        guard n > 1 else { return 0 }
        let tail = nyq_dnrm2(n - 1, x + 1, 1)
        if tail == 0 { return 0 }
        let alpha = x[0]
        var norm = (alpha * alpha + tail * tail).squareRoot()
        if !norm.isFinite {
            // |x| beyond √(greatest finite): scale first (never met for Jacobians of finite residuals).
            let s = max(abs(alpha), tail)
            norm = ((alpha / s) * (alpha / s) + (tail / s) * (tail / s)).squareRoot() * s
        }
        return QRLeastSquares.finishReflection(x, length: n, norm: norm)
    }

    /// x = argmin ‖J·x + f‖² + μ‖D·x‖² (GSL's sign convention: the step that goes downhill).
    func solve(f: gsl_vector, diag: gsl_vector?, into x: gsl_vector) -> Bool {
        guard let fData = f.data, let xData = x.data, f.size == n, x.size == p, let a = a.baseAddress,
              let t = tau.baseAddress, let q = qtf.baseAddress
        else { return false }
        for i in 0..<n { q[i] = fData[i * f.stride] }
        for j in 0..<p where t[j] != 0 {
            nyq_householder_apply(a + j * n + j, t[j], q + j, n, 1, n - j)
        }
        // The small problem: rows 0..<p are R and −(Qᵀf)₀..ₚ₋₁, rows p..<2p are √μ·D and 0.
        let m = 2 * p
        guard let s = small.baseAddress, let b = smallRHS.baseAddress, let st = smallTau.baseAddress else {
            return false
        }
        let root = mu.squareRoot()
        for j in 0..<p {
            let column = s + j * m
            for i in 0..<m { column[i] = 0 }
            for i in 0...j { column[i] = a[j * n + i] }
            var d = 1.0
            if let diag, let values = diag.data { d = values[j * diag.stride] }
            column[p + j] = root * d
            b[j] = -q[j]
            b[p + j] = 0
        }
        if mu > 0 {
            Self.householder(s, rows: m, columns: p, tau: st)
            for j in 0..<p where st[j] != 0 { nyq_householder_apply(s + j * m + j, st[j], b + j, m, 1, m - j) }
        }
        // Back substitution on the p×p upper triangle (of R, or of the stacked matrix's R).
        var largest = 0.0
        for j in 0..<p { largest = max(largest, abs(s[j * m + j])) }
        let floor = largest * Double.ulpOfOne * Double(p)
        for j in stride(from: p - 1, through: 0, by: -1) {
            var value = b[j]
            for k in (j + 1)..<max(j + 1, p) { value -= s[k * m + j] * xData[k * x.stride] }
            let pivot = s[j * m + j]
            xData[j * x.stride] = abs(pivot) > floor ? value / pivot : 0
        }
        for j in 0..<p where !xData[j * x.stride].isFinite { return false }
        return true
    }

    /// 1/(‖R‖₁·‖R⁻¹‖₁) of the current factor; 0 when R is singular.
    func reciprocalCondition() -> Double {
        guard let a = a.baseAddress, let w = smallRHS.baseAddress else { return 0 }
        var normR = 0.0
        for j in 0..<p {
            var sum = 0.0
            for i in 0...j { sum += abs(a[j * n + i]) }
            normR = max(normR, sum)
        }
        var normInverse = 0.0
        for j in 0..<p {  // column j of R⁻¹: R·y = eⱼ
            for i in 0..<p { w[i] = 0 }
            w[j] = 1
            for i in stride(from: j, through: 0, by: -1) {
                var value = w[i]
                for k in (i + 1)..<(j + 1) { value -= a[k * n + i] * w[k] }
                let pivot = a[i * n + i]
                guard pivot != 0 else { return 0 }
                w[i] = value / pivot
            }
            var sum = 0.0
            for i in 0...j { sum += abs(w[i]) }
            normInverse = max(normInverse, sum)
        }
        let r = 1 / (normR * normInverse)
        return r.isFinite ? r : 0
    }
}

/// The GSL descriptor of ``ThinQRSolver``; allocated once, never freed (GSL keeps the pointer).
nonisolated(unsafe) let thinQRSolverDescriptor: UnsafeMutablePointer<gsl_multifit_nlinear_solver> = {
    let text = "thin-qr".utf8CString
    let name = UnsafeMutablePointer<CChar>.allocate(capacity: text.count)
    for (i, c) in text.enumerated() { name[i] = c }
    let descriptor = UnsafeMutablePointer<gsl_multifit_nlinear_solver>.allocate(capacity: 1)
    descriptor.initialize(
        to: gsl_multifit_nlinear_solver(
            name: UnsafePointer(name),
            alloc: { n, p in Unmanaged.passRetained(ThinQRSolver(n: n, p: p)).toOpaque() },
            init: { trust, state in
                guard let solver = solverState(state, as: ThinQRSolver.self), let trust = trustState(trust), let J = trust.J,
                      solver.factor(J.pointee)
                else { return NYQ_GSL_EINVAL }
                return NYQ_GSL_SUCCESS
            },
            presolve: { mu, _, state in
                guard let solver = solverState(state, as: ThinQRSolver.self) else { return NYQ_GSL_EINVAL }
                solver.mu = mu
                return NYQ_GSL_SUCCESS
            },
            solve: { f, x, trust, state in
                guard let solver = solverState(state, as: ThinQRSolver.self), let trust = trustState(trust), let f, let x else {
                    return NYQ_GSL_EINVAL
                }
                return solver.solve(f: f.pointee, diag: trust.diag?.pointee, into: x.pointee)
                    ? NYQ_GSL_SUCCESS : NYQ_GSL_EDOM
            },
            rcond: { rcond, state in
                guard let solver = solverState(state, as: ThinQRSolver.self), let rcond else { return NYQ_GSL_EINVAL }
                rcond.pointee = solver.reciprocalCondition()
                return NYQ_GSL_SUCCESS
            },
            free: { state in
                guard let state else { return }
                Unmanaged<ThinQRSolver>.fromOpaque(state).release()
            }))
    return descriptor
}()
