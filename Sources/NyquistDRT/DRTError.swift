/// Why a DRT could not be computed. Every case names the point (0-based index in the spectrum, and its frequency)
/// or the setting at fault.
public enum DRTError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Fewer usable points than the method needs (after the frequency window and pre-treatment).
    case tooFewPoints(count: Int, minimum: Int)
    /// A frequency, impedance or σ value is NaN or infinite.
    case nonFinite(index: Int, frequency: Double, what: String)
    /// A frequency ≤ 0.
    case nonPositiveFrequency(index: Int, frequency: Double)
    /// `sigma` weighting without per-point σ, or a σ ≤ 0.
    case missingSigma(index: Int?)
    /// A setting outside its valid range.
    case invalidSetting(name: String, reason: String)
    /// The linear algebra failed (reported by NyquistNumerics).
    case numerical(String)

    public var description: String {
        switch self {
        case .tooFewPoints(let count, let minimum):
            return "too few points for a DRT: \(count) usable, at least \(minimum) needed"
        case .nonFinite(let index, let frequency, let what):
            return "point \(index) (f = \(frequency) Hz): \(what) is not finite"
        case .nonPositiveFrequency(let index, let frequency):
            return "point \(index): frequency \(frequency) Hz is not positive"
        case .missingSigma(let index):
            if let index { return "point \(index): σ must be positive for sigma weighting" }
            return "sigma weighting needs per-point σ, which this spectrum does not have"
        case .invalidSetting(let name, let reason):
            return "invalid DRT setting \(name): \(reason)"
        case .numerical(let message):
            return "DRT linear algebra failed: \(message)"
        }
    }
}
