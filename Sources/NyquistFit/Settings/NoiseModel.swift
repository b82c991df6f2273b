import Numerics

/// A noise model for the real and imaginary parts of each impedance point: independent Gaussian errors with
/// variance σᵢ² = α² + β²|Zᵢ|² (α a constant amplitude in Ω, β a fraction of the data modulus |Zᵢ|), so both parts
/// of point i have standard deviation σᵢ.
///
/// Pure constant-amplitude noise is β = 0, pure proportional noise α = 0. ``Weighting/estimated`` fits the model to
/// the residuals of a first, modulus-weighted fit (``estimate(residuals:moduli:parameterCount:)``) and refits with
/// weights 1/σᵢ.
public struct NoiseModel: Sendable, Codable, Hashable {
    /// α, the constant part of σ, in Ω (≥ 0).
    public var constant: Double
    /// β, the part of σ proportional to |Z|, dimensionless (≥ 0; 0.01 is 1 % of |Z|).
    public var proportional: Double

    public init(constant: Double, proportional: Double) {
        self.constant = constant
        self.proportional = proportional
    }

    /// σ(|Z|) = √(α² + β²|Z|²) in Ω.
    public func sigma(modulus: Double) -> Double {
        (constant * constant + proportional * proportional * modulus * modulus).squareRoot()
    }

    /// Maximum-likelihood estimate of (α², β²) from residual components rₖ with E[rₖ²] = α² + β²Mₖ (Mₖ = |Zᵢ|² of
    /// the point each component belongs to): iteratively reweighted least squares of rₖ² on (1, Mₖ) with weights
    /// 1/vₖ², vₖ = α² + β²Mₖ (Var rₖ² = 2vₖ² for Gaussian rₖ), each variance kept ≥ 0 (a negative one is set to 0 and
    /// the other refitted alone). The residuals of a fit with P parameters are smaller than the noise on average
    /// (Σ E[rₖ²/vₖ] = N − P), so both variances are multiplied by N/(N − P).
    ///
    /// - Parameters:
    ///   - residuals: unweighted residuals Zᵢ − Ẑᵢ in Ω, real parts then imaginary parts (length 2m).
    ///   - moduli: |Zᵢ| in Ω (length m).
    ///   - parameterCount: P, the free parameters of the fit that left these residuals.
    /// - Returns: nil when the lengths do not match, there are no degrees of freedom, or the residuals are all zero
    ///   or not finite.
    public static func estimate(residuals: [Double], moduli: [Double], parameterCount: Int) -> NoiseModel? {
        let m = moduli.count, n = residuals.count
        guard m > 0, n == 2 * m, n > parameterCount,
              residuals.allSatisfy(\.isFinite), moduli.allSatisfy({ $0.isFinite && $0 > 0 }) else { return nil }
        // Components in units scaled so that the largest |Z|² is 1 (keeps the 2×2 sums well conditioned).
        let scale = moduli.max() ?? 1
        let r2 = residuals.map { ($0 / scale) * ($0 / scale) }
        let mod2 = (0..<n).map { k in (moduli[k % m] / scale) * (moduli[k % m] / scale) }
        let meanSquare = r2.reduce(0, +) / Double(n)
        guard meanSquare > 0 else { return nil }
        var a = meanSquare / 2, b = meanSquare / 2
        for _ in 0..<50 {
            var s00 = 0.0, s01 = 0.0, s11 = 0.0, t0 = 0.0, t1 = 0.0
            for k in 0..<n {
                let v = max(a + b * mod2[k], 1e-12 * meanSquare)
                let w = 1 / (v * v)
                s00 += w; s01 += w * mod2[k]; s11 += w * mod2[k] * mod2[k]
                t0 += w * r2[k]; t1 += w * r2[k] * mod2[k]
            }
            let det = s00 * s11 - s01 * s01
            var na = det > 0 ? (t0 * s11 - t1 * s01) / det : -1
            var nb = det > 0 ? (s00 * t1 - s01 * t0) / det : -1
            if na < 0 || nb < 0 || !na.isFinite || !nb.isFinite {
                // The better of the one-variance models (α only, β only) by the Gaussian likelihood Σ ln v + r²/v.
                let alphaOnly = t0 / s00, betaOnly = t1 / s11
                if likelihood(alphaOnly, 0, r2, mod2) <= likelihood(0, betaOnly, r2, mod2) {
                    na = alphaOnly; nb = 0
                } else {
                    na = 0; nb = betaOnly
                }
            }
            let done = abs(na - a) <= 1e-10 * (a + b) && abs(nb - b) <= 1e-10 * (a + b)
            a = na; b = nb
            if done { break }
        }
        let dof = Double(n) / Double(n - parameterCount)
        guard a.isFinite, b.isFinite, a + b > 0 else { return nil }
        return NoiseModel(constant: (a * dof).squareRoot() * scale, proportional: (b * dof).squareRoot())
    }

    /// −2 ln L + const = Σ ln vₖ + rₖ²/vₖ for vₖ = a + b·Mₖ (+∞ when some vₖ ≤ 0).
    static func likelihood(_ a: Double, _ b: Double, _ r2: [Double], _ mod2: [Double]) -> Double {
        var s = 0.0
        for k in r2.indices {
            let v = a + b * mod2[k]
            guard v > 0 else { return .infinity }
            s += Double.log(v) + r2[k] / v
        }
        return s
    }
}
