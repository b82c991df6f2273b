import NyquistCircuit
import NyquistFit
import NyquistIO

/// The start rules of one spectrum in a series.
///
/// Sequential mode (EC-Lab's "fit on cycles"): a local Levenberg–Marquardt fit from the previous spectrum's values.
/// It is rejected when it did not converge, when a free parameter ended on a bound, or when its reduced χ² exceeds
/// ``BatchSettings/fallbackChiSquareRatio`` × the previous spectrum's; then the global start (the fit settings'
/// method, Randomize+Simplex by default) runs too and the result with the lower χ² is kept.
/// Independent mode, and the first spectrum of a series: the global start only.
enum SeriesFitter {
    /// What the next spectrum starts from: the previous fit's physical values (parameter-table order) and its
    /// reduced χ².
    struct Previous: Sendable {
        var values: [Double]
        var reducedChiSquare: Double?
    }

    static func fit(_ spectrum: Spectrum, previous: Previous?, settings: BatchSettings)
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
        guard let reason = rejection(warm, previous: previous, ratio: settings.fallbackChiSquareRatio) else {
            return (warm, .warm, nil)
        }
        let g = try global()
        return g.goodness.chiSquare < warm.goodness.chiSquare ? (g, .fallbackGlobal, reason) : (warm, .fallbackWarm, reason)
    }

    /// Why a warm-started fit is not kept, or nil when it is.
    static func rejection(_ r: FitResult, previous: Previous, ratio: Double) -> String? {
        if !r.convergence.converged { return "warm start did not converge (\(r.convergence.reason))" }
        if let p = r.parameters.first(where: { !$0.fixed && $0.atBound != nil }), let hit = p.atBound {
            return "\(p.name) landed on its \(hit.rawValue) bound"
        }
        if let now = r.goodness.reducedChiSquare, let before = previous.reducedChiSquare, before > 0,
           !(now <= ratio * before) {
            return "reduced χ² \(short(now)) is over \(short(ratio))× the previous spectrum's \(short(before))"
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
