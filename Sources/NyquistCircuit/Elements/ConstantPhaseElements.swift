import Numerics

/// The constant-phase elements: the CPE (capacitive) and the modified inductance (inductive).
/// (jω)ⁿ = ωⁿ e^(jnπ/2), and d/dn (jω)ⁿ = (jω)ⁿ (ln ω + jπ/2).
enum ConstantPhaseElements {
    /// Constant-phase element, `Z = 1/(Q sⁿ) = (1/Q) ω^(−n) (cos nπ/2 − j sin nπ/2)`
    /// (Q in F·s^(n−1), 0 < n ≤ 1); ∂Z/∂Q = −Z/Q, ∂Z/∂n = −Z (ln ω + jπ/2).
    enum CPE: ElementModel {
        struct Constants {
            /// 1/Q (Ω·s^(−n)).
            let inverseQ: Double
            /// e^(jnπ/2).
            let phase: Phasor
        }
        static let family = "constant phase"
        static let name = "constant-phase element"
        static let formula = "Z = 1/(Q sⁿ)"
        static let symbols = ElementSymbols(cdc: "Q", impedancePy: "CPE", ecLab: "Q")
        static var slots: [ParameterSlot] {
            [.init(symbol: "Q", unit: "F·s^(n−1)", meaning: "CPE coefficient", domain: .positive,
                   defaultValue: 1e-6, lower: 0, upper: .infinity, typical: 1e-12...1e-1),
             .exponent("n", "CPE exponent")]
        }
        static var inlineNames: [InlineName] { [InlineName("Y", .slot("Q"), written: true)] }
        /// The papers' convention: `Q2` and `n2`.
        static func parameterNames(name: String, label: String) -> [String] { [name, "n" + label] }

        @inline(__always)
        static func hoist(_ p: UnsafePointer<Double>) -> Constants {
            Constants(inverseQ: 1 / p[0], phase: Phasor(angle: p[1] * .pi / 2))
        }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Constants, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            let logJOmega = Complex(lnOmega, .pi / 2)
            let m = c.inverseQ * Double.exp(-p[1] * lnOmega)
            let z = Complex(m * c.phase.cos, -m * c.phase.sin)
            if let d {
                d[0] = z.multiplied(by: -c.inverseQ)
                d[1] = -(z * logJOmega)
            }
            return z
        }

        /// In an arc (R, τ, n): Q = τⁿ/R, n. In series: Q = −1/(ω Z″) at f_min, n = 0.9.
        static func startInArc(_ arc: ArcReading, _ spectrum: SpectrumReading) -> [Double?] {
            [Double.pow(arc.timeConstant, arc.exponent) / arc.resistance, arc.exponent]
        }
        static func startInSeries(_ spectrum: SpectrumReading, earlier: Int) -> [Double?] {
            [spectrum.lowFrequencyCapacitance, 0.9]
        }
        /// R‖Q: τ = (R Q)^(1/n).
        static func arcTimeConstant(parallelResistance r: Double, _ p: [Double]) -> Double? {
            Double.pow(r * p[0], 1 / p[1])
        }
    }

    /// Modified inductance (EC-Lab AN42), `Z = La sⁿ = La ωⁿ (cos nπ/2 + j sin nπ/2)`
    /// (La in H·s^(n−1), 0 < n ≤ 1); ∂Z/∂La = Z/La, ∂Z/∂n = Z (ln ω + jπ/2).
    enum ModifiedInductor: ElementModel {
        struct Constants {
            /// e^(jnπ/2).
            let phase: Phasor
        }
        static let family = "constant phase"
        static let name = "modified inductance"
        static let formula = "Z = La sⁿ"
        static let symbols = ElementSymbols(cdc: "La", impedancePy: "La", ecLab: "La")
        static var slots: [ParameterSlot] {
            [.init(symbol: "La", unit: "H·s^(n−1)", meaning: "modified inductance", domain: .positive,
                   defaultValue: 1e-6, lower: 0, upper: .infinity, typical: 1e-9...1e-3),
             .exponent("n", "inductance exponent")]
        }
        static var inlineNames: [InlineName] { [InlineName("L", .slot("La"), written: true)] }

        @inline(__always)
        static func hoist(_ p: UnsafePointer<Double>) -> Constants {
            Constants(phase: Phasor(angle: p[1] * .pi / 2))
        }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Constants, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            let logJOmega = Complex(lnOmega, .pi / 2)
            let m = p[0] * Double.exp(p[1] * lnOmega)
            let z = Complex(m * c.phase.cos, m * c.phase.sin)
            if let d {
                d[0] = Complex(c.phase.cos, c.phase.sin).multiplied(by: Double.exp(p[1] * lnOmega))
                d[1] = z * logJOmega
            }
            return z
        }
    }
}
