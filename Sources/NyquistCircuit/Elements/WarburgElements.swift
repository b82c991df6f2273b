import Numerics

/// The Warburg diffusion elements: semi-infinite, finite-length transmissive ("short") and finite-space
/// reflective ("open"). s = jω, ω = 2πf (rad/s).
enum WarburgElements {
    /// Semi-infinite Warburg, `Z = σ(1−j)/√ω = σ√2/√s` (σ in Ω·s^(−½)); ∂Z/∂σ = (1−j)/√ω.
    enum Semi: ElementModel {
        typealias Constants = Void
        static let family = "Warburg"
        static let name = "semi-infinite Warburg"
        static let formula = "Z = σ(1−j)/√ω"
        static let symbols = ElementSymbols(cdc: "W", impedancePy: "W", ecLab: "W")
        static var slots: [ParameterSlot] {
            [.init(symbol: "W", unit: "Ω·s^(−1/2)", meaning: "Warburg coefficient σ", domain: .positive,
                   defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6)]
        }
        /// pyimpspec writes the Warburg as a CPE with n = ½: `W{Y=…,n=0.5}`, Y = 1/(σ√2) (S·s^½).
        static var inlineNames: [InlineName] {
            [InlineName("Y", .reciprocal(of: "W", factor: 2.0.squareRoot()), written: true),
             InlineName("n", .constant(0.5), written: true)]
        }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Void, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            let r = Double.exp(-0.5 * lnOmega)
            d?[0] = Complex(r, -r)
            return Complex(p[0] * r, -p[0] * r)
        }

        /// Anywhere: σ = −Z″·√ω at f_min (the low-frequency tail).
        static func startInArc(_ arc: ArcReading, _ spectrum: SpectrumReading) -> [Double?] {
            [spectrum.warburgSigma]
        }
        static func startInSeries(_ spectrum: SpectrumReading, earlier: Int) -> [Double?] { [spectrum.warburgSigma] }
    }

    /// Finite-length transmissive Warburg ("short", EC-Lab Wd), `Z = R tanh(√(τ s))/√(τ s)` (R in Ω, τ in s).
    /// With x = √(τ jω) = k(1 + j), k = √(τω/2), g = tanh(x)/x: ∂Z/∂R = g, ∂Z/∂τ = R x g′(x)/(2τ).
    enum Short: ElementModel {
        typealias Constants = Void
        static let family = "Warburg"
        static let name = "finite-length transmissive Warburg"
        static let formula = "Z = R tanh(√(τ s))/√(τ s)"
        static let symbols = ElementSymbols(cdc: "Ws", impedancePy: "Ws", ecLab: "Wd")
        static var slots: [ParameterSlot] { WarburgElements.finiteSlots }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Void, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            WarburgElements.finite(p, omega: omega, partials: d, short: true)
        }

        static func startInSeries(_ spectrum: SpectrumReading, earlier: Int) -> [Double?] {
            WarburgElements.finiteStart(spectrum)
        }
    }

    /// Finite-space reflective Warburg ("open", EC-Lab M), `Z = R coth(√(τ s))/√(τ s)` (R in Ω, τ in s).
    /// With x = √(τ jω), g = coth(x)/x: ∂Z/∂R = g, ∂Z/∂τ = R x g′(x)/(2τ).
    enum Open: ElementModel {
        typealias Constants = Void
        static let family = "Warburg"
        static let name = "finite-space reflective Warburg"
        static let formula = "Z = R coth(√(τ s))/√(τ s)"
        static let symbols = ElementSymbols(cdc: "Wo", impedancePy: "Wo", ecLab: "M")
        static var slots: [ParameterSlot] { WarburgElements.finiteSlots }

        @inline(__always)
        static func impedance(_ p: UnsafePointer<Double>, _ c: Void, omega: Double, lnOmega: Double,
                              partials d: UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double> {
            WarburgElements.finite(p, omega: omega, partials: d, short: false)
        }

        static func startInSeries(_ spectrum: SpectrumReading, earlier: Int) -> [Double?] {
            WarburgElements.finiteStart(spectrum)
        }
    }

    static var finiteSlots: [ParameterSlot] {
        [.init(symbol: "R", unit: "Ω", meaning: "diffusion resistance", domain: .positive,
               defaultValue: 10, lower: 0, upper: .infinity, typical: 1e-2...1e6),
         .time("diffusion time constant δ²/D")]
    }

    /// In series: R = Z′(f_min) − Z′(f_max) (at least 0.1 of the largest |Z|), τ = 1/ω_min.
    static func finiteStart(_ spectrum: SpectrumReading) -> [Double?] {
        [spectrum.lowFrequencyExcessResistance, 1 / spectrum.omegaLow]
    }

    /// Z = R g(x), x = √(τ jω) = k(1 + j); ∂Z/∂R = g, ∂Z/∂τ = R h(x)/(2τ), h = x g′(x).
    @inline(__always)
    static func finite(_ p: UnsafePointer<Double>, omega: Double, partials d: UnsafeMutablePointer<Complex<Double>>?,
                       short: Bool) -> Complex<Double> {
        let k = (p[1] * omega / 2).squareRoot()
        let x = Complex(k, k)
        let (g, hx) = short ? DiffusionFunctions.tanhOverX(x) : DiffusionFunctions.cothOverX(x)
        if let d {
            d[0] = g
            d[1] = hx.multiplied(by: p[0] / (2 * p[1]))
        }
        return g.multiplied(by: p[0])
    }
}
