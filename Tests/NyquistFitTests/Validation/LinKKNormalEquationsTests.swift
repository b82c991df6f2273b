import Numerics
@testable import NyquistFit
import NyquistCircuit
import NyquistIO
import NyquistNumerics
import NyquistTestSupport
import Testing

/// The normal-equations solve of lin-KK (issue 17, point 1): the closed-form Gram matrix against AᵀWA summed point
/// by point, the solution against the reference truncated SVD, and the fall-back to QR where the normal equations
/// are not accurate enough.
@Suite("lin-KK normal equations: closed-form Gram, refined solution, fall-back")
struct LinKKNormalEquationsTests {
    static func model(_ s: Spectrum, _ representation: KramersKronigRepresentation, omegaTerm: Bool = true,
                      inverseOmegaTerm: Bool = false) -> LinKKModel {
        let omega = s.frequencies.map { 2 * Double.pi * $0 }
        let target = representation == .admittance ? s.impedances.map { 1 / $0 } : s.impedances
        let data = LinKKData(representation: representation, omega: omega, impedance: s.impedances, target: target,
                             weights: target.map { 1 / $0.lengthSquared }, omegaMin: omega.min() ?? 1,
                             omegaMax: omega.max() ?? 1)
        return LinKKModel(data: data, fitType: .complex, omegaTerm: omegaTerm, inverseOmegaTerm: inverseOmegaTerm,
                          extensionDecades: 0.5)
    }

    /// φ of grid M column-major (k·n + i), from LinKKModel.basis.
    static func phi(_ model: LinKKModel, _ tau: [Double]) -> (re: [Double], im: [Double]) {
        let n = model.data.count
        var re = [Double](repeating: 0, count: n * tau.count), im = re
        for (k, t) in tau.enumerated() {
            for i in 0..<n {
                let b = model.basis(model.data.omega[i], t)
                re[k * n + i] = b.real
                im[k * n + i] = b.imaginary
            }
        }
        return (re, im)
    }

    /// `normal.solve` on the grid `tau` with φ from `normal.evaluateBasis` (which must equal `phi`, LinKKModel's
    /// basis, bit for bit); the coefficients, or nil when the solve is refused.
    static func solve(_ normal: inout LinKKNormalEquations, _ model: LinKKModel, m: Int, tau: [Double])
        -> [Double]?
    {
        let expected = phi(model, tau)
        var re = [Double](repeating: .nan, count: expected.re.count), im = re
        tau.withUnsafeBufferPointer { t in
            re.withUnsafeMutableBufferPointer { a in
                im.withUnsafeMutableBufferPointer { b in
                    normal.evaluateBasis(m: m, tau: t.baseAddress!, re: a.baseAddress!, im: b.baseAddress!)
                }
            }
        }
        #expect(re.map(\.bitPattern) == expected.re.map(\.bitPattern))
        #expect(im.map(\.bitPattern) == expected.im.map(\.bitPattern))
        var x = [Double](repeating: .nan, count: model.coefficientCount(m))
        let solved = tau.withUnsafeBufferPointer { t in
            re.withUnsafeBufferPointer { a in
                im.withUnsafeBufferPointer { b in
                    x.withUnsafeMutableBufferPointer { out in
                        normal.solve(m: m, tau: t.baseAddress!, re: a.baseAddress!, im: b.baseAddress!,
                                     into: out.baseAddress!)
                    }
                }
            }
        }
        return solved ? x : nil
    }

    /// G = AᵀWA summed point by point from the design's columns (constant, RC, [jω], [1/(jω)]).
    static func directGram(_ model: LinKKModel, _ tau: [Double]) -> [Double] {
        let d = model.data, n = d.count, m = tau.count
        var columns: [[Complex<Double>]] = [Array(repeating: Complex(1, 0), count: n)]
        for t in tau { columns.append(d.omega.map { model.basis($0, t) }) }
        if model.omegaTerm { columns.append(d.omega.map { Complex(0, $0) }) }
        if model.inverseOmegaTerm { columns.append(d.omega.map { Complex(0, -1 / $0) }) }
        let p = columns.count
        #expect(p == model.coefficientCount(m))
        var g = [Double](repeating: 0, count: p * p)
        for a in 0..<p {
            for b in 0..<p {
                var s = 0.0
                for i in 0..<n {
                    s += d.weights[i] * (columns[a][i].real * columns[b][i].real
                                         + columns[a][i].imaginary * columns[b][i].imaginary)
                }
                g[a * p + b] = s
            }
        }
        return g
    }

    @Test("closed-form Gram = AᵀWA summed point by point (impedance and admittance, jω and 1/(jω) columns)",
          arguments: [KramersKronigRepresentation.impedance, .admittance])
    func gram(_ representation: KramersKronigRepresentation) throws {
        let s = try KKSpectra.spectrum(KKSpectra.cases[0], noise: 0.01, seed: 5)
        for (omegaTerm, inverse) in [(true, false), (false, true), (true, true), (false, false)] {
            let model = Self.model(s, representation, omegaTerm: omegaTerm, inverseOmegaTerm: inverse)
            let normal = LinKKNormalEquations(data: model.data, omegaTerm: omegaTerm, inverseOmegaTerm: inverse,
                                              maximum: 40)
            for m in [1, 2, 7, 25, 40] {
                let tau = model.timeConstants(m)
                let (re, im) = Self.phi(model, tau)
                let closed = normal.closedFormGram(m: m, tau: tau, re: re, im: im)
                let direct = Self.directGram(model, tau)
                #expect(closed.count == direct.count)
                let p = model.coefficientCount(m)
                var worst = 0.0
                for a in 0..<p {
                    for b in 0..<p {
                        // Relative to √(GₐₐG_bb), the scale of the entry (Cauchy–Schwarz); zero entries stay zero.
                        let scale = (direct[a * p + a] * direct[b * p + b]).squareRoot()
                        worst = max(worst, abs(closed[a * p + b] - direct[a * p + b]) / scale)
                    }
                }
                #expect(worst <= 1e-13, "\(representation) jω \(omegaTerm) 1/jω \(inverse) M = \(m): \(worst)")
            }
        }
    }

    @Test("refined solution = the reference truncated SVD's (coefficients, μ, χ²ₚₛ) up to M = 50")
    func solution() throws {
        for (c, representation) in [(0, KramersKronigRepresentation.impedance), (1, .impedance), (0, .admittance)] {
            let s = try KKSpectra.spectrum(KKSpectra.cases[c], noise: 0.005, seed: 11)
            let model = Self.model(s, representation)
            var normal = LinKKNormalEquations(data: model.data, omegaTerm: true, inverseOmegaTerm: false,
                                              maximum: 50)
            for m in [1, 3, 10, 20, 30, 40, 50] {
                let tau = model.timeConstants(m)
                let solved = Self.solve(&normal, model, m: m, tau: tau)
                #expect(solved != nil, "\(KKSpectra.cases[c].name) \(representation) M = \(m)")
                guard let x = solved else { continue }
                #expect(normal.lastSteps >= 2 && normal.lastSteps <= LinKKNormalEquations.maximumSteps)
                let reference = try model.fit(m)
                var fit = LinKKFit(tau: tau, coefficients: Array(x[1...m]), constant: x[0], omegaTerm: x[m + 1],
                                   inverseOmegaTerm: nil, model: [], mu: 1, pseudoChiSquare: 0)
                model.finish(&fit)
                let label = "\(KKSpectra.cases[c].name) \(representation) M = \(m)"
                #expect(abs(fit.pseudoChiSquare - reference.pseudoChiSquare) <= 1e-9 * reference.pseudoChiSquare,
                        "\(label): χ² \(fit.pseudoChiSquare) vs \(reference.pseudoChiSquare)")
                #expect(abs(fit.mu - reference.mu) <= 1e-8, "\(label): μ")
                // The refinement's own χ² (Σ wᵢ|Tᵢ − T̂ᵢ|², updated by −δᵀg for the last correction) is the
                // impedance representation's χ²ₚₛ (wᵢ = 1/|Zᵢ|²).
                if representation == .impedance {
                    #expect(abs(normal.lastWeightedChiSquare - reference.pseudoChiSquare)
                                <= 1e-10 * reference.pseudoChiSquare,
                            "\(label): refinement χ² \(normal.lastWeightedChiSquare) vs \(reference.pseudoChiSquare)")
                }
                var worst = 0.0
                for i in 0..<s.count {
                    worst = max(worst, (fit.model[i] - reference.model[i]).length / s.impedances[i].length)
                }
                #expect(worst <= 1e-9, "\(label): Ẑ differs by \(worst)")
            }
        }
    }

    @Test("an ill-conditioned grid is refused; the search then solves that M by QR, equal to the reference")
    func fallBack() throws {
        // The points of two decades with time constants over three: from some M on, denser than the data resolve.
        let c = KKSpectra.cases[0]
        let full = try KKSpectra.spectrum(c, noise: 0.002, seed: 2)
        let keep = (0..<full.count).filter { full.frequencies[$0] >= 10 && full.frequencies[$0] <= 1000 }
        let s = Spectrum(frequencies: keep.map { full.frequencies[$0] }, impedances: keep.map { full.impedances[$0] })
        let model = Self.model(s, .impedance)
        let maximum = min(30, model.equationLimit)
        var normal = LinKKNormalEquations(data: model.data, omegaTerm: true, inverseOmegaTerm: false,
                                          maximum: maximum)
        var refused: Int?
        for m in 1...maximum {
            let solved = Self.solve(&normal, model, m: m, tau: model.timeConstants(m)) != nil
            if !solved { refused = m; break }
        }
        let m = try #require(refused, "the normal equations accepted every M up to \(maximum)")
        #expect(m > 3)
        // The search's own solve of that M goes to QR (or the SVD) and equals the reference.
        var search = LinKKSearch(model: model, maximum: m)
        let (mu, chi) = try search.solve(m)
        #expect(search.normalSolves == 0)
        let reference = try model.fit(m)
        #expect(abs(chi - reference.pseudoChiSquare) <= 2e-8 * reference.pseudoChiSquare, "M = \(m)")
        #expect(abs(mu - reference.mu) <= 1e-8, "M = \(m)")
    }

    @Test("on the benchmark spectra every M of the search is solved by the normal equations")
    func benchmarkUsesNormalEquations() throws {
        let truth = [20.0, 30, 1e-7, 0.9, 150, 1e-5, 0.8]
        let s = try Synthetic.spectrum(Synthetic.assbCathode, parameters: truth, noise: 0.005, seed: 1)
        let model = Self.model(s, .impedance)
        var search = LinKKSearch(model: model, maximum: 60)
        let (_, _, trials) = try search.choose(settings: KramersKronigSettings())
        #expect(trials.count == 60)
        #expect(search.normalSolves == 60)
        #expect(search.svdFallbacks == 0)
    }
}

/// Random circuits (R, C, L, CPE, W in random series/parallel trees), random frequency windows and densities, noise
/// from none to 2 %: the fast path (normal equations, QR, SVD as each M allows) against the reference SVD path. M,
/// selection and verdict must be identical; residuals and χ²ₚₛ agree to ε·κ, and these windows (up to 20 points per
/// decade over up to 10 decades) reach κ ≈ 10⁸–10⁹ where the normal equations hand over to QR: the QR path alone
/// (normal equations switched off) differs from the SVD by up to 4.3e-9 in residuals and 3.8e-8 in a trial's χ²ₚₛ
/// here, hence 1e-8 and 1e-7 instead of the shared files' 2e-9 and 2e-8.
@Suite("lin-KK fast path on random circuits")
struct LinKKRandomCircuitTests {
    @Test("40 random circuits: same M, verdict and residuals as the reference path")
    func randomCircuits() throws {
        var generator = CircuitGenerator(seed: 2026)
        var g = SeededRandom(seed: 17)
        var tested = 0
        for k in 0..<40 {
            let circuit = generator.circuit(maxDepth: 3, kinds: [.resistor, .capacitor, .inductor, .cpe, .warburg])
            let table = ParameterTable(circuit: circuit)
            let values = table.randomValues(using: &g)
            let lo = Double.pow(10, Double.random(in: -3...0, using: &g))
            let hi = Double.pow(10, Double.random(in: 3...7, using: &g))
            let perDecade = [3, 7, 10, 20][k % 4]
            let grid = try FrequencyGrid.logSpaced(from: hi, to: lo, pointsPerDecade: perDecade)
            let noise = [0, 0.002, 0.02][k % 3]
            let clean = EvaluationPlan(circuit: circuit).impedance(grid, parameters: values)
            guard clean.allSatisfy({ $0.length.isFinite && $0.length > 0 }) else { continue }
            let z = clean.map { v in v + Complex(noise * v.length * g.normal(), noise * v.length * g.normal()) }
            let s = Spectrum(frequencies: grid.frequencies, impedances: z)
            LinKKFastPathTests.compare(s, KramersKronigSettings(), "random circuit \(k): \(circuit)", tolerance: 1e-8,
                                       chiTolerance: 1e-7)
            tested += 1
        }
        #expect(tested >= 30)
    }
}
