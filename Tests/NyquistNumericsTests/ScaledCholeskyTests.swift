@testable import NyquistNumerics
import Testing

/// ``ScaledCholesky`` and the lin-KK column kernels of CKernels (issue 17, point 1): hand-made systems with known
/// solutions, refusal of matrices that are not positive definite, the power estimate against a closed-form
/// eigenvalue, and the kernels bit for bit against Swift loops that add in the documented order.
@Suite struct ScaledCholeskyTests {
    /// Factors the symmetric matrix `g` (row-major p×p) and solves for `b`; nil when refused.
    static func solve(_ g: [Double], _ b: [Double]) -> [Double]? {
        let p = b.count
        var c = ScaledCholesky(capacity: p)
        let ok = c.factor(order: p) { a in
            for j in 0..<p { for i in j..<p { a[j * p + i] = g[i * p + j] } }
        }
        guard ok else { return nil }
        var x = b
        x.withUnsafeMutableBufferPointer { c.solve($0.baseAddress!) }
        return x
    }

    @Test("3×3: x = (1, −2, 0.5) from b = G·x")
    func small() throws {
        let g = [4.0, 2, 0.6, 2, 5, 1, 0.6, 1, 3]
        let truth = [1.0, -2, 0.5]
        let b = (0..<3).map { i in (0..<3).reduce(0.0) { $0 + g[i * 3 + $1] * truth[$1] } }
        let x = try #require(Self.solve(g, b))
        for j in 0..<3 { #expect(abs(x[j] - truth[j]) <= 1e-14 * 2) }
    }

    @Test("badly scaled Hilbert matrix (κ ≈ 1.5e7 after scaling, entries from 1e-6 to 1e6): error ≤ κ·ε")
    func scaledHilbert() throws {
        let p = 6
        let d: [Double] = [1e-3, 1e-2, 1e-1, 1, 1e1, 1e2]
        var g = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0..<p {
                let h = 1 / Double(i + j + 1)
                g[i * p + j] = d[i] * d[j] * h
            }
        }
        let truth: [Double] = (0..<p).map { j in (j % 2 == 0 ? 1.0 : -1.0) / d[j] }
        var b = [Double](repeating: 0, count: p)
        for i in 0..<p { for j in 0..<p { b[i] += g[i * p + j] * truth[j] } }
        let x = try #require(Self.solve(g, b))
        // In the scaled coordinates yⱼ = dⱼ·xⱼ the error is bounded by κ(H)·ε ≈ 1.5e7 · 2.2e-16 (times a small factor).
        for j in 0..<p { #expect(abs(x[j] - truth[j]) * d[j] <= 1e-7, "x\(j) = \(x[j]) vs \(truth[j])") }
    }

    @Test("refused: indefinite, zero or negative diagonal, NaN, order beyond capacity")
    func refusals() {
        #expect(Self.solve([1, 2, 2, 1], [1, 1]) == nil)
        #expect(Self.solve([0, 0, 0, 1], [1, 1]) == nil)
        #expect(Self.solve([-1, 0, 0, 1], [1, 1]) == nil)
        #expect(Self.solve([1, .nan, .nan, 1], [1, 1]) == nil)
        var c = ScaledCholesky(capacity: 2)
        #expect(!c.factor(order: 3) { _ in })
        #expect(!c.factor(order: 0) { _ in })
    }

    @Test("scaled maximum: G = diag(4, 9, 0.25), v = (1, −2, 10) → max(1·2, 2·3, 10·0.5) = 6; NaN propagates")
    func scaledMaximum() {
        var c = ScaledCholesky(capacity: 4)
        let ok = c.factor(order: 3) { a in
            for k in 0..<9 { a[k] = 0 }
            a[0] = 4; a[4] = 9; a[8] = 0.25
        }
        #expect(ok)
        #expect(c.scaledMaximum([1, -2, 10]) == 6)
        #expect(c.scaledMaximum([0, 0, -0.5]) == 0.25)
        #expect(c.scaledMaximum([1, .nan, 10]).isNaN)
        #expect(c.scaledMaximum([1, -.infinity, 10]) == .infinity)
    }

    @Test("power estimate of ‖G_S⁻¹‖ for [[1, c], [c, 1]]: 1/(1 − c), from below")
    func inverseNorm() {
        for c in [0.5, 0.99, -0.999] {
            var w = ScaledCholesky(capacity: 2)
            #expect(w.factor(order: 2) { a in a[0] = 4; a[1] = 4 * c; a[3] = 4 })  // G = 4·[[1, c], [c, 1]]
            let exact = 1 / (1 - abs(c))
            let estimate = w.inverseNormEstimate(iterations: 3)
            #expect(estimate <= exact * (1 + 1e-12))
            #expect(estimate >= 0.99 * exact, "c = \(c): \(estimate) vs \(exact)")
        }
    }

    /// Σ in four interleaved partial sums, lanes i ≡ 0…3 mod 4, remainder in lane 0, (s₀ + s₁) + (s₂ + s₃).
    static func laneSum(_ n: Int, _ term: (Int) -> Double) -> Double {
        var s = [0.0, 0, 0, 0]
        let whole = n / 4 * 4
        for i in 0..<whole { s[i % 4] += term(i) }
        for i in whole..<n { s[0] += term(i) }
        return (s[0] + s[1]) + (s[2] + s[3])
    }

    @Test("dot products, model and column sums: the documented order of additions, bit for bit")
    func kernels() {
        var g = SeededRandom(seed: 41)
        for n in [0, 1, 3, 4, 7, 8, 13, 161] {
            let v = (0..<7).map { _ in (0..<n).map { _ in Double.random(in: -2...2, using: &g) } }
            var dot = 0.0, dot2 = 0.0
            var sums = [Double](repeating: .nan, count: 4)
            v[0].withUnsafeBufferPointer { a in v[1].withUnsafeBufferPointer { x in
                v[2].withUnsafeBufferPointer { b in v[3].withUnsafeBufferPointer { y in
                    v[4].withUnsafeBufferPointer { c in v[5].withUnsafeBufferPointer { d in
                        v[6].withUnsafeBufferPointer { e in
                            guard n > 0 else { return }
                            dot = DotProduct.dot(a.baseAddress!, x.baseAddress!, count: n)
                            dot2 = DotProduct.dot(a.baseAddress!, x.baseAddress!, plus: b.baseAddress!,
                                                  y.baseAddress!, count: n)
                            sums.withUnsafeMutableBufferPointer { o in
                                RCBasis.columnSums(real: a.baseAddress!, imaginary: x.baseAddress!,
                                                   weights: b.baseAddress!, weightedReal: y.baseAddress!,
                                                   weightedImaginary: c.baseAddress!, weightedOmega: d.baseAddress!,
                                                   weightedInverse: e.baseAddress!, points: n, out: o.baseAddress!)
                            }
                        }
                    } }
                } }
            } }
            guard n > 0 else { continue }
            #expect(dot == Self.laneSum(n) { v[0][$0] * v[1][$0] })
            #expect(dot2 == Self.laneSum(n) { v[0][$0] * v[1][$0] + v[2][$0] * v[3][$0] })
            #expect(sums[0] == Self.laneSum(n) { v[2][$0] * v[0][$0] })
            #expect(sums[1] == Self.laneSum(n) { v[3][$0] * v[0][$0] + v[4][$0] * v[1][$0] })
            #expect(sums[2] == Self.laneSum(n) { v[5][$0] * v[1][$0] })
            #expect(sums[3] == Self.laneSum(n) { v[6][$0] * v[1][$0] })
            // The model of m = 3 columns: per point, a₀ then + aₖ·φₖ in order of k.
            let m = 3
            let re = (0..<(n * m)).map { _ in Double.random(in: -1...1, using: &g) }, im = re.map { -$0 / 3 }
            let a = [0.7, -1.3, 2.1]
            var tr = [Double](repeating: .nan, count: n), ti = tr
            re.withUnsafeBufferPointer { r in im.withUnsafeBufferPointer { q in a.withUnsafeBufferPointer { c in
                tr.withUnsafeMutableBufferPointer { x in ti.withUnsafeMutableBufferPointer { y in
                    RCBasis.model(real: r.baseAddress!, imaginary: q.baseAddress!, points: n, columns: m,
                                  constant: 0.25, coefficients: c.baseAddress!, outReal: x.baseAddress!,
                                  outImaginary: y.baseAddress!)
                } }
            } } }
            for i in 0..<n {
                var x = 0.25, y = 0.0
                for k in 0..<m {
                    x += re[k * n + i] * a[k]
                    y += im[k * n + i] * a[k]
                }
                #expect(tr[i] == x && ti[i] == y, "n \(n) point \(i)")
            }
        }
    }
}
