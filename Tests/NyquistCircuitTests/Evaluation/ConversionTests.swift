import Numerics
import NyquistCircuit
import NyquistTestSupport
import Testing

@Suite struct ConversionTests {
    @Test func warburgForms() throws {
        // pyimpspec Y: Z = 1/(Y√(jω)). With σ = 5 the two must give the same impedance at any ω.
        let sigma = 5.0, omega = 7.0
        let y = ElementConversions.pyimpspecWarburgY(sigma: sigma)
        let sqrtJOmega = Complex(omega.squareRoot() / 2.0.squareRoot(), omega.squareRoot() / 2.0.squareRoot())
        let pyimpspec = Complex(1, 0) / (sqrtJOmega.multiplied(by: y))
        let ours = Complex(sigma / omega.squareRoot(), -sigma / omega.squareRoot())
        #expect(isClose(pyimpspec, ours, tolerance: 1e-14))
        #expect(relativeDifference(ElementConversions.warburgSigma(pyimpspecY: y), sigma) < 1e-15)
        #expect(relativeDifference(ElementConversions.equivalentCircuitsJLWarburgA(sigma: 1), 2.0.squareRoot()) < 1e-15)
    }

    @Test func zarcAndEffectiveCapacitance() {
        // τ = (RQ)^(1/n) and back.
        let (r, q, n) = (100.0, 2e-5, 0.8)
        let tau = ElementConversions.zarcTau(r: r, q: q, n: n)
        #expect(relativeDifference(ElementConversions.zarcQ(r: r, tau: tau, n: n), q) < 1e-14)
        // n = 1: every effective capacitance is Q itself.
        #expect(relativeDifference(ElementConversions.effectiveCapacitanceHsuMansfeld(r: 10, q: 3e-6, n: 1), 3e-6) < 1e-15)
        #expect(relativeDifference(ElementConversions.effectiveCapacitanceBrug(q: 3e-6, n: 1, seriesResistance: 7), 3e-6) < 1e-15)
        // Hand value: Q = 1e-4, n = 0.5, R = 100 → C = Q² R = 1e-8·100 = 1e-6 F.
        #expect(relativeDifference(ElementConversions.effectiveCapacitanceHsuMansfeld(r: 100, q: 1e-4, n: 0.5), 1e-6) < 1e-14)
        // Brug, Q = 1e-4, n = 0.5, R_s = 10, R = ∞ → C = Q² (1/10)^(−1) = 1e-8·10 = 1e-7 F.
        #expect(relativeDifference(ElementConversions.effectiveCapacitanceBrug(q: 1e-4, n: 0.5, seriesResistance: 10), 1e-7) < 1e-14)
        #expect(ElementConversions.impedancefitterK(q: 4e-6) == 250_000)
    }
}
