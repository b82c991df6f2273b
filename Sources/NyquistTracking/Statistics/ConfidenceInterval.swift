import Foundation
import NyquistNumerics

/// How a confidence interval was obtained; printed next to every interval so that none is mistaken for another.
public enum IntervalKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// θ̂ ± t_{(1+level)/2}(N − k)·SE, SE from the covariance scaled by the fit's own scatter (Birge ratio when the
    /// errors are trusted, RSS/(N − k) when estimated).
    case t
    /// BCa (bias-corrected and accelerated) percentiles of a parametric bootstrap that redraws each point with its
    /// stated 1σ (and the floor) only: it does not see the scatter of the data about the fit.
    case bcaBootstrapStatedErrors
    /// As ``bcaBootstrapStatedErrors`` without the acceleration (a = 0, bias-corrected percentiles only): the
    /// jackknife that estimates a needs N − 1 ≥ k points.
    case bcBootstrapStatedErrors
    /// Profile-likelihood interval (see ``ProfileInterval``).
    case profile

    /// Table label, e.g. "t 95 %" or "BCa bootstrap 95 % (stated errors only)".
    public func label(level: Double) -> String {
        let percent = Self.percent(level)
        switch self {
        case .t: return "t \(percent) %"
        case .bcaBootstrapStatedErrors: return "BCa bootstrap \(percent) % (stated errors only)"
        case .bcBootstrapStatedErrors: return "BC bootstrap \(percent) % (stated errors only, no acceleration)"
        case .profile: return "profile \(percent) %"
        }
    }

    static func percent(_ level: Double) -> String {
        let p = 100 * level
        return p == p.rounded() && abs(p) < 1e6 ? String(Int(p)) : String(p)
    }
}

/// One labelled confidence interval: JSON `{kind, low, high, level}` (+ `note`). `low`/`high` are nil for a side
/// without a bound (an unbounded profile side).
public struct ConfidenceInterval: Sendable, Hashable, Codable {
    public var kind: IntervalKind
    public var low: Double?
    public var high: Double?
    /// Nominal coverage, e.g. 0.95.
    public var level: Double
    /// Set when the point estimate lies outside the interval (possible for BCa when almost all replicates fall on
    /// one side of it, |z₀| > z_{(1+level)/2}), or for other caveats.
    public var note: String?

    public init(kind: IntervalKind, low: Double?, high: Double?, level: Double = 0.95, note: String? = nil) {
        self.kind = kind
        self.low = low
        self.high = high
        self.level = level
        self.note = note
    }

    /// The label of ``kind`` at ``level``.
    public var label: String { kind.label(level: level) }

    /// Adds a note when `estimate` is outside [low, high] by more than 10⁻⁶·max(1, |low|, |high|) (round-off at a
    /// bound, e.g. a share of 10⁻⁸ % against a degenerate [0, 0], is not outside).
    mutating func noteIfOutside(_ estimate: Double) {
        let tolerance = 1e-6 * max(1, abs(low ?? 0), abs(high ?? 0))
        if let low, estimate < low - tolerance { note = "estimate lies below its own interval" }
        if let high, estimate > high + tolerance { note = "estimate lies above its own interval" }
    }
}

/// The BCa bootstrap interval (Efron 1987; Efron & Tibshirani 1993, §14.3) from replicates θ*_b and jackknife
/// values θ_(i):
/// - bias correction z₀ = Φ⁻¹(#{θ* < θ̂} + ½#{θ* = θ̂})/B), the proportion clamped to [1/(2B), 1 − 1/(2B)];
/// - acceleration a = Σ(θ̄ − θ_(i))³ / [6·(Σ(θ̄ − θ_(i))²)^{3/2}], θ̄ the mean of the θ_(i) (0 without a jackknife);
/// - endpoints the α₁, α₂ percentiles (type 7) of the θ*, αⱼ = Φ(z₀ + (z₀ + z_j)/(1 − a(z₀ + z_j))),
///   z_j = Φ⁻¹((1 ∓ level)/2).
/// Unlike plain percentiles it is transformation-respecting and corrects for the bias and skew of θ̂, so the
/// estimate lies inside whenever |z₀| < z_{(1+level)/2}; it is second-order accurate.
public enum BCaBootstrap {
    /// The interval with a from the jackknife values (0 when nil), or nil with fewer than 10 finite replicates.
    public static func interval(
        estimate: Double, replicates: [Double], jackknife: [Double]?, level: Double = 0.95
    ) -> (low: Double, high: Double, biasCorrection: Double, acceleration: Double)? {
        interval(estimate: estimate, replicates: replicates, acceleration: jackknife.map(acceleration) ?? 0, level: level)
    }

    /// The interval for a given acceleration a.
    public static func interval(
        estimate: Double, replicates: [Double], acceleration a: Double, level: Double = 0.95
    ) -> (low: Double, high: Double, biasCorrection: Double, acceleration: Double)? {
        let sorted = replicates.filter(\.isFinite).sorted()
        guard sorted.count >= 10, estimate.isFinite, level > 0, level < 1 else { return nil }
        let b = Double(sorted.count)
        let below = Double(sorted.filter { $0 < estimate }.count)
        let ties = Double(sorted.filter { $0 == estimate }.count)
        let proportion = min(max((below + 0.5 * ties) / b, 0.5 / b), 1 - 0.5 / b)
        guard let z0 = StandardNormal.quantile(proportion), let zHigh = StandardNormal.quantile((1 + level) / 2)
        else { return nil }
        func alpha(_ z: Double) -> Double {
            let w = z0 + z
            let denominator = 1 - a * w
            // a·w ≥ 1 sends the adjusted level past the end of the distribution.
            guard denominator > 0 else { return z > 0 ? 1 : 0 }
            return StandardNormal.cdf(z0 + w / denominator)
        }
        guard let low = Quantile.of(sorted: sorted, alpha(-zHigh)), let high = Quantile.of(sorted: sorted, alpha(zHigh))
        else { return nil }
        return (low, high, z0, a)
    }

    /// a = Σdᵢ³/[6(Σdᵢ²)^{3/2}], dᵢ = θ̄ − θ_(i); 0 when the jackknife values are all equal or not finite.
    public static func acceleration(_ jackknife: [Double]) -> Double {
        let values = jackknife.filter(\.isFinite)
        guard values.count >= 2 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let d = values.map { mean - $0 }
        let s2 = d.reduce(0) { $0 + $1 * $1 }
        let s3 = d.reduce(0) { $0 + $1 * $1 * $1 }
        guard s2 > 0 else { return 0 }
        let a = s3 / (6 * s2 * s2.squareRoot())
        return a.isFinite ? a : 0
    }
}
