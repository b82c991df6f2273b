import Foundation
import Numerics
import Testing
import NyquistDRT
import NyquistIO
import NyquistTestSupport

/// Nyquist's DRT against pyDRTtools 0.2 on the same seeded synthetic spectra (fixtures written by
/// scripts/drt_reference.py, which holds the spectra, pyDRTtools' γ and its peaks under Nyquist's peak definition).
///
/// The methods differ: pyDRTtools discretises with Gaussian RBFs on τ = 1/f (FWHM coefficient 0.5), penalises the
/// 1st derivative of γ through RBF inner products, fits unweighted, and its GCV search (SLSQP) stayed at its start
/// λ = 10⁻³ on these spectra; Nyquist uses piecewise-linear hats, 10 per decade over the data ±1 decade, the 2nd
/// derivative (default) and modulus weights, and its own GCV. So γ itself differs in peak height and width, but
/// the physically meaningful numbers — peak τ and the resistance under each peak — must agree: τ within 10 %,
/// resistances within 5 % (or 1 Ω for small peaks). Against the known truth: τ within 10 %, R within 8 % (a peak's
/// resistance between minima is not exactly its element's R when ZARC tails overlap: 2 decades apart, φ = 0.75,
/// the tails carry a few %; pyDRTtools' own peaks differ from the truth by up to 5.9 % here), R∞ within 5 %.
@Suite struct PyDRTtoolsFixtureTests {
    struct Fixture: Decodable {
        struct Reference: Decodable {
            struct Peak: Decodable { var tau: Double, frequency: Double, resistance: Double }
            var lambda: Double, rInf: Double, inductance: Double, peaks: [Peak]
        }
        struct Truth: Decodable {
            struct Element: Decodable { var resistance: Double, tau0: Double, phi: Double }
            var rInf: Double, inductance: Double, elements: [Element]
        }
        var name: String, frequencies: [Double], zReal: [Double], zImag: [Double]
        var pyDRTtools: Reference
        var truth: Truth
    }

    static let names = ["two-zarcs", "rc-zarc", "three-zarcs-inductive"]

    static func load(_ name: String) throws -> Fixture {
        let url = RepositoryPaths.fixtures("NyquistDRTTests").appendingPathComponent("drt-\(name).json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test(arguments: names)
    func peaksAgreeWithPyDRTtoolsAndTruth(name: String) throws {
        let fixture = try Self.load(name)
        let spectrum = Spectrum(
            frequencies: fixture.frequencies,
            impedances: zip(fixture.zReal, fixture.zImag).map { Complex($0, $1) })
        // rc-zarc: every automatic criterion (GCV, robust/modified GCV, Re–Im CV) picks the small λ the RC's delta
        // needs and the broad ZARC then splits into ripple (a known limit, see docs/drt.md); it is compared at a fixed
        // λ = 10⁻³. The others use the default (robust GCV).
        let lambda: DRTSettings.Lambda = name == "rc-zarc" ? .fixed(1e-3) : .robustGCV
        let result = try DRT.analyze(spectrum, settings: .init(lambda: lambda, bootstrapSamples: 0))
        let reference = fixture.pyDRTtools.peaks
        // print("\(name) λ=\(result.lambda) ours \(result.peaks.map { ($0.tau, $0.resistance) }) ref \(reference.map { ($0.tau, $0.resistance) }) rinf \(result.rInf) vs \(fixture.pyDRTtools.rInf) L \(result.inductance) vs \(fixture.pyDRTtools.inductance)")
        try #require(result.peaks.count == reference.count, "ours \(result.peaks), pyDRTtools \(reference)")
        for (ours, theirs) in zip(result.peaks, reference) {
            #expect(abs(ours.tau / theirs.tau - 1) < 0.10, "\(name): τ \(ours.tau) vs \(theirs.tau)")
            #expect(abs(ours.resistance - theirs.resistance) < max(0.05 * theirs.resistance, 1),
                    "\(name): R \(ours.resistance) vs \(theirs.resistance)")
        }
        for (ours, truth) in zip(result.peaks, fixture.truth.elements) {
            #expect(abs(ours.tau / truth.tau0 - 1) < 0.10, "\(name): τ \(ours.tau) vs truth \(truth.tau0)")
            #expect(abs(ours.resistance / truth.resistance - 1) < 0.08,
                    "\(name): R \(ours.resistance) vs truth \(truth.resistance)")
        }
        #expect(abs(result.rInf - fixture.truth.rInf) < 0.05 * fixture.truth.rInf, "R∞ \(result.rInf)")
    }
}
