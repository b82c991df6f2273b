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

    /// x = ωτ = 0, 1, 2, 3, 7: φ = 1/(1 + jx) = (1 − jx)/(1 + x²); jx/(1 + jx) = (x² + jx)/(1 + x²).
    @Test func closedForms() {
        let omega: [Double] = [0, 2, 4, 6, 14]
        let (re, im) = basis(omega, 0.5, admittance: false)
        #expect(re == [1, 0.5, 0.2, 0.1, 0.02])
        #expect(im == [-0.0, -0.5, -0.4, -0.3, -0.14])
        let (yr, yi) = basis(omega, 0.5, admittance: true)
        #expect(yr == [0, 0.5, 0.8, 0.9, 0.98])
        #expect(yi == [0, 0.5, 0.4, 0.3, 0.14])
    }

    /// Both paths equal x = ωτ, q = 1 + x·x, 1/q, −x/q (x·x/q, x/q) computed here in Swift, bit for bit.
    @Test func bothPathsEqualTheScalarFormula() {
        var g = SystemRandomNumberGenerator()
        for n in [1, 3, 4, 5, 8, 161, 162, 163, 250] {
            let omega = (0..<n).map { _ in Double.random(in: -3...7, using: &g) }.map { 2 * Double.pi * pow10($0) }
            let tau = pow10(Double.random(in: -8...3, using: &g))
            for admittance in [false, true] {
                let expected = omega.map { w -> (Double, Double) in
                    let x = w * tau, q = 1 + x * x
                    return admittance ? (x * x / q, x / q) : (1 / q, -x / q)
                }
                for portable in [false, true] {
                    let (re, im) = basis(omega, tau, admittance: admittance, portable: portable)
                    #expect(re.map(\.bitPattern) == expected.map(\.0.bitPattern), "n \(n) τ \(tau)")
                    #expect(im.map(\.bitPattern) == expected.map(\.1.bitPattern), "n \(n) τ \(tau)")
                }
            }
        }
    }

    func pow10(_ e: Double) -> Double { pow(10, e) }
}
