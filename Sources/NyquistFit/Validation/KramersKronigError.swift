import NyquistNumerics

/// Why a Kramers–Kronig test could not be run. Every case names what is wrong in the user's terms.
public enum KramersKronigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Fewer points than the test needs.
    case tooFewPoints(points: Int, minimum: Int)
    /// A point that cannot be used (0-based index in the spectrum's order).
    case invalidPoint(index: Int, reason: String)
    /// All frequencies are equal: no time-constant range can be spread over them.
    case singleFrequency(Double)
    /// A setting outside its allowed range.
    case invalidSetting(name: String, reason: String)
    case numerics(GSLError)

    public var description: String {
        switch self {
        case .tooFewPoints(let n, let m):
            return "\(n) point\(n == 1 ? "" : "s") are too few for a Kramers–Kronig test (at least \(m) needed)"
        case .invalidPoint(let i, let reason): return "point \(i + 1): \(reason)"
        case .singleFrequency(let f): return "all frequencies equal \(f) Hz: a Kramers–Kronig test needs a range"
        case .invalidSetting(let name, let reason): return "invalid Kramers–Kronig setting \(name): \(reason)"
        case .numerics(let e): return "numerical failure in the Kramers–Kronig fit: \(e)"
        }
    }
}
