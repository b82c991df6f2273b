import CKernels
@testable import NyquistNumerics
import Testing

/// CKernels' ‖x‖₂ (`nyq_dnrm2`, exported as the `cblas_dnrm2` GSL calls; issue 17: GSL's reference `dnrm2` was
/// 12 % of a `--no-kk` batch): closed forms, the overflow and underflow ranges, strides, and random vectors against
/// an independent sum of squares scaled by an exact power of two.
@Suite struct NormKernelTests {
    func norm(_ x: [Double], count: Int? = nil, stride: Int = 1) -> Double {
        nyq_dnrm2(count ?? x.count, x, stride)
    }

    @Test func closedForms() {
        #expect(norm([3, 4]) == 5)
        #expect(norm([-3, 0, 4, 0, 0]) == 5)
        #expect(norm([Double](repeating: 1, count: 16)) == 4)
        #expect(norm([Double](repeating: 2, count: 25)) == 10)
        #expect(norm([-7.5]) == 7.5)
        #expect(norm([]) == 0)
        #expect(norm([1, 2], count: 0) == 0)
        #expect(norm([1, 2], stride: 0) == 0)
        #expect(norm([1, 2], stride: -1) == 0)
        #expect(norm([0, 0, 0, 0, 0]) == 0)
        // Stride 3 over 3 elements: 2, 6, 3 → 7; the values between are skipped.
        #expect(norm([2, 100, 100, 6, 100, 100, 3], count: 3, stride: 3) == 7)
    }

    /// Sums of squares that overflow or underflow take the scaled path and stay exact to a few ulps.
    @Test func extremeMagnitudes() {
        for (scale, label) in [(1e300, "1e300"), (1e-300, "1e-300"), (1e160, "1e160"), (1e-160, "1e-160"),
                               (Double.greatestFiniteMagnitude / 8, "max/8"),
                               (Double.leastNonzeroMagnitude * 3, "3 denormal ulps")] {
            let got = norm([3 * scale, 4 * scale])
            #expect(abs(got - 5 * scale) <= 4 * (5 * scale).ulp, "\(label): \(got)")
        }
        // A tiny element beside a normal one does not matter; a huge one beside a tiny one neither.
        #expect(norm([1e-200, 1, 1e-200]) == 1)
        #expect(norm([1e200, 1e-200]) == 1e200)
        #expect(norm([.infinity, 1]) == .infinity)
        #expect(norm([1, .nan, 2]).isNaN)
    }

    /// Random vectors (lengths 2…400, magnitudes from 10⁻²⁵⁰ to 10²⁵⁰ with up to 10 decades of spread inside a
    /// vector, some strided) against Σ(xᵢ·2⁻ᵉ)² in compensated summation, rescaled by 2ᵉ — exact scalings, so the
    /// reference is within a few ulps of ‖x‖₂; the kernel within (n/4 + 3)·ε relative of it.
    @Test func randomVectorsAgainstACompensatedReference() {
        var g = SeededRandom(seed: 17)
        for trial in 0..<2_000 {
            let n = Int.random(in: 2...400, using: &g)
            let stride = trial % 5 == 0 ? 3 : 1
            let base = g.logUniform(1e-250...1e250)
            let x = (0..<(n * stride)).map { _ in
                (Bool.random(using: &g) ? 1.0 : -1.0) * base * g.logUniform(1...1e10)
            }
            let picked = (0..<n).map { x[$0 * stride] }
            let e = picked.map { $0.magnitude.exponent }.max() ?? 0
            var sum = 0.0, carry = 0.0
            for v in picked {
                let s = Double(sign: .plus, exponent: -e, significand: v)
                let y = s * s - carry
                let t = sum + y
                carry = (t - sum) - y
                sum = t
            }
            let reference = Double(sign: .plus, exponent: e, significand: sum.squareRoot())
            let got = norm(x, count: n, stride: stride)
            let tolerance = (Double(n) / 4 + 3) * Double.ulpOfOne
            #expect(abs(got - reference) <= tolerance * reference, "trial \(trial): n \(n), \(got) vs \(reference)")
        }
    }

    /// GSL's `gsl_blas_dnrm2` reaches this kernel, not libgslcblas's scaled reference: on vectors where the two
    /// round differently, GSL returns the kernel's bits.
    @Test func gslCallsTheKernel() {
        var g = SeededRandom(seed: 4)
        var differing = 0
        for _ in 0..<500 {
            let x = (0..<Int.random(in: 5...300, using: &g)).map { _ in Double.random(in: -10...10, using: &g) }
            let kernel = norm(x)
            #expect(gslNorm(x).bitPattern == kernel.bitPattern)
            if Self.scaledReference(x).bitPattern != kernel.bitPattern { differing += 1 }
        }
        #expect(differing > 50, "only \(differing) of 500 vectors tell the two algorithms apart")
    }

    /// The reference BLAS algorithm (scale·√ssq), as libgslcblas computes it.
    static func scaledReference(_ x: [Double]) -> Double {
        var scale = 0.0, ssq = 1.0
        for v in x where v != 0 {
            let a = v.magnitude
            if scale < a {
                ssq = 1 + ssq * (scale / a) * (scale / a)
                scale = a
            } else {
                ssq += (a / scale) * (a / scale)
            }
        }
        return scale * ssq.squareRoot()
    }
}
