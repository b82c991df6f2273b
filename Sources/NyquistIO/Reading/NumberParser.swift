/// Parses decimal numbers straight from bytes.
///
/// Fast path (Clinger): when the decimal significand has at most 19 digits and is ≤ 2^53 and the decimal exponent e
/// satisfies |e| ≤ 22, the value m·10^e is computed with one correctly rounded multiplication or division of two
/// exactly representable doubles, so the result is the correctly rounded double. Every other input (more digits, large
/// exponents, `inf`, `nan`) falls back to the standard library's correctly rounded `Double(String)`.
/// Accepts an optional sign, digits with `.` (or `,` when `decimalComma`), and an `e`/`E` exponent;
/// surrounding spaces and double quotes are ignored.
package enum NumberParser {
    private static let powers: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22,
    ]

    @inline(__always)
    package static func parse(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, decimalComma: Bool) -> Double? {
        var s = start
        var e = end
        while s < e, p[s] == 0x20 || p[s] == 0x22 || p[s] == 0x09 { s += 1 }
        while e > s, p[e - 1] == 0x20 || p[e - 1] == 0x22 || p[e - 1] == 0x09 { e -= 1 }
        guard s < e else { return nil }
        var i = s
        var negative = false
        if p[i] == 0x2D { negative = true; i += 1 } else if p[i] == 0x2B { i += 1 }
        let point: UInt8 = decimalComma ? 0x2C : 0x2E
        var mantissa: UInt64 = 0
        var digits = 0
        var fracDigits = 0
        var sawDigit = false
        var sawPoint = false
        var overflow = false
        while i < e {
            let c = p[i]
            if c >= 0x30 && c <= 0x39 {
                sawDigit = true
                if mantissa == 0 && c == 0x30 {
                    if sawPoint { fracDigits += 1 }
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(c &- 0x30)
                    digits += 1
                    if sawPoint { fracDigits += 1 }
                } else {
                    overflow = true
                    if !sawPoint { fracDigits -= 1 }
                }
            } else if c == point && !sawPoint {
                sawPoint = true
            } else {
                break
            }
            i += 1
        }
        guard sawDigit else { return slowParse(p, s, e, decimalComma: decimalComma) }
        var exponent = 0
        if i < e {
            guard p[i] == 0x65 || p[i] == 0x45 else { return nil }
            i += 1
            var expNegative = false
            if i < e, p[i] == 0x2D { expNegative = true; i += 1 } else if i < e, p[i] == 0x2B { i += 1 }
            var expDigits = 0
            while i < e, p[i] >= 0x30, p[i] <= 0x39 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(p[i] - 0x30) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0, i == e else { return nil }
            if expNegative { exponent = -exponent }
        }
        if overflow { return slowParse(p, s, e, decimalComma: decimalComma) }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        let e10 = exponent - fracDigits
        guard mantissa <= 1 << 53, e10 >= -22, e10 <= 22 else { return slowParse(p, s, e, decimalComma: decimalComma) }
        var value = Double(mantissa)
        value = e10 >= 0 ? value * powers[e10] : value / powers[-e10]
        return negative ? -value : value
    }

    /// Correctly rounded fallback through the standard library.
    static func slowParse(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, decimalComma: Bool) -> Double? {
        var text = [UInt8]()
        text.reserveCapacity(e - s)
        for k in s..<e {
            let c = p[k]
            if decimalComma && c == 0x2C { text.append(0x2E) } else if decimalComma && c == 0x2E { return nil } else { text.append(c) }
        }
        guard let str = String(validating: text, as: UTF8.self) else { return nil }
        // Reject hexadecimal floats and other forms Double(String) accepts but instrument files never contain.
        let lower = str.lowercased()
        if lower.contains("x") || lower.contains("p") { return nil }
        return Double(str)
    }

    /// True when `text` is the beginning of a number but not a number: a sign, digits and decimal mark, an exponent
    /// mark or sign without digits (`-`, `1.23e`, `4e+`, `.`) — what a file cut off mid-number ends in.
    package static func isCutOffNumber(_ text: String, decimalComma: Bool) -> Bool {
        let point: Character = decimalComma ? "," : "."
        var rest = Substring(text)
        if let c = rest.first, c == "-" || c == "+" { rest.removeFirst() }
        let mantissa = rest.prefix { $0.isASCII && ($0.isNumber || $0 == point) }
        guard mantissa.filter({ $0 == point }).count <= 1 else { return false }
        rest = rest.dropFirst(mantissa.count)
        if rest.isEmpty { return parse(text, decimalComma: decimalComma) == nil }
        guard mantissa.contains(where: \.isNumber), let e = rest.first, e == "e" || e == "E" else { return false }
        rest.removeFirst()
        if let c = rest.first, c == "-" || c == "+" { rest.removeFirst() }
        return rest.isEmpty
    }

    /// Parses a whole `String` (header values, JSON-free text fields).
    package static func parse(_ text: String, decimalComma: Bool = false) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { parse($0, 0, $0.count, decimalComma: decimalComma) }
    }
}
