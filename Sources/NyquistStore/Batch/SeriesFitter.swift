import NyquistCircuit
import NyquistFit
import NyquistIO

/// The start rules of one spectrum in a series.
///
/// Sequential mode (EC-Lab's "fit on cycles"): a local Levenberg–Marquardt fit from the previous spectrum's values.
/// It is judged by its fit, not by where its parameters ended: it is rejected when it did not converge, or when its
/// reduced χ² exceeds ``BatchSettings/fallbackChiSquareRatio`` × the reference max(previous spectrum's reduced χ²,
/// noise floor), the noise floor being ε² for the lin-KK noise estimate ε (a fraction of |Z|) of this spectrum when
/// the residuals are relative (modulus or Boukamp weighting) — the reduced χ² that noise alone produces. A parameter
/// on a bound (a CPE exponent at n = 1) is no reason by itself. When rejected, the global start (the fit settings'
/// method, Randomize+Simplex by default) runs too and the result with the lower χ² is kept.
/// Independent mode, and the first spectrum of a series: the global start only.
enum SeriesFitter {
    /// What the next spectrum starts from: the previous fit's physical values (parameter-table order) and its
    /// reduced χ².
    struct Previous: Sendable {
        var values: [Double]
        var reducedChiSquare: Double?
    }

    /// - Parameter noise: the lin-KK noise estimate of `spectrum` as a fraction of |Z|, when it was tested.
    static func fit(_ spectrum: Spectrum, previous: Previous?, settings: BatchSettings, noise: Double? = nil)
        throws(FitError) -> (result: FitResult, start: StartKind, fallbackReason: String?)
    {
        let global = { () throws(FitError) -> FitResult in
            try Fitter.fit(spectrum, circuit: settings.circuit, parameters: settings.parameters, settings: settings.fit)
        }
        guard settings.mode == .sequential, let previous, previous.values.count == settings.parameters.count else {
            return (try global(), .global, nil)
        }
        var local = settings.fit
        local.method = .lm
        let warm = try Fitter.fit(spectrum, circuit: settings.circuit, parameters: settings.parameters,
                                  settings: local, start: previous.values)
        let relative = settings.fit.weighting == .modulus || settings.fit.weighting == .boukamp
        let floor = relative ? noise.map { $0 * $0 } : nil
        guard let reason = rejection(warm, previous: previous, ratio: settings.fallbackChiSquareRatio,
                                     noiseFloor: floor) else {
            return (warm, .warm, nil)
        }
        let g = try global()
        return g.goodness.chiSquare < warm.goodness.chiSquare ? (g, .fallbackGlobal, reason) : (warm, .fallbackWarm, reason)
    }

    /// Why a warm-started fit is not kept, or nil when it is. `noiseFloor` is the reduced χ² the spectrum's noise
    /// alone gives (nil when unknown); the reference is max(previous reduced χ², noiseFloor).
    static func rejection(_ r: FitResult, previous: Previous, ratio: Double, noiseFloor: Double? = nil) -> String? {
        if !r.convergence.converged { return "warm start did not converge (\(r.convergence.reason))" }
        let before = previous.reducedChiSquare ?? 0, floor = noiseFloor ?? 0
        let reference = max(before, floor)
        if let now = r.goodness.reducedChiSquare, reference > 0, !(now <= ratio * reference) {
            let what = before >= floor ? "the previous spectrum's \(short(before))"
                : "the noise level's \(short(floor)) (lin-KK)"
            return "reduced χ² \(short(now)) is over \(short(ratio))× \(what)"
        }
        return nil
    }

    static func short(_ v: Double) -> String {
        guard v.isFinite, v != 0 else { return "\(v)" }
        var scale = 1.0
        while abs(v) * scale < 100 { scale *= 10 }
        return "\((v * scale).rounded() / scale)"
    }
}
