import Numerics
import NyquistCircuit

/// Evaluates a ``FitProblem``'s residuals and their Jacobian in internal coordinates θ without allocating: one
/// evaluator per thread, reused across iterations and starts.
///
/// Jacobian (row-major 2m × P_free): J[i][k] = −w′ᵢ Re(∂Ẑᵢ/∂p) dp/dθₖ, J[m+i][k] = −w″ᵢ Im(∂Ẑᵢ/∂p) dp/dθₖ.
/// For Boukamp weighting (w = 1/|Ẑ|) the weight's own derivative is included:
/// ∂f/∂p = −Re(∂Ẑ/∂p)/|Ẑ| − f·Re(conj(Ẑ) ∂Ẑ/∂p)/|Ẑ|².
final class ResidualEvaluator {
    let problem: FitProblem
    private var p: [Double]
    private var z: [Complex<Double>]
    private var jz: [Complex<Double>]
    private var scale: [Double]
    /// A residual this large rejects a trial step whose model overflowed, instead of failing the fit.
    static let rejection = 1e100

    init(_ problem: FitProblem) {
        self.problem = problem
        p = problem.parameters.values
        z = .init(repeating: .zero, count: problem.pointCount)
        jz = .init(repeating: .zero, count: problem.pointCount * problem.plan.parameterCount)
        scale = .init(repeating: 0, count: problem.freeCount)
    }

    private func load(_ theta: UnsafeBufferPointer<Double>) {
        for (k, i) in problem.free.enumerated() { p[i] = problem.transforms[k].physical(theta[k]) }
    }

    /// Writes f(θ) (length 2m). Non-finite model values become a huge residual so that the step is rejected.
    func residuals(_ theta: UnsafeBufferPointer<Double>, _ f: UnsafeMutableBufferPointer<Double>) -> Bool {
        load(theta)
        p.withUnsafeBufferPointer { pb in
            z.withUnsafeMutableBufferPointer { zb in problem.plan.evaluate(problem.grid, parameters: pb, impedance: zb, jacobian: nil) }
        }
        fill(f)
        return true
    }

    /// The physical impedances of the last evaluation.
    var lastImpedance: [Complex<Double>] { z }

    private func fill(_ f: UnsafeMutableBufferPointer<Double>) {
        let m = problem.pointCount
        let boukamp = problem.settings.weighting == .boukamp
        for i in 0..<m {
            let d = problem.data[i] - z[i]
            let wr: Double, wi: Double
            if boukamp { wr = 1 / z[i].length; wi = wr } else { wr = problem.weightRe[i]; wi = problem.weightIm[i] }
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
        load(theta)
        for k in 0..<problem.freeCount { scale[k] = problem.transforms[k].derivative(theta[k]) }
        return buildJacobian(J)
    }

    /// Evaluates the model at `p` and writes the Jacobian with columns multiplied by `scale`.
    private func buildJacobian(_ J: UnsafeMutableBufferPointer<Double>) -> Bool {
        p.withUnsafeBufferPointer { pb in
            z.withUnsafeMutableBufferPointer { zb in
                jz.withUnsafeMutableBufferPointer { jb in
                    problem.plan.evaluate(problem.grid, parameters: pb, impedance: zb, jacobian: jb)
                }
            }
        }
        let m = problem.pointCount, P = problem.plan.parameterCount, F = problem.freeCount
        let boukamp = problem.settings.weighting == .boukamp
        var finite = true
        for i in 0..<m {
            let zi = z[i]
            let rowRe = i * F, rowIm = (m + i) * F
            if boukamp {
                let mod = zi.length, inv = 1 / mod, inv2 = inv * inv
                let d = problem.data[i] - zi
                let fr = d.real * inv, fi = d.imaginary * inv
                for (k, c) in problem.free.enumerated() {
                    let dz = jz[i * P + c]
                    let dmod = (zi.real * dz.real + zi.imaginary * dz.imaginary)  // Re(conj(Z) dZ)
                    J[rowRe + k] = (-dz.real * inv - fr * dmod * inv2) * scale[k]
                    J[rowIm + k] = (-dz.imaginary * inv - fi * dmod * inv2) * scale[k]
                }
            } else {
                let wr = problem.weightRe[i], wi = problem.weightIm[i]
                for (k, c) in problem.free.enumerated() {
                    let dz = jz[i * P + c]
                    J[rowRe + k] = -wr * dz.real * scale[k]
                    J[rowIm + k] = -wi * dz.imaginary * scale[k]
                }
            }
            if !(J[rowRe].isFinite && J[rowIm].isFinite) { finite = false }
        }
        if !finite { return false }
        return J.allSatisfy(\.isFinite)
    }

    /// χ²(θ) = Σ f², for the simplex and the random samples.
    func chiSquare(_ theta: UnsafeBufferPointer<Double>, scratch f: UnsafeMutableBufferPointer<Double>) -> Double {
        _ = residuals(theta, f)
        var s = 0.0
        for v in f { s += v * v }
        return s
    }

    /// The physical parameter vector of the last evaluation.
    var physical: [Double] { p }

    /// The physical Jacobian ∂f/∂p (row-major 2m × P_free) at the full physical vector `values`: used for the
    /// covariance, so uncertainties do not depend on the transform (and stay defined next to a bound).
    func physicalJacobian(at values: [Double]) -> [Double]? {
        p = values
        for k in scale.indices { scale[k] = 1 }
        var J = [Double](repeating: 0, count: problem.residualCount * problem.freeCount)
        let ok = J.withUnsafeMutableBufferPointer { buildJacobian($0) }
        return ok ? J : nil
    }
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
