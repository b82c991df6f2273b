import Numerics
import NyquistCircuit
import NyquistFit
import NyquistTestSupport
import Testing

/// The 95 % intervals are calibrated: over many spectra with known Gaussian noise (proportional to |Z|, matching
/// modulus weighting), they contain the true value close to 95 % of the time.
@Suite struct CalibrationTests {
    @Test func ninetyFivePercentIntervalsCoverTheTruth() throws {
        let truth = [20.0, 30.0, 1e-7, 0.9, 150.0, 1e-5, 0.8]
        var covered = 0, total = 0
        let spectra = 200
        for seed in 0..<spectra {
            let s = try Synthetic.spectrum(Synthetic.assbCathode, parameters: truth, noise: 0.01, seed: UInt64(1000 + seed))
            var settings = FitSettings()
            settings.method = .lm
            let r = try Fitter.fit(s, circuit: Synthetic.assbCathode, settings: settings)
            try #require(r.convergence.converged)
            for (p, t) in zip(r.parameters, truth) {
                guard let lo = p.lower95, let hi = p.upper95 else { continue }
                total += 1
                if lo <= t && t <= hi { covered += 1 }
            }
        }
        #expect(total == spectra * truth.count)
        let rate = Double(covered) / Double(total)
        // Binomial standard deviation at p = 0.95, n = 1400: 0.58 %; accept ±2.5 SD.
        #expect(abs(rate - 0.95) < 0.015, "coverage \(rate) over \(total) intervals")
    }
}
