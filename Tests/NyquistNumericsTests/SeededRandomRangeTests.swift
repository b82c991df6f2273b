import Foundation
import NyquistNumerics
import Testing

/// `logUniform` on ranges read off extreme data (an end at 0, a subnormal or ∞) draws finite samples, no trap.
@Suite struct SeededRandomRangeTests {
    @Test func infiniteOrZeroEndsGiveFiniteSamples() {
        var g = SeededRandom(seed: 7)
        for _ in 0..<500 {
            let high = g.logUniform(1e-3...Double.infinity)
            #expect(high.isFinite && high >= 1e-3)
            let low = g.logUniform(0...1)
            #expect(low >= Double.leastNormalMagnitude && low <= 1)
            let both = g.logUniform(0...Double.infinity)
            #expect(both.isFinite && both >= Double.leastNormalMagnitude)
        }
    }

    @Test func ordinaryRangeKeepsItsLogUniformLaw() {
        // ln v ~ U(ln 1e-4, ln 1e4): the median of the samples is near e⁰ = 1 and a quarter lie below 1e-2.
        var g = SeededRandom(seed: 3)
        let v = (0..<2001).map { _ in g.logUniform(1e-4...1e4) }.sorted()
        #expect(v.allSatisfy { $0 >= 1e-4 && $0 <= 1e4 })
        #expect(abs(log(v[1000])) < 1)  // σ of the median of ln v ≈ 18.4/(2√2001) ≈ 0.21
        let belowHundredth = Double(v.filter { $0 < 1e-2 }.count) / 2001
        #expect(abs(belowHundredth - 0.25) < 0.05)
    }
}
