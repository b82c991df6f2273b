import Numerics
@testable import NyquistFit
import NyquistIO
import NyquistTestSupport
import Testing

/// Exactness checks: data built by hand from the lin-KK model itself must be recovered coefficient by coefficient.
@Suite("lin-KK linear model")
struct LinKKModelTests {
    /// 1 kHz … 0.1 Hz, 5 points per decade (21 points).
    static let frequencies = (0...20).map { Double.pow(10, 3 - Double($0) / 5) }

    /// τₖ = 10^(log10(1/ω_max) + (log10(1/ω_min) − log10(1/ω_max))·k/(M−1)), written out independently.
    static func tau(_ m: Int) -> [Double] {
        let a = Double.log10(1 / (2 * .pi * 1e3)), b = Double.log10(1 / (2 * .pi * 0.1))
        return (0..<m).map { Double.pow(10, a + (b - a) * Double($0) / Double(m - 1)) }
    }

    @Test("impedance form: R₀ + jωL + Σ Rₖ/(1 + jωτₖ) is recovered exactly; μ = 1 − Σ|R<0|/Σ|R≥0|")
    func impedanceExact() throws {
        let r: [Double] = [5, 20, -3, 40, 10, -1]
        let tau = Self.tau(r.count)
        let z = Self.frequencies.map { f -> Complex<Double> in
            let w = 2 * Double.pi * f
            var v = Complex<Double>(2, w * 1e-6)
            for (rk, t) in zip(r, tau) { v += Complex(rk, 0) / Complex(1, w * t) }
            return v
        }
        var set = KramersKronigSettings()
        set.elementCount = r.count
        set.tauExtensionDecades = 0
        let res = try KramersKronig.test(Spectrum(frequencies: Self.frequencies, impedances: z), settings: set)
        for (a, b) in zip(res.coefficients, r) { #expect(abs(a - b) < 1e-7 * 40, "\(a) vs \(b)") }
        for (a, b) in zip(res.timeConstants, tau) { #expect(relativeDifference(a, b) < 1e-12) }
        #expect(abs(res.constant - 2) < 1e-7)
        #expect(relativeDifference(res.omegaTerm ?? 0, 1e-6) < 1e-5)
        #expect(abs(res.mu - (1 - 4.0 / 75.0)) < 1e-9)
        #expect(res.pseudoChiSquare < 1e-18)
        #expect(res.selection == "M = 6 given")
    }

    @Test("admittance form: G₀ + jωC₀ + Σ Gₖ·jωτₖ/(1 + jωτₖ) is recovered exactly; μ from Cₖ = τₖGₖ")
    func admittanceExact() throws {
        let g: [Double] = [0.01, 0.05, -0.002, 0.02, 0.03]
        let tau = Self.tau(g.count)
        let z = Self.frequencies.map { f -> Complex<Double> in
            let w = 2 * Double.pi * f
            var y = Complex<Double>(1e-3, w * 1e-7)
            for (gk, t) in zip(g, tau) { y += Complex(0, w * t * gk) / Complex(1, w * t) }
            return Complex(1, 0) / y
        }
        var set = KramersKronigSettings()
        set.elementCount = g.count
        set.tauExtensionDecades = 0
        set.representation = .admittance
        let res = try KramersKronig.test(Spectrum(frequencies: Self.frequencies, impedances: z), settings: set)
        for (a, b) in zip(res.coefficients, g) { #expect(abs(a - b) < 1e-9, "\(a) vs \(b)") }
        #expect(abs(res.constant - 1e-3) < 1e-10)
        #expect(relativeDifference(res.omegaTerm ?? 0, 1e-7) < 1e-5)
        let c = zip(g, tau).map { $0 * $1 }
        let neg = c.filter { $0 < 0 }.map { -$0 }.reduce(0, +), pos = c.filter { $0 >= 0 }.reduce(0, +)
        #expect(abs(res.mu - (1 - neg / pos)) < 1e-9)
        #expect(res.noiseEstimate < 1e-9)
    }

    @Test("the lag-1 autocorrelation matches the formula on a hand-made sequence")
    func autocorrelation() {
        // Frequencies given out of order: the statistic sorts them ascending first.
        // Ascending: real 1, 2, 3; imaginary 1, −1, 0 → (1·2 + 2·3 + 1·(−1) + (−1)·0)/(1+4+9+1+1+0) = 7/16.
        let rho = KramersKronig.lagOneAutocorrelation(frequencies: [3, 1, 2], real: [3, 1, 2], imaginary: [0, 1, -1])
        #expect(abs(rho - 7.0 / 16.0) < 1e-15)
    }

    @Test("bad input gives typed errors")
    func errors() {
        let f = Self.frequencies, z = f.map { _ in Complex<Double>(1, -1) }
        #expect(throws: KramersKronigError.tooFewPoints(points: 3, minimum: KramersKronig.minimumPoints)) {
            try KramersKronig.test(Spectrum(frequencies: Array(f.prefix(3)), impedances: Array(z.prefix(3))))
        }
        var bad = f
        bad[4] = .nan
        #expect(throws: KramersKronigError.invalidPoint(index: 4, reason: "frequency nan Hz is not finite > 0")) {
            try KramersKronig.test(Spectrum(frequencies: bad, impedances: z))
        }
        var zero = z
        zero[2] = .zero
        #expect(throws: KramersKronigError.invalidPoint(index: 2, reason: "|Z| is zero or out of range")) {
            try KramersKronig.test(Spectrum(frequencies: f, impedances: zero))
        }
        #expect(throws: KramersKronigError.singleFrequency(10)) {
            try KramersKronig.test(Spectrum(frequencies: [10, 10, 10, 10, 10], impedances: Array(z.prefix(5))))
        }
        var s = KramersKronigSettings()
        s.muCriterion = 1.5
        #expect(throws: KramersKronigError.invalidSetting(name: "muCriterion", reason: "must satisfy 0 < c < 1")) {
            try KramersKronig.test(Spectrum(frequencies: f, impedances: z), settings: s)
        }
        var big = KramersKronigSettings()
        big.elementCount = 500
        #expect(throws: KramersKronigError.self) {
            try KramersKronig.test(Spectrum(frequencies: f, impedances: z), settings: big)
        }
    }

    /// A spectrum without dispersion (a resistor network, noiseless): every RC weight is at the rounding level, so μ
    /// is 1 at every M (no sign to count) and the choice is the plateau's M = 1 — by both solvers, whatever the signs
    /// of the rounding errors (issue 17: the random-circuit comparison met this case).
    @Test("a pure resistance: μ = 1 at every M, M = 1 by both solvers")
    func pureResistance() throws {
        let f = (0...30).map { Double.pow(10, 5 - Double($0) / 6) }
        for r in [0.25, 3.7, 1e4] {
            let s = Spectrum(frequencies: f, impedances: f.map { _ in Complex(r, 0) })
            for solver in [KramersKronig.Solver.fast, .reference] {
                let result = try KramersKronig.test(s, settings: KramersKronigSettings(), solver: solver)
                #expect(result.elementCount == 1, "R = \(r), \(solver)")
                #expect(result.trials.allSatisfy { $0.mu == 1 }, "R = \(r), \(solver)")
                #expect(result.passed)
            }
        }
    }
}
