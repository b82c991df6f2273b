import NyquistNumerics

/// How residuals are weighted. Residuals are rᵢ = wᵢ′(Z′ᵢ − Ẑ′ᵢ) and wᵢ″(Z″ᵢ − Ẑ″ᵢ), stacked; χ² = Σ r².
public enum Weighting: String, Sendable, Codable, Hashable, CaseIterable {
    /// w = 1.
    case unit
    /// w = 1/|Zᵢ| (weight 1/|Z|² on the squares), data modulus — the default of commercial tools.
    case modulus
    /// w′ = 1/|Z′ᵢ|, w″ = 1/|Z″ᵢ| (each floored at 10⁻³·|Zᵢ| so a zero crossing cannot take all the weight).
    case proportional
    /// w = 1/|Ẑᵢ|, the model's modulus (Boukamp); its Jacobian includes the derivative of the weight.
    case boukamp
    /// w = 1/σᵢ from the data's per-point standard deviations (covariance not rescaled by reduced χ²).
    case sigma
    /// w = 1/σᵢ with σᵢ² = α² + β²|Zᵢ|² (``NoiseModel``) estimated from the data: a first fit with `modulus`
    /// weights, (α, β) by maximum likelihood from its residuals, then a Levenberg–Marquardt refit with these weights
    /// from the first fit's values. Uncertainties are then those of this noise model (s² = χ²/ν, ≈ 1).
    case estimated
}

/// Which optimiser runs.
public enum FitMethod: String, Sendable, Codable, Hashable, CaseIterable {
    /// Levenberg–Marquardt from one start (the smart guess unless values are given).
    case lm
    /// EC-Lab's Randomize + Simplex: seeded log-uniform samples, Nelder–Mead on the best, LM polish.
    case randomizeSimplex = "randomize-simplex"
    /// LM from the start first; the global method when that does not converge or fits badly.
    case auto
}

/// The frequency window of a fit: points outside are left out (the LiCoO2 paper fits "within selected ranges").
public struct FrequencyWindow: Sendable, Codable, Hashable {
    /// Lowest and highest frequency kept, in Hz (inclusive).
    public var minimumFrequency: Double?
    public var maximumFrequency: Double?
    /// 0-based point range kept (in file order), applied before the frequency limits.
    public var points: ClosedRange<Int>?

    public init(minimumFrequency: Double? = nil, maximumFrequency: Double? = nil, points: ClosedRange<Int>? = nil) {
        self.minimumFrequency = minimumFrequency
        self.maximumFrequency = maximumFrequency
        self.points = points
    }
}

/// Everything that decides a fit's outcome besides data and circuit. Two fits with equal settings, data and start
/// give identical results on any number of threads.
public struct FitSettings: Sendable, Codable, Hashable {
    public var weighting: Weighting = .modulus
    public var method: FitMethod = .auto
    public var window = FrequencyWindow()
    /// Randomize: number of log-uniform samples.
    public var randomStarts: Int = 200
    /// Randomize: how many of the best samples (plus the smart guess) the simplex refines.
    public var refinedStarts: Int = 10
    /// The most random samples and refined starts the CLI accepts (`--starts`, `--random-starts`, `--refine`):
    /// about 20 s and 20 min of work on the papers' circuit, far beyond any use, and no allocation that can fail.
    public static let maximumRandomStarts = 1_000_000
    public static let maximumRefinedStarts = 10_000
    /// Nelder–Mead iteration limit per refined start (GSL nmsimplex2).
    public var simplexIterations: Int = 150
    public var seed: UInt64 = 1
    /// Levenberg–Marquardt iteration limit and GSL convergence tolerances (`gsl_multifit_nlinear_test`).
    public var maxIterations: Int = 500
    public var xtol: Double = 1e-8
    public var gtol: Double = 1e-8
    public var ftol: Double = 1e-12
    /// Use geodesic acceleration (`gsl_multifit_nlinear_trs_lmaccel`).
    public var geodesicAcceleration = false
    /// Use GSL's Cholesky solver for the trust-region subproblem (the legacy `--cholesky` flag).
    public var cholesky = false
    /// Linear solver of the trust-region subproblem, overriding `cholesky` when set (`--solver`); nil means
    /// ``defaultLinearSolver``. A local fit by a solver other than GSL's QR that fails, ends ill-conditioned or crawls is
    /// redone with GSL's QR (see `Fitter`).
    public var solver: LevenbergMarquardtSettings.LinearSolver?
    /// The solver when neither `solver` nor `cholesky` is set: Nyquist's thin QR (`.thinQR`), equal to GSL's QR
    /// to 1e-8 on the benchmark sets (`LinearSolverEquivalenceTests`).
    public static let defaultLinearSolver = LevenbergMarquardtSettings.LinearSolver.thinQR
    /// The solver a fit uses: `solver`, else `.cholesky` when `cholesky` is set, else ``defaultLinearSolver``.
    public var effectiveSolver: LevenbergMarquardtSettings.LinearSolver {
        solver ?? (cholesky ? .cholesky : Self.defaultLinearSolver)
    }
    /// EC-Lab's stop rule: end the fit once χ²/|Z| (see ``GoodnessOfFit/chiSquareOverModulus``) is ≤ this.
    public var stopAtChiSquareOverModulus: Double?
    /// Sort interchangeable series arcs by time constant so that R2‖Q2 is always the faster arc (τ2 < τ3).
    public var orderArcs = true
    /// Refine the global starts on all cores (results are identical either way: each start depends only on itself).
    public var parallelStarts = true
    /// Relative χ² tolerance within which a start counts as having reached the best minimum.
    public var basinTolerance: Double = 1e-6
    /// The noise model of `estimated` weighting: nil in the settings one asks for; set by the fitter in the settings
    /// of the result (and of its refit) to the model it estimated.
    public var noiseModel: NoiseModel?

    public init() {}
}
