import Numerics

/// The ideal elements: resistor, capacitor, inductor. s = jω, ω = 2πf (rad/s).
enum IdealElements {
    /// Resistor, `Z = R` (R in Ω); ∂Z/∂R = 1.
    enum Resistor: ElementModel {
        typealias Constants = Void
        static let family = "ideal"
        static let name = "resistor"
        static let formula = "Z = R"
        static let symbols = ElementSymbols(cdc: "R", impedancePy: "R", ecLab: "R")
        static var slots: [ParameterSlot] {
            [.init(symbol: "R", unit: "Ω", meaning: "resistance", domain: .positive,
                   defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6)]
        }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Void, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            d?[0] = Complex(1, 0)
            return Complex(p[0], 0)
        }

        /// In an arc: the arc's R. As a bare series term: the first takes the high-frequency intercept Z′(f_max),
        /// later ones a tenth of it.
        static func startInArc(_ arc: ArcReading, _ spectrum: SpectrumReading) -> [Double?] { [arc.resistance] }
        static func startInSeries(_ spectrum: SpectrumReading, earlier: Int) -> [Double?] {
            [earlier == 0 ? spectrum.intercept : 0.1 * spectrum.intercept]
        }
        /// The R of an R‖C or R‖Q arc.
        static func arcResistance(_ p: [Double]) -> Double? { p[0] }
    }

    /// Capacitor, `Z = 1/(C s) = −j/(ωC)` (C in F); ∂Z/∂C = −Z/C = j/(ωC²).
    enum Capacitor: ElementModel {
        typealias Constants = Void
        static let family = "ideal"
        static let name = "capacitor"
        static let formula = "Z = 1/(C s)"
        static let symbols = ElementSymbols(cdc: "C", impedancePy: "C", ecLab: "C")
        static var slots: [ParameterSlot] {
            [.init(symbol: "C", unit: "F", meaning: "capacitance", domain: .positive,
                   defaultValue: 1e-6, lower: 0, upper: .infinity, typical: 1e-12...1e-1)]
        }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Void, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            let z = Complex(0, -1 / (omega * p[0]))
            d?[0] = Complex(0, 1 / (omega * p[0] * p[0]))
            return z
        }

        /// In an arc of time constant τ and resistance R: C = τ/R. In series: C = −1/(ω Z″) at f_min.
        static func startInArc(_ arc: ArcReading, _ spectrum: SpectrumReading) -> [Double?] {
            [arc.timeConstant / arc.resistance]
        }
        static func startInSeries(_ spectrum: SpectrumReading, earlier: Int) -> [Double?] {
            [spectrum.lowFrequencyCapacitance]
        }
        /// R‖C: τ = R C.
        static func arcTimeConstant(parallelResistance r: Double, _ p: [Double]) -> Double? { r * p[0] }
    }

    /// Inductor, `Z = L s = jωL` (L in H); ∂Z/∂L = jω.
    enum Inductor: ElementModel {
        typealias Constants = Void
        static let family = "ideal"
        static let name = "inductor"
        static let formula = "Z = L s"
        static let symbols = ElementSymbols(cdc: "L", impedancePy: "L", ecLab: "L")
        static var slots: [ParameterSlot] {
            [.init(symbol: "L", unit: "H", meaning: "inductance", domain: .positive,
                   defaultValue: 1e-6, lower: 0, upper: .infinity, typical: 1e-9...1e-3)]
        }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Void, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            d?[0] = Complex(0, omega)
            return Complex(0, omega * p[0])
        }

        /// In series: L = Z″/ω at f_max when Z″ > 0 there, otherwise 1e-3 of the intercept over ω_max.
        static func startInSeries(_ spectrum: SpectrumReading, earlier: Int) -> [Double?] {
            let im = spectrum.zHigh.imaginary
            return [im > 0 ? im / spectrum.omegaHigh : 1e-3 * spectrum.intercept / spectrum.omegaHigh]
        }
    }
}
