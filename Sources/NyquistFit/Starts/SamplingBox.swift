import NyquistNumerics
import Numerics
import NyquistCircuit

/// Where the randomized start samples each free parameter (physical units).
///
/// Finite user bounds are used as they are. Open bounds are replaced by ranges read off the data, from the
/// smallest and largest |Z| (Ω) and angular frequency ω (rad/s) of the window:
/// resistances [10⁻³|Z|min, 10|Z|max]; capacitances and CPE coefficients [1/(10 ω_max |Z|max), 10³/(ω_min |Z|min)];
/// time constants [0.1/ω_max, 10/ω_min]; Warburg σ [10⁻³|Z|min √ω_min, 10|Z|max √ω_max]; exponents [0.4, 1];
/// anything else its slot's typical range. Positive quantities are sampled log-uniformly, exponents uniformly.
/// Every end is kept finite and > 0 (clamped to [`leastNormalMagnitude`, `greatestFiniteMagnitude`]), so extreme
/// data (|Z| near 1e308, ω near 1e-300) give a finite box rather than a trap.
struct SamplingBox {
    let ranges: [ClosedRange<Double>]
    let isLog: [Bool]

    init(_ problem: FitProblem) {
        let mods = problem.data.map(\.length)
        let zMin = max(mods.min() ?? 1, 1e-12), zMax = max(mods.max() ?? 1, zMin)
        let wMin = problem.grid.omega.min() ?? 1, wMax = problem.grid.omega.max() ?? 1
        var ranges: [ClosedRange<Double>] = []
        var isLog: [Bool] = []
        for i in problem.free {
            let p = problem.parameters[i]
            var lo: Double, hi: Double
            switch p.domain {
            case .exponent:
                lo = max(p.lower, 0.4); hi = min(p.upper, 1)
                if lo >= hi { lo = p.lower; hi = p.upper }
                ranges.append(lo...hi); isLog.append(false)
                continue
            case .positive:
                switch p.unit {
                case "Ω": lo = 1e-3 * zMin; hi = 10 * zMax
                case "F", "F·s^(n−1)": lo = 1 / (10 * wMax * zMax); hi = 1e3 / (wMin * zMin)
                case "s": lo = 0.1 / wMax; hi = 10 / wMin
                case "Ω·s^(−1/2)": lo = 1e-3 * zMin * wMin.squareRoot(); hi = 10 * zMax * wMax.squareRoot()
                default: lo = p.typical.lowerBound; hi = p.typical.upperBound
                }
            }
            if p.lower > 0 { lo = max(lo, p.lower) }
            if p.upper.isFinite { hi = min(hi, p.upper) }
            if p.lower > 0 && p.upper.isFinite { lo = p.lower; hi = p.upper }
            // |Z| near 1e308 or ω near 1e-300 puts an end at 0, ∞ or NaN: keep both ends finite and > 0.
            if !(lo >= .leastNormalMagnitude) { lo = .leastNormalMagnitude }
            if !(hi <= .greatestFiniteMagnitude) { hi = .greatestFiniteMagnitude }
            if !(lo < hi) {
                lo = min(max(p.lower, .leastNormalMagnitude), .greatestFiniteMagnitude)
                hi = min(max(lo * 10, p.upper.isFinite ? p.upper : lo * 10), .greatestFiniteMagnitude)
            }
            ranges.append(lo...hi); isLog.append(true)
        }
        self.ranges = ranges
        self.isLog = isLog
    }

    /// One random physical value per free parameter.
    func sample(using g: inout SeededRandom) -> [Double] {
        zip(ranges, isLog).map { r, log in log ? g.logUniform(r) : Double.random(in: r, using: &g) }
    }
}
