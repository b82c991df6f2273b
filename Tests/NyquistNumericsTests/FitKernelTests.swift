import CKernels
import Foundation
import NyquistNumerics
import Testing

/// CKernels' `nyq_dgemv` (exported as the `cblas_dgemv` that GSL's Levenberg–Marquardt driver calls; issue 17:
/// GSL's reference gemv was 4.5 % of a `--no-kk` batch) bit for bit against libgslcblas's reference `cblas_dgemv`,
/// loaded privately with dlopen so that this process's own export does not stand in for it: both orders, all three
/// transposes, strides ±1, 2, 3, α and β of 0, 1 and others, zeros in x. And `nyq_gram` (JᵀJ of the covariance)
/// against the row-by-row sum, `nyq_weighted_jacobian` against the formula of the fit's residual Jacobian.
@Suite struct FitKernelTests {
    typealias Reference = @convention(c) (Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32,
                                          UnsafePointer<Double>?, Int32, Double, UnsafeMutablePointer<Double>?,
                                          Int32) -> Void

    static func reference() -> Reference? {
        for name in ["libgslcblas.so.0", "libgslcblas.so"] {
            guard let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL), let symbol = dlsym(handle, "cblas_dgemv")
            else { continue }
            return unsafeBitCast(symbol, to: Reference.self)
        }
        return nil
    }

    @Test("equal to the reference CBLAS bit for bit over 3 000 random calls")
    func againstReference() throws {
        let reference = try #require(Self.reference(), "libgslcblas (libgsl-dev) is needed for this test")
        var random = SeededRandom(seed: 41)
        var compared = 0
        for trial in 0..<3_000 {
            let m = Int.random(in: 1...330, using: &random), n = Int.random(in: 1...18, using: &random)
            let rowMajor = trial % 2 == 0
            let trans = Int32(111 + trial % 3)
            let lda = (rowMajor ? n : m) + Int.random(in: 0...2, using: &random)
            let incX = [1, 1, 1, -1, 2, 3][trial % 6], incY = [1, 1, -1, 2][trial % 4]
            let alpha = [1.0, -1.7, 0, 0.3][Int.random(in: 0...3, using: &random)]
            let beta = [0.0, 1, 0.3, -2][Int.random(in: 0...3, using: &random)]
            let (lenX, lenY) = trans == 111 ? (n, m) : (m, n)
            let a = (0..<(lda * (rowMajor ? m : n))).map { _ in Double.random(in: -3...3, using: &random) }
            let x = (0..<(lenX * abs(incX))).map { k in k % 7 == 3 ? 0 : Double.random(in: -2...2, using: &random) }
            let y0 = (0..<(lenY * abs(incY))).map { _ in Double.random(in: -1...1, using: &random) }
            var want = y0, got = y0
            reference(rowMajor ? 101 : 102, trans, Int32(m), Int32(n), alpha, a, Int32(lda), x, Int32(incX), beta,
                      &want, Int32(incY))
            nyq_dgemv(rowMajor ? 1 : 0, trans == 111 ? 0 : 1, m, n, alpha, a, lda, x, incX, beta, &got, incY)
            #expect(got.map(\.bitPattern) == want.map(\.bitPattern),
                    "m \(m) n \(n) rowMajor \(rowMajor) trans \(trans) inc \(incX) \(incY) α \(alpha) β \(beta)")
            compared += 1
        }
        #expect(compared == 3_000)
    }

    @Test("closed form: [[1, 2], [3, 4], [5, 6]]·(1, −1) = (−1, −1, −1); 2·Aᵀ·(1, 1, 1) + (1, 1) = (19, 25)")
    func closedForm() {
        let a: [Double] = [1, 2, 3, 4, 5, 6]
        var y = [Double](repeating: 7, count: 3)
        nyq_dgemv(1, 0, 3, 2, 1, a, 2, [1, -1], 1, 0, &y, 1)
        #expect(y == [-1, -1, -1])
        var z: [Double] = [1, 1]
        nyq_dgemv(1, 1, 3, 2, 2, a, 2, [1, 1, 1], 1, 1, &z, 1)
        #expect(z == [19, 25])
    }

    @Test("JᵀJ: closed form, and bit for bit against the row-by-row sum for p = 1…20 (fixed and general widths)")
    func gram() {
        // J = [[1, 2], [3, 4], [5, 6]]: JᵀJ = [[35, 44], [44, 56]].
        var g = [Double](repeating: .nan, count: 4)
        nyq_gram([1, 2, 3, 4, 5, 6], 3, 2, &g)
        #expect(g == [35, 44, 44, 56])
        var random = SeededRandom(seed: 43)
        for p in 1...20 {
            let n = Int.random(in: p...330, using: &random)
            let j = (0..<(n * p)).map { _ in Double.random(in: -1...1, using: &random) * random.logUniform(1e-3...1e3) }
            var want = [Double](repeating: 0, count: p * p)
            for i in 0..<n {
                for a in 0..<p { for b in 0..<p { want[a * p + b] += j[i * p + a] * j[i * p + b] } }
            }
            var got = [Double](repeating: .nan, count: p * p)
            nyq_gram(j, n, p, &got)
            #expect(got.map(\.bitPattern) == want.map(\.bitPattern), "p = \(p), n = \(n)")
        }
    }

    @Test("weighted Jacobian: (−w·∂Z/∂p)·scale bit for bit over chosen columns; a non-finite entry is reported")
    func weightedJacobian() {
        var random = SeededRandom(seed: 47)
        let m = 37, P = 7, free = [0, 2, 3, 6], F = free.count
        let jz = (0..<(2 * m * P)).map { _ in Double.random(in: -1...1, using: &random) * random.logUniform(1e-6...1e6) }
        let scale = (0..<F).map { _ in random.logUniform(1e-3...1e3) }
        let wRe = (0..<m).map { _ in random.logUniform(1e-4...1) }, wIm = (0..<m).map { _ in random.logUniform(1e-4...1) }
        var want = [Double](repeating: 0, count: 2 * m * F)
        for i in 0..<m {
            for k in 0..<F {
                want[i * F + k] = -wRe[i] * jz[2 * (i * P + free[k])] * scale[k]
                want[(m + i) * F + k] = -wIm[i] * jz[2 * (i * P + free[k]) + 1] * scale[k]
            }
        }
        var got = [Double](repeating: .nan, count: 2 * m * F)
        #expect(nyq_weighted_jacobian(jz, m, P, F, free, scale, wRe, wIm, &got) == 1)
        #expect(got.map(\.bitPattern) == want.map(\.bitPattern))
        // An infinite derivative in a chosen column is caught; one in a column not chosen (1) is not read.
        var bad = jz
        bad[2 * (5 * P + 1)] = .infinity
        #expect(nyq_weighted_jacobian(bad, m, P, F, free, scale, wRe, wIm, &got) == 1)
        bad[2 * (5 * P + 3) + 1] = .nan
        #expect(nyq_weighted_jacobian(bad, m, P, F, free, scale, wRe, wIm, &got) == 0)
    }
}
