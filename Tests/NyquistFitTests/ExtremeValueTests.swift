import Numerics
import NyquistCircuit
@testable import NyquistFit
import NyquistIO
import NyquistNumerics
import NyquistTestSupport
import Testing

/// Finite but extreme data (|Z| near 1e308, f near 1e-300) and starts give a result or a typed error, never a trap.
@Suite struct ExtremeValueTests {
    let circuit = Synthetic.assbCathode
    let truth = [20.0, 30, 1e-7, 0.9, 150, 1e-5, 0.8]

    func scaled(impedance: Double = 1, frequency: Double = 1) throws -> Spectrum {
        let s = try Synthetic.spectrum(circuit, parameters: truth, pointsPerDecade: 5)
        return Spectrum(frequencies: s.frequencies.map { $0 * frequency }, impedances: s.impedances.map { Complex(impedance * $0.real, impedance * $0.imaginary) },
                        metadata: s.metadata)
    }

    /// At the edges of the fittable range (|Z| from 20 to 200 Ω and f from 1e6 to 1e-2 Hz, scaled to just inside
    /// ``FitProblem/fittableModuli`` and ``FitProblem/fittableFrequencies``).
    @Test("Sampling box of extreme data is finite", arguments: [(4e87, 1.0), (1.0, 1e-97), (1.0, 1e93), (1e-31, 1.0)])
    func samplingBoxIsFinite(_ impedance: Double, _ frequency: Double) throws {
        // 10·|Z|max = ∞ for |Z|max ≈ 2e307 and 1e3/(ω_min |Z|min) = ∞ for ω ≈ 6e-306: the original box had an ∞ end;
        // such data are now refused before a box is built (below), and the box stays finite at the range's edges.
        let problem = try FitProblem(spectrum: scaled(impedance: impedance, frequency: frequency), circuit: circuit)
        let box = SamplingBox(problem)
        for r in box.ranges {
            #expect(r.lowerBound > 0 && r.upperBound <= .greatestFiniteMagnitude, "\(r)")
        }
        var g = SeededRandom(seed: 1)
        for _ in 0..<50 { #expect(box.sample(using: &g).allSatisfy { $0.isFinite }) }
    }

    @Test("Data beyond the fittable range are refused with the point named",
          arguments: [(1e305, 1.0), (1.0, 1e-306), (1.0, 1e300), (1e-300, 1.0)])
    func dataBeyondTheFittableRangeAreRefused(_ impedance: Double, _ frequency: Double) throws {
        var settings = FitSettings()
        settings.method = .randomizeSimplex
        settings.randomStarts = 20
        settings.refinedStarts = 2
        let spectrum = try scaled(impedance: impedance, frequency: frequency)
        #expect {
            _ = try Fitter.fit(spectrum, circuit: circuit, settings: settings)
        } throws: { error in
            guard case .invalidPoint(_, let reason) = error as? FitError else { return false }
            return reason.contains("outside the range Nyquist fits")
        }
    }

    @Test func shortGradientFormatNeverConvertsANonFiniteValue() {
        // ⌊log₁₀ 2.5e-7⌋ = ⌊−6.60⌋ = −7.
        #expect(Fitter.formatShort(2.5e-7) == "≈1e-7")
        #expect(Fitter.formatShort(1e200) == "≈1e200")
        #expect(Fitter.formatShort(0) == "≈1e-300")
        #expect(Fitter.formatShort(.nan) == "nan")
        #expect(Fitter.formatShort(-.nan) == "nan")
        #expect(Fitter.formatShort(.infinity) == "inf")
    }
}
