import NyquistCircuit
import NyquistNumerics

/// One fitted parameter in physical units.
public struct FittedParameter: Sendable, Codable, Hashable {
    public var name: String
    public var unit: String
    public var value: Double
    /// Standard error (1σ) from the covariance s²(JᵀWJ)⁻¹; nil when it cannot be estimated (fixed, on a bound,
    /// or not identifiable).
    public var standardError: Double?
    /// 95 % confidence interval value ± t₀.₉₇₅(ν)·SE (Student's t with ν = 2m − P degrees of freedom).
    public var lower95: Double?
    public var upper95: Double?
    public var fixed: Bool
    /// The bound the value ended on, if any (its uncertainty is then not meaningful).
    public var atBound: BoundHit?
    /// Why the data do not determine this value, if they do not: ``FitWarning/Code/parameterAtBound``,
    /// `parameterCollapsed`, `parameterUnbounded` or `parameterUndetermined` (the matching warning says more).
    public var flag: FitWarning.Code? = nil
}

/// Goodness-of-fit measures side by side, so a result can be cross-checked against other programs.
///
/// With residuals fᵢ (2m of them, weighted as chosen), data Zᵢ, model Ẑᵢ, P free parameters, N = 2m:
/// - `chiSquare` = Σ f² (the minimised objective, in the chosen weighting);
/// - `reducedChiSquare` = χ²/(N − P);
/// - `chiSquareOverModulus` = Σᵢ |Zᵢ − Ẑᵢ|²/|Zᵢ|² — our reading of EC-Lab's "χ²/|Z|" (modulus-weighted χ²,
///   dimensionless, independent of the weighting used for the fit; the exact EC-Lab formula is not published);
/// - `pseudoChiSquare` = Σᵢ [(Z′ᵢ − Ẑ′ᵢ)² + (Z″ᵢ − Ẑ″ᵢ)²]/|Ẑᵢ|² (Boukamp 1995, model modulus);
/// - `aic` = N ln(χ²/N) + 2P and `bic` = N ln(χ²/N) + P ln N (the Gaussian-likelihood forms lmfit and pyimpspec use);
/// - `noiseLevel` and `noiseRatio`: how far the fit is above the noise of the data (see ``NoiseGauge``).
public struct GoodnessOfFit: Sendable, Codable, Hashable {
    public var chiSquare: Double
    /// nil when there are no degrees of freedom.
    public var reducedChiSquare: Double?
    public var chiSquareOverModulus: Double
    public var pseudoChiSquare: Double
    public var aic: Double
    public var bic: Double
    public var residualCount: Int
    public var degreesOfFreedom: Int
    /// σ_ref, the relative noise the data show (dimensionless, 0.005 = 0.5 % of |Z|): lin-KK's dof-corrected
    /// residual standard deviation, floored at 0.1 %. nil when not needed (the fit is within √10 × 0.1 % of the data),
    /// with `sigma` weighting (σ is given), or when lin-KK cannot run.
    public var noiseLevel: Double? = nil
    /// (χ²/|Z| / ν) / σ_ref², or χ²/ν with `sigma` weighting: about 1 for a fit at the noise; above
    /// ``NoiseGauge/ratioLimit`` the fit is flagged ``FitWarning/Code/fitAboveNoise``. nil when not computed.
    public var noiseRatio: Double? = nil
}

/// Relative residuals of one point: (Z′ − Ẑ′)/|Z| and (Z″ − Ẑ″)/|Z|.
public struct PointResidual: Sendable, Codable, Hashable {
    public var frequency: Double
    public var real: Double
    public var imaginary: Double
}

/// The verdict on a fit, for people and exit codes.
public enum FitAssessment: String, Sendable, Codable, Hashable, CaseIterable {
    /// The optimiser converged and χ² is within what the noise of the data allows.
    case converged
    /// The optimiser stopped without meeting a convergence test.
    case notConverged = "not-converged"
    /// The optimiser converged, but χ² is far above the noise (``GoodnessOfFit/noiseRatio`` over
    /// ``NoiseGauge/ratioLimit``): the minimum may be local or the model may not describe the data.
    case aboveNoise = "above-noise"
}

/// How the optimisation went.
public struct Convergence: Sendable, Codable, Hashable {
    public var converged: Bool
    /// Why it stopped, in words (`small step (xtol)`, `χ²/|Z| ≤ 0.01 (EC-Lab rule)`, `iteration limit`, …).
    public var reason: String
    public var method: FitMethod
    public var iterations: Int
    public var functionEvaluations: Int
    public var jacobianEvaluations: Int
    /// Wall-clock time of the whole fit in s.
    public var seconds: Double
    /// For the global method: samples drawn, starts refined, and how many of those reached the best χ² (within
    /// ``FitSettings/basinTolerance``). A low count warns that the minimum may not be unique.
    public var randomSamples: Int?
    public var refinedStarts: Int?
    public var startsReachingBest: Int?
    /// Converged, not converged, or converged far above the noise.
    public var assessment: FitAssessment = .converged
}

/// The complete, self-describing result of one fit.
public struct FitResult: Sendable, Codable, Hashable {
    public var circuit: String
    public var parameters: [FittedParameter]
    /// Correlation matrix of the free parameters (row-major over `correlationNames`); nil when not estimable,
    /// nil entries for parameters on a bound or not identifiable.
    public var correlationNames: [String]
    public var correlation: [Double?]?
    public var goodness: GoodnessOfFit
    public var residuals: [PointResidual]
    public var convergence: Convergence
    public var warnings: [FitWarning]
    public var settings: FitSettings
    /// Points used and the frequency range they span (Hz).
    public var pointCount: Int
    public var frequencyRange: ClosedRange<Double>

    /// The fitted value of `name`, or nil.
    public func value(_ name: String) -> Double? { parameters.first { $0.name == name }?.value }
    public func parameter(_ name: String) -> FittedParameter? { parameters.first { $0.name == name } }
}
