import Numerics
@testable import NyquistCircuit
import NyquistNumerics
import Testing

/// The two-member parallel step of ``EvaluationPlan`` (CKernels' `nyq_parallel_pair`, four points at a time, and
/// the general form for the points it hands back) bit for bit against the formulas written out point by point with
/// swift-numerics' complex arithmetic: Z = A·fa, fa = B·r, fb = A·r, r = conj(s)/|s|², s = A + B, partials scaled by
/// fa² and fb²; where |s|² is not a normal number below 1e300, A or B is not finite or Z overflows, Z = 1/(1/A + 1/B)
/// with the partials scaled by (Z/A)² and (Z/B)².
@Suite struct ParallelPairTests {
    static func reference(_ a: inout [Complex<Double>], _ b: [Complex<Double>], jacobian j: inout [Complex<Double>],
                          stride P: Int, ranges: (Range<Int>, Range<Int>)) {
        func inverse(_ z: Complex<Double>) -> Complex<Double> {
            let d = z.real * z.real + z.imaginary * z.imaginary
            if d.isNormal && d < 1e300 { return Complex(z.real * (1 / d), -z.imaginary * (1 / d)) }
            return Complex(1, 0) / z
        }
        for i in a.indices {
            let za = a[i], zb = b[i], s = za + zb
            let d = s.real * s.real + s.imaginary * s.imaginary
            var z = Complex<Double>.zero, fa = z, fb = z, fast = false
            if d.isNormal && d < 1e300 && za.isFinite && zb.isFinite {
                let r = Complex(s.real * (1 / d), -s.imaginary * (1 / d))
                fa = zb * r
                fb = za * r
                z = za * fa
                fast = z.isFinite
            }
            if !fast {
                let ya = inverse(za), yb = inverse(zb)
                z = inverse(ya + yb)
                fa = z * ya
                fb = z * yb
            }
            a[i] = z
            for c in ranges.0 { j[i * P + c] = j[i * P + c] * (fa * fa) }
            for c in ranges.1 { j[i * P + c] = j[i * P + c] * (fb * fb) }
        }
    }

    @Test("random members and the edge cases of the fast form: the same bits as the point-by-point formulas")
    func sameBits() {
        var random = SeededRandom(seed: 29)
        let specials: [Complex<Double>] = [.zero, Complex(1e-170, 0), Complex(1e160, -1e160), Complex(.infinity, 0),
                                           Complex(1, .nan), Complex(-3, 4), Complex(3, -4), Complex(1e-320, 0)]
        for m in [1, 3, 4, 5, 17, 161] {
            let P = 6, ranges = (1..<3, 3..<6)
            var a = (0..<m).map { _ in
                Complex(random.logUniform(1e-3...1e6), -random.logUniform(1e-3...1e6))
            }
            var b = (0..<m).map { _ in
                Complex(random.logUniform(1e-3...1e6), -random.logUniform(1e-3...1e6))
            }
            // Every fourth point of the longer series from the edge cases, against each other and against normal values.
            if m >= 17 {
                for (k, i) in stride(from: 0, to: m, by: 4).enumerated() {
                    a[i] = specials[k % specials.count]
                    if k % 3 == 0 { b[i] = specials[(k / 3) % specials.count] }
                    if k % 5 == 1 { b[i] = -a[i] }
                }
            }
            var jacobian = (0..<(m * P)).map { _ in
                Complex(Double.random(in: -2...2, using: &random), Double.random(in: -2...2, using: &random))
            }
            var wantA = a, wantJ = jacobian
            Self.reference(&wantA, b, jacobian: &wantJ, stride: P, ranges: ranges)
            a.withUnsafeMutableBufferPointer { ab in
                b.withUnsafeBufferPointer { bb in
                    jacobian.withUnsafeMutableBufferPointer { jb in
                        EvaluationPlan.parallelPair(ab.baseAddress!, bb.baseAddress!, count: m,
                                                    jacobian: jb.baseAddress!, stride: P, ranges: ranges)
                    }
                }
            }
            func bits(_ z: [Complex<Double>]) -> [UInt64] { z.flatMap { [$0.real.bitPattern, $0.imaginary.bitPattern] } }
            // NaN payloads aside (a NaN is a NaN), every value equal bit for bit.
            func same(_ x: [Complex<Double>], _ y: [Complex<Double>]) -> Bool {
                zip(bits(x), bits(y)).allSatisfy { p, q in
                    p == q || (Double(bitPattern: p).isNaN && Double(bitPattern: q).isNaN)
                }
            }
            #expect(same(a, wantA), "Z, m = \(m)")
            #expect(same(jacobian, wantJ), "∂Z/∂p, m = \(m)")
        }
    }

    @Test("closed forms: R ∥ R = R/2; 1 Ω ∥ −j Ω = (1 − j)/2 Ω with ∂Z/∂A = (Z/A)² = −j/2")
    func closedForms() {
        var a = [Complex<Double>(10, 0), Complex(1, 0)]
        let b = [Complex<Double>(10, 0), Complex(0, -1)]
        var j = [Complex<Double>(1, 0), Complex(1, 0)]
        a.withUnsafeMutableBufferPointer { ab in
            b.withUnsafeBufferPointer { bb in
                j.withUnsafeMutableBufferPointer { jb in
                    EvaluationPlan.parallelPair(ab.baseAddress!, bb.baseAddress!, count: 2, jacobian: jb.baseAddress!,
                                                stride: 1, ranges: (0..<1, 1..<1))
                }
            }
        }
        #expect(a[0] == Complex(5, 0))
        #expect(j[0] == Complex(0.25, 0))
        #expect(abs(a[1].real - 0.5) <= 1e-16 && abs(a[1].imaginary + 0.5) <= 1e-16)
        #expect(abs(j[1].real) <= 1e-16 && abs(j[1].imaginary + 0.5) <= 1e-16)
    }
}
