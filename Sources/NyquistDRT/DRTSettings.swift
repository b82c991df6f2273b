import NyquistFit

/// How a distribution of relaxation times is computed (see docs/drt.md).
///
/// The model is Z(ω) = R∞ + jωL + ∫ γ(ln τ)/(1 + jωτ) d ln τ, with γ piecewise linear on a log-τ grid; γ is found by
/// non-negative Tikhonov-regularised least squares, min ‖W(Z − Ẑ)‖²/s_w² + λ‖D⁽ᵈ⁾γ‖²/R_ref², γ ≥ 0.
public struct DRTSettings: Sendable, Codable, Hashable {
    /// How the regularisation parameter λ (dimensionless, see docs/drt.md) is chosen.
    public enum Lambda: Sendable, Codable, Hashable {
        /// Robust generalised cross-validation (Lukas 2006): [ξ + (1 − ξ)·tr(H²)/n]·GCV with ξ = 0.1; the default
        /// (plain GCV under-smooths, docs/drt.md "Choosing λ").
        case robustGCV
        /// Generalised cross-validation, n·RSS/(n − tr H)², tr H of the unconstrained ridge fit.
        case gcv
        /// Re–Im cross-validation (Saccoccio et al. 2014): fit Z′, predict Z″, and the reverse.
        case reImCrossValidation
        /// A user-given λ > 0.
        case fixed(Double)
    }

    /// Which part of the impedance is fitted.
    public enum Part: String, Sendable, Codable, Hashable {
        case both, real, imaginary
    }

    /// The λ criterion; default robust GCV.
    public var lambda: Lambda = .robustGCV
    /// The fitted part; default both Z′ and Z″.
    public var part: Part = .both
    /// Order of the derivative penalised by Tikhonov regularisation: 1 or 2.
    public var derivativeOrder: Int = 2
    /// Fit a series inductance L ≥ 0 (H).
    public var includeInductance: Bool = true
    /// Fit a series resistance R∞ ≥ 0 (Ω).
    public var includeRInf: Bool = true
    /// Grid density on ln τ (points per decade of τ); the grid spans 1/(2π f) over the data, extended ½ decade
    /// at short τ and 1 decade at long τ.
    public var gridPointsPerDecade: Int = 10
    /// Residual-bootstrap samples for the peak uncertainties (0 turns the bootstrap off).
    public var bootstrapSamples: Int = 50
    /// Residual weighting, as in the fitter (`boukamp` and `estimated` fall back to `modulus`, with a warning).
    public var weighting: Weighting = .modulus
    /// Seed of the bootstrap's generator (results are reproducible).
    public var seed: UInt64 = 1
    /// Frequency window in Hz (inclusive); points outside are left out.
    public var fmin: Double? = nil
    public var fmax: Double? = nil

    public init(
        lambda: Lambda = .robustGCV, part: Part = .both, derivativeOrder: Int = 2, includeInductance: Bool = true,
        includeRInf: Bool = true, gridPointsPerDecade: Int = 10, bootstrapSamples: Int = 50,
        weighting: Weighting = .modulus, seed: UInt64 = 1, fmin: Double? = nil, fmax: Double? = nil
    ) {
        self.lambda = lambda
        self.part = part
        self.derivativeOrder = derivativeOrder
        self.includeInductance = includeInductance
        self.includeRInf = includeRInf
        self.gridPointsPerDecade = gridPointsPerDecade
        self.bootstrapSamples = bootstrapSamples
        self.weighting = weighting
        self.seed = seed
        self.fmin = fmin
        self.fmax = fmax
    }
}
