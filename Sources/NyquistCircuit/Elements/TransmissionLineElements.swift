import Numerics

/// Transmission-line (porous electrode) elements. s = jω, ω = 2πf (rad/s).
enum TransmissionLineElements {
    /// de Levie transmission line, blocking, with a CPE interface:
    /// `Z = √(R_ion Z_s) coth(√(R_ion/Z_s))`, `Z_s = 1/(Q sⁿ)` (R_ion in Ω, Q in F·s^(n−1), 0 < n ≤ 1).
    /// With y = √(R_ion Q (jω)ⁿ) = √(R_ion Q) ω^(n/2) e^(jnπ/4), Z = R_ion g(y), g = coth(y)/y, h = y g′(y):
    /// ∂Z/∂R_ion = g + h/2, ∂Z/∂Q = R_ion h/(2Q), ∂Z/∂n = R_ion h (ln ω + jπ/2)/2.
    enum CPEInterface: ElementModel {
        struct Constants {
            /// √(R_ion Q) (s^(n/2)).
            let sqrtRionQ: Double
            /// e^(jnπ/4).
            let halfPhase: Phasor
        }
        static let family = "transmission line"
        static let name = "de Levie transmission line with a CPE interface"
        static let formula = "Z = √(R_ion Z_s) coth(√(R_ion/Z_s)), Z_s = 1/(Q sⁿ)"
        static let symbols = ElementSymbols(cdc: "Tlmq", impedancePy: "TLMQ", ecLab: "Tlmq", nyquistExtensions: [.ecLab])
        static var slots: [ParameterSlot] {
            [.init(symbol: "Rion", unit: "Ω", meaning: "ionic resistance of the pore", domain: .positive,
                   defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6),
             .init(symbol: "Q", unit: "F·s^(n−1)", meaning: "interface CPE coefficient", domain: .positive,
                   defaultValue: 1e-6, lower: 0, upper: .infinity, typical: 1e-12...1e-1),
             .exponent("n", "interface CPE exponent")]
        }
        /// pyimpspec's Tlm names, accepted but not written.
        static var inlineNames: [InlineName] {
            [InlineName("R_i", .slot("Rion"), written: false), InlineName("Y", .slot("Q"), written: false)]
        }

        @inline(__always)
        static func hoist(_ p: UnsafePointer<Double>) -> Constants {
            Constants(sqrtRionQ: (p[0] * p[1]).squareRoot(), halfPhase: Phasor(angle: p[2] * .pi / 4))
        }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Constants, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            let logJOmega = Complex(lnOmega, .pi / 2)
            let m = c.sqrtRionQ * Double.exp(p[2] / 2 * lnOmega)
            let y = Complex(m * c.halfPhase.cos, m * c.halfPhase.sin)
            let (g, hy) = DiffusionFunctions.cothOverX(y)
            if let d {
                d[0] = g + hy.multiplied(by: 0.5)
                d[1] = hy.multiplied(by: p[0] / (2 * p[1]))
                d[2] = hy * logJOmega.multiplied(by: p[0] / 2)
            }
            return g.multiplied(by: p[0])
        }

        /// In series: R_ion = 3(Z′(f_min) − Z′(f_max)) (a blocking line's low-frequency real part is R_ion/3),
        /// at least 0.1 of the largest |Z|; Q = −1/(ω Z″) at f_min; n = 0.9.
        static func startInSeries(_ spectrum: SpectrumReading, earlier: Int) -> [Double?] {
            [max(3 * (spectrum.zLow.real - spectrum.intercept), 0.1 * spectrum.scale),
             spectrum.lowFrequencyCapacitance, 0.9]
        }
    }
}
