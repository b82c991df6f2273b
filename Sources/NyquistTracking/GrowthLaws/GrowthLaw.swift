import Foundation
import NyquistNumerics

/// An empirical law R(x) for a fitted parameter (R3, Ω) against a clock x (cycle number, cumulative hours above a
/// voltage, or cumulative side charge in mAh); the laws G1–G8 of the tracking-models document §4(a).
///
/// Amplitudes R0, Rct, R∞, k, u are in the parameter's unit (Ω); τ, x0, xc in clock units; rates in 1/clock.
public enum GrowthLaw: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// G1: R = R0 + k·x.
    case linear
    /// G2: R = R0 + k·√x (parabolic, passivating growth).
    case squareRoot
    /// G2b: R = Rct + √(a² + b·x) (parabolic thickness form, L = √(L0² + 2kt)).
    case parabolicThickness
    /// G3: R = R0 + k·x^p, k > 0, 0 < p < 2.
    case power
    /// G3a: R = k·x^p, k > 0, 0 < p < 2 (pure power; needs x > 0).
    case purePower
    /// G4: R = R0 + k·ln(1 + x/x0), x0 > 0 (logarithmic, Cabrera–Mott / tunnelling-limited).
    case logarithmic
    /// G4a: R = R0 + k·ln x (needs x > 0).
    case pureLogarithmic
    /// G5: R = Rct + u·[√(1 + s·x) − 1], u, s > 0 (Deal–Grove linear–parabolic with x_τ = 0: u = A_DG/(2σA),
    /// s = 4B_DG/A_DG²); linear (u·s·x/2) for s·x ≪ 1, parabolic (u·√(s·x)) for s·x ≫ 1.
    case dealGrove
    /// G6: R = R∞ − (R∞ − R0)·e^(−x/τ), τ > 0 (saturating).
    case saturating
    /// G7: R = R0·e^(x/τ), R0, τ > 0 (accelerating contact loss).
    case exponential
    /// G7b: R = R0/(1 − x/xc), R0 > 0, xc > max x (contact loss towards a critical clock).
    case hyperbolic
    /// G8: R = (R0 + k·√x)·e^(x/τ), τ > 0 (interphase growth times contact loss).
    case composite

    /// The default comparison set: one law of each family G1–G8.
    public static let standard: [GrowthLaw] = [
        .linear, .squareRoot, .power, .logarithmic, .dealGrove, .saturating, .exponential, .composite,
    ]

    /// The document's identifier (G1 … G8, with letters for variants).
    public var identifier: String {
        switch self {
        case .linear: "G1"
        case .squareRoot: "G2"
        case .parabolicThickness: "G2b"
        case .power: "G3"
        case .purePower: "G3a"
        case .logarithmic: "G4"
        case .pureLogarithmic: "G4a"
        case .dealGrove: "G5"
        case .saturating: "G6"
        case .exponential: "G7"
        case .hyperbolic: "G7b"
        case .composite: "G8"
        }
    }

    /// Looks a law up by identifier (`G3`) or name (`power`), case-insensitively.
    public init?(named name: String) {
        let key = name.lowercased()
        guard let law = GrowthLaw.allCases.first(where: { $0.rawValue.lowercased() == key || $0.identifier.lowercased() == key })
        else { return nil }
        self = law
    }

    /// The formula as text.
    public var formula: String {
        switch self {
        case .linear: "R0 + k·x"
        case .squareRoot: "R0 + k·√x"
        case .parabolicThickness: "Rct + √(a² + b·x)"
        case .power: "R0 + k·x^p"
        case .purePower: "k·x^p"
        case .logarithmic: "R0 + k·ln(1 + x/x0)"
        case .pureLogarithmic: "R0 + k·ln x"
        case .dealGrove: "Rct + u·(√(1 + s·x) − 1)"
        case .saturating: "Rinf − (Rinf − R0)·exp(−x/tau)"
        case .exponential: "R0·exp(x/tau)"
        case .hyperbolic: "R0/(1 − x/xc)"
        case .composite: "(R0 + k·√x)·exp(x/tau)"
        }
    }

    public var description: String { "\(identifier) \(rawValue): R = \(formula)" }

    /// How a parameter is kept inside its range during the fit (the solver works on an unconstrained q).
    enum Constraint: Sendable, Hashable {
        /// θ = q.
        case free
        /// θ = e^q.
        case positive
        /// θ = lo + (hi − lo)/(1 + e^(−q)).
        case interval(Double, Double)
        /// θ = max x·(1 + e^q), for a critical clock beyond the data.
        case beyondData
    }

    /// A parameter: name, unit given the series unit `u` and clock unit `c`, constraint.
    struct Slot: Sendable {
        var name: String
        var unit: @Sendable (String, String) -> String
        var constraint: Constraint
    }

    var slots: [Slot] {
        let amp = Slot(name: "R0", unit: { u, _ in u }, constraint: .free)
        func named(_ n: String, _ c: Constraint = .free) -> Slot { Slot(name: n, unit: { u, _ in u }, constraint: c) }
        func clock(_ n: String, _ c: Constraint) -> Slot { Slot(name: n, unit: { _, c in c }, constraint: c) }
        switch self {
        case .linear: return [amp, Slot(name: "k", unit: { u, c in "\(u)/\(c)" }, constraint: .free)]
        case .squareRoot: return [amp, Slot(name: "k", unit: { u, c in "\(u)/\(c)^0.5" }, constraint: .free)]
        case .parabolicThickness:
            return [
                named("Rct"), named("a", .positive),
                Slot(name: "b", unit: { u, c in "\(u)^2/\(c)" }, constraint: .positive),
            ]
        case .power:
            return [
                amp, Slot(name: "k", unit: { u, c in "\(u)/\(c)^p" }, constraint: .positive),
                Slot(name: "p", unit: { _, _ in "1" }, constraint: .interval(0, 2)),
            ]
        case .purePower:
            return [
                Slot(name: "k", unit: { u, c in "\(u)/\(c)^p" }, constraint: .positive),
                Slot(name: "p", unit: { _, _ in "1" }, constraint: .interval(0, 2)),
            ]
        case .logarithmic: return [amp, named("k"), clock("x0", .positive)]
        case .pureLogarithmic: return [amp, named("k")]
        case .dealGrove:
            return [
                named("Rct"), named("u", .positive),
                Slot(name: "s", unit: { _, c in "1/\(c)" }, constraint: .positive),
            ]
        case .saturating: return [amp, named("Rinf"), clock("tau", .positive)]
        case .exponential: return [named("R0", .positive), clock("tau", .positive)]
        case .hyperbolic: return [named("R0", .positive), clock("xc", .beyondData)]
        case .composite:
            return [amp, Slot(name: "k", unit: { u, c in "\(u)/\(c)^0.5" }, constraint: .free), clock("tau", .positive)]
        }
    }

    /// k, the number of parameters.
    public var parameterCount: Int { slots.count }
    /// Parameter names in order.
    public var parameterNames: [String] { slots.map(\.name) }

    /// True when the law needs every clock value > 0 (x^p with a free exponent, ln x).
    public var needsPositiveClock: Bool { self == .purePower || self == .pureLogarithmic }

    /// R(x) for natural parameters θ (NaN where the law is undefined, e.g. √ of a negative clock).
    public func value(at x: Double, parameters t: [Double]) -> Double {
        switch self {
        case .linear: return t[0] + t[1] * x
        case .squareRoot: return t[0] + t[1] * x.squareRoot()
        case .parabolicThickness: return t[0] + (t[1] * t[1] + t[2] * x).squareRoot()
        case .power: return t[0] + t[1] * Foundation.pow(x, t[2])
        case .purePower: return t[0] * Foundation.pow(x, t[1])
        case .logarithmic: return t[0] + t[1] * Foundation.log1p(x / t[2])
        case .pureLogarithmic: return t[0] + t[1] * Foundation.log(x)
        case .dealGrove: return t[0] + t[1] * ((1 + t[2] * x).squareRoot() - 1)
        case .saturating: return t[1] - (t[1] - t[0]) * Foundation.exp(-x / t[2])
        case .exponential: return t[0] * Foundation.exp(x / t[1])
        case .hyperbolic: return t[0] / (1 - x / t[1])
        case .composite: return (t[0] + t[1] * x.squareRoot()) * Foundation.exp(x / t[2])
        }
    }
}

extension GrowthLaw.Constraint {
    /// The solver's map for this constraint (NyquistNumerics' ``BoundedTransform``); `xMax` is the largest clock
    /// value of the data: free → identity, positive → e^q, interval (lo, hi) → box, beyond the data → m·(1 + e^q)
    /// with m = max(xMax, 10⁻³⁰⁰).
    func transform(xMax: Double) -> BoundedTransform {
        switch self {
        case .free: return .identity
        case .positive: return .log
        case .interval(let lo, let hi): return .box(lo, hi)
        case .beyondData: return .scaledAbove(max(xMax, 1e-300))
        }
    }

    /// θ = T(q).
    func natural(_ q: Double, xMax: Double) -> Double { transform(xMax: xMax).physical(q) }

    /// q = T⁻¹(θ), with θ clamped just inside the range.
    func unconstrained(_ theta: Double, xMax: Double) -> Double { transform(xMax: xMax).internalValue(theta) }
}
