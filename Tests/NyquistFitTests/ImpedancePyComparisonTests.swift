import Foundation
import Numerics
import NyquistCircuit
import NyquistFit
import NyquistIO
import NyquistTestSupport
import Testing

/// On impedance.py's example files and on synthetic spectra, Nyquist's χ² (same weighting) is never worse than
/// impedance.py's converged result (Fixtures/make_impedance_py_fits.py → Fixtures/impedance_py_fits.json).
@Suite struct ImpedancePyComparisonTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let name: String
            let circuit: String
            let weighting: String
            let frequencies_Hz: [Double]
            let Z_re_Ohm: [Double]
            let Z_im_Ohm: [Double]
            let impedance_py_chi2: Double
        }
        let cases: [Case]
    }

    static let fixture: Fixture? = {
        let url = RepositoryPaths.fixtures("NyquistFitTests").appendingPathComponent("impedance_py_fits.json")
        return try? JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }()

    @Test(arguments: 0..<12)
    func neverWorseThanImpedancePy(index: Int) throws {
        let fixture = try #require(Self.fixture)
        try #require(fixture.cases.count == 12)
        let c = fixture.cases[index]
        let spectrum = Spectrum(frequencies: c.frequencies_Hz,
                                impedances: zip(c.Z_re_Ohm, c.Z_im_Ohm).map { Complex($0, $1) })
        var settings = FitSettings()
        settings.weighting = try #require(Weighting(rawValue: c.weighting))
        settings.method = .randomizeSimplex
        let circuit = try Circuit(parsing: c.circuit)
        let result = try Fitter.fit(spectrum, circuit: circuit, settings: settings)
        let ours = result.goodness.chiSquare
        #expect(ours <= c.impedance_py_chi2 * (1 + 1e-6),
                "\(c.name) [\(c.weighting)]: Nyquist χ² \(ours) vs impedance.py \(c.impedance_py_chi2)")
    }
}
