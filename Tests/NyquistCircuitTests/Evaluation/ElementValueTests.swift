import Numerics
import NyquistCircuit
import NyquistTestSupport
import Testing

/// Each element against values derived by hand (or with mpmath at 30 digits where a complex tanh is involved).
@Suite struct ElementValueTests {
    /// Z of a single element with parameters `p` at angular frequency ω (rad/s).
    func z(_ kind: ElementKind, _ p: [Double], omega: Double) throws -> Complex<Double> {
        let plan = EvaluationPlan(circuit: .element(Element(kind: kind, label: "1")))
        let grid = try FrequencyGrid(frequencies: [omega / (2 * .pi)])
        return plan.impedance(grid, parameters: p)[0]
    }

    @Test func resistorCapacitorInductor() throws {
        #expect(isClose(try z(.resistor, [5], omega: 123), Complex(5, 0), tolerance: 1e-15))
        // 1/(j·1000·1e-3) = −j
        #expect(isClose(try z(.capacitor, [1e-3], omega: 1000), Complex(0, -1), tolerance: 1e-14))
        // j·1000·1e-3 = j
        #expect(isClose(try z(.inductor, [1e-3], omega: 1000), Complex(0, 1), tolerance: 1e-14))
    }

    @Test func constantPhaseElement() throws {
        // Q = 1e-3, n = ½, ω = 100: (jω)^½ = 10 e^{jπ/4}, Z = 1/(1e-3·10·(1+j)/√2) = 50√2 (1 − j)
        let expected = Complex(50 * 2.0.squareRoot(), -50 * 2.0.squareRoot())
        #expect(isClose(try z(.cpe, [1e-3, 0.5], omega: 100), expected, tolerance: 1e-14))
        // n = 1 is an ideal capacitor: 1/(j·10·0.01) = −10j
        #expect(isClose(try z(.cpe, [0.01, 1], omega: 10), Complex(0, -10), tolerance: 1e-14))
    }

    @Test func modifiedInductance() throws {
        // La = 2, n = ½, ω = 4: 2·2·e^{jπ/4} = 2√2 (1 + j). impedance.py would give (2·4j)^½ instead (its bug).
        let expected = Complex(2 * 2.0.squareRoot(), 2 * 2.0.squareRoot())
        #expect(isClose(try z(.modifiedInductor, [2, 0.5], omega: 4), expected, tolerance: 1e-14))
    }

    @Test func semiInfiniteWarburg() throws {
        // σ = 3, ω = 4: 3(1 − j)/2
        #expect(isClose(try z(.warburg, [3], omega: 4), Complex(1.5, -1.5), tolerance: 1e-15))
    }

    @Test func finiteWarburgsAcrossTwentyFourDecades() throws {
        // R = 10 Ω, τ = 2 s; references from mpmath (30 digits): 10·tanh(x)/x and 10·coth(x)/x, x = √(2jω).
        let cases: [(omega: Double, ws: Complex<Double>, wo: Complex<Double>)] = [
            (5e-13, Complex(10.0, -3.3333333333333333e-12), Complex(3.3333333333333333, -1e13)),
            (0.5, Complex(8.8545081225911656, -2.8697787276922902), Complex(3.3123809198452129, -10.220127244259882)),
            (5e11, Complex(7.0710678118654752e-6, -7.0710678118654752e-6),
             Complex(7.0710678118654752e-6, -7.0710678118654752e-6)),
        ]
        for c in cases {
            let ws = try z(.warburgShort, [10, 2], omega: c.omega)
            let wo = try z(.warburgOpen, [10, 2], omega: c.omega)
            #expect(relativeDifference(ws.real, c.ws.real) < 1e-13, "Ws real at ω=\(c.omega)")
            #expect(relativeDifference(ws.imaginary, c.ws.imaginary) < 1e-10, "Ws imag at ω=\(c.omega)")
            #expect(isClose(wo, c.wo, tolerance: 1e-13), "Wo at ω=\(c.omega)")
        }
    }

    @Test func reflectiveWarburgLowFrequencyLimit() throws {
        // Wo → R/3 + 1/(jωC_d), C_d = τ/R, as ω → 0.
        let (r, tau, omega) = (40.0, 3.0, 1e-9)
        let expected = Complex(r / 3, -1 / (omega * tau / r))
        #expect(isClose(try z(.warburgOpen, [r, tau], omega: omega), expected, tolerance: 1e-12))
    }

    @Test func gerischerZarcHavriliakNegamiTransmissionLine() throws {
        // mpmath references: see the formulas in ElementKind's documentation.
        #expect(isClose(try z(.gerischer, [4, 0.5], omega: 3),
                        Complex(2.6266214099752356, -1.4057251183155871), tolerance: 1e-14))
        #expect(isClose(try z(.zarc, [50, 1e-3, 0.8], omega: 2000),
                        Complex(15.056603064645199, -16.21035637750409), tolerance: 1e-14))
        #expect(isClose(try z(.havriliakNegami, [50, 1e-3, 0.7, 0.6], omega: 2000),
                        Complex(28.020926591876602, -12.4041389742318), tolerance: 1e-14))
        #expect(isClose(try z(.transmissionLine, [30, 2e-4, 0.9], omega: 50),
                        Complex(33.109248084857756, -146.18789706190317), tolerance: 1e-13))
    }

    @Test func zarcEqualsResistorParallelCPE() throws {
        // ZARC(R, τ, n) ≡ R ‖ Q with Q = τⁿ/R.
        let (r, tau, n) = (70.0, 2e-4, 0.85)
        let q = Double.pow(tau, n) / r
        let parallel = EvaluationPlan(circuit: .parallel([.element(Element(kind: .resistor, label: "1")),
                                                          .element(Element(kind: .cpe, label: "1"))]))
        let grid = try FrequencyGrid.logSpaced(from: 1e6, to: 1e-2, pointsPerDecade: 3)
        let a = parallel.impedance(grid, parameters: [r, q, n])
        let b = EvaluationPlan(circuit: .element(Element(kind: .zarc, label: "1"))).impedance(grid, parameters: [r, tau, n])
        for (x, y) in zip(a, b) { #expect(isClose(x, y, tolerance: 1e-12)) }
    }

    @Test func finiteEverywhereFromTenMicrohertzToTenMegahertz() throws {
        let grid = try FrequencyGrid(frequencies: [1e-5, 1e-3, 1, 1e3, 1e7])
        for kind in ElementKind.allCases {
            let plan = EvaluationPlan(circuit: .element(Element(kind: kind, label: "1")))
            for extreme in [1e-12, 1.0, 1e9] {
                let p = kind.slots.map { $0.domain == .exponent ? 0.5 : extreme }
                let (zs, js) = plan.impedanceAndJacobian(grid, parameters: p)
                for z in zs { #expect(z.real.isFinite && z.imaginary.isFinite, "\(kind) Z at p=\(extreme)") }
                for d in js { #expect(d.real.isFinite && d.imaginary.isFinite, "\(kind) ∂Z at p=\(extreme)") }
            }
        }
    }
}
