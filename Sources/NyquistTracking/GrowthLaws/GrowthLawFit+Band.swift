import Foundation
import NyquistNumerics

extension GrowthLawFit {
    /// The law's curve and its pointwise confidence band at `x`, by the delta method in log space (where the law is
    /// fitted): var ln f(x) = gᵀ C g with gₖ = ∂ ln f/∂θₖ (central differences, step 10⁻⁶·max(|θₖ|, 10⁻³)) and
    /// Cᵢⱼ = ρᵢⱼ SEᵢ SEⱼ from the fit; the band is f·exp(±t·√var), t = t₀.₉₇₅(N − k) for `level` 0.95.
    /// Parameters without a standard error (unidentified) contribute nothing, so the band is then too narrow;
    /// their names are in ``unidentified``.
    public func band(at x: [Double], level: Double = 0.95) -> GrowthLawBand {
        let theta = values, k = theta.count
        let se = parameters.map { $0.standardError ?? 0 }
        let t = StudentT.quantile(0.5 + level / 2, degreesOfFreedom: Double(max(pointCount - k, 1))) ?? 1.96
        var value: [Double] = [], lower: [Double] = [], upper: [Double] = []
        for xi in x {
            let f = law.value(at: xi, parameters: theta)
            var g = [Double](repeating: 0, count: k)
            for j in 0..<k {
                let h = 1e-6 * max(abs(theta[j]), 1e-3)
                var up = theta, down = theta
                up[j] += h
                down[j] -= h
                g[j] = (log(law.value(at: xi, parameters: up)) - log(law.value(at: xi, parameters: down))) / (2 * h)
            }
            var variance = 0.0
            for i in 0..<k { for j in 0..<k { variance += g[i] * g[j] * correlations[i * k + j] * se[i] * se[j] } }
            let half = t * max(variance, 0).squareRoot()
            value.append(f)
            lower.append(f * exp(-half))
            upper.append(f * exp(half))
        }
        return GrowthLawBand(x: x, value: value, lower: lower, upper: upper, level: level)
    }
}
