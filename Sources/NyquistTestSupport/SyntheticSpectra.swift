import NyquistNumerics
import Numerics
import NyquistCircuit
import NyquistFit
import NyquistIO

/// Synthetic spectra with known truth for recovery, calibration and benchmark runs.
public enum Synthetic {
    /// Z(f) of `circuit` with `parameters` on a log grid (start…stop Hz, `pointsPerDecade`), plus proportional
    /// Gaussian noise: Z + |Z|·`noise`·(ε′ + jε″), ε ~ N(0, 1), drawn from `seed`.
    public static func spectrum(_ circuit: Circuit, parameters: [Double], from start: Double = 1e6,
                                to stop: Double = 1e-2, pointsPerDecade: Int = 20, noise: Double = 0,
                                seed: UInt64 = 1) throws -> Spectrum {
        let grid = try FrequencyGrid.logSpaced(from: start, to: stop, pointsPerDecade: pointsPerDecade)
        let z = EvaluationPlan(circuit: circuit).impedance(grid, parameters: parameters)
        var g = SeededRandom(seed: seed)
        let noisy = z.map { v -> Complex<Double> in
            guard noise > 0 else { return v }
            let s = v.length * noise
            return v + Complex(s * g.normal(), s * g.normal())
        }
        return Spectrum(frequencies: grid.frequencies, impedances: noisy,
                        metadata: SpectrumMetadata(format: "synthetic"))
    }

    /// The papers' cathode model, R1-p(R2,CPE2)-p(R3,CPE3).
    public static let assbCathode: Circuit = .series([
        .element(Element(kind: .resistor, label: "1")),
        .parallel([.element(Element(kind: .resistor, label: "2")), .element(Element(kind: .cpe, label: "2"))]),
        .parallel([.element(Element(kind: .resistor, label: "3")), .element(Element(kind: .cpe, label: "3"))]),
    ])

    /// Parameter ranges of the papers (R1 5–60 Ω, R2 5–80 Ω, Q2 1e-10–1e-7 with n2 0.7–1, R3 1–600 Ω,
    /// Q3 1e-6–1e-3 with n3 0.6–0.95), drawn log-uniformly (exponents uniformly).
    public static func assbCathodeTruth(using g: inout SeededRandom) -> [Double] {
        [g.logUniform(5...60), g.logUniform(5...80), g.logUniform(1e-10...1e-7), Double.random(in: 0.7...1, using: &g),
         g.logUniform(1...600), g.logUniform(1e-6...1e-3), Double.random(in: 0.6...0.95, using: &g)]
    }
}
