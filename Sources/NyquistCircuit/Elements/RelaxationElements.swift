import Numerics

/// The relaxation elements that make one arc on their own: ZARC, Havriliak–Negami and Gerischer.
/// s = jω, ω = 2πf (rad/s); (jωτ)ⁿ = e^(n(ln τ + ln ω)) e^(jnπ/2).
enum RelaxationElements {
    /// ZARC (R‖Q written with a time constant), `Z = R/(1 + (τ s)ⁿ)` (R in Ω, τ in s, 0 < n ≤ 1).
    /// With a = (jωτ)ⁿ: ∂Z/∂R = 1/(1 + a), ∂Z/∂τ = −Z a/(1 + a) · n/τ, ∂Z/∂n = −Z a/(1 + a) · (ln ωτ + jπ/2).
    enum Zarc: ElementModel {
        struct Constants {
            /// ln τ.
            let lnTau: Double
            /// e^(jnπ/2).
            let phase: Phasor
        }
        static let family = "relaxation"
        static let name = "ZARC"
        static let formula = "Z = R/(1 + (τ s)ⁿ)"
        static let symbols = ElementSymbols(cdc: "Zarc", impedancePy: "Zarc", ecLab: "Zarc", nyquistExtensions: [.ecLab])
        static var slots: [ParameterSlot] {
            [.init(symbol: "R", unit: "Ω", meaning: "arc resistance", domain: .positive,
                   defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6),
             .time("arc time constant"),
             .exponent("n", "arc depression exponent")]
        }

        @inline(__always)
        static func hoist(_ p: UnsafePointer<Double>) -> Constants {
            Constants(lnTau: Double.log(p[1]), phase: Phasor(angle: p[2] * .pi / 2))
        }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Constants, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            let m = Double.exp(p[2] * (c.lnTau + lnOmega))
            let a = Complex(m * c.phase.cos, m * c.phase.sin)
            let den = Complex(1, 0) + a
            let inv = Complex(1, 0) / den
            let z = inv.multiplied(by: p[0])
            if let d {
                let common = -(z * a * inv)  // ∂Z/∂a · a
                d[0] = inv
                d[1] = common.multiplied(by: p[2] / p[1])
                d[2] = common * Complex(c.lnTau + lnOmega, .pi / 2)
            }
            return z
        }

        static let formsArc = true
        /// The arc's R, τ and n.
        static func startInArc(_ arc: ArcReading, _ spectrum: SpectrumReading) -> [Double?] {
            [arc.resistance, arc.timeConstant, arc.exponent]
        }
        static func arcTimeConstant(_ p: [Double]) -> Double? { p[1] }
    }

    /// Havriliak–Negami, `Z = R/(1 + (τ s)^α)^β` (R in Ω, τ in s, 0 < α ≤ 1, 0 < β ≤ 1).
    /// With a = (jωτ)^α, D = 1 + a: ∂Z/∂R = Z/R, ∂Z/∂τ = −β Z a/D · α/τ, ∂Z/∂α = −β Z a/D · (ln ωτ + jπ/2),
    /// ∂Z/∂β = −Z ln D.
    enum HavriliakNegami: ElementModel {
        struct Constants {
            /// ln τ.
            let lnTau: Double
            /// e^(jαπ/2).
            let phase: Phasor
        }
        static let family = "relaxation"
        static let name = "Havriliak–Negami"
        static let formula = "Z = R/(1 + (τ s)^α)^β"
        static let symbols = ElementSymbols(cdc: "H", impedancePy: "HN", ecLab: "H",
                                            nyquistExtensions: [.impedancePy, .ecLab])
        static var slots: [ParameterSlot] {
            [.init(symbol: "R", unit: "Ω", meaning: "relaxation strength", domain: .positive,
                   defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6),
             .time("relaxation time"),
             .exponent("alpha", "symmetric broadening α"),
             .exponent("beta", "asymmetric broadening β")]
        }
        static var inlineNames: [InlineName] {
            [InlineName("a", .slot("alpha"), written: false), InlineName("b", .slot("beta"), written: false)]
        }

        @inline(__always)
        static func hoist(_ p: UnsafePointer<Double>) -> Constants {
            Constants(lnTau: Double.log(p[1]), phase: Phasor(angle: p[2] * .pi / 2))
        }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Constants, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            let m = Double.exp(p[2] * (c.lnTau + lnOmega))
            let a = Complex(m * c.phase.cos, m * c.phase.sin)
            let den = Complex(1, 0) + a
            let logDen = Complex.log(den)
            let z = Complex.exp(logDen.multiplied(by: -p[3])) * Complex(p[0], 0)
            if let d {
                let common = -(z * a / den) * Complex(p[3], 0)
                d[0] = z.multiplied(by: 1 / p[0])
                d[1] = common.multiplied(by: p[2] / p[1])
                d[2] = common * Complex(c.lnTau + lnOmega, .pi / 2)
                d[3] = -(z * logDen)
            }
            return z
        }

        static let formsArc = true
        /// The arc's R, τ and n as α; β keeps its default.
        static func startInArc(_ arc: ArcReading, _ spectrum: SpectrumReading) -> [Double?] {
            [arc.resistance, arc.timeConstant, arc.exponent, nil]
        }
        static func arcTimeConstant(_ p: [Double]) -> Double? { p[1] }
    }

    /// Gerischer, `Z = R/√(1 + τ s)` (R in Ω, τ in s); ∂Z/∂R = Z/R, ∂Z/∂τ = −½ Z jω/(1 + jωτ).
    enum Gerischer: ElementModel {
        typealias Constants = Void
        static let family = "relaxation"
        static let name = "Gerischer"
        static let formula = "Z = R/√(1 + τ s)"
        static let symbols = ElementSymbols(cdc: "G", impedancePy: "G", ecLab: "G")
        static var slots: [ParameterSlot] {
            [.init(symbol: "R", unit: "Ω", meaning: "Gerischer resistance", domain: .positive,
                   defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6),
             .time("Gerischer time constant")]
        }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Void, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            let w = Complex(1, omega * p[1])
            let inv = Complex(1, 0) / Complex.sqrt(w)
            let z = inv.multiplied(by: p[0])
            if let d {
                d[0] = inv
                d[1] = z * Complex(0, -0.5 * omega) / w
            }
            return z
        }

        static let formsArc = true
        /// The arc's R and τ.
        static func startInArc(_ arc: ArcReading, _ spectrum: SpectrumReading) -> [Double?] {
            [arc.resistance, arc.timeConstant]
        }
        static func arcTimeConstant(_ p: [Double]) -> Double? { p[1] }
    }
}
