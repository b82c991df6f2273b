import NyquistNumerics
import Numerics
import NyquistCircuit
import NyquistFit
import NyquistIO
import NyquistTestSupport
import Testing

/// Seeded synthetic spectra over the papers' parameter ranges with 0.1–2 % noise, fitted by the global method from
/// naive starts (all R = 10 Ω, Q = 1e-6, n = 0.8, σ = 10): the truth must lie within the reported uncertainties.
@Suite struct RecoveryTests {
    /// Naive starts marked as given, so the fit starts there and not from its own guess.
    static func naive(_ circuit: Circuit) -> ParameterTable {
        var t = ParameterTable(circuit: circuit)
        for i in t.indices {
            let v: Double
            switch t[i].unit {
            case "Ω", "Ω·s^(−1/2)": v = 10
            case "F·s^(n−1)": v = 1e-6
            default: v = t[i].domain == .exponent ? 0.8 : t[i].value
            }
            try? t.apply(ParameterSetting(value: v), to: t[i].name)
        }
        return t
    }

    /// Truths the window 1 MHz–10 mHz can identify: both arcs' apex frequencies inside it and a decade apart
    /// (rejection sampling over the papers' ranges; outside this the data do not determine the parameters).
    static func identifiableTruth(_ g: inout SeededRandom) -> [Double] {
        while true {
            let p = Synthetic.assbCathodeTruth(using: &g)
            let f2 = 1 / (2 * .pi * Double.pow(p[1] * p[2], 1 / p[3]))
            let f3 = 1 / (2 * .pi * Double.pow(p[4] * p[5], 1 / p[6]))
            // Each arc must also be large enough to see above 2 % noise on |Z|.
            if f2 < 3e5, f3 > 0.1, f2 / f3 > 10, p[1] > 0.1 * p[0], p[4] > 0.1 * p[0] { return p }
        }
    }

    static func check(_ result: FitResult, truth: [Double], label: String) {
        #expect(result.convergence.converged, "\(label): \(result.convergence.reason)")
        for (p, t) in zip(result.parameters, truth) {
            guard let se = p.standardError else {
                Issue.record("\(label): \(p.name) has no standard error (\(result.warnings))")
                continue
            }
            // 4.5 SE: a correct fit misses this with probability < 1e-5 per parameter.
            #expect(abs(p.value - t) <= 4.5 * se, "\(label): \(p.name) = \(p.value) ± \(se), truth \(t)")
        }
    }

    @Test(arguments: 0..<8)
    func assbCathode(seed: Int) throws {
        var g = SeededRandom(seed: UInt64(100 + seed))
        let truth = Self.identifiableTruth(&g)
        let noise = [0.001, 0.005, 0.01, 0.02][seed % 4]
        let s = try Synthetic.spectrum(Synthetic.assbCathode, parameters: truth, noise: noise, seed: UInt64(seed))
        var settings = FitSettings()
        settings.method = .randomizeSimplex
        let r = try Fitter.fit(s, circuit: Synthetic.assbCathode, parameters: Self.naive(Synthetic.assbCathode),
                               settings: settings)
        Self.check(r, truth: truth, label: "assb-cathode seed \(seed), noise \(noise)")
    }

    @Test(arguments: 0..<4)
    func assbCathodeWarburg(seed: Int) throws {
        let circuit = try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,CPE3)-W4")
        var g = SeededRandom(seed: UInt64(200 + seed))
        let truth = Self.identifiableTruth(&g) + [g.logUniform(5...200)]
        let noise = [0.001, 0.005, 0.01, 0.02][seed % 4]
        let s = try Synthetic.spectrum(circuit, parameters: truth, noise: noise, seed: UInt64(seed))
        var settings = FitSettings()
        settings.method = .randomizeSimplex
        let r = try Fitter.fit(s, circuit: circuit, parameters: Self.naive(circuit), settings: settings)
        Self.check(r, truth: truth, label: "assb-cathode-warburg seed \(seed), noise \(noise)")
    }

    @Test(arguments: 0..<4)
    func randles(seed: Int) throws {
        let circuit = try Circuit(parsing: "R0-p(R1-W1,CPE1)")
        var g = SeededRandom(seed: UInt64(300 + seed))
        let truth = [g.logUniform(5...60), g.logUniform(20...600), g.logUniform(5...100),
                     g.logUniform(1e-6...1e-4), Double.random(in: 0.7...0.95, using: &g)]
        let noise = [0.001, 0.005, 0.01, 0.02][seed % 4]
        let s = try Synthetic.spectrum(circuit, parameters: truth, noise: noise, seed: UInt64(seed))
        var settings = FitSettings()
        settings.method = .randomizeSimplex
        let r = try Fitter.fit(s, circuit: circuit, parameters: Self.naive(circuit), settings: settings)
        Self.check(r, truth: truth, label: "randles seed \(seed), noise \(noise)")
    }
}
