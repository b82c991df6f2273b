import Foundation
import Numerics
import Testing
import NyquistDRT
import NyquistIO

/// The DRT against analytic references: closed-form ZARC γ, an RC's delta, two separated ZARCs.
@Suite struct DRTValidationTests {
    static let t1 = DRTTestSpectra.tau(ofFrequency: 1000), t2 = DRTTestSpectra.tau(ofFrequency: 1)

    /// R∞ = 10 Ω + ZARC(50 Ω, 1 kHz) + ZARC(100 Ω, 1 Hz), 161 points 1 MHz…10 mHz, 0.1 % noise.
    static func twoZarcs(phi: Double) -> Spectrum {
        DRTTestSpectra.spectrum(DRTTestSpectra.frequencies(), noise: 0.001) { f in
            Complex(10, 0) + DRTTestSpectra.zarc(f, r: 50, tau0: t1, phi: phi)
                + DRTTestSpectra.zarc(f, r: 100, tau0: t2, phi: phi)
        }
    }

    /// Issue 16: two ZARCs at 1 kHz and 1 Hz give two peaks at τ = 1/(2π·1 kHz) and 1/(2π·1 Hz) within 10 %,
    /// resistances within 5 %, with every λ criterion (φ = 0.8; for φ = 0.9 see docs/drt.md: ripple).
    @Test(arguments: [DRTSettings.Lambda.robustGCV, .gcv, .reImCrossValidation])
    func twoZarcsGiveTwoPeaksAtTheRightTau(criterion: DRTSettings.Lambda) throws {
        let result = try DRT.analyze(Self.twoZarcs(phi: 0.8), settings: .init(lambda: criterion))
        try #require(result.peaks.count == 2, "peaks: \(result.peaks)")
        let (p1, p2) = (result.peaks[0], result.peaks[1])
        #expect(abs(p1.tau / Self.t1 - 1) < 0.10, "τ₁ = \(p1.tau)")
        #expect(abs(p2.tau / Self.t2 - 1) < 0.10, "τ₂ = \(p2.tau)")
        #expect(abs(p1.frequency / 1000 - 1) < 0.10)
        #expect(abs(p1.resistance / 50 - 1) < 0.05, "R₁ = \(p1.resistance)")
        #expect(abs(p2.resistance / 100 - 1) < 0.05, "R₂ = \(p2.resistance)")
        #expect(abs(result.rInf - 10) < 0.5, "R∞ = \(result.rInf)")
        #expect(result.gamma.allSatisfy { $0 >= 0 })
        // Bootstrap: the τ intervals contain the estimates and the SEs are small but positive.
        for p in result.peaks {
            let interval = try #require(p.tauInterval)
            #expect(interval.contains(p.tau))
            let se = try #require(p.resistanceStdError)
            #expect(se > 0 && se < 0.05 * p.resistance)
        }
        #expect(result.lambdaCurve.count > 10)
        #expect(result.kktViolation.isFinite)
    }

    /// Σ peak R + R∞ agrees with Z′ at the lowest frequency. Reference: Z′(10 mHz) of the closed form
    /// (10 + 50 + 100·(1 − small tail) ≈ 159.2 Ω); tolerance 1 %.
    @Test func peakResistancesAddUpToTheLowFrequencyRealPart() throws {
        let spectrum = Self.twoZarcs(phi: 0.8)
        let result = try DRT.analyze(spectrum, settings: .init(bootstrapSamples: 0))
        let exactLow = 10 + DRTTestSpectra.zarc(0.01, r: 50, tau0: Self.t1, phi: 0.8).real
            + DRTTestSpectra.zarc(0.01, r: 100, tau0: Self.t2, phi: 0.8).real
        let total = result.peaks.map(\.resistance).reduce(0, +) + result.rInf
        #expect(abs(total / exactLow - 1) < 0.01, "Σ R + R∞ = \(total), Z′(10 mHz) = \(exactLow)")
        #expect(abs(result.polarizationResistance - result.peaks.map(\.resistance).reduce(0, +)) < 1e-9)
    }

    /// The reference formula itself: the closed-form ZARC γ integrates to R and its transform
    /// ∫ γ/(1 + jωτ) d ln τ reproduces R/(1 + (jωτ₀)^φ) (midpoint quadrature over ±40 in ln τ).
    @Test func zarcClosedFormIsConsistent() {
        let r = 100.0, tau0 = 1e-3, phi = 0.7
        let h = 0.001
        var total = 0.0
        var z = Complex<Double>.zero
        let omega = 2 * Double.pi * 50
        for k in 0..<80_000 {
            let u = log(tau0) - 40 + (Double(k) + 0.5) * h
            let g = DRTTestSpectra.zarcGamma(tau: exp(u), r: r, tau0: tau0, phi: phi)
            total += g * h
            z = z + Complex(g * h, 0) / Complex(1, omega * exp(u))
        }
        #expect(abs(total / r - 1) < 1e-3)
        let exact = DRTTestSpectra.zarc(50, r: r, tau0: tau0, phi: phi)
        #expect((z - exact).length < 1e-3 * exact.length)
    }

    /// A single ZARC (φ = 0.7, noise-free): γ on the grid follows the closed form within 5 % of its peak height
    /// wherever the data constrain it (τ within the measured 1/(2π f) range), and the peak sits at τ₀ within 5 %.
    @Test func zarcMatchesClosedFormGamma() throws {
        let r = 100.0, tau0 = 1e-3, phi = 0.7
        let spectrum = DRTTestSpectra.spectrum(DRTTestSpectra.frequencies()) { f in
            Complex(5, 0) + DRTTestSpectra.zarc(f, r: r, tau0: tau0, phi: phi)
        }
        let result = try DRT.analyze(spectrum, settings: .init(bootstrapSamples: 0))
        let top = DRTTestSpectra.zarcGamma(tau: tau0, r: r, tau0: tau0, phi: phi)
        var worst = 0.0
        for (t, g) in zip(result.tau, result.gamma) where t > 1 / (2 * .pi * 1e6) && t < 1 / (2 * .pi * 1e-2) {
            worst = max(worst, abs(g - DRTTestSpectra.zarcGamma(tau: t, r: r, tau0: tau0, phi: phi)))
        }
        #expect(worst < 0.05 * top, "max |γ − γ_exact| = \(worst), peak \(top)")
        try #require(result.peaks.count == 1, "\(result.peaks)")
        #expect(abs(result.peaks[0].tau / tau0 - 1) < 0.05)
        #expect(abs(result.peaks[0].resistance / r - 1) < 0.02)
    }

    /// An RC (a delta in γ) gives one narrow peak at τ = RC within 10 % whose area is R within 2 %.
    @Test func rcGivesOneNarrowPeakWithAreaR() throws {
        let spectrum = DRTTestSpectra.spectrum(DRTTestSpectra.frequencies(), noise: 0.001) { f in
            Complex(5, 0) + DRTTestSpectra.rc(f, r: 20, tau: 1e-3)
        }
        let result = try DRT.analyze(spectrum)
        try #require(result.peaks.count == 1, "\(result.peaks)")
        let peak = result.peaks[0]
        #expect(abs(peak.tau / 1e-3 - 1) < 0.10, "τ = \(peak.tau)")
        #expect(abs(peak.resistance / 20 - 1) < 0.02, "R = \(peak.resistance)")
        // Narrow: half of the peak's area lies within ±0.5 decade of τ.
        let lnTau = result.tau.map { log($0) }
        var near = 0.0
        for k in 0..<(result.gamma.count - 1) where abs(lnTau[k] - log(1e-3)) < 0.5 * log(10.0) {
            near += 0.5 * (result.gamma[k] + result.gamma[k + 1]) * (lnTau[k + 1] - lnTau[k])
        }
        #expect(near > 0.5 * 20, "area within ±0.5 decade = \(near)")
    }
}
