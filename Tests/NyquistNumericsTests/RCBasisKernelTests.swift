import CKernels
import Foundation
@testable import NyquistNumerics
import Testing

/// CKernels' lin-KK basis (`nyq_rc_basis`, issue 17: the scalar divisions were 10 % of lin-KK): closed forms, and
/// the AVX and portable paths bit for bit against the scalar formula on random ω, τ and lengths not divisible by 4.
@Suite struct RCBasisKernelTests {
    func basis(_ omega: [Double], _ tau: Double, admittance: Bool, portable: Bool = false) -> ([Double], [Double]) {
        var re = [Double](repeating: .nan, count: omega.count), im = re
        omega.withUnsafeBufferPointer { w in
            re.withUnsafeMutableBufferPointer { r in
                im.withUnsafeMutableBufferPointer { i in
                    guard let r = r.baseAddress, let i = i.baseAddress else { return }
                    if portable {
                        RCBasis.evaluatePortable(omega: w, tau: tau, admittance: admittance, real: r, imaginary: i)
                    } else {
                        RCBasis.evaluate(omega: w, tau: tau, admittance: admittance, real: r, imaginary: i)
                    }
                }
            }
        }
        return (re, im)
    }

    /// x = ωτ = 0, 1, 2, 3, 7: φ = 1/(1 + jx) = (1 − jx)/(1 + x²); jx/(1 + jx) = (x² + jx)/(1 + x²), to 1 ulp
    /// (a product with the rounded 1/(1 + x²)).
    @Test func closedForms() {
        let omega: [Double] = [0, 2, 4, 6, 14]
        func close(_ a: [Double], _ b: [Double]) -> Bool {
            zip(a, b).allSatisfy { abs($0 - $1) <= $1.magnitude.ulp }
        }
        let (re, im) = basis(omega, 0.5, admittance: false)
        #expect(close(re, [1, 0.5, 0.2, 0.1, 0.02]))
        #expect(close(im, [-0.0, -0.5, -0.4, -0.3, -0.14]))
        let (yr, yi) = basis(omega, 0.5, admittance: true)
        #expect(close(yr, [0, 0.5, 0.8, 0.9, 0.98]))
        #expect(close(yi, [0, 0.5, 0.4, 0.3, 0.14]))
    }

    /// Both paths equal x = ωτ, r = 1/(1 + x·x), r, (−x)·r ((x·x)·r, x·r) computed here in Swift, bit for bit.
    @Test func bothPathsEqualTheScalarFormula() {
        var g = SystemRandomNumberGenerator()
        for n in [1, 3, 4, 5, 8, 161, 162, 163, 250] {
            let omega = (0..<n).map { _ in Double.random(in: -3...7, using: &g) }.map { 2 * Double.pi * pow10($0) }
            let tau = pow10(Double.random(in: -8...3, using: &g))
            for admittance in [false, true] {
                let expected = omega.map { w -> (Double, Double) in
                    let x = w * tau, xx = x * x, r = 1 / (1 + xx)
                    return admittance ? (xx * r, x * r) : (r, -x * r)
                }
                for portable in [false, true] {
                    let (re, im) = basis(omega, tau, admittance: admittance, portable: portable)
                    #expect(re.map(\.bitPattern) == expected.map(\.0.bitPattern), "n \(n) τ \(tau)")
                    #expect(im.map(\.bitPattern) == expected.map(\.1.bitPattern), "n \(n) τ \(tau)")
                }
            }
        }
    }

    /// The fused basis + column sums equal the two separate calls bit for bit (every optional sum on and off), and
    /// the four-column dot products equal one `DotProduct.dot` per column.
    @Test func fusedKernelsEqualTheSeparateCalls() {
        var g = SeededRandom(seed: 7)
        for n in [1, 3, 4, 5, 8, 13, 161] {
            let omega = (0..<n).map { _ in 2 * Double.pi * pow10(Double.random(in: -3...7, using: &g)) }
            let v = (0..<5).map { _ in (0..<n).map { _ in Double.random(in: -2...2, using: &g) } }
            let tau = pow10(Double.random(in: -8...3, using: &g))
            for admittance in [false, true] {
                for (useOmega, useInverse) in [(true, true), (true, false), (false, false)] {
                    let (re, im) = basis(omega, tau, admittance: admittance)
                    var sums = [Double](repeating: .nan, count: 4), fused = sums
                    var fr = [Double](repeating: .nan, count: n), fi = fr
                    omega.withUnsafeBufferPointer { o in v[0].withUnsafeBufferPointer { w in
                        v[1].withUnsafeBufferPointer { a in v[2].withUnsafeBufferPointer { b in
                            v[3].withUnsafeBufferPointer { c in v[4].withUnsafeBufferPointer { d in
                                re.withUnsafeBufferPointer { r in im.withUnsafeBufferPointer { i in
                                    RCBasis.columnSums(real: r.baseAddress!, imaginary: i.baseAddress!,
                                                       weights: w.baseAddress!, weightedReal: a.baseAddress!,
                                                       weightedImaginary: b.baseAddress!,
                                                       weightedOmega: c.baseAddress!, weightedInverse: d.baseAddress!,
                                                       points: n, out: &sums)
                                } }
                                fr.withUnsafeMutableBufferPointer { r in fi.withUnsafeMutableBufferPointer { i in
                                    RCBasis.evaluateWithSums(omega: o.baseAddress!, points: n, tau: tau,
                                                             admittance: admittance, real: r.baseAddress!,
                                                             imaginary: i.baseAddress!, weights: w.baseAddress!,
                                                             weightedReal: a.baseAddress!,
                                                             weightedImaginary: b.baseAddress!,
                                                             weightedOmega: useOmega ? c.baseAddress! : nil,
                                                             weightedInverse: useInverse ? d.baseAddress! : nil,
                                                             out: &fused)
                                } }
                            } }
                        } }
                    } }
                    #expect(fr.map(\.bitPattern) == re.map(\.bitPattern) && fi.map(\.bitPattern) == im.map(\.bitPattern))
                    #expect(fused[0].bitPattern == sums[0].bitPattern && fused[1].bitPattern == sums[1].bitPattern)
                    #expect(fused[2].bitPattern == (useOmega ? sums[2] : 0).bitPattern, "n \(n)")
                    #expect(fused[3].bitPattern == (useInverse ? sums[3] : 0).bitPattern, "n \(n)")
                }
            }
            // Dot products over m = 1…9 columns (four at a time plus a remainder).
            for m in [1, 4, 7, 9] {
                let re = (0..<(n * m)).map { _ in Double.random(in: -1...1, using: &g) }
                let im = (0..<(n * m)).map { _ in Double.random(in: -1...1, using: &g) }
                var out = [Double](repeating: .nan, count: m), each = out
                v[0].withUnsafeBufferPointer { u in v[1].withUnsafeBufferPointer { w in
                    re.withUnsafeBufferPointer { r in im.withUnsafeBufferPointer { i in
                        RCBasis.columnDots(u: u.baseAddress!, v: w.baseAddress!, real: r.baseAddress!,
                                           imaginary: i.baseAddress!, points: n, columns: m, out: &out)
                        for k in 0..<m {
                            each[k] = DotProduct.dot(u.baseAddress!, r.baseAddress! + k * n, plus: w.baseAddress!,
                                                     i.baseAddress! + k * n, count: n)
                        }
                    } }
                } }
                #expect(out.map(\.bitPattern) == each.map(\.bitPattern), "n \(n) m \(m)")
            }
        }
    }

    /// The fused refinement pass (`nyq_rc_gradient`) bit for bit against its three steps done apart: the model
    /// (`nyq_rc_model`), the per-point ω terms, residuals, u and sums, and the column dots (`nyq_dot2_columns`);
    /// point counts around the blocks of 16 and the lanes of 4, with and without the jω and 1/(jω) terms.
    @Test func fusedGradientEqualsItsSteps() {
        var g = SeededRandom(seed: 11)
        for n in [1, 3, 4, 5, 15, 16, 17, 19, 33, 161] {
            let v = (0..<7).map { _ in (0..<n).map { _ in Double.random(in: -2...2, using: &g) } }
            let (w, wRe, wIm, tRe, tIm, omega, inverse) = (v[0].map(abs), v[1], v[2], v[3], v[4], v[5].map(abs), v[6])
            for m in [1, 4, 7, 13] {
                let re = (0..<(n * m)).map { _ in Double.random(in: -1...1, using: &g) }
                let im = (0..<(n * m)).map { _ in Double.random(in: -1...1, using: &g) }
                let x = (0...m).map { _ in Double.random(in: -3...3, using: &g) }
                for (useOmega, useInverse) in [(true, true), (true, false), (false, true), (false, false)] {
                    let b = 0.7, d = -1.3
                    // Apart.
                    var tr = [Double](repeating: 0, count: n), ti = tr
                    nyq_rc_model(re, im, n, m, x[0], Array(x[1...]), &tr, &ti)
                    var chi = 0.0, total = 0.0
                    for i in 0..<n {
                        if useOmega { ti[i] += b * omega[i] }
                        if useInverse { ti[i] += d * inverse[i] }
                        let er = tRe[i] - tr[i], ei = tIm[i] - ti[i]
                        chi += w[i] * (er * er + ei * ei)
                        tr[i] = wRe[i] - w[i] * tr[i]
                        ti[i] = wIm[i] - w[i] * ti[i]
                        total += tr[i]
                    }
                    var dots = [Double](repeating: .nan, count: m)
                    nyq_dot2_columns(tr, ti, re, im, n, m, &dots)
                    // Fused.
                    var u = [Double](repeating: .nan, count: n), uv = u
                    var lanes = [Double](repeating: .nan, count: 4 * m), out = [Double](repeating: .nan, count: m + 1)
                    let fusedChi = omega.withUnsafeBufferPointer { o in
                        inverse.withUnsafeBufferPointer { q in
                            nyq_rc_gradient(re, im, n, m, x[0], Array(x[1...]), useOmega ? o.baseAddress : nil, b,
                                            useInverse ? q.baseAddress : nil, d, w, wRe, wIm, tRe, tIm, &u, &uv,
                                            &lanes, &out)
                        }
                    }
                    let label = "n \(n), m \(m), jω \(useOmega), 1/jω \(useInverse)"
                    #expect(fusedChi.bitPattern == chi.bitPattern, "χ², \(label)")
                    #expect(out[0].bitPattern == total.bitPattern, "Σu, \(label)")
                    #expect(Array(out[1...]).map(\.bitPattern) == dots.map(\.bitPattern), "dots, \(label)")
                    #expect(u.map(\.bitPattern) == tr.map(\.bitPattern) && uv.map(\.bitPattern) == ti.map(\.bitPattern),
                            "u, \(label)")
                }
            }
        }
    }

    func pow10(_ e: Double) -> Double { pow(10, e) }
}
