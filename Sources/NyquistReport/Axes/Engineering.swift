import Foundation

/// Engineering-notation labels: a number scaled to 1 ≤ |m| < 1000 with an SI prefix (p n µ m – k M G T).
public enum Engineering {
    static let prefixes: [(Int, String)] = [(-15, "f"), (-12, "p"), (-9, "n"), (-6, "µ"), (-3, "m"), (0, ""),
                                            (3, "k"), (6, "M"), (9, "G"), (12, "T")]

    /// `format(1500, unit: "Ω")` = "1.5 kΩ", `format(0.01, unit: "Hz")` = "10 mHz", `format(0, unit: "Ω")` = "0 Ω".
    /// At most `significant` significant digits, trailing zeros dropped. An empty unit gives the bare number with
    /// the prefix (`"1.5k"`); `unit: nil` gives a plain number without prefix.
    public static func format(_ value: Double, unit: String?, significant: Int = 3) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "−∞") }
        guard let unit else { return plain(value, significant: significant) }
        if value == 0 { return unit.isEmpty ? "0" : "0 \(unit)" }
        let e3 = Int((log10(abs(value)) / 3).rounded(.down)) * 3
        let clamped = min(max(e3, -15), 12)
        var mantissa = value / pow(10, Double(clamped))
        var exponent = clamped
        // Rounding can carry to 1000 (999.96 → "1000"): move to the next prefix.
        if abs(roundTo(mantissa, significant)) >= 1000 && exponent < 12 {
            exponent += 3
            mantissa /= 1000
        }
        let prefix = prefixes.first { $0.0 == exponent }?.1 ?? ""
        let m = plain(mantissa, significant: significant)
        return unit.isEmpty ? m + prefix : "\(m) \(prefix)\(unit)"
    }

    /// A plain decimal with at most `significant` significant digits, no trailing zeros, "−" as minus sign.
    public static func plain(_ value: Double, significant: Int = 3) -> String {
        guard value.isFinite else { return "\(value)" }
        if value == 0 { return "0" }
        let r = roundTo(value, significant)
        let magnitude = Int(log10(abs(r)).rounded(.down))
        let decimals = max(0, significant - 1 - magnitude)
        if abs(r) >= 1e15 || abs(r) < 1e-6 { return String(format: "%.\(max(0, significant - 1))e", r) }
        var s = String(format: "%.\(decimals)f", r)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s.hasPrefix("-") { s = "−" + s.dropFirst() }
        return s == "−0" ? "0" : s
    }

    static func roundTo(_ v: Double, _ significant: Int) -> Double {
        guard v != 0, v.isFinite else { return v }
        let e = Int(log10(abs(v)).rounded(.down)) - (significant - 1)
        let scale = pow(10, Double(e))
        let r = (v / scale).rounded() * scale
        // 10^e underflows to 0 for subnormal v and the rounding can overflow near 1.8e308: keep v then.
        return r.isFinite && r != 0 ? r : v
    }
}
