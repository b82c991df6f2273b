import Foundation
import Testing
import Nyquist
import NyquistTestSupport

/// DRT peaks against an equivalent-circuit fit of the papers' model R1-p(R2,CPE2)-p(R3,CPE3) (``Fitter``, an
/// independent nonlinear method) on the shipped synthetic cathode sample and on a real Li-ion file.
@Suite struct DRTCircuitComparisonTests {
    /// samples/assb-cathode-synthetic.csv (R1 = 21.3, R2 = 34.8, R3 = 212 Ω, 0.5 % noise; samples/README.md):
    /// R∞ ≈ R1 and the two peaks ≈ R2, R3 of the circuit fit, each within 5 %; peak f near 1/(2π(R·Q)^(1/n)).
    @Test func syntheticCathodePeaksMatchFittedR2R3() throws {
        let url = RepositoryPaths.root.appendingPathComponent("samples/assb-cathode-synthetic.csv")
        let spectrum = try #require(try SpectrumFile.read(path: url.path).first)
        let fit = try Fitter.fit(spectrum, circuit: Synthetic.assbCathode)
        let r1 = try #require(fit.value("R1")), r2 = try #require(fit.value("R2")), r3 = try #require(fit.value("R3"))
        let q3 = try #require(fit.value("Q3")), n3 = try #require(fit.value("n3"))
        let drt = try DRT.analyze(spectrum)
        try #require(drt.peaks.count == 2, "\(drt.peaks)")
        #expect(abs(drt.rInf / r1 - 1) < 0.05, "R∞ \(drt.rInf) vs R1 \(r1)")
        #expect(abs(drt.peaks[0].resistance / r2 - 1) < 0.05, "peak 1 \(drt.peaks[0].resistance) vs R2 \(r2)")
        #expect(abs(drt.peaks[1].resistance / r3 - 1) < 0.05, "peak 2 \(drt.peaks[1].resistance) vs R3 \(r3)")
        // ZARC time constant τ₀ = (R·Q)^(1/n).
        let tau3 = pow(r3 * q3, 1 / n3)
        #expect(abs(drt.peaks[1].tau / tau3 - 1) < 0.10, "τ peak 2 \(drt.peaks[1].tau) vs (R3·Q3)^(1/n3) \(tau3)")
    }

    /// A real Li-ion cell (DRTtools' LIB_data.txt, MIT, read from ../shared at test time), f ≥ 1 Hz (the arcs, not
    /// the diffusion tail), with the default automatic λ (robust GCV; plain GCV picks λ ≈ 7·10⁻⁷ here and splits the
    /// arcs into 0.6-decade ripple, docs/drt.md). The circuit fit itself is ambiguous there (n2 at its bound 1), so only the totals are compared: R∞ vs R1 within
    /// 3 %, Σ peak R vs R2 + R3 within 10 %.
    @Test(.enabled(if: RepositoryPaths.sharedEISData != nil, "../shared/eis-data is absent"))
    func realLithiumIonTotalsMatchTheCircuitFit() throws {
        let shared = try #require(RepositoryPaths.sharedEISData)
        let path = shared.appendingPathComponent("drttools/LIB_data.txt").path
        let spectrum = try #require(try SpectrumFile.read(path: path).first)
        var settings = FitSettings()
        settings.window = FrequencyWindow(minimumFrequency: 1)
        let fit = try Fitter.fit(spectrum, circuit: Synthetic.assbCathode, settings: settings)
        let r1 = try #require(fit.value("R1")), r2 = try #require(fit.value("R2")), r3 = try #require(fit.value("R3"))
        let drt = try DRT.analyze(spectrum, settings: .init(bootstrapSamples: 0, fmin: 1))
        #expect(drt.peaks.count == 2, "\(drt.peaks)")
        #expect(abs(drt.rInf / r1 - 1) < 0.03, "R∞ \(drt.rInf) vs R1 \(r1)")
        let total = drt.peaks.map(\.resistance).reduce(0, +)
        #expect(abs(total / (r2 + r3) - 1) < 0.10, "Σ peak R \(total) vs R2 + R3 \(r2 + r3)")
        #expect(drt.gamma.allSatisfy { $0 >= 0 })
    }
}
