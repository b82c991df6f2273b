import NyquistNumerics
import Numerics
import NyquistCircuit
import NyquistFit
import NyquistIO
import NyquistTestSupport

/// Test spectra for the Kramers–Kronig suite: KK-consistent circuits, drifting and distorted variants.
enum KKSpectra {
    struct Case: Sendable {
        var name: String
        var circuit: String
        var parameters: [Double]
        /// Index of the parameter that drifts in the drift variant.
        var driftParameter: Int
    }

    static let cases: [Case] = [
        Case(name: "cathode R-RQ-RQ", circuit: "R1-p(R2,CPE2)-p(R3,CPE3)",
             parameters: [20, 40, 1e-8, 0.9, 200, 1e-4, 0.8], driftParameter: 4),
        Case(name: "Randles R-RC", circuit: "R1-p(R2,C2)", parameters: [10, 100, 1e-5], driftParameter: 1),
        Case(name: "R-RQ-W", circuit: "R1-p(R2,CPE2)-W3", parameters: [5, 50, 1e-5, 0.85, 30], driftParameter: 1),
        Case(name: "blocking R-RC-C", circuit: "R1-p(R2,C2)-C3", parameters: [10, 100, 1e-6, 1e-3],
             driftParameter: 1),
    ]

    static func circuit(_ c: Case) throws -> Circuit { try Circuit(parsing: c.circuit) }

    /// Point i (in sweep order, 1 MHz → 10 mHz, 10 points/decade) evaluated with parameter `drift` multiplied by
    /// 1 + `fraction`·i/N, plus proportional noise Z + |Z|·noise·(ε′ + jε″).
    static func spectrum(_ c: Case, noise: Double, driftFraction: Double = 0, seed: UInt64 = 7,
                         pointsPerDecade: Int = 10) throws -> Spectrum {
        let grid = try FrequencyGrid.logSpaced(from: 1e6, to: 1e-2, pointsPerDecade: pointsPerDecade)
        let plan = EvaluationPlan(circuit: try circuit(c))
        var g = SeededRandom(seed: seed)
        var z: [Complex<Double>] = []
        for i in 0..<grid.count {
            var p = c.parameters
            p[c.driftParameter] *= 1 + driftFraction * Double(i) / Double(grid.count)
            let one = try FrequencyGrid(frequencies: [grid.frequencies[i]])
            let v = plan.impedance(one, parameters: p)[0]
            let s = v.length * noise
            z.append(v + Complex(s * g.normal(), s * g.normal()))
        }
        return Spectrum(frequencies: grid.frequencies, impedances: z)
    }
}
