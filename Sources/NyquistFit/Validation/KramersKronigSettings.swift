/// Which immittance the lin-KK model is fitted to.
public enum KramersKronigRepresentation: String, Sendable, Codable, Hashable, CaseIterable {
    /// Z(ω) = R₀ [+ jωL] [+ 1/(jωC)] + Σₖ Rₖ/(1 + jωτₖ): M Voigt (RC) elements in series (Schönleber 2014).
    case impedance
    /// Y(ω) = 1/Z = G₀ [+ jωC₀] [+ 1/(jωL₀)] + Σₖ Gₖ·jωτₖ/(1 + jωτₖ): M series-RC branches in parallel, for spectra
    /// whose impedance grows without bound at low frequency (a capacitive tail, blocking electrodes).
    case admittance
    /// Both; the one with the lower pseudo-χ² at its chosen M is reported.
    case auto
}

/// Which parts of the data the linear fit uses.
public enum KramersKronigFitType: String, Sendable, Codable, Hashable, CaseIterable {
    /// Real and imaginary parts together (2N equations). The default: the most robust choice (impedance.py's
    /// real-only default stops at too few elements; see `docs/validation-and-plots.md`).
    case complex
    /// Real parts only (Schönleber's "real" test); the inductance / capacitance extras are then fitted to the
    /// imaginary residual in a second step, the imaginary part is a prediction.
    case real
    /// Imaginary parts only; the constant (R₀ or G₀) is then the modulus-weighted mean of the real residual.
    case imaginary
}

/// Settings of ``KramersKronig/test(_:settings:)``. Defaults follow Schönleber et al. (2014) with the guard described
/// on ``KramersKronig``.
public struct KramersKronigSettings: Sendable, Codable, Hashable {
    public var representation: KramersKronigRepresentation = .impedance
    public var fitType: KramersKronigFitType = .complex
    /// Add a series inductance L in H (impedance) or a parallel capacitance C₀ in F (admittance): a term jω·x.
    public var includeOmegaTerm = true
    /// Add a series capacitance C in F (impedance; fitted as 1/C) or a parallel inductance L₀ in H (admittance;
    /// fitted as 1/L₀): a term x/(jω). Turn on for a capacitive tail in the impedance representation.
    public var includeInverseOmegaTerm = false
    /// Extend the τ range by this many decades at both ends (log F_ext of pyimpspec), in [0, 5]. The default 0.5
    /// lets the elements follow a diffusion (ω^−½) tail that continues below the lowest frequency.
    public var tauExtensionDecades: Double = 0.5
    /// μ threshold c of Schönleber's criterion, 0 < c < 1 (0.85 in the paper).
    public var muCriterion: Double = 0.85
    /// Use exactly this many RC elements (no automatic choice); nil = automatic.
    public var elementCount: Int?
    /// Largest M tried by the automatic choice; nil = min(N, 60) (and never more than the equations allow).
    public var maximumElementCount: Int?
    /// χ² plateau guard: M is not accepted while some larger M still lowers the dof-corrected residual variance
    /// σ̂² = χ²ₚₛ/(E − P) by more than this factor (≥ 1).
    public var plateauFactor: Double = 1.25
    /// A fit this good counts as levelled off whatever larger M give: σ̂ ≤ this (relative).
    public var plateauNoiseFloor: Double = 1e-5
    /// Pass requires the estimated noise √(χ²ₚₛ/(2N)) ≤ this (relative; 0.01 = 1 %).
    public var maximumNoise: Double = 0.01
    /// Pass requires every |relative residual| ≤ max(``outlierFactor`` · noise estimate, ``residualFloor``).
    public var outlierFactor: Double = 4.5
    /// Residuals this small never fail the outlier test (relative; 0.002 = 0.2 %).
    public var residualFloor: Double = 0.002
    /// Pass requires the lag-1 autocorrelation of the residuals (in frequency order, real and imaginary parts
    /// each) ≤ this: systematic (smooth) residuals mean the model could not follow the data.
    public var maximumAutocorrelation: Double = 0.3
    /// The autocorrelation test applies only when the noise estimate exceeds this (relative; 0.0025 = 0.25 %):
    /// smooth residuals smaller than typical instrument accuracy are not held against a spectrum.
    public var systematicFloor: Double = 0.0025

    public init() {}
}
