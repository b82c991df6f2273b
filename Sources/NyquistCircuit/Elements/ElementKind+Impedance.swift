import Numerics

/// Parameter-only quantities of one element, computed once per parameter vector and reused for every frequency
/// (cos/sin of nπ/2, reciprocals, logarithms).
struct HoistedConstants {
    var a = 0.0, b = 0.0, c = 0.0, d = 0.0
}

extension ElementKind {
    /// Precomputes the frequency-independent part of the element's formula from its parameters `p` (slot order).
    func hoist(_ p: UnsafePointer<Double>) -> HoistedConstants {
        var h = HoistedConstants()
        switch self {
        case .cpe, .modifiedInductor:
            h.a = 1 / p[0]
            h.b = Double.cos(p[1] * .pi / 2)
            h.c = Double.sin(p[1] * .pi / 2)
        case .zarc:
            h.a = Double.log(p[1])
            h.b = Double.cos(p[2] * .pi / 2)
            h.c = Double.sin(p[2] * .pi / 2)
        case .havriliakNegami:
            h.a = Double.log(p[1])
            h.b = Double.cos(p[2] * .pi / 2)
            h.c = Double.sin(p[2] * .pi / 2)
        case .transmissionLine:
            h.a = (p[0] * p[1]).squareRoot()
            h.b = Double.cos(p[2] * .pi / 4)
            h.c = Double.sin(p[2] * .pi / 4)
        case .resistor, .capacitor, .inductor, .warburg, .warburgShort, .warburgOpen, .gerischer:
            break
        }
        return h
    }

    /// Z at every ω into `z`, and the partials ∂Z/∂pₖ into `jacobian[i·stride + k]` (slot k, physical units) when
    /// given. The `switch` on the kind sits outside the frequency loop, so each loop is one kind's formula inlined.
    ///
    /// - Parameters:
    ///   - p: the element's parameters in slot order; `h` their ``hoist(_:)``.
    ///   - omega: angular frequencies ω = 2πf in rad/s; `lnOmega` = ln ω.
    func impedances(_ p: UnsafePointer<Double>, _ h: HoistedConstants, omega: UnsafeBufferPointer<Double>,
                    lnOmega: UnsafeBufferPointer<Double>, into z: UnsafeMutablePointer<Complex<Double>>,
                    jacobian: UnsafeMutablePointer<Complex<Double>>?, stride: Int)
    {
        let n = omega.count
        switch self {
        case .resistor: Self.loop(n, z, jacobian, stride) { i, d in Self.zResistor(p, h, omega[i], lnOmega[i], d) }
        case .capacitor: Self.loop(n, z, jacobian, stride) { i, d in Self.zCapacitor(p, h, omega[i], lnOmega[i], d) }
        case .inductor: Self.loop(n, z, jacobian, stride) { i, d in Self.zInductor(p, h, omega[i], lnOmega[i], d) }
        case .cpe: Self.loop(n, z, jacobian, stride) { i, d in Self.zCpe(p, h, omega[i], lnOmega[i], d) }
        case .modifiedInductor: Self.loop(n, z, jacobian, stride) { i, d in
            Self.zModifiedInductor(p, h, omega[i], lnOmega[i], d)
        }
        case .warburg: Self.loop(n, z, jacobian, stride) { i, d in Self.zWarburg(p, h, omega[i], lnOmega[i], d) }
        case .warburgShort: Self.loop(n, z, jacobian, stride) { i, d in
            Self.zFiniteWarburg(p, h, omega[i], lnOmega[i], d, short: true)
        }
        case .warburgOpen: Self.loop(n, z, jacobian, stride) { i, d in
            Self.zFiniteWarburg(p, h, omega[i], lnOmega[i], d, short: false)
        }
        case .gerischer: Self.loop(n, z, jacobian, stride) { i, d in Self.zGerischer(p, h, omega[i], lnOmega[i], d) }
        case .zarc: Self.loop(n, z, jacobian, stride) { i, d in Self.zZarc(p, h, omega[i], lnOmega[i], d) }
        case .havriliakNegami: Self.loop(n, z, jacobian, stride) { i, d in
            Self.zHavriliakNegami(p, h, omega[i], lnOmega[i], d)
        }
        case .transmissionLine: Self.loop(n, z, jacobian, stride) { i, d in
            Self.zTransmissionLine(p, h, omega[i], lnOmega[i], d)
        }
        }
    }

    @inline(__always)
    private static func loop(_ n: Int, _ z: UnsafeMutablePointer<Complex<Double>>,
                             _ jacobian: UnsafeMutablePointer<Complex<Double>>?, _ stride: Int,
                             _ element: (Int, UnsafeMutablePointer<Complex<Double>>?) -> Complex<Double>) {
        if let jacobian {
            for i in 0..<n { z[i] = element(i, jacobian + i * stride) }
        } else {
            for i in 0..<n { z[i] = element(i, nil) }
        }
    }

    // One function per kind: Z(ω) and, when `d` is non-nil, ∂Z/∂pₖ written to d[0..<slots.count].

    @inline(__always)
    static func zResistor(
        _ p: UnsafePointer<Double>, _ h: HoistedConstants, _ omega: Double, _ lnOmega: Double,
        _ d: UnsafeMutablePointer<Complex<Double>>?
    ) -> Complex<Double> {
        d?[0] = Complex(1, 0)
        return Complex(p[0], 0)
    }

    /// Z = 1/(jωC) = −j/(ωC); ∂Z/∂C = −Z/C
    @inline(__always)
    static func zCapacitor(
        _ p: UnsafePointer<Double>, _ h: HoistedConstants, _ omega: Double, _ lnOmega: Double,
        _ d: UnsafeMutablePointer<Complex<Double>>?
    ) -> Complex<Double> {
        let z = Complex(0, -1 / (omega * p[0]))
        d?[0] = Complex(0, 1 / (omega * p[0] * p[0]))
        return z
    }

    /// Z = jωL
    @inline(__always)
    static func zInductor(
        _ p: UnsafePointer<Double>, _ h: HoistedConstants, _ omega: Double, _ lnOmega: Double,
        _ d: UnsafeMutablePointer<Complex<Double>>?
    ) -> Complex<Double> {
        d?[0] = Complex(0, omega)
        return Complex(0, omega * p[0])
    }

    /// Z = (1/Q) ω^(−n) (cos nπ/2 − j sin nπ/2)
    @inline(__always)
    static func zCpe(
        _ p: UnsafePointer<Double>, _ h: HoistedConstants, _ omega: Double, _ lnOmega: Double,
        _ d: UnsafeMutablePointer<Complex<Double>>?
    ) -> Complex<Double> {
        let logJOmega = Complex(lnOmega, .pi / 2)  // d/dn (jω)^n = (jω)^n (ln ω + jπ/2)
        let m = h.a * Double.exp(-p[1] * lnOmega)
        let z = Complex(m * h.b, -m * h.c)
        if let d {
            d[0] = z.multiplied(by: -h.a)
            d[1] = -(z * logJOmega)
        }
        return z
    }

    /// Z = La ω^n (cos nπ/2 + j sin nπ/2)
    @inline(__always)
    static func zModifiedInductor(
        _ p: UnsafePointer<Double>, _ h: HoistedConstants, _ omega: Double, _ lnOmega: Double,
        _ d: UnsafeMutablePointer<Complex<Double>>?
    ) -> Complex<Double> {
        let logJOmega = Complex(lnOmega, .pi / 2)  // d/dn (jω)^n = (jω)^n (ln ω + jπ/2)
        let m = p[0] * Double.exp(p[1] * lnOmega)
        let z = Complex(m * h.b, m * h.c)
        if let d {
            d[0] = Complex(h.b, h.c).multiplied(by: Double.exp(p[1] * lnOmega))
            d[1] = z * logJOmega
        }
        return z
    }

    /// Z = σ (1 − j)/√ω
    @inline(__always)
    static func zWarburg(
        _ p: UnsafePointer<Double>, _ h: HoistedConstants, _ omega: Double, _ lnOmega: Double,
        _ d: UnsafeMutablePointer<Complex<Double>>?
    ) -> Complex<Double> {
        let r = Double.exp(-0.5 * lnOmega)
        d?[0] = Complex(r, -r)
        return Complex(p[0] * r, -p[0] * r)
    }

    @inline(__always)
    static func zFiniteWarburg(
        _ p: UnsafePointer<Double>, _ h: HoistedConstants, _ omega: Double, _ lnOmega: Double,
        _ d: UnsafeMutablePointer<Complex<Double>>?, short: Bool
    ) -> Complex<Double> {
        // x = √(τ jω) = k(1 + j), k = √(τω/2); Z = R g(x), ∂Z/∂R = g, ∂Z/∂τ = R h(x)/(2τ), h = x g′(x).
        let k = (p[1] * omega / 2).squareRoot()
        let x = Complex(k, k)
        let (g, hx) = short ? DiffusionFunctions.tanhOverX(x) : DiffusionFunctions.cothOverX(x)
        if let d {
            d[0] = g
            d[1] = hx.multiplied(by: p[0] / (2 * p[1]))
        }
        return g.multiplied(by: p[0])
    }

    /// Z = R/√(1 + jωτ); ∂Z/∂τ = −½ Z jω/(1 + jωτ)
    @inline(__always)
    static func zGerischer(
        _ p: UnsafePointer<Double>, _ h: HoistedConstants, _ omega: Double, _ lnOmega: Double,
        _ d: UnsafeMutablePointer<Complex<Double>>?
    ) -> Complex<Double> {
        let w = Complex(1, omega * p[1])
        let inv = Complex(1, 0) / Complex.sqrt(w)
        let z = inv.multiplied(by: p[0])
        if let d {
            d[0] = inv
            d[1] = z * Complex(0, -0.5 * omega) / w
        }
        return z
    }

    /// Z = R/(1 + a), a = (jωτ)^n
    @inline(__always)
    static func zZarc(
        _ p: UnsafePointer<Double>, _ h: HoistedConstants, _ omega: Double, _ lnOmega: Double,
        _ d: UnsafeMutablePointer<Complex<Double>>?
    ) -> Complex<Double> {
        let m = Double.exp(p[2] * (h.a + lnOmega))
        let a = Complex(m * h.b, m * h.c)
        let den = Complex(1, 0) + a
        let inv = Complex(1, 0) / den
        let z = inv.multiplied(by: p[0])
        if let d {
            let common = -(z * a * inv)  // ∂Z/∂a · a
            d[0] = inv
            d[1] = common.multiplied(by: p[2] / p[1])
            d[2] = common * Complex(h.a + lnOmega, .pi / 2)
        }
        return z
    }

    /// Z = R (1 + a)^(−β), a = (jωτ)^α
    @inline(__always)
    static func zHavriliakNegami(
        _ p: UnsafePointer<Double>, _ h: HoistedConstants, _ omega: Double, _ lnOmega: Double,
        _ d: UnsafeMutablePointer<Complex<Double>>?
    ) -> Complex<Double> {
        let m = Double.exp(p[2] * (h.a + lnOmega))
        let a = Complex(m * h.b, m * h.c)
        let den = Complex(1, 0) + a
        let logDen = Complex.log(den)
        let z = Complex.exp(logDen.multiplied(by: -p[3])) * Complex(p[0], 0)
        if let d {
            let common = -(z * a / den) * Complex(p[3], 0)
            d[0] = z.multiplied(by: 1 / p[0])
            d[1] = common.multiplied(by: p[2] / p[1])
            d[2] = common * Complex(h.a + lnOmega, .pi / 2)
            d[3] = -(z * logDen)
        }
        return z
    }

    @inline(__always)
    static func zTransmissionLine(
        _ p: UnsafePointer<Double>, _ h: HoistedConstants, _ omega: Double, _ lnOmega: Double,
        _ d: UnsafeMutablePointer<Complex<Double>>?
    ) -> Complex<Double> {
        let logJOmega = Complex(lnOmega, .pi / 2)  // d/dn (jω)^n = (jω)^n (ln ω + jπ/2)
        // y = √(R_ion Q (jω)^n) = √(R_ion Q) ω^(n/2) e^(jnπ/4); Z = R_ion coth(y)/y.
        let m = h.a * Double.exp(p[2] / 2 * lnOmega)
        let y = Complex(m * h.b, m * h.c)
        let (g, hy) = DiffusionFunctions.cothOverX(y)
        if let d {
            d[0] = g + hy.multiplied(by: 0.5)
            d[1] = hy.multiplied(by: p[0] / (2 * p[1]))
            d[2] = hy * logJOmega.multiplied(by: p[0] / 2)
        }
        return g.multiplied(by: p[0])
    }
}

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
