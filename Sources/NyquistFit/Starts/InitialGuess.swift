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
/// This is the algorithm; what each element takes from an arc or from the spectrum is its own rule
/// (``ElementKind/startInArc(_:_:)``, ``ElementKind/startInSeries(_:earlier:)``, in its file under
/// Sources/NyquistCircuit/Elements/). Parameters the user gave a start for keep it. Every value is clamped inside
/// its bounds.
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
        let spectrum = SpectrumReading(omegaHigh: 2 * .pi * fHigh, omegaLow: 2 * .pi * fLow, zHigh: z[0],
                                       zLow: z[z.count - 1], scale: max(z.map(\.length).max() ?? 1, 1e-12))
        let intercept = spectrum.intercept, scale = spectrum.scale
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

        var offset = 0, arcIndex = 0
        var bare: [ElementKind: Int] = [:]
        var assign: [Int: Double] = [:]
        func take(_ starts: [Double?], at o: Int) {
            for (k, v) in starts.enumerated() { if let v { assign[o + k] = v } }
        }
        for term in terms {
            let elements = term.elements
            let count = elements.reduce(0) { $0 + $1.kind.slots.count }
            defer { offset += count }
            if isArc(term) {
                let arc = arcs[min(arcIndex, arcs.count - 1)]
                arcIndex += 1
                let n = exponentGuess
                let reading = ArcReading(resistance: max(2 * arc.height / Double.tan(n * .pi / 4), 1e-6 * scale),
                                         timeConstant: 1 / (2 * .pi * arc.frequency), exponent: n)
                var o = offset
                for e in elements {
                    take(e.kind.startInArc(reading, spectrum), at: o)
                    o += e.kind.slots.count
                }
                continue
            }
            guard case .element(let e) = term else { continue }
            take(e.kind.startInSeries(spectrum, earlier: bare[e.kind, default: 0]), at: offset)
            bare[e.kind, default: 0] += 1
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
        case .element(let e): return e.kind.formsArc
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
