import NyquistReport
import Testing

/// Labels of the extreme finite doubles: rounding to 3 significant digits must neither overflow nor divide by an
/// underflowed 10^e (both once reached an Int conversion of a non-finite number).
@Suite struct ExtremeLabelTests {
    @Test func plainNumbersAtTheEndsOfTheDoubleRange() {
        // The smallest subnormal is 4.9406564584124654e-324; the largest double 1.7976931348623157e308.
        #expect(Engineering.plain(5e-324) == "4.94e-324")
        #expect(Engineering.plain(-5e-324) == "-4.94e-324")
        #expect(Engineering.plain(.greatestFiniteMagnitude) == "1.80e+308")
        #expect(Engineering.plain(2.2250738585072014e-308) == "2.23e-308")
        #expect(Engineering.format(.greatestFiniteMagnitude, unit: nil) == "1.80e+308")
    }
}

/// A log axis over data at the ends of the double range keeps finite, non-zero ends (10³⁰⁹ = ∞ and 10⁻³²⁴ = 0 put
/// every point at fraction 0 or NaN).
@Suite struct ExtremeAxisTests {
    @Test func logAxisEndsStayFiniteAndPositive() {
        let wide = Axis.logarithmic(1e-320, 1.7e308, title: "f", unit: "Hz")
        #expect(wide.lower > 0 && wide.lower <= 1e-320 && wide.upper == 1e308, "\(wide.lower) \(wide.upper)")
        // 1 sits at (0 + 320)/(308 + 320) = 320/628 of the axis (10⁻³²⁰ is subnormal, so only to about 10⁻³).
        #expect(abs(wide.fraction(1) - 320.0 / 628.0) < 1e-3)
        #expect(wide.fraction(1e-320) >= -1e-3 && wide.fraction(1.7e308) > 0.99 && wide.fraction(1.7e308).isFinite)
        // 5e-324 would need the decade 10⁻³²⁴ = 0.
        let bottom = Axis.logarithmic(5e-324, 1, title: "f", unit: "Hz")
        #expect(bottom.lower > 0 && bottom.fraction(1) == 1 && bottom.fraction(1e-300).isFinite)
        let top = Axis.logarithmic(1.5e308, 1.7e308, title: "|Z|", unit: "Ω")
        #expect(top.lower == 1e307 && top.upper == 1e308)
        #expect(top.fraction(1.5e308) > 0.99 && top.fraction(1.5e308).isFinite)
    }
}
