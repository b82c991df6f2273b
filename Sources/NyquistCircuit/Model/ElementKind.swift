/// The kinds of circuit element Nyquist knows, each with one documented parameterisation.
///
/// Throughout, `s = jω`, `ω = 2πf` (rad/s, f in Hz). Converters to other programs' parameterisations live in
/// ``ElementConversions``.
public enum ElementKind: String, CaseIterable, Sendable, Codable, Hashable {
    /// Resistor, `Z = R` (R in Ω).
    case resistor = "R"
    /// Capacitor, `Z = 1/(C s)` (C in F).
    case capacitor = "C"
    /// Inductor, `Z = L s` (L in H).
    case inductor = "L"
    /// Constant-phase element, `Z = 1/(Q sⁿ)` (Q in F·s^(n−1), 0 < n ≤ 1).
    case cpe = "Q"
    /// Modified inductance (EC-Lab AN42), `Z = La sⁿ` (La in H·s^(n−1), 0 < n ≤ 1).
    case modifiedInductor = "La"
    /// Semi-infinite Warburg, `Z = σ(1−j)/√ω = σ√2/√s` (σ in Ω·s^(−½)).
    case warburg = "W"
    /// Finite-length transmissive Warburg ("short", EC-Lab Wd), `Z = R tanh(√(τ s))/√(τ s)` (R in Ω, τ in s).
    case warburgShort = "Ws"
    /// Finite-space reflective Warburg ("open", EC-Lab M), `Z = R coth(√(τ s))/√(τ s)` (R in Ω, τ in s).
    case warburgOpen = "Wo"
    /// Gerischer, `Z = R/√(1 + τ s)` (R in Ω, τ in s).
    case gerischer = "G"
    /// ZARC (R‖Q written with a time constant), `Z = R/(1 + (τ s)ⁿ)` (R in Ω, τ in s, 0 < n ≤ 1).
    case zarc = "Zarc"
    /// Havriliak–Negami, `Z = R/(1 + (τ s)^α)^β` (R in Ω, τ in s, 0 < α ≤ 1, 0 < β ≤ 1).
    case havriliakNegami = "H"
    /// de Levie transmission line, blocking, with a CPE interface:
    /// `Z = √(R_ion Z_s) coth(√(R_ion/Z_s))`, `Z_s = 1/(Q sⁿ)` (R_ion in Ω, Q in F·s^(n−1), 0 < n ≤ 1).
    case transmissionLine = "Tlmq"
}

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

extension ElementKind {
    /// The parameter slots of this kind, in the order they appear in the flat parameter vector.
    public var slots: [ParameterSlot] {
        switch self {
        case .resistor:
            return [.init(symbol: "R", unit: "Ω", meaning: "resistance", domain: .positive,
                          defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6)]
        case .capacitor:
            return [.init(symbol: "C", unit: "F", meaning: "capacitance", domain: .positive,
                          defaultValue: 1e-6, lower: 0, upper: .infinity, typical: 1e-12...1e-1)]
        case .inductor:
            return [.init(symbol: "L", unit: "H", meaning: "inductance", domain: .positive,
                          defaultValue: 1e-6, lower: 0, upper: .infinity, typical: 1e-9...1e-3)]
        case .cpe:
            return [.init(symbol: "Q", unit: "F·s^(n−1)", meaning: "CPE coefficient", domain: .positive,
                          defaultValue: 1e-6, lower: 0, upper: .infinity, typical: 1e-12...1e-1),
                    .exponent("n", "CPE exponent")]
        case .modifiedInductor:
            return [.init(symbol: "La", unit: "H·s^(n−1)", meaning: "modified inductance", domain: .positive,
                          defaultValue: 1e-6, lower: 0, upper: .infinity, typical: 1e-9...1e-3),
                    .exponent("n", "inductance exponent")]
        case .warburg:
            return [.init(symbol: "W", unit: "Ω·s^(−1/2)", meaning: "Warburg coefficient σ", domain: .positive,
                          defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6)]
        case .warburgShort, .warburgOpen:
            return [.init(symbol: "R", unit: "Ω", meaning: "diffusion resistance", domain: .positive,
                          defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6),
                    .time("diffusion time constant δ²/D")]
        case .gerischer:
            return [.init(symbol: "R", unit: "Ω", meaning: "Gerischer resistance", domain: .positive,
                          defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6),
                    .time("Gerischer time constant")]
        case .zarc:
            return [.init(symbol: "R", unit: "Ω", meaning: "arc resistance", domain: .positive,
                          defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6),
                    .time("arc time constant"),
                    .exponent("n", "arc depression exponent")]
        case .havriliakNegami:
            return [.init(symbol: "R", unit: "Ω", meaning: "relaxation strength", domain: .positive,
                          defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6),
                    .time("relaxation time"),
                    .exponent("alpha", "symmetric broadening α"),
                    .exponent("beta", "asymmetric broadening β")]
        case .transmissionLine:
            return [.init(symbol: "Rion", unit: "Ω", meaning: "ionic resistance of the pore", domain: .positive,
                          defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6),
                    .init(symbol: "Q", unit: "F·s^(n−1)", meaning: "interface CPE coefficient", domain: .positive,
                          defaultValue: 1e-6, lower: 0, upper: .infinity, typical: 1e-12...1e-1),
                    .exponent("n", "interface CPE exponent")]
        }
    }
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
