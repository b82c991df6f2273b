import Foundation
import NyquistIO

/// A fit result as text: the aligned table `nyquist fit` prints, JSON (the ``FitResult`` encoded, sorted keys,
/// non-finite numbers as "inf"/"-inf"/"nan") or long-format CSV. Numbers in the table have up to 6 significant
/// digits; units as in ``FittedParameter/unit`` (Ω, F·s^(n−1), …).
public enum FitResultText {
    /// The table: file, circuit, window, weighting, noise model, method, status, one row per parameter (value,
    /// standard error, 95 % interval, unit, flags), the goodness of fit and the warnings.
    public static func table(_ r: FitResult, source: String) -> String {
        let c = r.convergence
        var out = "File      \(source)\n"
        out += "Circuit   \(r.circuit)   (\(r.pointCount) points, \(Self.number(r.frequencyRange.upperBound)) … "
            + "\(Self.number(r.frequencyRange.lowerBound)) Hz, weighting \(r.settings.weighting.rawValue))\n"
        if let noise = r.settings.noiseModel {
            out += "Noise     σ² = α² + β²|Z|² estimated: α = \(Self.number(noise.constant)) Ω, "
                + "β = \(Self.number(100 * noise.proportional)) % (uncertainties under this model)\n"
        }
        var method = "Method    \(c.method.rawValue)"
        if let n = c.randomSamples, let k = c.refinedStarts, let best = c.startsReachingBest {
            method += ": \(n) random samples, \(k) starts refined, \(best) reached the best χ²"
        }
        out += method + "\n"
        let verdict = c.assessment == .aboveNoise ? "; far above the noise level" : ""
        out += "Status    \(c.reason)\(verdict) (\(c.iterations) iterations, \(c.functionEvaluations) f-evals, "
            + "\(c.jacobianEvaluations) J-evals, \(Self.number(c.seconds * 1000)) ms)\n\n"
        out += Self.padded("parameter", 11) + Self.padded("value", 14) + Self.padded("std. error", 13)
            + Self.padded("95 % CI", 28) + "unit\n"
        for p in r.parameters {
            var ci = "—"
            if let lo = p.lower95, let hi = p.upper95 { ci = "[\(Self.number(lo)), \(Self.number(hi))]" }
            var note = ""
            if p.fixed { note = "  (fixed)" } else if let b = p.atBound { note = "  ! (at \(b.rawValue) bound)" } else if let f = p.flag {
                note = "  ! (\(Self.flagText(f)))"
            }
            out += Self.padded(p.name, 11) + Self.padded(Self.number(p.value), 14)
                + Self.padded(Self.number(p.standardError), 13) + Self.padded(ci, 28) + p.unit + note + "\n"
        }
        let g = r.goodness
        out += "\nχ² \(Self.number(g.chiSquare))   reduced χ² \(Self.number(g.reducedChiSquare))   "
            + "χ²/|Z| \(Self.number(g.chiSquareOverModulus))   pseudo-χ² \(Self.number(g.pseudoChiSquare))   "
            + "AIC \(Self.number(g.aic))   BIC \(Self.number(g.bic))   (ν = \(g.degreesOfFreedom))\n"
        for w in r.warnings { out += "warning: \(w.message)\n" }
        return out
    }

    /// The table's note for a flagged parameter.
    static func flagText(_ code: FitWarning.Code) -> String {
        switch code {
        case .parameterCollapsed: return "collapsed towards 0"
        case .parameterUnbounded: return "grew towards ∞"
        case .parameterUndetermined: return "undetermined"
        default: return code.rawValue
        }
    }

    /// The result as pretty-printed JSON with sorted keys, ending in a newline: the library's shared encoder
    /// (``ResultJSON``), so the CLI's `fit --format json` and the C API's `nyq_fit` print the same text.
    public static func json(_ r: FitResult) throws -> String {
        try ResultJSON.string(r)
    }

    /// Long format: one row per parameter, then one per goodness-of-fit measure and the status.
    public static func csv(_ r: FitResult) -> String {
        var out = "quantity,value,std_error,ci95_lower,ci95_upper,unit,note\n"
        func n(_ v: Double?) -> String { v.map { "\($0)" } ?? "" }
        for p in r.parameters {
            let note = p.fixed ? "fixed" : (p.atBound.map { "at \($0.rawValue) bound" } ?? p.flag?.rawValue ?? "")
            out += "\(p.name),\(p.value),\(n(p.standardError)),\(n(p.lower95)),\(n(p.upper95)),\(p.unit),\(note)\n"
        }
        let g = r.goodness
        for (name, v) in [("chi2", g.chiSquare), ("reduced_chi2", g.reducedChiSquare), ("chi2_over_modulus", g.chiSquareOverModulus),
                          ("pseudo_chi2", g.pseudoChiSquare), ("aic", g.aic), ("bic", g.bic)] {
            out += "\(name),\(n(v)),,,,,\n"
        }
        out += "converged,\(r.convergence.converged ? 1 : 0),,,,,\"\(r.convergence.reason.replacingOccurrences(of: "\"", with: "'"))\"\n"
        out += "noise_ratio,\(n(g.noiseRatio)),,,,,\(r.convergence.assessment.rawValue)\n"
        for w in r.warnings {
            out += "warning,,,,,,\"\(w.code.rawValue)\(w.parameters.isEmpty ? "" : ":" + w.parameters.joined(separator: "+"))\"\n"
        }
        return out
    }

    /// Up to 6 significant digits, `inf` for infinity, `—` for nil.
    static func number(_ v: Double?) -> String {
        guard let v else { return "—" }
        if v == .infinity { return "inf" }
        if v == -.infinity { return "-inf" }
        if v.isNaN { return "nan" }
        return String(format: "%.6g", v)
    }

    static func padded(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
