import CKernels
import NyquistNumerics
import Testing

/// CKernels' Householder application (issue 17: the lin-KK QR's inner loop): the AVX path gives the portable path's
/// bits, and both give H·y = y − τ·v·(vᵀy) with v₀ = 1.
@Suite struct HouseholderKernelTests {
    /// Random columns (n rows, `count` columns at leading dimension ld) and a reflector v of length n.
    static func problem(n: Int, count: Int, ld: Int, seed: UInt64) -> (v: [Double], tau: Double, y: [Double]) {
        var g = SeededRandom(seed: seed)
        var v = (0..<max(n, 1)).map { _ in Double.random(in: -1...1, using: &g) }
        v[0] = 1
        let tau = 2 / v.reduce(0) { $0 + $1 * $1 }
        let y = (0..<max(ld * count, 1)).map { _ in Double.random(in: -1e3...1e3, using: &g) }
        return (v, tau, y)
    }

    @Test func avxPathEqualsPortablePathBitForBit() {
        var cases = 0
        for n in [1, 2, 3, 4, 5, 7, 8, 9, 31, 161, 322] {
            for count in [0, 1, 2, 3, 4, 5, 7, 8, 9] {
                let ld = n + (n % 3)
                let (v, tau, y) = Self.problem(n: n, count: count, ld: ld, seed: UInt64(n * 100 + count))
                var fast = y, portable = y
                nyq_householder_apply(v, tau, &fast, ld, count, n)
                nyq_householder_apply_portable(v, tau, &portable, ld, count, n)
                #expect(fast.map(\.bitPattern) == portable.map(\.bitPattern), "n \(n), count \(count)")
                cases += 1
            }
        }
        #expect(cases == 99)
    }

    /// Against the formula evaluated plainly, column by column, and outside each column's n rows nothing changes.
    @Test func equalsTheReflectorFormula() {
        for (n, count) in [(1, 1), (6, 3), (161, 5), (322, 9)] {
            let ld = n + 2
            let (v, tau, y) = Self.problem(n: n, count: count, ld: ld, seed: UInt64(n))
            var out = y
            nyq_householder_apply(v, tau, &out, ld, count, n)
            for c in 0..<count {
                let column = Array(y[(c * ld)..<(c * ld + n)])
                let dot = zip(v, column).reduce(0) { $0 + $1.0 * $1.1 }
                for i in 0..<n {
                    let expected = column[i] - tau * dot * v[i]
                    #expect(abs(out[c * ld + i] - expected) <= 1e-12 * (abs(expected) + 1e3), "n \(n) column \(c) row \(i)")
                }
                for i in n..<ld { #expect(out[c * ld + i] == y[c * ld + i]) }
            }
        }
    }

    /// With τ = 2/(vᵀv) the reflector maps v to −v (hand-derived: Hv = v − τ·v·(vᵀv) = −v).
    @Test func mapsItsVectorToMinusItself() {
        let v: [Double] = [1, 2, -2, 0.5, 3, -1, 4]  // vᵀv = 35.25
        let tau = 2 / 35.25
        var y = v
        nyq_householder_apply(v, tau, &y, v.count, 1, v.count)
        for (a, b) in zip(y, v) { #expect(abs(a + b) <= 1e-15 * abs(b)) }
    }

    /// Two reflectors (V1 with V1₀ = 1; V2 with V2₀ = 0, V2₁ = 1) and c = V2ᵀV1 for the two-at-once kernel.
    static func pair(n: Int, seed: UInt64) -> (v1: [Double], v2: [Double], tau1: Double, tau2: Double, c: Double) {
        var g = SeededRandom(seed: seed)
        var v1 = (0..<n).map { _ in Double.random(in: -1...1, using: &g) }, v2 = v1.map { _ in Double.random(in: -1...1, using: &g) }
        v1[0] = 1
        v2[0] = 0
        if n > 1 { v2[1] = 1 }
        let c = zip(v1, v2).reduce(0) { $0 + $1.0 * $1.1 }
        return (v1, v2, 2 / v1.reduce(0) { $0 + $1 * $1 }, 2 / v2.reduce(0) { $0 + $1 * $1 }, c)
    }

    @Test func twoReflectorsAVXPathEqualsPortablePathBitForBit() {
        var cases = 0
        for n in [2, 3, 4, 5, 7, 8, 9, 31, 161, 322] {
            for count in [0, 1, 2, 3, 4, 5] {
                let ld = n + (n % 3)
                let (v1, v2, t1, t2, c) = Self.pair(n: n, seed: UInt64(n * 10 + count))
                let y = Self.problem(n: n, count: count, ld: ld, seed: UInt64(n * 100 + count + 7)).y
                var fast = y, portable = y
                nyq_householder_apply2(v1, v2, t1, t2, c, &fast, ld, count, n)
                nyq_householder_apply2_portable(v1, v2, t1, t2, c, &portable, ld, count, n)
                #expect(fast.map(\.bitPattern) == portable.map(\.bitPattern), "n \(n), count \(count)")
                cases += 1
            }
        }
        #expect(cases == 60)
    }

    /// Equals the two reflectors applied one after the other (H₂·(H₁·y), the plain formula) to rounding, and
    /// leaves the rows beyond n alone.
    @Test func twoReflectorsEqualH2TimesH1() {
        for (n, count) in [(2, 1), (6, 3), (161, 5), (322, 4)] {
            let ld = n + 2
            let (v1, v2, t1, t2, c) = Self.pair(n: n, seed: UInt64(n + 1))
            let y = Self.problem(n: n, count: count, ld: ld, seed: UInt64(n)).y
            var out = y
            nyq_householder_apply2(v1, v2, t1, t2, c, &out, ld, count, n)
            for col in 0..<count {
                var z = Array(y[(col * ld)..<(col * ld + n)])
                for (v, t) in [(v1, t1), (v2, t2)] {
                    let d = zip(v, z).reduce(0) { $0 + $1.0 * $1.1 }
                    z = zip(z, v).map { $0 - t * d * $1 }
                }
                for i in 0..<n {
                    #expect(abs(out[col * ld + i] - z[i]) <= 1e-11 * (abs(z[i]) + 1e3), "n \(n) column \(col) row \(i)")
                }
                for i in n..<ld { #expect(out[col * ld + i] == y[col * ld + i]) }
            }
        }
    }
}
