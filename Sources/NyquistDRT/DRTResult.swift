/// One peak of a distribution of relaxation times.
public struct DRTPeak: Sendable, Codable, Hashable {
    /// Peak position τ, in s (parabolic interpolation of ln γ around the grid maximum).
    public var tau: Double
    /// 1/(2π τ), in Hz.
    public var frequency: Double
    /// ∫ γ d ln τ between the neighbouring minima of γ (or the grid ends), in Ω.
    public var resistance: Double
    /// 95 % interval of τ (s) from the residual bootstrap; `nil` without bootstrap.
    public var tauInterval: ClosedRange<Double>?
    /// Standard error of ``resistance`` (Ω) from the residual bootstrap; `nil` without bootstrap.
    public var resistanceStdError: Double?

    public init(
        tau: Double, frequency: Double, resistance: Double, tauInterval: ClosedRange<Double>? = nil,
        resistanceStdError: Double? = nil
    ) {
        self.tau = tau
        self.frequency = frequency
        self.resistance = resistance
        self.tauInterval = tauInterval
        self.resistanceStdError = resistanceStdError
    }
}

/// One point of the λ search: the criterion's value and the weighted residual norm at that λ.
public struct LambdaCurvePoint: Sendable, Codable, Hashable {
    /// λ (dimensionless).
    public var lambda: Double
    /// The criterion (GCV score or Re–Im cross-validation error; smaller is better); for a fixed λ, the residual.
    public var criterion: Double
    /// ‖W(Z − Ẑ)‖/s_w at this λ: the relative weighted residual norm (dimensionless).
    public var residualNorm: Double

    public init(lambda: Double, criterion: Double, residualNorm: Double) {
        self.lambda = lambda
        self.criterion = criterion
        self.residualNorm = residualNorm
    }
}

/// The residual Z − Ẑ at one frequency, in Ω.
public struct DRTResidual: Sendable, Codable, Hashable {
    /// Hz.
    public var frequency: Double
    /// Z′ − Ẑ′, Ω.
    public var real: Double
    /// Z″ − Ẑ″, Ω.
    public var imaginary: Double

    public init(frequency: Double, real: Double, imaginary: Double) {
        self.frequency = frequency
        self.real = real
        self.imaginary = imaginary
    }
}

/// A distribution of relaxation times: γ on its grid, the series terms, peaks and the regularisation used.
public struct DRTResult: Sendable, Codable, Hashable {
    /// The τ grid, in s, increasing (log-spaced).
    public var tau: [Double]
    /// γ(ln τ) at the grid points, in Ω (≥ 0); γ is linear in ln τ between grid points, so R = ∫ γ d ln τ.
    public var gamma: [Double]
    /// The λ used (dimensionless).
    public var lambda: Double
    /// How λ was chosen: "gcv", "re-im-cv" or "fixed".
    public var lambdaCriterion: String
    /// The λ search (sorted by λ); a single point for a fixed λ.
    public var lambdaCurve: [LambdaCurvePoint]
    /// R∞, Ω (0 when not fitted).
    public var rInf: Double
    /// L, H (0 when not fitted).
    public var inductance: Double
    /// The peaks of γ, by increasing τ.
    public var peaks: [DRTPeak]
    /// Z − Ẑ at the fitted frequencies (after the window and pre-treatment), Ω.
    public var residuals: [DRTResidual]
    /// ‖W(Z − Ẑ)‖/s_w, the relative weighted residual norm (dimensionless).
    public var residualNorm: Double
    /// Largest KKT violation of the final NNLS solve (relative to its tolerance it is ≤ 1 when exact).
    public var kktViolation: Double
    /// Pre-treatment and fall-back notes (dropped points, weighting fall-back, λ at the end of its range, …).
    public var warnings: [String]

    public init(
        tau: [Double], gamma: [Double], lambda: Double, lambdaCriterion: String, lambdaCurve: [LambdaCurvePoint],
        rInf: Double, inductance: Double, peaks: [DRTPeak], residuals: [DRTResidual], residualNorm: Double,
        kktViolation: Double, warnings: [String]
    ) {
        self.tau = tau
        self.gamma = gamma
        self.lambda = lambda
        self.lambdaCriterion = lambdaCriterion
        self.lambdaCurve = lambdaCurve
        self.rInf = rInf
        self.inductance = inductance
        self.peaks = peaks
        self.residuals = residuals
        self.residualNorm = residualNorm
        self.kktViolation = kktViolation
        self.warnings = warnings
    }

    /// The total polarisation resistance ∫ γ d ln τ over the grid, Ω (trapezoid rule, exact for piecewise-linear γ).
    public var polarizationResistance: Double {
        DRTPeakFinder.integrate(gamma: gamma, tau: tau, from: 0, to: gamma.count - 1)
    }
}
