import Foundation
import Numerics
import Testing
import NyquistDRT
import NyquistIO

/// The default automatic λ (robust GCV) on the synthetic classes where plain GCV under-smooths (measured in the
/// evaluation of docs/drt.md "Choosing λ": GCV split these spectra into 3 peaks, or 5 for the three ZARCs). Truths
/// are the closed forms: peak τ = τ₀ of each element within 10 %, resistance within 5 % (8 % for ZARCs two decades
/// apart, whose tails overlap), Σ peak R + R∞ vs the closed-form Z′ at the lowest frequency.
@Suite struct DRTAutoLambdaTests {
    static let t1 = DRTTestSpectra.tau(ofFrequency: 1000), t2 = DRTTestSpectra.tau(ofFrequency: 1)

    /// R∞ = 10 Ω + ZARC(50 Ω, 1 kHz, φ = 0.8) + ZARC(100 Ω, 1 Hz, φ = 0.8), 161 points 1 MHz…10 mHz, 0.5 % noise.
    @Test(arguments: [UInt64(1), 2, 3])
    func twoZarcsWithHalfPercentNoise(seed: UInt64) throws {
        let z: (Double) -> Complex<Double> = { f in
            Complex(10, 0) + DRTTestSpectra.zarc(f, r: 50, tau0: Self.t1, phi: 0.8)
                + DRTTestSpectra.zarc(f, r: 100, tau0: Self.t2, phi: 0.8)
        }
        let spectrum = DRTTestSpectra.spectrum(DRTTestSpectra.frequencies(), noise: 0.005, seed: seed, z)
        let result = try DRT.analyze(spectrum, settings: .init(bootstrapSamples: 0))
        #expect(result.lambdaCriterion == "rgcv")
        try #require(result.peaks.count == 2, "λ = \(result.lambda), peaks \(result.peaks)")
        for (peak, (tau, r)) in zip(result.peaks, [(Self.t1, 50.0), (Self.t2, 100.0)]) {
            #expect(abs(peak.tau / tau - 1) < 0.10, "τ \(peak.tau) vs \(tau)")
            #expect(abs(peak.resistance / r - 1) < 0.05, "R \(peak.resistance) vs \(r)")
        }
        let total = result.peaks.map(\.resistance).reduce(0, +) + result.rInf
        let exactLow = z(0.01).real
        #expect(abs(total / exactLow - 1) < 0.02, "Σ R + R∞ = \(total), Z′(10 mHz) = \(exactLow)")
    }

    /// R∞ = 20 Ω + jω·0.2 µH + ZARC(30 Ω, τ₀ = 10 µs, φ 0.85) + ZARC(60 Ω, 1 ms, φ 0.75) + ZARC(120 Ω, 0.1 s, φ 0.8),
    /// 0.1 % noise (seeds where GCV gave 3 peaks off by 9–26 % in R, or 5 peaks).
    @Test(arguments: [UInt64(2), 3])
    func threeZarcsWithInductiveTail(seed: UInt64) throws {
        let elements = [(30.0, 1e-5, 0.85), (60.0, 1e-3, 0.75), (120.0, 0.1, 0.8)]
        let z: (Double) -> Complex<Double> = { f in
            elements.reduce(Complex(20, 2 * .pi * f * 2e-7)) { $0 + DRTTestSpectra.zarc(f, r: $1.0, tau0: $1.1, phi: $1.2) }
        }
        let spectrum = DRTTestSpectra.spectrum(DRTTestSpectra.frequencies(), noise: 0.001, seed: seed, z)
        let result = try DRT.analyze(spectrum, settings: .init(bootstrapSamples: 0))
        try #require(result.peaks.count == 3, "λ = \(result.lambda), peaks \(result.peaks)")
        for (peak, element) in zip(result.peaks, elements) {
            #expect(abs(peak.tau / element.1 - 1) < 0.10, "τ \(peak.tau) vs \(element.1)")
            #expect(abs(peak.resistance / element.0 - 1) < 0.08, "R \(peak.resistance) vs \(element.0)")
        }
        let total = result.peaks.map(\.resistance).reduce(0, +) + result.rInf
        #expect(abs(total / z(0.01).real - 1) < 0.01, "Σ R + R∞ = \(total), Z′(10 mHz) = \(z(0.01).real)")
    }
}
