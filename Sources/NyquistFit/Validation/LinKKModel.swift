import Numerics
import NyquistNumerics

/// The data of one lin-KK test in the fitted representation: T = Z (impedance) or T = 1/Z (admittance).
struct LinKKData: Sendable {
    let representation: KramersKronigRepresentation
    let omega: [Double]
    /// Z in Ω, as measured.
    let impedance: [Complex<Double>]
    /// T: Z in Ω or Y = 1/Z in S.
    let target: [Complex<Double>]
    /// Modulus weights 1/|Tᵢ|², one per point (applied to the real and the imaginary equation).
    let weights: [Double]
    let omegaMin: Double
    let omegaMax: Double

    var count: Int { omega.count }
}

/// One solved lin-KK model with M elements.
struct LinKKFit: Sendable {
    var tau: [Double]
    /// Rₖ (Ω) or Gₖ (S).
    var coefficients: [Double]
    var constant: Double
    var omegaTerm: Double?
    var inverseOmegaTerm: Double?
    /// Ẑ in Ω.
    var model: [Complex<Double>]
    var mu: Double
    var pseudoChiSquare: Double
}

/// The linear lin-KK model T̂(ω) = a₀ + Σₖ aₖ·φ(ωτₖ) [+ b·jω] [+ d/(jω)], with φ(x) = 1/(1 + jx) for the
/// impedance and φ(x) = jx/(1 + jx) for the admittance, solved by weighted truncated SVD
/// (``LinearLeastSquares/solve(design:rows:columns:rhs:weights:relativeTolerance:)``, `gsl_multifit_wlinear_tsvd`).
struct LinKKModel: Sendable {
    let data: LinKKData
    let fitType: KramersKronigFitType
    let omegaTerm: Bool
    let inverseOmegaTerm: Bool
    let extensionDecades: Double

    var extraCount: Int { (omegaTerm ? 1 : 0) + (inverseOmegaTerm ? 1 : 0) }

    /// E, the number of equations of the (first-stage) fit.
    var equationCount: Int { fitType == .complex ? 2 * data.count : data.count }

    /// P(M), the number of coefficients of the (first-stage) fit.
    func coefficientCount(_ m: Int) -> Int {
        switch fitType {
        case .complex: return 1 + m + extraCount
        case .real: return 1 + m
        case .imaginary: return m + extraCount
        }
    }

    /// The largest M the equations allow (at least one spare equation).
    var equationLimit: Int {
        let n = data.count
        switch fitType {
        case .complex: return 2 * n - 2 - extraCount
        case .real: return n - 2
        case .imaginary: return n - 1 - extraCount
        }
    }

    /// τₖ in s, log-spaced from 1/ω_max to 1/ω_min, both widened by `extensionDecades`.
    func timeConstants(_ m: Int) -> [Double] {
        let lo = Double.log10(1 / data.omegaMax) - extensionDecades
        let hi = Double.log10(1 / data.omegaMin) + extensionDecades
        if m == 1 { return [Double.pow(10, (lo + hi) / 2)] }
        return (0..<m).map { k in Double.pow(10, lo + (hi - lo) * Double(k) / Double(m - 1)) }
    }

    /// φ(ωτ) of the RC basis (the formula of ``RCBasis``, which gives the same bits for many ω at once).
    func basis(_ omega: Double, _ tau: Double) -> Complex<Double> {
        let x = omega * tau
        let xx = x * x, r = 1 / (1 + xx)
        switch data.representation {
        case .admittance: return Complex(xx * r, x * r)
        default: return Complex(r, -x * r)
        }
    }

    /// Fits M elements.
    func fit(_ m: Int) throws(KramersKronigError) -> LinKKFit {
        let tau = timeConstants(m)
        let n = data.count
        var result = LinKKFit(tau: tau, coefficients: [], constant: 0, omegaTerm: nil, inverseOmegaTerm: nil,
                              model: [], mu: 1, pseudoChiSquare: 0)
        switch fitType {
        case .complex:
            // Columns: a₀, a₁…a_M, [b], [d]; rows 2i (real) and 2i+1 (imaginary).
            let p = 1 + m + extraCount
            var x = [Double](repeating: 0, count: 2 * n * p)
            var y = [Double](repeating: 0, count: 2 * n)
            var w = [Double](repeating: 0, count: 2 * n)
            for i in 0..<n {
                let r = 2 * i, s = 2 * i + 1
                x[r * p] = 1
                for k in 0..<m {
                    let b = basis(data.omega[i], tau[k])
                    x[r * p + 1 + k] = b.real
                    x[s * p + 1 + k] = b.imaginary
                }
                var c = 1 + m
                if omegaTerm { x[s * p + c] = data.omega[i]; c += 1 }
                if inverseOmegaTerm { x[s * p + c] = -1 / data.omega[i] }
                y[r] = data.target[i].real
                y[s] = data.target[i].imaginary
                w[r] = data.weights[i]
                w[s] = data.weights[i]
            }
            let sol = try solve(x, rows: 2 * n, columns: p, y, w)
            result.constant = sol[0]
            result.coefficients = Array(sol[1...m])
            var c = 1 + m
            if omegaTerm { result.omegaTerm = sol[c]; c += 1 }
            if inverseOmegaTerm { result.inverseOmegaTerm = sol[c] }
        case .real:
            let p = 1 + m
            var x = [Double](repeating: 0, count: n * p)
            for i in 0..<n {
                x[i * p] = 1
                for k in 0..<m { x[i * p + 1 + k] = basis(data.omega[i], tau[k]).real }
            }
            let sol = try solve(x, rows: n, columns: p, data.target.map(\.real), data.weights)
            result.constant = sol[0]
            result.coefficients = Array(sol[1...m])
            if extraCount > 0 {
                // Second step: the extras from the imaginary residual.
                let e = extraCount
                var xe = [Double](repeating: 0, count: n * e)
                var ye = [Double](repeating: 0, count: n)
                for i in 0..<n {
                    var partial = 0.0
                    for k in 0..<m { partial += result.coefficients[k] * basis(data.omega[i], tau[k]).imaginary }
                    ye[i] = data.target[i].imaginary - partial
                    var c = 0
                    if omegaTerm { xe[i * e + c] = data.omega[i]; c += 1 }
                    if inverseOmegaTerm { xe[i * e + c] = -1 / data.omega[i] }
                }
                let se = try solve(xe, rows: n, columns: e, ye, data.weights)
                var c = 0
                if omegaTerm { result.omegaTerm = se[c]; c += 1 }
                if inverseOmegaTerm { result.inverseOmegaTerm = se[c] }
            }
        case .imaginary:
            let p = m + extraCount
            var x = [Double](repeating: 0, count: n * p)
            for i in 0..<n {
                for k in 0..<m { x[i * p + k] = basis(data.omega[i], tau[k]).imaginary }
                var c = m
                if omegaTerm { x[i * p + c] = data.omega[i]; c += 1 }
                if inverseOmegaTerm { x[i * p + c] = -1 / data.omega[i] }
            }
            let sol = try solve(x, rows: n, columns: p, data.target.map(\.imaginary), data.weights)
            result.coefficients = Array(sol[0..<m])
            var c = m
            if omegaTerm { result.omegaTerm = sol[c]; c += 1 }
            if inverseOmegaTerm { result.inverseOmegaTerm = sol[c] }
            // The constant: modulus-weighted mean of the real residual.
            var num = 0.0, den = 0.0
            for i in 0..<n {
                var partial = 0.0
                for k in 0..<m { partial += result.coefficients[k] * basis(data.omega[i], tau[k]).real }
                num += data.weights[i] * (data.target[i].real - partial)
                den += data.weights[i]
            }
            result.constant = den > 0 ? num / den : 0
        }
        finish(&result)
        return result
    }

    /// T̂(ω) of a solved fit.
    func evaluate(_ f: LinKKFit, omega: Double) -> Complex<Double> {
        var t = Complex<Double>(f.constant, 0)
        for (a, tau) in zip(f.coefficients, f.tau) { t += basis(omega, tau).multiplied(by: a) }
        if let b = f.omegaTerm { t += Complex(0, b * omega) }
        if let d = f.inverseOmegaTerm { t += Complex(0, -d / omega) }
        return t
    }

    /// Fills Ẑ, μ and χ²ₚₛ.
    func finish(_ f: inout LinKKFit) {
        var model: [Complex<Double>] = []
        model.reserveCapacity(data.count)
        var chi = 0.0
        for i in 0..<data.count {
            let t = evaluate(f, omega: data.omega[i])
            let z = data.representation == .admittance ? reciprocal(t) : t
            model.append(z)
            chi += (data.impedance[i] - z).lengthSquared / data.impedance[i].lengthSquared
        }
        f.model = model
        f.pseudoChiSquare = chi.isFinite ? chi : .infinity
        f.mu = f.coefficients.withUnsafeBufferPointer { a in
            f.tau.withUnsafeBufferPointer { t in
                Self.mu(constant: f.constant, coefficients: a, tau: t, admittance: data.representation == .admittance)
            }
        }
    }

    /// Schönleber's μ = 1 − Σ_{vₖ<0}|vₖ| / Σ_{vₖ≥0} vₖ, from vₖ = Rₖ (impedance) or the branch capacitances
    /// Cₖ = τₖGₖ (admittance; pyimpspec's choice), clamped to [0, 1]; 0 when no vₖ is positive.
    ///
    /// RC weights that are all at the rounding level of the fit, Σ|aₖ| ≤ 10⁻¹⁰·(|a₀| + Σ|aₖ|) (a spectrum without
    /// dispersion, such as a resistor), carry no sign: μ = 1 then (nothing to call over-fitting), so that the choice
    /// of M does not depend on the signs of rounding errors.
    static func mu(constant: Double, coefficients a: UnsafeBufferPointer<Double>, tau: UnsafeBufferPointer<Double>,
                   admittance: Bool) -> Double {
        var positive = 0.0, negative = 0.0, size = 0.0
        for k in 0..<min(a.count, tau.count) {
            size += abs(a[k])
            let v = admittance ? a[k] * tau[k] : a[k]
            if v < 0 { negative += -v } else { positive += v }
        }
        if size <= 1e-10 * (abs(constant) + size) { return 1 }
        return positive > 0 ? min(1, max(0, 1 - negative / positive)) : 0
    }

    func solve(_ x: [Double], rows: Int, columns: Int, _ y: [Double], _ w: [Double]) throws(KramersKronigError)
        -> [Double]
    {
        do {
            return try LinearLeastSquares.solve(design: x, rows: rows, columns: columns, rhs: y, weights: w)
                .coefficients
        } catch { throw .numerics(error) }
    }
}

/// 1/z without overflow for ordinary magnitudes; 0 maps to (∞, 0), which the callers never produce.
func reciprocal(_ z: Complex<Double>) -> Complex<Double> {
    let d = z.lengthSquared
    return Complex(z.real / d, -z.imaginary / d)
}
