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
