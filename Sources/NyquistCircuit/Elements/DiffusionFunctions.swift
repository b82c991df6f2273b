import Numerics

/// tanh(x)/x and coth(x)/x with their logarithmic derivatives, stable for tiny and huge |x| (Re x > 0).
///
/// With u = e^(−2x) (|u| < 1 for Re x > 0) and e = expm1(−2x) = u − 1:
/// tanh x = −e/(2 + e), coth x = (2 + e)/(−e), sech² x = 4u/(1 + u)², csch² x = 4u/e².
/// Nothing overflows at large |x| (u → 0) and expm1 keeps full precision at small |x|.
enum DiffusionFunctions {
    /// g = tanh(x)/x and h = x g′(x) = sech² x − tanh(x)/x. Below |x| = 0.1 the Taylor series is used, because
    /// h ≈ −2x²/3 would otherwise be lost to cancellation.
    @inline(__always)
    static func tanhOverX(_ x: Complex<Double>) -> (Complex<Double>, Complex<Double>) {
        if x.length < 0.1 {
            let x2 = x * x
            // tanh(x)/x = 1 − x²/3 + 2x⁴/15 − 17x⁶/315 + 62x⁸/2835 − 1382x¹⁰/155925
            let g = horner(x2, [1, -1.0 / 3, 2.0 / 15, -17.0 / 315, 62.0 / 2835, -1382.0 / 155925])
            // x g′(x) = Σ 2k cₖ x^(2k)
            let h = horner(x2, [0, -2.0 / 3, 8.0 / 15, -102.0 / 315, 496.0 / 2835, -13820.0 / 155925])
            return (g, h)
        }
        let e = Complex.expMinusOne(x.multiplied(by: -2))
        let u = e + Complex(1, 0)
        let onePlusU = Complex(2, 0) + e
        let tanh = -e / onePlusU
        let g = tanh / x
        let sech2 = u.multiplied(by: 4) / (onePlusU * onePlusU)
        return (g, sech2 - g)
    }

    /// g = coth(x)/x and h = x g′(x) = −csch² x − coth(x)/x (both terms have the same sign near 0: no cancellation).
    @inline(__always)
    static func cothOverX(_ x: Complex<Double>) -> (Complex<Double>, Complex<Double>) {
        let e = Complex.expMinusOne(x.multiplied(by: -2))
        let u = e + Complex(1, 0)
        let coth = (Complex(2, 0) + e) / -e
        let g = coth / x
        let csch2 = u.multiplied(by: 4) / (e * e)
        return (g, -csch2 - g)
    }

    @inline(__always)
    static func horner(_ x: Complex<Double>, _ c: [Double]) -> Complex<Double> {
        var r = Complex(c[c.count - 1], 0)
        for k in stride(from: c.count - 2, through: 0, by: -1) { r = r * x + Complex(c[k], 0) }
        return r
    }
}
