import Foundation
import NyquistFit
import NyquistIO
import NyquistNumerics

/// Distribution of relaxation times: one library call per spectrum (see docs/drt.md).
public enum DRT {
    /// The fewest points a DRT is computed from (after the window and pre-treatment).
    public static let minimumPoints = 8
    /// The most τ grid points allowed (the normal equations are n×n).
    public static let maximumGridPoints = 1000

    /// Computes the DRT of `spectrum`: γ ≥ 0 on a log-τ grid by exact non-negative Tikhonov least squares
    /// (Lawson–Hanson, ``NonNegativeLeastSquares``), λ by GCV or Re–Im cross-validation (or fixed), peaks with
    /// residual-bootstrap uncertainties.
    ///
    /// - Throws: ``DRTError`` for non-finite or non-positive input (naming the point), too few points, bad settings.
    public static func analyze(_ spectrum: Spectrum, settings: DRTSettings = .init()) throws(DRTError) -> DRTResult {
        try analyze(spectrum, settings: settings, criterion: LambdaCriterion(settings.lambda))
    }

    /// ``analyze(_:settings:)`` with the λ criterion given directly (the criteria evaluation runs parameters the
    /// settings do not offer).
    static func analyze(
        _ spectrum: Spectrum, settings: DRTSettings, criterion: LambdaCriterion
    ) throws(DRTError) -> DRTResult {
        try validate(settings)
        var warnings: [String] = []
        let data = try prepare(spectrum, settings: settings, warnings: &warnings)
        if let lo = data.frequencies.min(), let hi = data.frequencies.max() {
            let decades = log10(hi / lo) + 1 + DRTProblem.shortExtension
            let points = decades * Double(settings.gridPointsPerDecade)
            guard points <= Double(maximumGridPoints) else {
                throw .invalidSetting(
                    name: "gridPointsPerDecade",
                    reason: "the data span \(log10(hi / lo)) decades: \(String(format: "%.0f", points)) grid points exceed "
                        + "\(maximumGridPoints); lower the density or narrow the window (fmin/fmax)")
            }
        }
        let problem = DRTProblem(
            frequencies: data.frequencies, impedances: data.impedances, weightsRe: data.weightsRe,
            weightsIm: data.weightsIm, settings: settings)
        let selector = LambdaSelector(problem: problem, part: settings.part, needsTraces: criterion.needsTraces)
        let selection: LambdaSelection
        do {
            selection = try selector.select(criterion)
        } catch {
            throw .numerical(error.description)
        }
        if selection.atRangeEnd {
            warnings.append("λ = \(selection.lambda) is at the end of the searched range; the criterion has no interior minimum")
        }
        if !selection.solution.satisfiesKKT {
            warnings.append("NNLS stopped with KKT violation \(selection.solution.kktViolation) > tolerance \(selection.solution.tolerance)")
        }
        let x = selection.solution.coefficients
        let r = problem.referenceResistance
        let gamma = (0..<problem.gridCount).map { max(x[$0], 0) * r }
        let tau = problem.lnTau.map { exp($0) }
        var rInf = problem.rInfColumn.map { x[$0] * r } ?? 0
        var inductance = problem.inductanceColumn.map { x[$0] * r / problem.omegaMax } ?? 0
        // A part fitted alone cannot see R∞ (imaginary) or L (real): estimate it afterwards from the other part.
        if settings.part == .imaginary, problem.rInfColumn != nil { rInf = problem.seriesResistance(x) * r }
        if settings.part == .real, problem.inductanceColumn != nil {
            inductance = problem.seriesInductance(x) * r / problem.omegaMax
        }
        var full = x
        if let c = problem.rInfColumn { full[c] = rInf / r }
        if let c = problem.inductanceColumn { full[c] = inductance * problem.omegaMax / r }
        let residuals = (0..<problem.m).map { i -> DRTResidual in
            let z = problem.model(full, at: i)
            return DRTResidual(
                frequency: problem.frequencies[i], real: (problem.zRe[i] - z.re) * r, imaginary: (problem.zIm[i] - z.im) * r)
        }
        let rows = Double(problem.rowCount(settings.part))
        let residualNorm = (problem.weightedResidualSquares(x, part: settings.part) / rows).squareRoot()
        var peaks = DRTPeakFinder.peaks(gamma: gamma, lnTau: problem.lnTau)
        for p in peaks where p.gridIndex == 0 || p.gridIndex == problem.gridCount - 1 {
            warnings.append("a peak sits at the end of the τ grid (τ = \(p.peak.tau) s): the data do not close this "
                            + "relaxation (e.g. a capacitive blocking tail); its resistance is not reliable")
        }
        if settings.bootstrapSamples > 0, !peaks.isEmpty {
            let bootstrap = DRTBootstrap(problem: problem, part: settings.part, lambda: selection.lambda, fit: x)
            peaks = bootstrap.attachUncertainties(to: peaks, samples: settings.bootstrapSamples, seed: settings.seed)
        }
        return DRTResult(
            tau: tau, gamma: gamma, lambda: selection.lambda, lambdaCriterion: selection.criterionName,
            lambdaCurve: selection.curve, rInf: rInf, inductance: inductance, peaks: peaks.map(\.peak),
            residuals: residuals, residualNorm: residualNorm, kktViolation: selection.solution.kktViolation,
            warnings: warnings)
    }

    static func validate(_ settings: DRTSettings) throws(DRTError) {
        guard settings.derivativeOrder == 1 || settings.derivativeOrder == 2 else {
            throw .invalidSetting(name: "derivativeOrder", reason: "\(settings.derivativeOrder) is not 1 or 2")
        }
        guard (2...100).contains(settings.gridPointsPerDecade) else {
            throw .invalidSetting(name: "gridPointsPerDecade", reason: "\(settings.gridPointsPerDecade) is not in 2…100")
        }
        guard (0...10_000).contains(settings.bootstrapSamples) else {
            throw .invalidSetting(name: "bootstrapSamples", reason: "\(settings.bootstrapSamples) is not in 0…10000")
        }
        if case .fixed(let lambda) = settings.lambda, !(lambda > 0 && lambda.isFinite) {
            throw .invalidSetting(name: "lambda", reason: "\(lambda) is not a finite positive number")
        }
        for (name, value) in [("fmin", settings.fmin), ("fmax", settings.fmax)] {
            if let value, !(value > 0 && value.isFinite) {
                throw .invalidSetting(name: name, reason: "\(value) Hz is not a finite positive frequency")
            }
        }
        if let lo = settings.fmin, let hi = settings.fmax, lo >= hi {
            throw .invalidSetting(name: "fmin", reason: "fmin \(lo) Hz is not below fmax \(hi) Hz")
        }
    }
}
