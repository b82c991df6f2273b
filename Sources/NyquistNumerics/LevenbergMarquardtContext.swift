import CGSL

extension LevenbergMarquardt {
    /// A residual value to write where the model overflows at a trial point (e.g. e^(x/τ) for a tiny τ): GSL then
    /// sees a huge cost, rejects the step and shrinks the trust region, where returning `false` would end the solve.
    /// An outcome with χ² ≥ ``rejectedResidual``² means the start itself could not be evaluated.
    public static let rejectedResidual = 1e100
}

/// Writes the residual vector f(x) (length n) for parameters x (length p). Return `false` when the model cannot be
/// evaluated (e.g. overflow, a parameter outside the model's domain); the solve then ends with `.evaluationFailed`.
public typealias ResidualFunction =
    (_ x: UnsafeBufferPointer<Double>, _ f: UnsafeMutableBufferPointer<Double>) -> Bool

/// Writes the Jacobian Jᵢⱼ = ∂fᵢ/∂xⱼ, row-major n×p (element (i, j) at `i * p + j`). Return `false` when it cannot
/// be evaluated; the solve then ends with `.evaluationFailed`.
public typealias JacobianFunction =
    (_ x: UnsafeBufferPointer<Double>, _ jacobian: UnsafeMutableBufferPointer<Double>) -> Bool

/// Called with the initial state (iteration 0) and after every iteration with the current x and f; return `true`
/// to end the solve with `.stoppedByCaller` (e.g. "stop when χ²/|Z| reaches a threshold").
public typealias StopPredicate =
    (_ iteration: Int, _ x: UnsafeBufferPointer<Double>, _ f: UnsafeBufferPointer<Double>) -> Bool

/// Per-workspace state reached from GSL's C callbacks through `gsl_multifit_nlinear_fdf.params`.
///
/// All scratch memory is allocated once here, so a callback never allocates: x/f/J arrive as GSL vectors and
/// matrices that are handed to Swift as buffer pointers directly when contiguous, or through these scratch buffers
/// when GSL passes a strided view (its finite-difference Jacobian writes f(x + hⱼeⱼ) into column j of J, a vector
/// of stride p).
final class LevenbergMarquardtContext {
    let n: Int
    let p: Int
    let xScratch: UnsafeMutableBufferPointer<Double>
    let fScratch: UnsafeMutableBufferPointer<Double>
    let jacobianScratch: UnsafeMutableBufferPointer<Double>
    /// f at the start of the current iteration, for the ftol test.
    let previousF: UnsafeMutableBufferPointer<Double>
    var residuals: ResidualFunction?
    var jacobian: JacobianFunction?
    /// Set when a callback reported failure or produced a non-finite value.
    var evaluationFailed = false

    init(n: Int, p: Int) {
        self.n = n
        self.p = p
        xScratch = .allocate(capacity: p)
        xScratch.initialize(repeating: 0)
        fScratch = .allocate(capacity: n)
        fScratch.initialize(repeating: 0)
        jacobianScratch = .allocate(capacity: n * p)
        jacobianScratch.initialize(repeating: 0)
        previousF = .allocate(capacity: n)
        previousF.initialize(repeating: 0)
    }

    deinit {
        xScratch.deallocate()
        fScratch.deallocate()
        jacobianScratch.deallocate()
        previousF.deallocate()
    }

    /// x as a contiguous buffer: GSL's storage when its stride is 1, otherwise a copy in `xScratch`.
    func contiguousX(_ x: gsl_vector) -> UnsafeBufferPointer<Double> {
        guard let data = x.data else { return UnsafeBufferPointer(start: nil, count: 0) }
        if x.stride == 1 { return UnsafeBufferPointer(start: data, count: x.size) }
        let count = min(x.size, p)
        for i in 0..<count { xScratch[i] = data[i * x.stride] }
        return UnsafeBufferPointer(rebasing: xScratch[0..<count])
    }
}

/// Recovers the context from GSL's `params` pointer without retaining it (the workspace owns it).
@inline(__always)
private func context(_ params: UnsafeMutableRawPointer?) -> LevenbergMarquardtContext? {
    guard let params else { return nil }
    return Unmanaged<LevenbergMarquardtContext>.fromOpaque(params).takeUnretainedValue()
}

/// `gsl_multifit_nlinear_fdf.f`: evaluates the caller's residual function into `f`, which may be strided.
/// Returns `GSL_EBADFUNC` when the callback returns `false` or writes NaN/±∞.
func levenbergMarquardtResidualTrampoline(
    _ x: UnsafePointer<gsl_vector>?, _ params: UnsafeMutableRawPointer?, _ f: UnsafeMutablePointer<gsl_vector>?
) -> Int32 {
    guard let context = context(params), let residuals = context.residuals, let x, let f,
        let fData = f.pointee.data, f.pointee.size == context.n
    else { return NYQ_GSL_EBADFUNC }
    let xBuffer = context.contiguousX(x.pointee)
    let stride = f.pointee.stride
    var ok: Bool
    if stride == 1 {
        let out = UnsafeMutableBufferPointer(start: fData, count: context.n)
        ok = residuals(xBuffer, out)
        if ok { for value in out where !value.isFinite { ok = false; break } }
    } else {
        ok = residuals(xBuffer, context.fScratch)
        if ok {
            for i in 0..<context.n {
                let value = context.fScratch[i]
                if !value.isFinite { ok = false; break }
                fData[i * stride] = value
            }
        }
    }
    if !ok {
        context.evaluationFailed = true
        return NYQ_GSL_EBADFUNC
    }
    return NYQ_GSL_SUCCESS
}

/// `gsl_multifit_nlinear_fdf.df`: evaluates the caller's Jacobian into `J` (row-major; copied through scratch if
/// GSL's row stride `tda` differs from p). Returns `GSL_EBADFUNC` on `false` or NaN/±∞.
func levenbergMarquardtJacobianTrampoline(
    _ x: UnsafePointer<gsl_vector>?, _ params: UnsafeMutableRawPointer?, _ J: UnsafeMutablePointer<gsl_matrix>?
) -> Int32 {
    guard let context = context(params), let jacobian = context.jacobian, let x, let J,
        let jData = J.pointee.data, J.pointee.size1 == context.n, J.pointee.size2 == context.p
    else { return NYQ_GSL_EBADFUNC }
    let xBuffer = context.contiguousX(x.pointee)
    let n = context.n
    let p = context.p
    let tda = J.pointee.tda
    var ok: Bool
    if tda == p {
        let out = UnsafeMutableBufferPointer(start: jData, count: n * p)
        ok = jacobian(xBuffer, out)
        if ok { for value in out where !value.isFinite { ok = false; break } }
    } else {
        ok = jacobian(xBuffer, context.jacobianScratch)
        if ok {
            rows: for i in 0..<n {
                for j in 0..<p {
                    let value = context.jacobianScratch[i * p + j]
                    if !value.isFinite { ok = false; break rows }
                    jData[i * tda + j] = value
                }
            }
        }
    }
    if !ok {
        context.evaluationFailed = true
        return NYQ_GSL_EBADFUNC
    }
    return NYQ_GSL_SUCCESS
}
