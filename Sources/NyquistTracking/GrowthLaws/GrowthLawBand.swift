import Foundation

/// A fitted growth law on a grid of clock values, with its pointwise confidence band.
public struct GrowthLawBand: Sendable, Hashable, Codable {
    public var x: [Double]
    public var value: [Double]
    public var lower: [Double]
    public var upper: [Double]
    /// Two-sided confidence level (0.95).
    public var level: Double
}
