extension DRTProblem {
    /// The R∞ coefficient (scaled, ≥ 0) that best fits Z′ given the other coefficients of x: the weighted mean of
    /// the real residual, Σw̃²r/Σw̃² (used when Z″ alone was fitted, which cannot see R∞).
    func seriesResistance(_ x: [Double]) -> Double {
        var y = x
        if let c = rInfColumn { y[c] = 0 }
        var numerator = 0.0, denominator = 0.0
        for i in 0..<m {
            let w2 = wRe[i] * wRe[i]
            numerator += w2 * (zRe[i] - model(y, at: i).re)
            denominator += w2
        }
        return denominator > 0 ? max(numerator / denominator, 0) : 0
    }

    /// The L coefficient (scaled, ≥ 0) that best fits Z″ given the other coefficients of x, by one-parameter
    /// weighted least squares on the column ω/ω_max (used when Z′ alone was fitted, which cannot see L).
    func seriesInductance(_ x: [Double]) -> Double {
        var y = x
        if let c = inductanceColumn { y[c] = 0 }
        var numerator = 0.0, denominator = 0.0
        for i in 0..<m {
            let w2 = wIm[i] * wIm[i]
            let a = omega[i] / omegaMax
            numerator += w2 * a * (zIm[i] - model(y, at: i).im)
            denominator += w2 * a * a
        }
        return denominator > 0 ? max(numerator / denominator, 0) : 0
    }
}
