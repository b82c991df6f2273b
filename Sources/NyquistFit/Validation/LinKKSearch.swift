import Numerics
import NyquistNumerics

/// The fast lin-KK element-count search for the complex fit (the default fit type), giving the same M, μ, χ²ₚₛ and
/// residuals as the reference path (``LinKKModel/fit(_:)`` for every M = 1…M_max, then ``KramersKronig/choose``):
///
/// - each M is solved from its normal equations (``LinKKNormalEquations``: closed-form Gram matrix, Cholesky,
///   iterative refinement) when κ(G)·ε ≤ 0.05 and the refinement contracts — every M of a typical 161-point
///   spectrum; otherwise by Householder QR in one preallocated ``QRLeastSquares`` workspace, which proves from R
///   that GSL's truncated SVD would keep every singular value (κ̂·ε·max(m, p) ≤ 10⁻²), and when it cannot, by the
///   reference SVD (`gsl_multifit_wlinear_tsvd`). No allocation per M;
/// - φ(ωᵢτₖ) is evaluated once per (point, τ) of each grid (the grid τₖ = 10^(lo + (hi − lo)·k/(M − 1)) depends on
///   M, so it is rebuilt per M in reused column-major buffers) and serves both the design matrix and χ²ₚₛ;
/// - μ(M) and χ²ₚₛ(M) are computed without building Ẑ (for the impedance representation χ²ₚₛ is the weighted χ²
///   the refinement evaluates anyway); Ẑ is built once, for the chosen M;
/// - the search stops as soon as the rule's outcome is decided (``decide(variance:mu:maximum:settings:)``).
struct LinKKSearch: ~Copyable {
    let model: LinKKModel
    let maximum: Int
    /// The Householder QR workspace (2N × (M_max + 3), about 160 kB for 161 points), created at the first M the
    /// normal equations refuse: most spectra never need it.
    private var qr: QRLeastSquares?
    private var tau: [Double]
    /// φ(ωᵢτₖ) of the current grid, column-major (k·n + i), real and imaginary parts apart: the loops over i that
    /// fill the design matrix and evaluate T̂ run over contiguous memory.
    private var phiRe: [Double]
    private var phiIm: [Double]
    /// T̂ at each point, the scratch of ``statistics(_:)``.
    private var modelRe: [Double]
    private var modelIm: [Double]
    private var rootWeights: [Double]
    /// Row M − 1: the p(M) coefficients of the M-element fit (a₀, a₁…a_M, [b], [d]).
    private var solutions: [Double]
    private let stride: Int
    private var normal: LinKKNormalEquations
    /// M values solved from the normal equations (``LinKKNormalEquations``).
    private(set) var normalSolves = 0
    /// M values solved by the SVD because the QR conditioning proof failed.
    private(set) var svdFallbacks = 0

    init(model: LinKKModel, maximum: Int) {
        self.model = model
        self.maximum = max(1, maximum)
        let n = model.data.count
        stride = 1 + self.maximum + model.extraCount
        qr = nil
        tau = [Double](repeating: 0, count: self.maximum)
        phiRe = [Double](repeating: 0, count: n * self.maximum)
        phiIm = phiRe
        modelRe = [Double](repeating: 0, count: n)
        modelIm = modelRe
        rootWeights = model.data.weights.map { $0.squareRoot() }
        solutions = [Double](repeating: 0, count: self.maximum * stride)
        normal = LinKKNormalEquations(data: model.data, omegaTerm: model.omegaTerm,
                                      inverseOmegaTerm: model.inverseOmegaTerm, maximum: self.maximum)
    }

    /// Solves the M-element complex fit (1 ≤ M ≤ ``maximum``), keeps its coefficients, and returns μ(M), χ²ₚₛ(M).
    mutating func solve(_ m: Int) throws(KramersKronigError) -> (mu: Double, pseudoChiSquare: Double) {
        let d = model.data
        let n = d.count, rows = 2 * n, p = model.coefficientCount(m)
        let lo = Double.log10(1 / d.omegaMax) - model.extensionDecades
        let hi = Double.log10(1 / d.omegaMin) + model.extensionDecades
        // The same expressions as LinKKModel.timeConstants and .basis, so τ and φ are bit-identical.
        if m == 1 {
            tau[0] = Double.pow(10, (lo + hi) / 2)
        } else {
            for k in 0..<m { tau[k] = Double.pow(10, lo + (hi - lo) * Double(k) / Double(m - 1)) }
        }
        // φ(ωτ) by the expressions of LinKKModel.basis (RCBasis: the same bits, four points per pass), with the
        // column sums of the normal equations in the same pass.
        phiRe.withUnsafeMutableBufferPointer { re in
            phiIm.withUnsafeMutableBufferPointer { im in
                tau.withUnsafeBufferPointer { t in
                    normal.evaluateBasis(m: m, tau: t.baseAddress!, re: re.baseAddress!, im: im.baseAddress!)
                }
            }
        }
        let row = (m - 1) * self.stride
        let direct = tau.withUnsafeBufferPointer { t in
            phiRe.withUnsafeBufferPointer { re in
                phiIm.withUnsafeBufferPointer { im in
                    solutions.withUnsafeMutableBufferPointer { x in
                        normal.solve(m: m, tau: t.baseAddress!, re: re.baseAddress!, im: im.baseAddress!,
                                     into: x.baseAddress! + row)
                    }
                }
            }
        }
        if direct {
            normalSolves += 1
            // Impedance representation: χ²ₚₛ = Σ|Zᵢ − Ẑᵢ|²/|Zᵢ|² is the fit's own weighted χ² (wᵢ = 1/|Zᵢ|²), which
            // the refinement has already evaluated: no pass over the model for it.
            if d.representation != .admittance, normal.lastWeightedChiSquare.isFinite {
                return (mu(m), normal.lastWeightedChiSquare)
            }
            return statistics(m)
        }
        let omegaTerm = model.omegaTerm, inverseOmegaTerm = model.inverseOmegaTerm
        // Moved out of the optional and back (no copy of its buffers).
        var qr: QRLeastSquares
        if let existing = self.qr {
            qr = existing
            self.qr = nil
        } else {
            qr = QRLeastSquares(rows: rows, columns: stride)
        }
        defer { self.qr = qr }
        // Rows 2i (real) and 2i + 1 (imaginary) scaled by √wᵢ, as gsl_multifit_wlinear_tsvd does; column by column.
        let solved = phiRe.withUnsafeBufferPointer { re in
            phiIm.withUnsafeBufferPointer { im in
                rootWeights.withUnsafeBufferPointer { sw in
                    qr.solve(rows: rows, columns: p) { x, y in
                        for i in 0..<n {
                            let w = sw[i]
                            x[2 * i] = w
                            y[2 * i] = w * d.target[i].real
                            y[2 * i + 1] = w * d.target[i].imaginary
                        }
                        for k in 0..<m {
                            let column = (1 + k) * rows, base = k * n
                            for i in 0..<n {
                                let w = sw[i]
                                x[column + 2 * i] = w * re[base + i]
                                x[column + 2 * i + 1] = w * im[base + i]
                            }
                        }
                        var c = 1 + m
                        if omegaTerm {
                            for i in 0..<n { x[c * rows + 2 * i + 1] = sw[i] * d.omega[i] }
                            c += 1
                        }
                        if inverseOmegaTerm {
                            for i in 0..<n { x[c * rows + 2 * i + 1] = sw[i] * (-1 / d.omega[i]) }
                        }
                    }
                }
            }
        }
        if solved {
            for j in 0..<p { solutions[row + j] = qr.coefficient(j) }
        } else {
            svdFallbacks += 1
            let f = try model.fit(m)
            solutions[row] = f.constant
            for k in 0..<m { solutions[row + 1 + k] = f.coefficients[k] }
            var c = 1 + m
            if let b = f.omegaTerm { solutions[row + c] = b; c += 1 }
            if let v = f.inverseOmegaTerm { solutions[row + c] = v }
            return (f.mu, f.pseudoChiSquare)
        }
        return statistics(m)
    }

    /// μ and χ²ₚₛ of the stored M-element fit, computed as ``LinKKModel/finish(_:)`` does (same operations, same
    /// order) from the φ values of the current grid.
    private mutating func statistics(_ m: Int) -> (mu: Double, pseudoChiSquare: Double) {
        let d = model.data, n = d.count, row = (m - 1) * stride
        // T̂ᵢ = a₀ + Σₖ aₖ·φ(ωᵢτₖ) accumulated k by k (for each i the same additions in the same order as
        // LinKKModel.evaluate), then the ω terms.
        phiRe.withUnsafeBufferPointer { re in
            phiIm.withUnsafeBufferPointer { im in
                modelRe.withUnsafeMutableBufferPointer { tr in
                    modelIm.withUnsafeMutableBufferPointer { ti in
                        solutions.withUnsafeBufferPointer { a in
                            RCBasis.model(real: re.baseAddress!, imaginary: im.baseAddress!, points: n, columns: m,
                                          constant: a[row], coefficients: a.baseAddress! + row + 1,
                                          outReal: tr.baseAddress!, outImaginary: ti.baseAddress!)
                        }
                    }
                }
            }
        }
        var chi = 0.0
        for i in 0..<n {
            var t = Complex<Double>(modelRe[i], modelIm[i])
            var c = 1 + m
            if model.omegaTerm { t += Complex(0, solutions[row + c] * d.omega[i]); c += 1 }
            if model.inverseOmegaTerm { t += Complex(0, -solutions[row + c] / d.omega[i]) }
            let z = d.representation == .admittance ? reciprocal(t) : t
            chi += (d.impedance[i] - z).lengthSquared / d.impedance[i].lengthSquared
        }
        return (mu(m), chi.isFinite ? chi : .infinity)
    }

    /// μ of the stored M-element fit (``LinKKModel/mu(constant:coefficients:tau:admittance:)``).
    private func mu(_ m: Int) -> Double {
        let row = (m - 1) * stride
        return solutions.withUnsafeBufferPointer { x in
            tau.withUnsafeBufferPointer { t in
                LinKKModel.mu(constant: x[row], coefficients: UnsafeBufferPointer(rebasing: x[(row + 1)..<(row + 1 + m)]),
                              tau: UnsafeBufferPointer(rebasing: t[0..<m]),
                              admittance: model.data.representation == .admittance)
            }
        }
    }

    /// The stored M-element fit with Ẑ, μ and χ²ₚₛ filled by ``LinKKModel/finish(_:)``.
    func fit(_ m: Int) -> LinKKFit {
        let row = (m - 1) * stride
        var f = LinKKFit(tau: model.timeConstants(m), coefficients: Array(solutions[(row + 1)..<(row + 1 + m)]),
                         constant: solutions[row], omegaTerm: nil, inverseOmegaTerm: nil, model: [], mu: 1,
                         pseudoChiSquare: 0)
        var c = 1 + m
        if model.omegaTerm { f.omegaTerm = solutions[row + c]; c += 1 }
        if model.inverseOmegaTerm { f.inverseOmegaTerm = solutions[row + c] }
        model.finish(&f)
        return f
    }

    /// The element-count rule of ``KramersKronig`` (plateau guard, then μ), solving M = 1, 2, … only until its
    /// outcome is decided. Returns the chosen fit, the selection text and the trials solved.
    mutating func choose(settings s: KramersKronigSettings) throws(KramersKronigError)
        -> (LinKKFit, String, [KramersKronigTrial])
    {
        let equations = model.equationCount
        var variance: [Double] = [], mu: [Double] = [], chi: [Double] = []
        variance.reserveCapacity(maximum)
        mu.reserveCapacity(maximum)
        chi.reserveCapacity(maximum)
        var outcome: Outcome?
        for m in 1...maximum {
            let (u, c) = try solve(m)
            mu.append(u)
            chi.append(c)
            variance.append(c / Double(max(1, equations - model.coefficientCount(m))))
            outcome = Self.decide(variance: variance, mu: mu, maximum: maximum, settings: s)
            if outcome != nil { break }
        }
        let (plateau, chosen, muFound) = outcome.map { ($0.plateau, $0.chosen, $0.muFound) } ?? (maximum, maximum, false)
        let how: String
        if !muFound {
            how = "M = \(plateau) at the χ² plateau; μ stayed ≥ \(shortNumber(s.muCriterion)) up to M = \(maximum)"
        } else if chosen == plateau {
            how = "M = \(chosen): χ² plateau reached and μ < \(shortNumber(s.muCriterion))"
        } else {
            how = "M = \(chosen): first μ < \(shortNumber(s.muCriterion)) after the χ² plateau at M = \(plateau)"
        }
        let trials = (0..<mu.count).map { k in
            KramersKronigTrial(elementCount: k + 1, mu: mu[k], pseudoChiSquare: chi[k])
        }
        return (fit(chosen), how, trials)
    }

    /// The outcome (plateau M_p, chosen M) of the rule in ``KramersKronig/choose`` once it no longer depends on
    /// the M not yet solved, else nil. `variance[M − 1]` = σ̂²(M) and `mu[M − 1]` for M = 1…k solved.
    ///
    /// "M is on the plateau" (σ̂²(M) ≤ floor² or σ̂²(M) ≤ factor·min_{M′>M} σ̂²(M′)) is decided true by the floor,
    /// false as soon as a solved M′ > M has factor·σ̂²(M′) < σ̂²(M) (the minimum can only be lower), and otherwise
    /// only when every M′ ≤ M_max is solved. The μ step skips an M with μ ≥ c whatever its plateau status.
    static func decide(variance: [Double], mu: [Double], maximum: Int, settings s: KramersKronigSettings)
        -> Outcome?
    {
        let k = variance.count
        let complete = k >= maximum
        let floorVariance = s.plateauNoiseFloor * s.plateauNoiseFloor
        // Suffix minima over the solved M′ (the exact minimum over all larger M when complete).
        var laterBest = [Double](repeating: .infinity, count: k + 1)
        if k >= 2 {
            for m in Swift.stride(from: k - 1, through: 1, by: -1) { laterBest[m] = min(laterBest[m + 1], variance[m]) }
        }
        func onPlateau(_ m: Int) -> Bool? {
            let v = variance[m - 1]
            if v <= floorVariance { return true }
            if !(v <= s.plateauFactor * laterBest[m]) { return false }
            return complete ? true : nil
        }
        var plateau: Int?
        for m in 1...k {
            guard let on = onPlateau(m) else { return nil }
            if on { plateau = m; break }
        }
        guard let plateau = plateau ?? (complete ? maximum : nil) else { return nil }
        for m in plateau...maximum {
            guard m <= k else { return nil }
            guard mu[m - 1] < s.muCriterion else { continue }
            guard let on = onPlateau(m) else { return nil }
            if on { return Outcome(plateau: plateau, chosen: m, muFound: true) }
        }
        return Outcome(plateau: plateau, chosen: plateau, muFound: false)
    }

    /// M_p, the chosen M, and whether μ < c was found at or after M_p (else M = M_p).
    struct Outcome: Equatable {
        var plateau: Int
        var chosen: Int
        var muFound: Bool
    }
}
