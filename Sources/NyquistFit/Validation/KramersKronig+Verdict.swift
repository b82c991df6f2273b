import Numerics
import NyquistIO

extension KramersKronig {
    /// Residuals, noise estimate and the pass/fail verdict of a chosen fit.
    static func verdict(_ spectrum: Spectrum, _ f: LinKKFit, settings s: KramersKronigSettings,
                        representation: KramersKronigRepresentation, selection: String,
                        trials: [KramersKronigTrial]) -> KramersKronigResult
    {
        let n = spectrum.count
        var residuals: [PointResidual] = []
        residuals.reserveCapacity(n)
        var worst = 0.0, worstIndex = 0
        for i in 0..<n {
            let z = spectrum.impedances[i], m = f.model[i], mod = z.length
            let r = PointResidual(frequency: spectrum.frequencies[i], real: (z.real - m.real) / mod,
                                  imaginary: (z.imaginary - m.imaginary) / mod)
            residuals.append(r)
            let a = max(abs(r.real), abs(r.imaginary))
            if !(a <= worst) { worst = a; worstIndex = i }
        }
        let noise = (f.pseudoChiSquare / (2 * Double(n))).squareRoot()
        let rho = lagOneAutocorrelation(frequencies: spectrum.frequencies, real: residuals.map(\.real),
                                        imaginary: residuals.map(\.imaginary))

        var failures: [KramersKronigFailure] = []
        if !(noise <= s.maximumNoise) { failures.append(.noiseTooLarge(estimate: noise, limit: s.maximumNoise)) }
        let outlierLimit = max(s.outlierFactor * noise, s.residualFloor)
        if !(worst <= outlierLimit) {
            failures.append(.outlier(index: worstIndex, frequency: spectrum.frequencies[worstIndex], residual: worst,
                                     limit: outlierLimit))
        }
        if noise > s.systematicFloor, !(rho <= s.maximumAutocorrelation) {
            failures.append(.systematicResiduals(autocorrelation: rho, limit: s.maximumAutocorrelation))
        }
        return KramersKronigResult(
            representation: representation, fitType: s.fitType, elementCount: f.tau.count, selection: selection,
            mu: f.mu, pseudoChiSquare: f.pseudoChiSquare, noiseEstimate: noise, timeConstants: f.tau,
            coefficients: f.coefficients, constant: f.constant, omegaTerm: f.omegaTerm,
            inverseOmegaTerm: f.inverseOmegaTerm.map { $0 == 0 ? .infinity : 1 / $0 },
            frequencies: spectrum.frequencies, model: f.model, residuals: residuals, maximumResidual: worst,
            autocorrelation: rho, trials: trials, failures: failures, settings: s)
    }

    /// ρ₁ = (Σ r′ᵢr′ᵢ₊₁ + Σ r″ᵢr″ᵢ₊₁) / (Σ r′ᵢ² + Σ r″ᵢ²) with the points in ascending frequency; about
    /// N(0, 1/(2N)) for white noise, near 1 for a smooth (systematic) residual curve. 0 when all residuals are 0.
    public static func lagOneAutocorrelation(frequencies: [Double], real: [Double], imaginary: [Double]) -> Double {
        let n = min(frequencies.count, real.count, imaginary.count)
        guard n >= 2 else { return 0 }
        let order = (0..<n).sorted { frequencies[$0] < frequencies[$1] }
        var num = 0.0, den = 0.0
        for (j, i) in order.enumerated() {
            den += real[i] * real[i] + imaginary[i] * imaginary[i]
            if j + 1 < n {
                let k = order[j + 1]
                num += real[i] * real[k] + imaginary[i] * imaginary[k]
            }
        }
        return den > 0 ? num / den : 0
    }
}
