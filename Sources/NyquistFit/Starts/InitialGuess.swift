import Numerics
import NyquistCircuit

/// A start read off the spectrum itself, the way a person reads a Nyquist plot:
/// - a bare resistor in series takes the high-frequency intercept Z′(f_max);
/// - each arc of the circuit (a parallel group, a ZARC, HN or Gerischer element), left to right, takes one apex of
///   −Z″(f), from high to low frequency: an R‖Q arc has −Z″ = (R/2)·tan(nπ/4) at its apex ω_p = 1/τ, so
///   R = 2(−Z″_apex)/tan(nπ/4), τ = 1/ω_p and Q = τⁿ/R (n guessed 0.85); arcs without a visible apex are placed
///   above the highest frequency;
/// - a Warburg takes the low-frequency tail, σ = −Z″·√ω at f_min; finite Warburgs τ = 1/ω_min;
/// - an inductor takes Z″/ω at f_max when Z″ > 0 there; a series capacitor or CPE takes −1/(ω Z″) at f_min.
/// Parameters the user gave a start for keep it. Every value is clamped inside its bounds.
enum InitialGuess {
    static let exponentGuess = 0.85

    static func guess(_ problem: FitProblem) -> [Double] {
        let table = problem.parameters
        var values = table.values
        // Nothing to read off the spectrum when the user gave every start.
        if table.allSatisfy({ $0.startGiven || $0.fixed }) { return values }
        // Points from high to low frequency.
        let order = problem.grid.frequencies.indices.sorted { problem.grid.frequencies[$0] > problem.grid.frequencies[$1] }
        let f = order.map { problem.grid.frequencies[$0] }
        let z = order.map { problem.data[$0] }
        guard let fHigh = f.first, let fLow = f.last else { return values }
        let omegaHigh = 2 * .pi * fHigh, omegaLow = 2 * .pi * fLow
        let zLow = z[z.count - 1]
        // σ = −Z″·√ω at the lowest frequency (a Warburg's own −Z″ is σ/√ω).
        let sigma = max(-zLow.imaginary, 1e-9) * omegaLow.squareRoot()
        let scale = max(z.map(\.length).max() ?? 1, 1e-12)
        let intercept = max(z[0].real, 1e-3 * scale)
        var peaks = apexes(f: f, z: z)

        let terms: [Circuit]
        if case .series(let members) = problem.circuit.normalized() { terms = members } else { terms = [problem.circuit.normalized()] }
        let arcTerms = terms.filter(isArc)
        // Pair arcs with apexes: keep the most prominent ones, in frequency order; missing arcs go above f_max.
        if peaks.count > arcTerms.count {
            peaks = Array(peaks.sorted { $0.height > $1.height }.prefix(arcTerms.count)).sorted { $0.frequency > $1.frequency }
        }
        var arcs: [(frequency: Double, height: Double)] = []
        let missing = arcTerms.count - peaks.count
        for k in 0..<max(missing, 0) {
            arcs.append((fHigh * Double.pow(10, Double(missing - k)), 0.25 * intercept))
        }
        arcs += peaks

        var offset = 0, arcIndex = 0, bareResistors = 0
        var assign: [Int: Double] = [:]
        for term in terms {
            let elements = term.elements
            let count = elements.reduce(0) { $0 + $1.kind.slots.count }
            defer { offset += count }
            if isArc(term) {
                let arc = arcs[min(arcIndex, arcs.count - 1)]
                arcIndex += 1
                let n = exponentGuess
                let r = max(2 * arc.height / Double.tan(n * .pi / 4), 1e-6 * scale)
                let tau = 1 / (2 * .pi * arc.frequency)
                var o = offset
                for e in elements {
                    switch e.kind {
                    case .resistor: assign[o] = r
                    case .cpe: assign[o] = Double.pow(tau, n) / r; assign[o + 1] = n
                    case .capacitor: assign[o] = tau / r
                    case .zarc, .havriliakNegami: assign[o] = r; assign[o + 1] = tau; assign[o + 2] = n
                    case .gerischer: assign[o] = r; assign[o + 1] = tau
                    case .warburg: assign[o] = sigma
                    default: break
                    }
                    o += e.kind.slots.count
                }
                continue
            }
            guard case .element(let e) = term else { continue }
            switch e.kind {
            case .resistor:
                assign[offset] = bareResistors == 0 ? intercept : 0.1 * intercept
                bareResistors += 1
            case .warburg: assign[offset] = sigma
            case .warburgShort, .warburgOpen:
                assign[offset] = max(zLow.real - intercept, 0.1 * scale)
                assign[offset + 1] = 1 / omegaLow
            case .inductor:
                let im = z[0].imaginary
                assign[offset] = im > 0 ? im / omegaHigh : 1e-3 * intercept / omegaHigh
            case .capacitor:
                assign[offset] = 1 / (omegaLow * max(-zLow.imaginary, 1e-12 * scale))
            case .cpe:
                assign[offset] = 1 / (omegaLow * max(-zLow.imaginary, 1e-12 * scale))
                assign[offset + 1] = 0.9
            case .transmissionLine:
                assign[offset] = max(3 * (zLow.real - intercept), 0.1 * scale)
                assign[offset + 1] = 1 / (omegaLow * max(-zLow.imaginary, 1e-12 * scale))
                assign[offset + 2] = 0.9
            default: break
            }
        }
        for (i, v) in assign where !table[i].startGiven && v.isFinite && v > 0 {
            values[i] = clamp(v, table[i])
        }
        return values
    }

    /// Top-level terms that make one arc in the Nyquist plot.
    static func isArc(_ c: Circuit) -> Bool {
        switch c {
        case .parallel: return true
        case .element(let e): return e.kind == .zarc || e.kind == .havriliakNegami || e.kind == .gerischer
        case .series: return false
        }
    }

    /// Local maxima of −Z″ over frequency (3-point smoothed), from high to low frequency.
    static func apexes(f: [Double], z: [Complex<Double>]) -> [(frequency: Double, height: Double)] {
        let y = z.map { -$0.imaginary }
        guard y.count >= 3 else { return [] }
        var s = y
        for i in 1..<(y.count - 1) { s[i] = (y[i - 1] + y[i] + y[i + 1]) / 3 }
        var out: [(Double, Double)] = []
        for i in 1..<(s.count - 1) where s[i] > 0 && s[i] >= s[i - 1] && s[i] > s[i + 1] {
            out.append((f[i], y[i]))
        }
        return out
    }

    static func clamp(_ v: Double, _ p: Parameter) -> Double {
        let lo = p.lower > 0 ? p.lower * (1 + 1e-6) : (p.domain == .exponent ? 0.05 : v)
        let hi = p.upper.isFinite ? p.upper * (1 - 1e-9) : v
        return min(max(v, lo), hi)
    }
}
