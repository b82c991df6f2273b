import CKernels
import Numerics
import NyquistCircuit
import NyquistNumerics

/// Evaluates a ``FitProblem``'s residuals and their Jacobian in internal coordinates θ without allocating: one
/// evaluator per thread, reused across iterations and starts.
///
/// Jacobian (row-major 2m × P_free): J[i][k] = −w′ᵢ Re(∂Ẑᵢ/∂p) dp/dθₖ, J[m+i][k] = −w″ᵢ Im(∂Ẑᵢ/∂p) dp/dθₖ.
/// For Boukamp weighting (w = 1/|Ẑ|) the weight's own derivative is included:
/// ∂f/∂p = −Re(∂Ẑ/∂p)/|Ẑ| − f·Re(conj(Ẑ) ∂Ẑ/∂p)/|Ẑ|².
final class ResidualEvaluator {
    let problem: FitProblem
    /// A residual this large rejects a trial step whose model overflowed, instead of failing the fit.
    static let rejection = LevenbergMarquardt.rejectedResidual

    // Scratch and per-problem constants in raw buffers, allocated once: the callbacks touch no array and allocate
    // nothing.
    private let m: Int, P: Int, F: Int
    private let boukamp: Bool
    private let p: UnsafeMutableBufferPointer<Double>
    private let z: UnsafeMutableBufferPointer<Complex<Double>>
    private let jz: UnsafeMutableBufferPointer<Complex<Double>>
    private let scale: UnsafeMutableBufferPointer<Double>
    private let data: UnsafeMutableBufferPointer<Complex<Double>>
    private let wRe: UnsafeMutableBufferPointer<Double>
    private let wIm: UnsafeMutableBufferPointer<Double>
    private let free: UnsafeMutableBufferPointer<Int>
    private let transforms: UnsafeMutableBufferPointer<ParameterTransform>
    /// With `fused`, every residual evaluation also computes ∂Z/∂p, and a Jacobian request at the θ of the last
    /// residual evaluation reuses it. GSL's trust region asks for J only at the point whose residuals it just
    /// accepted, so a local fit evaluates the model once per point instead of twice.
    private let fused: Bool
    private let cachedTheta: UnsafeMutableBufferPointer<Double>
    private var cacheValid = false

    init(_ problem: FitProblem, fused: Bool = false) {
        self.fused = fused
        cachedTheta = .allocate(capacity: problem.freeCount); cachedTheta.initialize(repeating: .nan)
        self.problem = problem
        m = problem.pointCount
        P = problem.plan.parameterCount
        F = problem.freeCount
        boukamp = problem.settings.weighting == .boukamp
        p = .allocate(capacity: P); _ = p.initialize(from: problem.parameters.values)
        z = .allocate(capacity: m); z.initialize(repeating: .zero)
        jz = .allocate(capacity: m * P); jz.initialize(repeating: .zero)
        scale = .allocate(capacity: F); scale.initialize(repeating: 1)
        data = .allocate(capacity: m); _ = data.initialize(from: problem.data)
        wRe = .allocate(capacity: m); _ = wRe.initialize(from: problem.weightRe)
        wIm = .allocate(capacity: m); _ = wIm.initialize(from: problem.weightIm)
        free = .allocate(capacity: F); _ = free.initialize(from: problem.free)
        transforms = .allocate(capacity: F); _ = transforms.initialize(from: problem.transforms)
    }

    deinit {
        p.deallocate(); z.deallocate(); jz.deallocate(); scale.deallocate(); data.deallocate()
        wRe.deallocate(); wIm.deallocate(); free.deallocate(); transforms.deallocate(); cachedTheta.deallocate()
    }

    private func load(_ theta: UnsafeBufferPointer<Double>) {
        for k in 0..<F { p[free[k]] = transforms[k].physical(theta[k]) }
    }

    /// Writes f(θ) (length 2m). Non-finite model values become a huge residual so that the step is rejected.
    func residuals(_ theta: UnsafeBufferPointer<Double>, _ f: UnsafeMutableBufferPointer<Double>) -> Bool {
        load(theta)
        if fused {
            problem.plan.evaluate(problem.grid, parameters: UnsafeBufferPointer(p), impedance: z, jacobian: jz)
            for k in 0..<F { cachedTheta[k] = theta[k] }
            cacheValid = true
        } else {
            problem.plan.evaluate(problem.grid, parameters: UnsafeBufferPointer(p), impedance: z, jacobian: nil)
            cacheValid = false
        }
        fill(f)
        return true
    }

    /// The physical impedances of the last evaluation.
    var lastImpedance: [Complex<Double>] { Array(z) }

    private func fill(_ f: UnsafeMutableBufferPointer<Double>) {
        for i in 0..<m {
            let d = data[i] - z[i]
            let wr: Double, wi: Double
            if boukamp { wr = 1 / z[i].length; wi = wr } else { wr = wRe[i]; wi = wIm[i] }
            let a = wr * d.real, b = wi * d.imaginary
            if a.isFinite && b.isFinite {
                f[i] = a; f[m + i] = b
            } else {
                f[i] = Self.rejection; f[m + i] = Self.rejection
            }
        }
    }

    /// Writes J(θ) row-major 2m × P_free. Returns false when the model's derivatives are not finite.
    func jacobian(_ theta: UnsafeBufferPointer<Double>, _ J: UnsafeMutableBufferPointer<Double>) -> Bool {
        for k in 0..<F { scale[k] = transforms[k].derivative(theta[k]) }
        var cached = fused && cacheValid
        for k in 0..<F where cached && cachedTheta[k] != theta[k] { cached = false }
        if cached { return assembleJacobian(J) }
        load(theta)
        cacheValid = false
        return buildJacobian(J)
    }

    /// Evaluates the model at `p` and writes the Jacobian with columns multiplied by `scale`.
    private func buildJacobian(_ J: UnsafeMutableBufferPointer<Double>) -> Bool {
        problem.plan.evaluate(problem.grid, parameters: UnsafeBufferPointer(p), impedance: z, jacobian: jz)
        return assembleJacobian(J)
    }

    /// Writes the weighted Jacobian from the model values and derivatives in `z` and `jz`.
    private func assembleJacobian(_ J: UnsafeMutableBufferPointer<Double>) -> Bool {
        Self.assemble(J, m: m, P: P, F: F, boukamp: boukamp, data: UnsafeBufferPointer(data),
                      wRe: UnsafeBufferPointer(wRe), wIm: UnsafeBufferPointer(wIm), free: UnsafeBufferPointer(free),
                      scale: UnsafeBufferPointer(scale), z: UnsafeBufferPointer(z), jz: UnsafeBufferPointer(jz))
    }

    /// J[i][k] (row-major 2m × F) from Z (m values) and ∂Z/∂p (row-major m × P) with the columns multiplied by
    /// `scale` (see the type documentation). Returns false when an entry is not finite.
    private static func assemble(_ J: UnsafeMutableBufferPointer<Double>, m: Int, P: Int, F: Int, boukamp: Bool,
                                 data: UnsafeBufferPointer<Complex<Double>>, wRe: UnsafeBufferPointer<Double>,
                                 wIm: UnsafeBufferPointer<Double>, free: UnsafeBufferPointer<Int>,
                                 scale: UnsafeBufferPointer<Double>, z: UnsafeBufferPointer<Complex<Double>>,
                                 jz: UnsafeBufferPointer<Complex<Double>>) -> Bool {
        guard boukamp else {
            // CKernels: the same products, then the finiteness of every entry in one pass.
            guard let dz = jz.baseAddress, let columns = free.baseAddress, let s = scale.baseAddress,
                  let wr = wRe.baseAddress, let wi = wIm.baseAddress, let out = J.baseAddress
            else { return m == 0 || F == 0 }
            return UnsafeRawPointer(dz).withMemoryRebound(to: Double.self, capacity: 2 * m * P) { d in
                nyq_weighted_jacobian(d, m, P, F, columns, s, wr, wi, out) != 0
            }
        }
        // Σ 0·Jᵢₖ over every entry: 0 unless an entry is ±∞ or NaN (then NaN), without a branch per entry; one
        // partial sum per point, so the additions of different points do not wait for each other.
        var check = 0.0
        for i in 0..<m {
            let zi = z[i]
            let rowRe = i * F, rowIm = (m + i) * F, rowZ = i * P
            let inv = 1 / zi.length, inv2 = inv * inv
            let d = data[i] - zi
            let fr = d.real * inv, fi = d.imaginary * inv
            var rowCheck = 0.0
            for k in 0..<F {
                let dz = jz[rowZ + free[k]]
                let dmod = zi.real * dz.real + zi.imaginary * dz.imaginary  // Re(conj(Z) dZ)
                let a = (-dz.real * inv - fr * dmod * inv2) * scale[k]
                let b = (-dz.imaginary * inv - fi * dmod * inv2) * scale[k]
                J[rowRe + k] = a
                J[rowIm + k] = b
                rowCheck += 0 * a + 0 * b
            }
            check += rowCheck
        }
        return check == 0
    }

    /// χ²(θ) = Σ f², for the simplex and the random samples.
    func chiSquare(_ theta: UnsafeBufferPointer<Double>, scratch f: UnsafeMutableBufferPointer<Double>) -> Double {
        _ = residuals(theta, f)
        var s = 0.0
        for v in f { s += v * v }
        return s
    }

    /// Z and ∂Z/∂p of the last fused evaluation when it was at `theta` (bit for bit), else nil: what
    /// ``FitResultBuilder`` needs at the solution, without evaluating the model again.
    func modelState(at theta: [Double]) -> ModelState? {
        guard fused, cacheValid, theta.count == F else { return nil }
        for k in 0..<F where cachedTheta[k].bitPattern != theta[k].bitPattern { return nil }
        return ModelState(parameters: Array(p), impedance: Array(z), partials: Array(jz))
    }

    /// The physical Jacobian ∂f/∂p (row-major 2m × P_free) from a ``ModelState`` of this problem's model: the
    /// same values as ``physicalJacobian(at:)`` at `state.parameters`, without an evaluation.
    static func physicalJacobian(_ problem: FitProblem, _ state: ModelState) -> [Double]? {
        let m = problem.pointCount, P = problem.plan.parameterCount, F = problem.freeCount
        guard state.impedance.count == m, state.partials.count == m * P else { return nil }
        var J = [Double](repeating: 0, count: problem.residualCount * F)
        let scale = [Double](repeating: 1, count: F)
        let ok = J.withUnsafeMutableBufferPointer { j in
            problem.data.withUnsafeBufferPointer { data in
                problem.weightRe.withUnsafeBufferPointer { wRe in
                    problem.weightIm.withUnsafeBufferPointer { wIm in
                        problem.free.withUnsafeBufferPointer { free in
                            scale.withUnsafeBufferPointer { scale in
                                state.impedance.withUnsafeBufferPointer { z in
                                    state.partials.withUnsafeBufferPointer { jz in
                                        assemble(j, m: m, P: P, F: F, boukamp: problem.settings.weighting == .boukamp,
                                                 data: data, wRe: wRe, wIm: wIm, free: free, scale: scale, z: z,
                                                 jz: jz)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return ok ? J : nil
    }

    /// The physical Jacobian ∂f/∂p (row-major 2m × P_free) at the full physical vector `values`: used for the
    /// covariance, so uncertainties do not depend on the transform (and stay defined next to a bound).
    func physicalJacobian(at values: [Double]) -> [Double]? {
        for (i, v) in values.enumerated() { p[i] = v }
        for k in 0..<F { scale[k] = 1 }
        cacheValid = false
        var J = [Double](repeating: 0, count: problem.residualCount * F)
        let ok = J.withUnsafeMutableBufferPointer { buildJacobian($0) }
        return ok ? J : nil
    }
}

/// The model at one physical parameter vector: Z(ωᵢ) (Ω) and ∂Z(ωᵢ)/∂pₖ (row-major m × P, physical units), as
/// ``EvaluationPlan/evaluate(_:parameters:impedance:jacobian:)`` wrote them.
struct ModelState: Sendable {
    var parameters: [Double]
    var impedance: [Complex<Double>]
    var partials: [Complex<Double>]
}

extension ResidualEvaluator {
    /// Σᵢ |Zᵢ − Ẑᵢ|²/|Zᵢ|² at θ (EC-Lab's χ²/|Z| as Nyquist defines it, see ``GoodnessOfFit``).
    func chiSquareOverModulus(_ theta: UnsafeBufferPointer<Double>) -> Double {
        var p = problem.parameters.values
        for (k, i) in problem.free.enumerated() { p[i] = problem.transforms[k].physical(theta[k]) }
        let z = problem.plan.impedance(problem.grid, parameters: p)
        var s = 0.0
        for (d, m) in zip(problem.data, z) { s += (d - m).lengthSquared / d.lengthSquared }
        return s
    }
}
