import Numerics
import NyquistCircuit
import NyquistFit
import NyquistTestSupport
import Testing

@Test func quickRecovery() throws {
    let truth = [20.0, 30.0, 1e-7, 0.9, 150.0, 1e-5, 0.8]
    let s = try Synthetic.spectrum(Synthetic.assbCathode, parameters: truth, noise: 0.005, seed: 3)
    for method in [FitMethod.lm, .randomizeSimplex, .auto] {
        var settings = FitSettings()
        settings.method = method
        let r = try Fitter.fit(s, circuit: Synthetic.assbCathode, settings: settings)
        print("QUICK", method, r.convergence, r.parameters.map { "\($0.name)=\($0.value)±\($0.standardError ?? -1)" }, r.goodness, r.warnings)
    }
}
