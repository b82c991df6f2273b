import Foundation
import Numerics
import Testing
import NyquistDRT
import NyquistIO

/// Bad input: a typed error naming the point, or the documented pre-treatment; never a negative γ.
@Suite struct DRTInputTests {
    static let rcSpectrum = DRTTestSpectra.spectrum(DRTTestSpectra.frequencies(perDecade: 5)) { f in
        Complex(5, 0) + DRTTestSpectra.rc(f, r: 20, tau: 1e-3)
    }

    @Test func tooFewPointsIsATypedError() {
        var s = Self.rcSpectrum
        s.frequencies = Array(s.frequencies.prefix(5))
        s.impedances = Array(s.impedances.prefix(5))
        #expect(throws: DRTError.tooFewPoints(count: 5, minimum: DRT.minimumPoints)) { try DRT.analyze(s) }
    }

    @Test func nonFiniteValueNamesThePoint() {
        var s = Self.rcSpectrum
        s.impedances[3] = Complex(.nan, 1)
        #expect(throws: DRTError.nonFinite(index: 3, frequency: s.frequencies[3], what: "Z′")) { try DRT.analyze(s) }
        s = Self.rcSpectrum
        s.frequencies[2] = -1
        #expect(throws: DRTError.nonPositiveFrequency(index: 2, frequency: -1)) { try DRT.analyze(s) }
    }

    /// Frequencies spanning 600 decades would need a 60 000-point grid (an n² normal matrix): a typed error.
    @Test func hugeFrequencySpanIsRefused() {
        var s = Self.rcSpectrum
        s.frequencies[0] = 1e300
        s.frequencies[s.count - 1] = 1e-300
        #expect(throws: DRTError.self) { try DRT.analyze(s) }
    }

    @Test func invalidSettingsAreTypedErrors() {
        #expect(throws: DRTError.self) { try DRT.analyze(Self.rcSpectrum, settings: .init(derivativeOrder: 3)) }
        #expect(throws: DRTError.self) { try DRT.analyze(Self.rcSpectrum, settings: .init(lambda: .fixed(-1))) }
        #expect(throws: DRTError.missingSigma(index: nil)) {
            try DRT.analyze(Self.rcSpectrum, settings: .init(weighting: .sigma))
        }
    }

    /// An inductive high-frequency tail without an inductance in the model is left out (documented), with a
    /// warning; with the inductance fitted, L is recovered (Z = R∞ + jωL + RC, L = 1 µH) and γ stays ≥ 0.
    @Test func inductiveTailIsDroppedOrFitted() throws {
        let l = 1e-6
        let s = DRTTestSpectra.spectrum(DRTTestSpectra.frequencies(perDecade: 10)) { f in
            Complex(5, 2 * .pi * f * l) + DRTTestSpectra.rc(f, r: 20, tau: 1e-3)
        }
        let dropped = try DRT.analyze(s, settings: .init(lambda: .fixed(1e-4), includeInductance: false,
                                                         bootstrapSamples: 0))
        #expect(dropped.warnings.contains { $0.contains("high-frequency point(s) with Z″ > 0") })
        #expect(dropped.residuals.allSatisfy { $0.frequency < 2e5 })
        #expect(dropped.gamma.allSatisfy { $0 >= 0 })
        let fitted = try DRT.analyze(s, settings: .init(lambda: .fixed(1e-4), bootstrapSamples: 0))
        #expect(abs(fitted.inductance / l - 1) < 0.02, "L = \(fitted.inductance)")
        #expect(fitted.gamma.allSatisfy { $0 >= 0 })
    }
}
