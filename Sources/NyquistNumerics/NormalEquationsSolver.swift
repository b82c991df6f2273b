import CGSL

/// Nyquist's own `gsl_multifit_nlinear_solver` for tall, thin Jacobians (n ≫ p, e.g. 322 × 7): the damped normal
/// equations (JᵀJ + μDᵀD)·δ = −Jᵀf solved by Cholesky, with JᵀJ formed once per Jacobian by a row-wise loop over
/// the row-major J (no BLAS call, no copy of J).
///
/// Per iteration GSL calls `init` once (new J: form A = JᵀJ, the lower triangle, p(p+1)/2·n multiply–adds),
/// `presolve(μ)` once per trial μ (Jacobi-scaled Cholesky of A + μ·diag(D²), O(p³)) and `solve(f)` (−Jᵀf and two
/// triangular solves). Squaring J squares its condition number, so a solve is accurate to about κ(J)²·ε relative;
/// when the Cholesky meets a non-positive pivot the solver returns `GSL_EDOM` and the driver stops with
/// ``LevenbergMarquardtStatus/failed(code:)`` — callers that need robustness then refit with `.qr`
/// (as `Fitter` does).
///
/// `rcond` is 1/(‖R‖₁·‖R⁻¹‖₁) for R = Lᵀ, the Cholesky factor of JᵀJ (μ = 0), which equals the R of an unpivoted QR
/// of J up to the signs of its rows, so the value is that of GSL's QR solver without pivoting.
final class NormalEquationsSolver {
    let p: Int
    /// A = JᵀJ (lower triangle valid), row-major p×p.
    let normal: UnsafeMutableBufferPointer<Double>
    /// L of the Jacobi-scaled S(A + μD²)S = LLᵀ, row-major p×p (lower triangle).
    let factor: UnsafeMutableBufferPointer<Double>
    /// S, the Jacobi scaling 1/√(Aⱼⱼ + μDⱼ²) (1 for a zero diagonal).
    let scale: UnsafeMutableBufferPointer<Double>
    /// Right-hand side and solution work vector.
    let work: UnsafeMutableBufferPointer<Double>
    /// μ of the current factor, or −1 before the first `presolve`.
    var mu = -1.0

    init(p: Int) {
        self.p = p
        normal = .allocate(capacity: p * p)
        normal.initialize(repeating: 0)
        factor = .allocate(capacity: p * p)
        factor.initialize(repeating: 0)
        scale = .allocate(capacity: p)
        scale.initialize(repeating: 1)
        work = .allocate(capacity: p)
        work.initialize(repeating: 0)
    }

    deinit {
        normal.deallocate()
        factor.deallocate()
        scale.deallocate()
        work.deallocate()
    }

    /// A = JᵀJ, lower triangle, accumulated row by row (J row-major with row stride `tda`).
    func formNormalMatrix(_ J: gsl_matrix) {
        let n = J.size1
        let p = self.p
        guard let data = J.data else { return }
        let A = normal.baseAddress!
        for k in 0..<(p * p) { A[k] = 0 }
        for i in 0..<n {
            let row = data + i * J.tda
            for a in 0..<p {
                let ra = row[a]
                let out = A + a * p
                for b in 0...a { out[b] += ra * row[b] }
            }
        }
    }

    /// Factors S(A + μD²)S = LLᵀ in `factor`; `false` on a non-positive or non-finite pivot.
    func factorize(mu: Double, diag: gsl_vector?) -> Bool {
        let p = self.p
        let A = normal.baseAddress!
        let L = factor.baseAddress!
        for j in 0..<p {
            var d = A[j * p + j]
            if mu != 0, let diag, let values = diag.data {
                let dj = values[j * diag.stride]
                d += mu * dj * dj
            }
            scale[j] = d > 0 ? 1 / d.squareRoot() : 1
        }
        for j in 0..<p {
            for i in j..<p {
                var value = A[i * p + j]
                if i == j, mu != 0, let diag, let values = diag.data {
                    let dj = values[j * diag.stride]
                    value += mu * dj * dj
                }
                value *= scale[i] * scale[j]
                for k in 0..<j { value -= L[i * p + k] * L[j * p + k] }
                if i == j {
                    guard value > 0, value.isFinite else { return false }
                    L[j * p + j] = value.squareRoot()
                } else {
                    L[i * p + j] = value / L[j * p + j]
                }
            }
        }
        return true
    }

    /// x = −S·(LLᵀ)⁻¹·S·Jᵀf.
    func solve(J: gsl_matrix, f: gsl_vector, into x: gsl_vector) -> Bool {
        let p = self.p
        guard let jData = J.data, let fData = f.data, let xData = x.data, f.size == J.size1, x.size == p else {
            return false
        }
        let w = work.baseAddress!
        for a in 0..<p { w[a] = 0 }
        for i in 0..<J.size1 {
            let row = jData + i * J.tda
            let fi = fData[i * f.stride]
            for a in 0..<p { w[a] -= row[a] * fi }
        }
        let L = factor.baseAddress!
        for a in 0..<p { w[a] *= scale[a] }
        for i in 0..<p {  // L y = w
            var value = w[i]
            for k in 0..<i { value -= L[i * p + k] * w[k] }
            w[i] = value / L[i * p + i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {  // Lᵀ z = y
            var value = w[i]
            for k in (i + 1)..<p { value -= L[k * p + i] * w[k] }
            w[i] = value / L[i * p + i]
        }
        for a in 0..<p { xData[a * x.stride] = w[a] * scale[a] }
        return true
    }

    /// 1/(‖R‖₁‖R⁻¹‖₁) with R = Lᵀ from the Cholesky of JᵀJ itself (unscaled, μ = 0); 0 when JᵀJ is not positive
    /// definite. Leaves the current factor invalid (μ = −1).
    func reciprocalCondition() -> Double {
        let p = self.p
        let A = normal.baseAddress!
        let L = factor.baseAddress!
        mu = -1
        for j in 0..<p {
            for i in j..<p {
                var value = A[i * p + j]
                for k in 0..<j { value -= L[i * p + k] * L[j * p + k] }
                if i == j {
                    guard value > 0, value.isFinite else { return 0 }
                    L[j * p + j] = value.squareRoot()
                } else {
                    L[i * p + j] = value / L[j * p + j]
                }
            }
        }
        // R = Lᵀ: column j of R is row j of L (entries k ≤ j). ‖R‖₁ = max column sum.
        var normR = 0.0
        for j in 0..<p {
            var sum = 0.0
            for k in 0...j { sum += abs(L[j * p + k]) }
            normR = max(normR, sum)
        }
        // R⁻¹ column by column: R·y = eⱼ (back substitution, y upper triangular).
        var normInverse = 0.0
        for j in 0..<p {
            for a in 0..<p { work[a] = 0 }
            work[j] = 1
            for i in stride(from: j, through: 0, by: -1) {
                var value = work[i]
                for k in (i + 1)..<(j + 1) { value -= L[k * p + i] * work[k] }
                work[i] = value / L[i * p + i]
            }
            var sum = 0.0
            for i in 0...j { sum += abs(work[i]) }
            normInverse = max(normInverse, sum)
        }
        return 1 / (normR * normInverse)
    }
}

/// The solver object of a Swift `gsl_multifit_nlinear_solver` from GSL's state pointer (unretained).
@inline(__always)
func solverState<Solver: AnyObject>(_ raw: UnsafeMutableRawPointer?, as _: Solver.Type) -> Solver? {
    guard let raw else { return nil }
    return Unmanaged<Solver>.fromOpaque(raw).takeUnretainedValue()
}

/// GSL's trust-region state, as passed to a solver's callbacks.
@inline(__always)
func trustState(_ raw: UnsafeRawPointer?) -> gsl_multifit_nlinear_trust_state? {
    raw?.assumingMemoryBound(to: gsl_multifit_nlinear_trust_state.self).pointee
}

/// The GSL descriptor (name and callbacks) of ``NormalEquationsSolver``; GSL keeps the pointer in its workspace
/// parameters, so it is allocated once and never freed.
nonisolated(unsafe) let normalEquationsSolverDescriptor: UnsafeMutablePointer<gsl_multifit_nlinear_solver> = {
    let name = UnsafeMutablePointer<CChar>.allocate(capacity: 16)
    "normal-cholesky".utf8CString.withUnsafeBufferPointer { source in
        name.initialize(from: source.baseAddress!, count: min(source.count, 16))
    }
    let descriptor = UnsafeMutablePointer<gsl_multifit_nlinear_solver>.allocate(capacity: 1)
    descriptor.initialize(
        to: gsl_multifit_nlinear_solver(
            name: UnsafePointer(name),
            alloc: { _, p in Unmanaged.passRetained(NormalEquationsSolver(p: p)).toOpaque() },
            init: { trust, state in
                guard let solver = solverState(state, as: NormalEquationsSolver.self), let trust = trustState(trust),
                      let J = trust.J
                else {
                    return NYQ_GSL_EINVAL
                }
                solver.formNormalMatrix(J.pointee)
                solver.mu = -1
                return NYQ_GSL_SUCCESS
            },
            presolve: { mu, trust, state in
                guard let solver = solverState(state, as: NormalEquationsSolver.self), let trust = trustState(trust)
                else { return NYQ_GSL_EINVAL }
                guard solver.factorize(mu: mu, diag: trust.diag?.pointee) else {
                    solver.mu = -1
                    return NYQ_GSL_EDOM
                }
                solver.mu = mu
                return NYQ_GSL_SUCCESS
            },
            solve: { f, x, trust, state in
                guard let solver = solverState(state, as: NormalEquationsSolver.self), let trust = trustState(trust),
                      let J = trust.J, let f, let x,
                      solver.mu >= 0
                else { return NYQ_GSL_EINVAL }
                return solver.solve(J: J.pointee, f: f.pointee, into: x.pointee) ? NYQ_GSL_SUCCESS : NYQ_GSL_EINVAL
            },
            rcond: { rcond, state in
                guard let solver = solverState(state, as: NormalEquationsSolver.self), let rcond else {
                    return NYQ_GSL_EINVAL
                }
                rcond.pointee = solver.reciprocalCondition()
                return NYQ_GSL_SUCCESS
            },
            free: { state in
                guard let state else { return }
                Unmanaged<NormalEquationsSolver>.fromOpaque(state).release()
            }))
    return descriptor
}()
