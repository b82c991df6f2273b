import Foundation
import Numerics
import NyquistIO
import NyquistNumerics

/// Synthetic spectra built from closed forms (independent of the DRT code).
enum DRTTestSpectra {
    /// 10^6 … 10^-2 Hz, `perDecade` points per decade (161 for 20).
    static func frequencies(from high: Double = 1e6, to low: Double = 1e-2, perDecade: Int = 20) -> [Double] {
        let decades = log10(high / low)
        let count = Int((decades * Double(perDecade)).rounded()) + 1
        return (0..<count).map { high * pow(10, -Double($0) / Double(perDecade)) }
    }

    /// ZARC: Z = R/(1 + (jωτ₀)^φ).
    static func zarc(_ f: Double, r: Double, tau0: Double, phi: Double) -> Complex<Double> {
        let omegaTau = 2 * Double.pi * f * tau0
        // (jx)^φ = x^φ (cos(φπ/2) + j sin(φπ/2))
        let magnitude = pow(omegaTau, phi)
        let denominator = Complex(1 + magnitude * cos(phi * .pi / 2), magnitude * sin(phi * .pi / 2))
        return Complex(r, 0) / denominator
    }

    /// RC: Z = R/(1 + jωτ).
    static func rc(_ f: Double, r: Double, tau: Double) -> Complex<Double> {
        Complex(r, 0) / Complex(1, 2 * Double.pi * f * tau)
    }

    /// The ZARC's closed-form DRT (e.g. Boukamp 2015, Schönleber & Ivers-Tiffée 2015):
    /// γ(ln τ) = (R/2π)·sin((1−φ)π)/(cosh(φ ln(τ/τ₀)) − cos((1−φ)π)), in Ω.
    static func zarcGamma(tau: Double, r: Double, tau0: Double, phi: Double) -> Double {
        r / (2 * .pi) * sin((1 - phi) * .pi) / (cosh(phi * log(tau / tau0)) - cos((1 - phi) * .pi))
    }

    /// Adds Gaussian noise |Z|·level·(ε′ + jε″), seeded.
    static func spectrum(_ frequencies: [Double], noise: Double = 0, seed: UInt64 = 7,
                         _ z: (Double) -> Complex<Double>) -> Spectrum {
        var random = SeededRandom(seed: seed)
        let values = frequencies.map { f -> Complex<Double> in
            let v = z(f)
            guard noise > 0 else { return v }
            let s = v.length * noise
            return v + Complex(s * random.normal(), s * random.normal())
        }
        return Spectrum(frequencies: frequencies, impedances: values)
    }

    static func tau(ofFrequency f: Double) -> Double { 1 / (2 * .pi * f) }
}
