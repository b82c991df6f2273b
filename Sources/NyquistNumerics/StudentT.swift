import CGSL

/// Student's t distribution.
public enum StudentT {
    /// The quantile t with P(T ≤ t) = `probability` for ν = `degreesOfFreedom` (GSL `gsl_cdf_tdist_Pinv`);
    /// t₀.₉₇₅(ν) is the half-width factor of a two-sided 95 % confidence interval. Returns nil for ν ≤ 0 or a
    /// probability outside (0, 1).
    public static func quantile(_ probability: Double, degreesOfFreedom nu: Double) -> Double? {
        ensureGSLErrorHandlerOff()
        guard nu > 0, probability > 0, probability < 1 else { return nil }
        let t = gsl_cdf_tdist_Pinv(probability, nu)
        return t.isFinite ? t : nil
    }
}
