import NyquistCircuit
import NyquistNumerics

/// Why a fit could not be set up or run. Every case names what is wrong in the user's terms.
public enum FitError: Error, Sendable, CustomStringConvertible {
    /// The frequency window left no points.
    case emptyWindow(String)
    /// Fewer residuals (2 per point) than free parameters + 1.
    case tooFewPoints(points: Int, freeParameters: Int)
    /// A data point that cannot be fitted (0-based index in the file's order).
    case invalidPoint(index: Int, reason: String)
    case invalidParameter(ParameterError)
    /// `--weight sigma` without per-point standard deviations in the data.
    case missingSigma
    case numerics(GSLError)

    public var description: String {
        switch self {
        case .emptyWindow(let w): return "no data points inside the frequency window \(w)"
        case .tooFewPoints(let m, let p):
            return "\(m) point\(m == 1 ? "" : "s") (\(2 * m) residuals) cannot determine \(p) free parameters; "
                + "fix some parameters or widen the frequency window"
        case .invalidPoint(let i, let reason): return "point \(i + 1): \(reason)"
        case .invalidParameter(let e): return e.description
        case .missingSigma: return "weighting 'sigma' needs per-point standard deviations, and the data has none"
        case .numerics(let e): return "numerical failure: \(e)"
        }
    }
}
