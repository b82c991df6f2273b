import Foundation

/// The rule that turns a profile into a 95 % interval.
public enum ProfileCriterion: String, Sendable, Hashable, Codable {
    /// Trusted errors (σᵢ known): likelihood ratio, P(v) − χ²_min ≤ χ²₁(0.95) = z₀.₉₇₅² = 3.8415. Not inflated by
    /// the Birge ratio: when χ²/(N − k) ≫ 1 the stated errors are too small and `--estimate-scale` is the honest
    /// choice.
    case likelihoodRatio
    /// Estimated scale: σ² is estimated from the same residuals, so the rise is compared with its estimate,
    /// [P(v) − RSS_min]/[RSS_min/(N − k)] ≤ F₀.₉₅(1, N − k) = t₀.₉₇₅(N − k)². Exact for a law that is linear in log
    /// space (where it equals θ̂ ± t·SE); the plain likelihood ratio N·ln(P/RSS_min) ≤ 3.84 would be
    /// anticonservative at the small N of EIS series.
    case fTest
}

/// A 95 % profile-likelihood interval of one growth-law parameter: the values v for which the profile
/// P(v) = min over the other parameters of χ²(θ | θⱼ = v) satisfies the ``ProfileCriterion``.
public struct ProfileInterval: Sendable, Hashable, Codable {
    /// The crossings, or nil when the profile never rises enough on that side (unbounded) or could not be
    /// evaluated (see ``notes``).
    public var lower: Double?
    public var upper: Double?
    /// On a side without crossing: the farthest value examined (the parameter's bound, or the search limit).
    public var lowerLimit: Double?
    public var upperLimit: Double?
    public var criterion: ProfileCriterion
    /// The critical rise of the statistic: 3.8415 or t₀.₉₇₅(N − k)².
    public var threshold: Double
    /// Constrained re-fits performed.
    public var evaluations: Int
    public var notes: [String]
}
