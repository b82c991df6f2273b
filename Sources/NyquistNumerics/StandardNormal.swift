import CGSL

/// The standard normal distribution N(0, 1).
public enum StandardNormal {
    /// Φ(z) = P(Z ≤ z) (GSL `gsl_cdf_ugaussian_P`).
    public static func cdf(_ z: Double) -> Double {
        ensureGSLErrorHandlerOff()
        return gsl_cdf_ugaussian_P(z)
    }

    /// Φ⁻¹(p), the z with P(Z ≤ z) = p (GSL `gsl_cdf_ugaussian_Pinv`); nil for p outside (0, 1).
    public static func quantile(_ p: Double) -> Double? {
        ensureGSLErrorHandlerOff()
        guard p > 0, p < 1 else { return nil }
        let z = gsl_cdf_ugaussian_Pinv(p)
        return z.isFinite ? z : nil
    }
}
