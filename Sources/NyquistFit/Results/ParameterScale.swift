import Numerics
import NyquistCircuit

/// The values a parameter can show in the data, to tell a value the data determine from one that ran off to 0 or ∞.
///
/// From the smallest and largest |Z| (Ω) and angular frequency ω (rad/s) of the fitted points, the range is where the
/// element's own impedance equals some |Z| of the data at some ω of the band:
/// resistances [|Z|min, |Z|max]; capacitances and CPE coefficients [1/(ω_max |Z|max), 1/(ω_min |Z|min)];
/// inductances [|Z|min/ω_max, |Z|max/ω_min]; time constants [1/ω_max, 1/ω_min];
/// Warburg σ [|Z|min √ω_min, |Z|max √ω_max]. Exponents and other units have no range (their bounds are checked).
/// A value more than ``decades`` (3) decades below the range is *collapsed*, more than 3 decades above it *unbounded*:
/// either way the element changes Z by about 10⁻³ of |Z| or less at every frequency (a series element that small, a
/// parallel one that large), which is below ``NoiseGauge/noiseFloor``: the data cannot show it.
struct ParameterScale {
    /// How far outside the range, in decades, a value counts as collapsed or unbounded.
    static let decades = 3.0

    let zMin: Double, zMax: Double, wMin: Double, wMax: Double

    init(_ problem: FitProblem) {
        var lo = Double.infinity, hi = -Double.infinity
        for z in problem.data {
            let r = z.length
            lo = min(lo, r)
            hi = max(hi, r)
        }
        zMin = max(lo.isFinite ? lo : 1, 1e-300)
        zMax = max(hi.isFinite ? hi : 1, zMin)
        wMin = max(problem.grid.omega.min() ?? 1, 1e-300)
        wMax = max(problem.grid.omega.max() ?? 1, wMin)
    }

    /// The range of `p`, or nil when it has none.
    func range(_ p: Parameter) -> ClosedRange<Double>? {
        guard p.domain == .positive else { return nil }
        switch p.unit {
        case "Ω": return zMin...zMax
        case "F", "F·s^(n−1)": return ordered(1 / (wMax * zMax), 1 / (wMin * zMin))
        case "H", "H·s^(n−1)": return ordered(zMin / wMax, zMax / wMin)
        case "s": return ordered(1 / wMax, 1 / wMin)
        case "Ω·s^(−1/2)": return ordered(zMin * wMin.squareRoot(), zMax * wMax.squareRoot())
        default: return nil
        }
    }

    /// `.parameterCollapsed`, `.parameterUnbounded` or nil for `value` of `p`.
    func flag(_ value: Double, _ p: Parameter) -> FitWarning.Code? {
        guard let r = range(p) else { return nil }
        let f = Double.pow(10, Self.decades)
        if value < r.lowerBound / f { return .parameterCollapsed }
        if value > r.upperBound * f { return .parameterUnbounded }
        return nil
    }

    /// The warning for a flagged parameter.
    func warning(_ code: FitWarning.Code, _ value: Double, _ p: Parameter) -> FitWarning {
        let unit = p.unit == "1" ? "" : " " + p.unit
        let r = range(p).map { " (the data show \(shortNumber($0.lowerBound))…\(shortNumber($0.upperBound))\(unit))" } ?? ""
        switch code {
        case .parameterCollapsed:
            return FitWarning(code, parameters: [p.name], "\(p.name) = \(shortNumber(value))\(unit) collapsed towards 0"
                + r + ": the data do not contain this element")
        default:
            return FitWarning(code, parameters: [p.name], "\(p.name) = \(shortNumber(value))\(unit) grew towards ∞"
                + r + ": the data do not determine it")
        }
    }

    private func ordered(_ a: Double, _ b: Double) -> ClosedRange<Double> { min(a, b)...max(a, b) }
}
