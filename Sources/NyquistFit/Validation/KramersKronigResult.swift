import Numerics

/// One trial of the automatic element-count search: M RC elements, their μ and pseudo-χ².
public struct KramersKronigTrial: Sendable, Codable, Hashable {
    /// M, the number of RC elements.
    public var elementCount: Int
    /// μ = 1 − Σ_{Rₖ<0}|Rₖ| / Σ_{Rₖ≥0}|Rₖ| (clamped to [0, 1]; 1 when no Rₖ is negative).
    public var mu: Double
    /// χ²ₚₛ = Σᵢ |Zᵢ − Ẑᵢ|²/|Zᵢ|² (dimensionless).
    public var pseudoChiSquare: Double
}

/// Why a spectrum failed (empty when it passed).
public enum KramersKronigFailure: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The estimated noise exceeds ``KramersKronigSettings/maximumNoise``.
    case noiseTooLarge(estimate: Double, limit: Double)
    /// A point's residual exceeds the outlier limit (0-based index, frequency in Hz, residual, limit; relative).
    case outlier(index: Int, frequency: Double, residual: Double, limit: Double)
    /// The residuals are smooth in frequency (lag-1 autocorrelation above the limit): a systematic deviation.
    case systematicResiduals(autocorrelation: Double, limit: Double)

    public var description: String {
        switch self {
        case .noiseTooLarge(let e, let l):
            return "estimated noise \(percent(e)) exceeds \(percent(l))"
        case .outlier(let i, let f, let r, let l):
            return "point \(i + 1) (\(shortNumber(f)) Hz): residual \(percent(r)) exceeds \(percent(l))"
        case .systematicResiduals(let a, let l):
            return "residuals are systematic (lag-1 autocorrelation \(shortNumber(a)) > \(shortNumber(l)))"
        }
    }
}

/// The outcome of a lin-KK test of one spectrum.
public struct KramersKronigResult: Sendable, Codable, Hashable {
    /// The representation actually fitted (never `.auto`).
    public var representation: KramersKronigRepresentation
    public var fitType: KramersKronigFitType
    /// The chosen number of RC elements M and how it was chosen (in words).
    public var elementCount: Int
    public var selection: String
    /// μ at the chosen M.
    public var mu: Double
    /// χ²ₚₛ = Σᵢ |Zᵢ − Ẑᵢ|²/|Zᵢ|² at the chosen M.
    public var pseudoChiSquare: Double
    /// √(χ²ₚₛ/(2N)): the standard deviation of the relative residuals, an estimate of the relative noise of Z′ and
    /// Z″ (0.005 = 0.5 %; Yrjänä & Bobacka 2024).
    public var noiseEstimate: Double
    /// Time constants τₖ in s and fitted coefficients: Rₖ in Ω (impedance) or Gₖ in S (admittance).
    public var timeConstants: [Double]
    public var coefficients: [Double]
    /// R₀ in Ω or G₀ in S; L in H or C₀ in F; C in F or L₀ in H (nil when not part of the model).
    public var constant: Double
    public var omegaTerm: Double?
    public var inverseOmegaTerm: Double?
    /// Frequencies in Hz, the fitted model impedance Ẑ in Ω (1/Ŷ in the admittance representation), and relative
    /// residuals (Z′ − Ẑ′)/|Z| and (Z″ − Ẑ″)/|Z| per point, in the spectrum's order.
    public var frequencies: [Double]
    public var model: [Complex<Double>]
    public var residuals: [PointResidual]
    /// Largest |residual| (real or imaginary) and the lag-1 autocorrelation of the residuals.
    public var maximumResidual: Double
    public var autocorrelation: Double
    /// Every M solved, from 1 up (empty when M was given); the search stops once the choice of M is decided, so
    /// the list can end before M_max.
    public var trials: [KramersKronigTrial]
    /// Empty when the spectrum passed.
    public var failures: [KramersKronigFailure]
    public var settings: KramersKronigSettings

    public var passed: Bool { failures.isEmpty }
}

func percent(_ x: Double) -> String {
    let p = x * 100
    if !p.isFinite { return "\(p) %" }
    let digits = abs(p) >= 10 ? 1 : (abs(p) >= 1 ? 2 : 3)
    return formatFixed(p, digits: digits) + " %"
}

public func shortNumber(_ x: Double) -> String {
    guard x.isFinite else { return "\(x)" }
    if x != 0 && (abs(x) >= 1e5 || abs(x) < 1e-3) {
        let e = Int(Double.log10(abs(x)).rounded(.down))
        return formatFixed(x / Double.pow(10, Double(e)), digits: 3) + "e\(e)"
    }
    return formatFixed(x, digits: 3)
}

/// Fixed-point text with `digits` decimals (no Foundation).
func formatFixed(_ x: Double, digits: Int) -> String {
    let scale = Double.pow(10, Double(digits))
    let r = (abs(x) * scale).rounded()
    guard r < 9e15 else { return "\(x)" }
    let whole = Int(r / scale)
    let frac = Int(r - Double(whole) * scale)
    var f = String(frac)
    while f.count < digits { f = "0" + f }
    let sign = x < 0 && r != 0 ? "-" : ""
    return digits > 0 ? "\(sign)\(whole).\(f)" : "\(sign)\(whole)"
}
