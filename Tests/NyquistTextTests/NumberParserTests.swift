import Foundation
import Testing
import NyquistText

/// Issue 17, point 2: the byte parser (Clinger fast path, Eisel–Lemire for up to 19 digits, `Double(String)` for the
/// rest) gives bit-for-bit the double `Double(String)` gives, on adversarial and on about a million random strings.
@Suite("NumberParser: bit-for-bit against Double(String)")
struct NumberParserTests {
    /// splitmix64, so every run checks the same strings.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// `NYQUIST_NUMBER_SCALE=k` multiplies the random counts by k (the default, 1, checks about 1.3 million strings).
    static let scale = max(1, Int(ProcessInfo.processInfo.environment["NYQUIST_NUMBER_SCALE"] ?? "") ?? 1)

    /// printf-style formatting of one double without Foundation's slower `String(format:)`.
    static func cFormat(_ format: String, _ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([x]) { vsnprintf(&buffer, 64, format, $0) }
        return String(cString: buffer)
    }

    /// Checks one string; returns false (and records an issue) on a mismatch.
    @discardableResult
    static func check(_ s: String, decimalComma: Bool = false) -> Bool {
        let bare = s.trimmingCharacters(in: CharacterSet(charactersIn: " \t\""))
        let reference = Double(decimalComma ? bare.replacingOccurrences(of: ",", with: ".") : bare)
        let mine = NumberParser.parse(s, decimalComma: decimalComma)
        let same = mine?.bitPattern == reference?.bitPattern || (mine?.isNaN == true && reference?.isNaN == true)
        if !same {
            Issue.record("\(s): \(String(describing: mine)) vs Double(String) \(String(describing: reference))")
        }
        return same
    }

    static let hardCases = [
        "9007199254740993", "9007199254740992", "9007199254740994", "9007199254740995", "9007199254740991",
        "18014398509481985", "18014398509481986", "18014398509481987", "36028797018963971",
        "2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308", "2.2250738585072009e-308",
        "2.225073858507201e-308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308",
        "1.797693134862315807e308", "1.7976931348623158079e308", "4.9e-324", "5e-324", "2.4703282292062327e-324",
        "2.4703282292062328e-324", "2.47032822920623272e-324", "2.470328229206232720e-324", "7.4109846876186982e-324",
        "1e-400", "-1e-400", "1e400", "-1e400", "1e-324", "3e-324", "1e308", "1e309", "1e-342", "1e-343",
        "9999999999999999999e-343", "9999999999999999999e-342", "1e-323", "9999999999999999999e308", "1e23",
        "8.98846567431158e307", "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124", "1.0000000000000001110223024625156540423631668090820312",
        "0.1", "0.2", "0.3", "0.7", "3.14159265358979323846", "2.718281828459045", "123456789012345678",
        "1234567890123456789", "12345678901234567890", "18446744073709551615", "18446744073709551616",
        "9223372036854775807", "9223372036854775808", "4503599627370496.5", "4503599627370497.5",
        "7.038531e-26", "1.448997445238699", "1.7800590868057611e-307", "2.0522684006491881e-289",
        "9.5e-323", "1.1754943508222875e-38", "5e-310", "6.631236846766476e-316", "3.234908202229e-319",
        "1e-22", "1e22", "1e-23", "1.5e-23", "9.109383e-31", "6.02214076e23", "0", "-0", "0e999", "0.000e-999",
        "000000000000000000000000000001", "1.000000000000000000000000000000", "100000000000000000000000000000e-29",
        "0.0000000000000000000000000000000000001e37", "00123.45600000", "-00.000123456000e+0003",
        "  1.5  ", "\"2.5\"", "\t-3.75\t", "+4.25", "inf", "-inf", "Infinity", "nan", "-nan",
    ]

    @Test("classic hard cases, halfway cases and forms", arguments: [false, true])
    func hardCasesMatch(decimalComma: Bool) {
        for s in Self.hardCases {
            if decimalComma {
                Self.check(s.replacingOccurrences(of: ".", with: ","), decimalComma: true)
            } else {
                Self.check(s)
            }
        }
    }

    @Test("halfway cases: integers (2m+1)·2^(j−1) above 2^53, also written with a point and an exponent")
    func halfwayIntegers() {
        var g = SplitMix(state: 53)
        var count = 0
        for j in 1...11 {
            for _ in 0..<2_000 * Self.scale {
                let m = UInt64(1 << 52) + g.next() % (1 << 52)
                let (x, overflow) = (2 * m + 1).multipliedReportingOverflow(by: UInt64(1) << UInt64(j - 1))
                if overflow { continue }
                let digits = String(x)
                Self.check(digits)
                // The same number as d.ddd…e+k and as digits·10^-k with k trailing zeros.
                let sci = String(digits.prefix(1)) + "." + digits.dropFirst() + "e" + String(digits.count - 1)
                Self.check(sci)
                Self.check(digits + "000e-3")
                // Just above and below the midpoint: must round away from the tie.
                Self.check(String(x + 1))
                Self.check(String(x - 1))
                count += 5
            }
        }
        // Powers of two and ten and their neighbours, where the binade changes.
        for k in 0...1023 {
            let p = Double(sign: .plus, exponent: k, significand: 1)
            for x in [p, p.nextUp, p.nextDown] {
                Self.check(Self.cFormat("%.17g", x))
                Self.check(Self.cFormat("%.16g", x))
                Self.check(Self.cFormat("%.19g", x))
                count += 3
            }
            let n = Double(sign: .plus, exponent: -k - 51, significand: 1)
            Self.check(Self.cFormat("%.17g", n))
            Self.check(Self.cFormat("%.19g", n))
        }
        for k in -342...308 {
            Self.check("1e\(k)"); Self.check("5e\(k)"); Self.check("9999999999999999999e\(k)")
            Self.check("1000000000000000000e\(k)"); Self.check("4.5e\(k)")
        }
        #expect(count > 100_000)
    }

    /// Random doubles (every finite bit pattern equally likely, so all exponents and the subnormals) printed as
    /// numpy / `%.17g` does, as `String(describing:)`, and to 1…19 significant digits.
    @Test("random doubles printed with %.17g, String(describing:), 1…19 significant digits")
    func randomDoubles() {
        var g = SplitMix(state: 17)
        var checked = 0
        var failures = 0
        for n in 0..<40_000 * Self.scale {
            var bits = g.next() & 0x7FFF_FFFF_FFFF_FFFF
            if n % 8 == 0 { bits &= 0x000F_FFFF_FFFF_FFFF }  // subnormals
            if bits >> 52 == 0x7FF { continue }
            let x = Double(bitPattern: bits) * (g.next() & 1 == 0 ? 1 : -1)
            var strings = [Self.cFormat("%.17g", x), Self.cFormat("%.17e", x), String(describing: x)]
            for digits in 1...19 { strings.append(Self.cFormat("%.\(digits)g", x)) }
            strings.append(Self.cFormat("%.20e", x))
            for s in strings where !Self.check(s) { failures += 1 }
            checked += strings.count
            if failures > 20 { break }
        }
        #expect(checked >= 800_000)
    }

    /// Random decimal strings: 1…21 significant digits (19 and 20 often), the point anywhere, leading and trailing
    /// zeros, exponents across [-360, 330], signs, decimal comma.
    @Test("random digit strings: 1…21 digits, exponents −360…330, leading/trailing zeros, decimal comma")
    func randomDigitStrings() {
        var g = SplitMix(state: 19)
        var checked = 0
        var failures = 0
        for _ in 0..<250_000 * Self.scale {
            let r = g.next()
            let ndigits: Int
            switch r % 4 {
            case 0: ndigits = 19
            case 1: ndigits = 20
            default: ndigits = 1 + Int((r >> 2) % 21)
            }
            var digits = [UInt8]()
            for k in 0..<ndigits {
                let d = UInt8(g.next() % 10)
                digits.append(0x30 + (k == 0 && d == 0 ? 1 : d))
            }
            let lead = Int(g.next() % 8) < 2 ? Int(g.next() % 4) : 0
            let trail = Int(g.next() % 8) < 2 ? Int(g.next() % 4) : 0
            var body = [UInt8](repeating: 0x30, count: lead) + digits + [UInt8](repeating: 0x30, count: trail)
            let pointAt = Int(g.next() % UInt64(body.count + 2))
            if pointAt <= body.count { body.insert(0x2E, at: pointAt) }
            var s = g.next() % 4 == 0 ? "-" : (g.next() % 8 == 0 ? "+" : "")
            s += String(decoding: body, as: UTF8.self)
            let e = Int(g.next() % 691) - 360
            s += g.next() % 2 == 0 ? "e\(e)" : "E\(e >= 0 ? "+" : "")\(e)"
            if !Self.check(s) { failures += 1 }
            if pointAt <= body.count, g.next() % 4 == 0 {
                if !Self.check(s.replacingOccurrences(of: ".", with: ","), decimalComma: true) { failures += 1 }
                checked += 1
            }
            checked += 1
            if failures > 20 { break }
        }
        #expect(checked >= 250_000)
    }

    @Test("API behaviour unchanged: signs, quotes, decimal comma, errors")
    func behaviourUnchanged() {
        #expect(NumberParser.parse("\"-1.25e+3\"") == -1250)
        #expect(NumberParser.parse("-0")?.sign == .minus)
        #expect(NumberParser.parse("-1e-400")?.sign == .minus)
        #expect(NumberParser.parse("1,5", decimalComma: true) == 1.5)
        #expect(NumberParser.parse("1.234567890123456789e300", decimalComma: true) == nil)
        #expect(NumberParser.parse("1,23456789012345678", decimalComma: false) == nil)
        #expect(NumberParser.parse("1.2345678901234567e") == nil)
        #expect(NumberParser.parse("1.2345678901234567e5x") == nil)
        #expect(NumberParser.parse("0x1p3") == nil)
        #expect(NumberParser.parse("1e400") == .infinity)
        #expect(NumberParser.parse("-1e400") == -.infinity)
    }

    @Test("Byte parser agrees bit-for-bit with the standard library's correctly rounded Double(String)")
    func numberParser() {
        var inputs = ["1.0000186E+006", "-7.6399624E-002", "0.09995177388191223", "4.532292049957649E+004", "1e-300",
                      "123456789012345678901", ".5", "5.", "-0", "0", "1.000000000000000E+000", "9007199254740993",
                      "2.2250738585072014e-308", "1.7976931348623157e308", "10.900e+01", "+3.25", "6.02214076e23",
                      "0.000000000000000000000000001", "1.5e22", "1.5e23", "123.456e-22"]
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let x = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random() ? 1 : -1)
            inputs.append(String(format: "%.7E", x))
            inputs.append(String(format: "%.17g", x))
            inputs.append(String(format: "%.6f", Double.random(in: -1e6...1e6)))
        }
        for s in inputs {
            let mine = NumberParser.parse(s)
            let reference = Double(s)
            #expect(mine?.bitPattern == reference?.bitPattern, "\(s): \(String(describing: mine)) vs \(String(describing: reference))")
        }
        #expect(NumberParser.parse("1,5", decimalComma: true) == 1.5)
        #expect(NumberParser.parse("1,5") == nil)
        for bad in ["", "abc", "1.2.3", "1e", "--1", "0x10", "1e5x", "......"] { #expect(NumberParser.parse(bad) == nil, "\(bad)") }
    }

    @Test("Cut-off number recognition", arguments: [
        ("-", true), ("1.23e", true), ("4E+", true), (".", true), ("", true), ("1.23", false), ("1,2x", false),
        ("1e5x", false), ("abc", false), ("1.2.3", false),
    ])
    func cutOffRecognition(_ text: String, _ cut: Bool) {
        #expect(NumberParser.isCutOffNumber(text, decimalComma: false) == cut)
    }
}
