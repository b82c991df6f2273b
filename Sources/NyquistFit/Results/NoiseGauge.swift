import NyquistIO

/// What χ² the data allow, and how far a fit is above it.
///
/// The fit's residual variance is measured in the modulus metric whatever the weighting, s²_fit = χ²/|Z| / ν
/// (χ²/|Z| = Σ|Zᵢ − Ẑᵢ|²/|Zᵢ|², ν = 2m − P). The reference is lin-KK on the same points (``KramersKronig``, same
/// 1/|Z|² weighting, impedance representation with R₀, L and C terms and a fixed M = ⌊m/2⌋ RC elements — one linear
/// solve instead of the automatic search): σ²_KK = χ²ₚₛ/(2m − P_KK), P_KK = M + 3. lin-KK follows any KK-consistent
/// spectrum to within its noise, so σ_KK estimates the noise itself (0.82–1.07 × the true level on 80 seeded
/// spectra: 4 circuits, 0.1–1 % noise, 5–20 points per decade). It is floored at
/// ``noiseFloor`` = 0.1 % (about the accuracy of a good potentiostat): smoother data are not held to a tighter
/// standard. The ratio r = s²_fit / max(σ_KK, 0.1 %)² is about 1 for a fit at the noise; r > ``ratioLimit`` = 10
/// (an RMS residual over √10 ≈ 3.2 × the noise) is "far above the noise".
///
/// With `sigma` weighting the noise is given: r = χ²/ν directly.
///
/// Cheap on good fits: lin-KK is not run (``GoodnessOfFit/noiseLevel`` and `noiseRatio` are then nil) when
/// s²_fit ≤ 10 × (0.1 %)² (r cannot exceed the limit whatever lin-KK says), or when the fit's own relative residuals
/// look like noise: their lag-1 autocorrelation (``KramersKronig/lagOneAutocorrelation(frequencies:real:imaginary:)``)
/// is ≤ ``whiteResiduals`` = 0.3. A fit 10 × above the noise has residuals that are at least 90 % systematic, and a
/// systematic misfit is smooth in frequency. Otherwise lin-KK runs at most once per fit.
public struct NoiseGauge: Sendable {
    /// r above this is "far above the noise".
    public static let ratioLimit = 10.0
    /// The smallest relative noise σ_ref assumed (0.1 % of |Z|).
    public static let noiseFloor = 1e-3
    /// Residuals whose lag-1 autocorrelation is at most this count as noise (no lin-KK needed).
    public static let whiteResiduals = 0.3

    let problem: FitProblem
    private var computed = false
    private var kramersKronigLevel: Double?

    init(_ problem: FitProblem) { self.problem = problem }

    /// The verdict on one parameter vector whose weighted χ² is `chiSquare`: σ_ref (nil with `sigma` weighting) and
    /// r, or nil when not needed or not computable.
    mutating func measure(_ physical: [Double], chiSquare: Double) -> (level: Double?, ratio: Double)? {
        if problem.settings.weighting == .sigma { return measure(chiSquare: chiSquare, modulusChiSquare: 0, residuals: []) }
        let z = problem.plan.impedance(problem.grid, parameters: physical)
        var s = 0.0
        var residuals: [PointResidual] = []
        residuals.reserveCapacity(z.count)
        for (k, (d, m)) in zip(problem.data, z).enumerated() {
            s += (d - m).lengthSquared / d.lengthSquared
            residuals.append(PointResidual(frequency: problem.grid.frequencies[k], real: (d.real - m.real) / d.length,
                                           imaginary: (d.imaginary - m.imaginary) / d.length))
        }
        return measure(chiSquare: chiSquare, modulusChiSquare: s, residuals: residuals)
    }

    /// The same from a fit's weighted χ², χ²/|Z| and relative residuals (Z − Ẑ)/|Z| (as ``Report`` has them).
    mutating func measure(chiSquare: Double, modulusChiSquare: Double, residuals: [PointResidual])
        -> (level: Double?, ratio: Double)?
    {
        let dof = problem.residualCount - problem.freeCount
        guard dof > 0 else { return nil }
        if problem.settings.weighting == .sigma {
            return chiSquare.isFinite ? (nil, chiSquare / Double(dof)) : nil
        }
        let variance = modulusChiSquare / Double(dof)
        let floor2 = Self.noiseFloor * Self.noiseFloor
        guard variance.isFinite, variance > Self.ratioLimit * floor2 else { return nil }
        let rho = KramersKronig.lagOneAutocorrelation(frequencies: residuals.map { $0.frequency }, real: residuals.map { $0.real },
                                                      imaginary: residuals.map { $0.imaginary })
        guard !(rho <= Self.whiteResiduals) else { return nil }
        guard let kk = reference() else { return nil }
        let level = max(kk, Self.noiseFloor)
        return (level, variance / (level * level))
    }

    /// Whether `physical` fits far above the noise.
    mutating func isAbove(_ physical: [Double], chiSquare: Double) -> Bool {
        guard let r = measure(physical, chiSquare: chiSquare)?.ratio else { return false }
        return r > Self.ratioLimit
    }

    /// σ_KK of the fitted points, computed once; nil when lin-KK cannot run (too few points, …).
    mutating func reference() -> Double? {
        if computed { return kramersKronigLevel }
        computed = true
        let n = problem.pointCount
        var settings = KramersKronigSettings()
        settings.elementCount = max(n / 2, 1)
        settings.includeInverseOmegaTerm = true
        guard let kk = try? KramersKronig.test(problem.spectrumInWindow, settings: settings) else { return nil }
        let p = kk.elementCount + 1 + (kk.omegaTerm == nil ? 0 : 1) + (kk.inverseOmegaTerm == nil ? 0 : 1)
        let e = 2 * n - p
        guard e > 0, kk.pseudoChiSquare.isFinite else { return nil }
        kramersKronigLevel = (kk.pseudoChiSquare / Double(e)).squareRoot()
        return kramersKronigLevel
    }
}
