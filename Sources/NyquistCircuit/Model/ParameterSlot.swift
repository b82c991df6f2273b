/// What a parameter is allowed to be, which decides the transform the fitter works in.
public enum ParameterDomain: String, Sendable, Codable, Hashable {
    /// Strictly positive, spanning decades (R, Q, C, τ, …): fitted as ln p.
    case positive
    /// An exponent in (0, 1] (CPE n, Havriliak–Negami α, β): fitted through a bounded transform.
    case exponent
}

/// The description of one parameter slot of an element kind.
public struct ParameterSlot: Sendable, Hashable {
    /// Symbol within the element (`R`, `Q`, `n`, `tau`, …). Also the key for inline CDC values.
    public let symbol: String
    /// SI unit, written with Unicode (`Ω`, `F·s^(n−1)`, `s`).
    public let unit: String
    /// One-line meaning.
    public let meaning: String
    public let domain: ParameterDomain
    /// A neutral start when nothing better is known.
    public let defaultValue: Double
    /// Physical default bounds: (0, ∞) for positive quantities, (0, 1] for exponents.
    public let lower: Double
    public let upper: Double
    /// Where values of this slot usually lie in EIS practice; the randomized start samples log-uniformly here when
    /// the bounds are open and nothing better is known from the data.
    public let typical: ClosedRange<Double>
}

extension ParameterSlot {
    static func exponent(_ symbol: String, _ meaning: String) -> ParameterSlot {
        .init(symbol: symbol, unit: "1", meaning: meaning, domain: .exponent, defaultValue: 0.8, lower: 0, upper: 1, typical: 0.5...1)
    }
    static func time(_ meaning: String) -> ParameterSlot {
        .init(symbol: "tau", unit: "s", meaning: meaning, domain: .positive, defaultValue: 1e-3, lower: 0, upper: .infinity,
              typical: 1e-7...1e4)
    }
}
