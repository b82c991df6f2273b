import Foundation
import Nyquist

/// A fit result as a table, JSON or CSV.
enum FitReport {
    static func table(_ r: FitResult, source: String) -> String {
        let c = r.convergence
        var out = "File      \(source)\n"
        out += "Circuit   \(r.circuit)   (\(r.pointCount) points, \(Format.number(r.frequencyRange.upperBound)) … "
            + "\(Format.number(r.frequencyRange.lowerBound)) Hz, weighting \(r.settings.weighting.rawValue))\n"
        if let noise = r.settings.noiseModel {
            out += "Noise     σ² = α² + β²|Z|² estimated: α = \(Format.number(noise.constant)) Ω, "
                + "β = \(Format.number(100 * noise.proportional)) % (uncertainties under this model)\n"
        }
        var method = "Method    \(c.method.rawValue)"
        if let n = c.randomSamples, let k = c.refinedStarts, let best = c.startsReachingBest {
            method += ": \(n) random samples, \(k) starts refined, \(best) reached the best χ²"
        }
        out += method + "\n"
        let verdict = c.assessment == .aboveNoise ? "; far above the noise level" : ""
        out += "Status    \(c.reason)\(verdict) (\(c.iterations) iterations, \(c.functionEvaluations) f-evals, "
            + "\(c.jacobianEvaluations) J-evals, \(Format.number(c.seconds * 1000)) ms)\n\n"
        out += Format.padded("parameter", 11) + Format.padded("value", 14) + Format.padded("std. error", 13)
            + Format.padded("95 % CI", 28) + "unit\n"
        for p in r.parameters {
            var ci = "—"
            if let lo = p.lower95, let hi = p.upper95 { ci = "[\(Format.number(lo)), \(Format.number(hi))]" }
            var note = ""
            if p.fixed { note = "  (fixed)" } else if let b = p.atBound { note = "  ! (at \(b.rawValue) bound)" } else if let f = p.flag {
                note = "  ! (\(Self.flagText(f)))"
            }
            out += Format.padded(p.name, 11) + Format.padded(Format.number(p.value), 14)
                + Format.padded(Format.number(p.standardError), 13) + Format.padded(ci, 28) + p.unit + note + "\n"
        }
        let g = r.goodness
        out += "\nχ² \(Format.number(g.chiSquare))   reduced χ² \(Format.number(g.reducedChiSquare))   "
            + "χ²/|Z| \(Format.number(g.chiSquareOverModulus))   pseudo-χ² \(Format.number(g.pseudoChiSquare))   "
            + "AIC \(Format.number(g.aic))   BIC \(Format.number(g.bic))   (ν = \(g.degreesOfFreedom))\n"
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

    /// The `--format json` text: the library's shared encoder (``ResultJSON``), as the C API prints it.
    static func json(_ r: FitResult) throws -> String {
        try ResultJSON.string(r)
    }

    /// Long format: one row per parameter, then one per goodness-of-fit measure and the status.
    static func csv(_ r: FitResult) -> String {
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
}
