import Numerics
import NyquistIO

/// The linear Kramers–Kronig test ("lin-KK", Schönleber, Klotz & Ivers-Tiffée, Electrochim. Acta 131 (2014) 20).
///
/// A KK-consistent impedance can be approximated by M Voigt elements with fixed, log-spaced time constants
/// τₖ ∈ [1/ω_max, 1/ω_min] (widened by ``KramersKronigSettings/tauExtensionDecades``); the resistances enter linearly, so one weighted linear least-squares solve per M
/// (weights 1/|Z|²) gives the best KK-consistent curve, and the relative residuals (Z − Ẑ)/|Z| show how far the
/// data are from it. The complex fit (the default) solves each M from its normal equations with the Gram matrix in
/// closed form and iterative refinement (``LinKKNormalEquations``) when κ(G)·ε is small enough, else by Householder
/// QR (``QRLeastSquares``) after proving from R that GSL's truncated SVD (`gsl_multifit_wlinear_tsvd`) would truncate
/// nothing, else by that SVD; the other fit types use the SVD. The M search stops as soon as the rule below is
/// decided (``LinKKSearch``).
///
/// **Choosing M.** Schönleber's rule takes the first M with μ < c (μ = 1 − Σ|Rₖ<0|/Σ|Rₖ≥0|, c = 0.85); on its
/// own it can stop while the fit is still poor (impedance.py stopped at M = 7 with 15.7 % residuals). Our rule:
/// 1. fit M = 1, 2, … and record μ(M) and the pseudo-χ² χ²ₚₛ(M) = Σ|Zᵢ − Ẑᵢ|²/|Zᵢ|²;
/// 2. **plateau guard**: with σ̂²(M) = χ²ₚₛ(M)/(E − P(M)) (E equations, P(M) coefficients), M_p is the first M
///    whose σ̂² is at most ``KramersKronigSettings/plateauFactor`` (1.25) times the lowest σ̂² of every larger M
///    tried — more elements no longer improve the fit beyond fitting noise (or σ̂ ≤ 10⁻⁵ already);
/// 3. the chosen M is the first M ≥ M_p that is itself on the plateau (σ̂² within the factor of every larger M's)
///    and has μ(M) < c; when there is none, M_p itself.
///
/// **Verdict.** With σ̂ = √(χ²ₚₛ/(2N)) (the noise estimate), the spectrum passes when σ̂ ≤ 1 %, every
/// |residual| ≤ max(4.5·σ̂, 0.2 %), and the residuals are not systematic (lag-1 autocorrelation ≤ 0.3, checked only
/// when σ̂ > 0.25 %) — see ``KramersKronigSettings`` and `docs/validation-and-plots.md`.
public enum KramersKronig {
    /// The minimum number of points a test needs.
    public static let minimumPoints = 5

    /// Tests `spectrum` for Kramers–Kronig consistency.
    /// - Throws: ``KramersKronigError`` for too few or invalid points, bad settings, or a GSL failure.
    public static func test(_ spectrum: Spectrum, settings: KramersKronigSettings = KramersKronigSettings())
        throws(KramersKronigError) -> KramersKronigResult
    {
        try test(spectrum, settings: settings, solver: .fast)
    }

    /// How the per-M least-squares problems are solved: `.fast` (``LinKKSearch`` for the complex fit: normal
    /// equations with refinement, else QR with a conditioning proof; early stop) or `.reference` (truncated SVD for every M = 1…M_max, the original path,
    /// kept so that tests compare the two).
    enum Solver: Sendable { case fast, reference }

    static func test(_ spectrum: Spectrum, settings: KramersKronigSettings, solver: Solver)
        throws(KramersKronigError) -> KramersKronigResult
    {
        try validate(settings)
        try validate(spectrum)
        switch settings.representation {
        case .impedance, .admittance:
            return try run(spectrum, settings, settings.representation, solver)
        case .auto:
            let z = try run(spectrum, settings, .impedance, solver)
            let y = try run(spectrum, settings, .admittance, solver)
            var best = y.pseudoChiSquare < z.pseudoChiSquare ? y : z
            best.selection += "; representation chosen by the lower pseudo-χ² (impedance "
                + shortNumber(z.pseudoChiSquare) + ", admittance " + shortNumber(y.pseudoChiSquare) + ")"
            return best
        }
    }

    static func validate(_ s: KramersKronigSettings) throws(KramersKronigError) {
        func bad(_ name: String, _ reason: String) -> KramersKronigError { .invalidSetting(name: name, reason: reason) }
        guard s.muCriterion > 0, s.muCriterion < 1 else { throw bad("muCriterion", "must satisfy 0 < c < 1") }
        guard s.tauExtensionDecades.isFinite, s.tauExtensionDecades >= 0, s.tauExtensionDecades <= 5 else {
            throw bad("tauExtensionDecades", "must lie in [0, 5] decades")
        }
        if let m = s.elementCount, m < 1 { throw bad("elementCount", "must be ≥ 1") }
        if let m = s.maximumElementCount, m < 1 { throw bad("maximumElementCount", "must be ≥ 1") }
        guard s.plateauFactor.isFinite, s.plateauFactor >= 1 else { throw bad("plateauFactor", "must be ≥ 1") }
        for (name, v) in [("plateauNoiseFloor", s.plateauNoiseFloor), ("maximumNoise", s.maximumNoise),
                          ("systematicFloor", s.systematicFloor),
                          ("outlierFactor", s.outlierFactor), ("residualFloor", s.residualFloor)]
        where !(v.isFinite && v >= 0) {
            throw bad(name, "must be a finite number ≥ 0")
        }
        guard !s.maximumAutocorrelation.isNaN else { throw bad("maximumAutocorrelation", "must be a number") }
    }

    static func validate(_ s: Spectrum) throws(KramersKronigError) {
        guard s.impedances.count == s.frequencies.count else {
            throw .invalidPoint(index: min(s.impedances.count, s.frequencies.count),
                                reason: "\(s.frequencies.count) frequencies but \(s.impedances.count) impedances")
        }
        guard s.count >= minimumPoints else { throw .tooFewPoints(points: s.count, minimum: minimumPoints) }
        for i in 0..<s.count {
            let f = s.frequencies[i], z = s.impedances[i]
            guard f.isFinite, f > 0 else { throw .invalidPoint(index: i, reason: "frequency \(f) Hz is not finite > 0") }
            guard z.real.isFinite, z.imaginary.isFinite else {
                throw .invalidPoint(index: i, reason: "impedance is not finite")
            }
            guard z.lengthSquared > 0, z.lengthSquared.isFinite else {
                throw .invalidPoint(index: i, reason: "|Z| is zero or out of range")
            }
        }
        if let lo = s.frequencies.min(), let hi = s.frequencies.max(), lo == hi { throw .singleFrequency(lo) }
    }

    static func run(_ spectrum: Spectrum, _ s: KramersKronigSettings, _ rep: KramersKronigRepresentation,
                    _ solver: Solver) throws(KramersKronigError) -> KramersKronigResult
    {
        let omega = spectrum.frequencies.map { 2 * Double.pi * $0 }
        let target = rep == .admittance ? spectrum.impedances.map(reciprocal) : spectrum.impedances
        let data = LinKKData(representation: rep, omega: omega, impedance: spectrum.impedances, target: target,
                             weights: target.map { 1 / $0.lengthSquared },
                             omegaMin: omega.min() ?? 1, omegaMax: omega.max() ?? 1)
        let model = LinKKModel(data: data, fitType: s.fitType, omegaTerm: s.includeOmegaTerm,
                               inverseOmegaTerm: s.includeInverseOmegaTerm, extensionDecades: s.tauExtensionDecades)
        let limit = model.equationLimit
        guard limit >= 1 else {
            throw .tooFewPoints(points: spectrum.count, minimum: spectrum.count + 1 - limit)
        }
        let chosen: LinKKFit
        let selection: String
        var trials: [KramersKronigTrial] = []
        let fast = solver == .fast && s.fitType == .complex
        if let m = s.elementCount {
            guard m <= limit else {
                throw .invalidSetting(name: "elementCount", reason: "\(m) exceeds \(limit), the most \(spectrum.count) "
                                      + "points allow for a \(s.fitType.rawValue) fit")
            }
            if fast {
                var search = LinKKSearch(model: model, maximum: m)
                _ = try search.solve(m)
                chosen = search.fit(m)
            } else {
                chosen = try model.fit(m)
            }
            selection = "M = \(m) given"
        } else {
            let maxM = min(s.maximumElementCount ?? min(spectrum.count, 60), limit)
            if fast {
                var search = LinKKSearch(model: model, maximum: maxM)
                (chosen, selection, trials) = try search.choose(settings: s)
            } else {
                (chosen, selection, trials) = try choose(model, settings: s, maximum: maxM)
            }
        }
        return verdict(spectrum, chosen, settings: s, representation: rep, selection: selection, trials: trials)
    }

    /// The element-count rule of the type documentation (plateau guard, then μ).
    static func choose(_ model: LinKKModel, settings s: KramersKronigSettings, maximum maxM: Int)
        throws(KramersKronigError) -> (LinKKFit, String, [KramersKronigTrial])
    {
        let equations = model.equationCount
        let floorVariance = s.plateauNoiseFloor * s.plateauNoiseFloor
        var fits: [LinKKFit] = []
        fits.reserveCapacity(maxM)
        for m in 1...maxM { fits.append(try model.fit(m)) }
        // σ̂²(M) = χ²ₚₛ(M)/(E − P(M)): per-equation residual variance corrected for the P(M) fitted coefficients.
        let variance = fits.map { f in
            f.pseudoChiSquare / Double(max(1, equations - model.coefficientCount(f.tau.count)))
        }
        // Lowest σ̂² of all larger M (suffix minimum).
        var laterBest = [Double](repeating: .infinity, count: maxM + 1)
        for m in stride(from: maxM - 1, through: 1, by: -1) { laterBest[m] = min(laterBest[m + 1], variance[m]) }
        func onPlateau(_ m: Int) -> Bool {
            variance[m - 1] <= floorVariance || variance[m - 1] <= s.plateauFactor * laterBest[m]
        }
        var plateau = maxM
        for m in 1...maxM where onPlateau(m) {
            plateau = m
            break
        }
        func fitted(_ m: Int) -> LinKKFit { fits[m - 1] }
        var chosen = plateau
        var how = "M = \(plateau) at the χ² plateau; μ stayed ≥ \(shortNumber(s.muCriterion)) up to M = \(maxM)"
        // The chosen M must itself be on the plateau: χ²ₚₛ(M) can alternate between odd and even M (seen for a
        // single ideal RC), and a μ drop at an M off the plateau would leave systematic residuals.
        for m in plateau...maxM where onPlateau(m) {
            if fitted(m).mu < s.muCriterion {
                chosen = m
                how = m == plateau
                    ? "M = \(m): χ² plateau reached and μ < \(shortNumber(s.muCriterion))"
                    : "M = \(m): first μ < \(shortNumber(s.muCriterion)) after the χ² plateau at M = \(plateau)"
                break
            }
        }
        let trials = fits.enumerated().map { k, f in
            KramersKronigTrial(elementCount: k + 1, mu: f.mu, pseudoChiSquare: f.pseudoChiSquare)
        }
        return (fitted(chosen), how, trials)
    }
}
