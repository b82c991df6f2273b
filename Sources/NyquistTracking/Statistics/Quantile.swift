import Foundation

/// Sample quantiles.
enum Quantile {
    /// Linear interpolation between order statistics (type 7, as NumPy's default): index q·(n − 1).
    static func of(sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower])
    }
}
