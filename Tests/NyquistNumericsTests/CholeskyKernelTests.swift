import CKernels
import NyquistNumerics
import Testing

/// CKernels' `nyq_cholesky_lower` / `nyq_cholesky_solve` (the lin-KK normal equations, issue 17) bit for bit
/// against the textbook right-looking Cholesky written out in Swift: every a(i, j) receives −L(j, k)·L(i, k) for
/// k = 0, 1, … in order, the pivot L(j, j) = √a(j, j) and the column multiplied by 1/L(j, j); forward substitution
/// y ← (b − Σ L(i, k)·y(k))·(1/L(i, i)) with the terms subtracted in increasing k, back substitution the same with
/// Lᵀ in decreasing k. Orders 1…70, random symmetric positive definite matrices.
@Suite struct CholeskyKernelTests {
    /// Lower triangle of L (column-major, (i, j) at j·p + i), 1/L(j, j), and x solving L·Lᵀ·x = b; nil when a pivot
    /// is not positive.
    static func textbook(_ g: [Double], _ b: [Double], p: Int) -> (l: [Double], inverse: [Double], x: [Double])? {
        var a = g, inverse = [Double](repeating: 0, count: p)
        for j in 0..<p {
            let d = a[j * p + j]
            guard d > 0, d.isFinite else { return nil }
            let l = d.squareRoot(), r = 1 / l
            a[j * p + j] = l
            inverse[j] = r
            for i in (j + 1)..<max(j + 1, p) { a[j * p + i] *= r }
            for c in (j + 1)..<max(j + 1, p) {
                for i in c..<p { a[c * p + i] -= a[j * p + c] * a[j * p + i] }
            }
        }
        var x = b
        for i in 0..<p {
            for k in 0..<i { x[i] -= x[k] * a[k * p + i] }
            x[i] *= inverse[i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for k in stride(from: p - 1, to: i, by: -1) { x[i] -= x[k] * a[i * p + k] }
            x[i] *= inverse[i]
        }
        return (a, inverse, x)
    }

    @Test("orders 1…70: L, 1/diag(L) and the solution equal the textbook order bit for bit")
    func textbookOrder() throws {
        var random = SeededRandom(seed: 23)
        for p in 1...70 {
            // G = V·Vᵀ + p·I·s with V p×(p + 2) of mixed magnitudes: well inside positive definiteness.
            let width = p + 2
            let v = (0..<(p * width)).map { _ in Double.random(in: -1...1, using: &random) * random.logUniform(0.1...10) }
            var g = [Double](repeating: 0, count: p * p)
            for i in 0..<p {
                for j in 0...i {
                    var s = i == j ? 1e-3 : 0
                    for k in 0..<width { s += v[i * width + k] * v[j * width + k] }
                    g[j * p + i] = s
                    g[i * p + j] = s
                }
            }
            let b = (0..<p).map { _ in Double.random(in: -5...5, using: &random) }
            let want = try #require(Self.textbook(g, b, p: p))
            var a = g, inverse = [Double](repeating: 0, count: p), x = b
            let status = a.withUnsafeMutableBufferPointer { ab in
                inverse.withUnsafeMutableBufferPointer { nyq_cholesky_lower(ab.baseAddress!, p, $0.baseAddress!) }
            }
            #expect(status == 0, "p = \(p)")
            a.withUnsafeBufferPointer { ab in
                inverse.withUnsafeBufferPointer { nyq_cholesky_solve(ab.baseAddress!, $0.baseAddress!, p, &x) }
            }
            var lowerEqual = true, upperIsTranspose = true
            for j in 0..<p {
                for i in j..<p where a[j * p + i].bitPattern != want.l[j * p + i].bitPattern { lowerEqual = false }
                for i in (j + 1)..<max(j + 1, p) where a[i * p + j].bitPattern != a[j * p + i].bitPattern {
                    upperIsTranspose = false
                }
            }
            #expect(lowerEqual, "L, p = \(p)")
            #expect(upperIsTranspose, "Lᵀ above the diagonal, p = \(p)")
            #expect(inverse.map(\.bitPattern) == want.inverse.map(\.bitPattern), "1/L(j, j), p = \(p)")
            #expect(x.map(\.bitPattern) == want.x.map(\.bitPattern), "x, p = \(p)")
        }
    }

    @Test("a pivot that is not positive is reported by its column (1-based), for even and odd columns")
    func refusedPivot() {
        for p in 2...9 {
            for bad in 0..<p {
                // The identity with a(bad, bad) = −1: every earlier pivot is 1, so the failure is at column bad.
                var a = [Double](repeating: 0, count: p * p), inverse = [Double](repeating: 0, count: p)
                for j in 0..<p { a[j * p + j] = j == bad ? -1 : 1 }
                let status = a.withUnsafeMutableBufferPointer { ab in
                    inverse.withUnsafeMutableBufferPointer { nyq_cholesky_lower(ab.baseAddress!, p, $0.baseAddress!) }
                }
                #expect(status == bad + 1, "p = \(p), column \(bad)")
            }
        }
    }
}
