import Foundation

/// How values map onto an axis.
public enum AxisScale: String, Sendable, Codable, Hashable {
    case linear
    /// Base-10 logarithmic; values ≤ 0 are not drawn.
    case log10
}

/// One axis: its scale, its (nice) domain, its tick values and how to label them.
public struct Axis: Sendable, Hashable {
    public var scale: AxisScale
    /// The visible range in data units (lower < upper), already widened to nice values.
    public var lower: Double
    public var upper: Double
    /// Tick values in data units, ascending, all inside [lower, upper].
    public var ticks: [Double]
    /// Minor ticks (log axes: 2…9 × each decade) in data units.
    public var minorTicks: [Double]
    /// The quantity, e.g. "Z′", and its unit for tick labels ("Ω", "Hz", "°", "%", or "" for none).
    public var title: String
    public var unit: String
    /// Engineering prefixes on tick labels (kΩ, mHz); false prints plain numbers.
    public var engineering: Bool

    public init(scale: AxisScale, lower: Double, upper: Double, ticks: [Double], minorTicks: [Double] = [],
                title: String, unit: String, engineering: Bool) {
        self.scale = scale
        self.lower = lower
        self.upper = upper
        self.ticks = ticks
        self.minorTicks = minorTicks
        self.title = title
        self.unit = unit
        self.engineering = engineering
    }

    /// A linear axis over the data range [lo, hi] widened to multiples of a 1-2-5 step, with about `target` ticks.
    public static func linear(_ lo: Double, _ hi: Double, target: Int = 6, title: String, unit: String,
                              engineering: Bool = true) -> Axis {
        var (a, b) = sane(lo, hi)
        let step = NiceTicks.step(for: (b - a) / Double(max(target, 2)))
        // A relative tolerance keeps 25e-6 / 1e-6 = 25.000000000000004 from adding an empty step (…, 25, 26).
        a = (a / step + 1e-9).rounded(.down) * step
        b = (b / step - 1e-9).rounded(.up) * step
        return Axis(scale: .linear, lower: a, upper: b, ticks: NiceTicks.ticks(a, b, step: step), title: title,
                    unit: unit, engineering: engineering)
    }

    /// A log axis over [lo, hi] (> 0) widened to whole decades, within 10⁻³²³…10³⁰⁸; ticks at decades (every 2nd or
    /// 3rd for > 8 or > 16 decades), minor ticks at 2…9 × 10ᵏ.
    public static func logarithmic(_ lo: Double, _ hi: Double, title: String, unit: String) -> Axis {
        let l = lo > 0 && lo.isFinite ? lo : 1, h = hi > 0 && hi.isFinite ? max(hi, l) : max(l, 10)
        // Decades 10⁻³²³…10³⁰⁸ only: 10³⁰⁹ is ∞ and 10⁻³²⁴ is 0, either puts every point at 0 or NaN. (Below
        // 10⁻³⁰⁷ the powers are subnormal and a little off: 10⁻³²³ is 9.88e-324, a 0.005-decade shift.)
        var a = max(log10(l).rounded(.down), -323), b = min(log10(h).rounded(.up), 308)
        if b <= a { a -= 0.5; b += 0.5; a = a.rounded(.down); b = b.rounded(.up) }
        if a < -323 { a = -323; b = max(b, -322) }
        if b > 308 { b = 308; a = min(a, 307) }
        let decades = Int(b - a)
        let every = decades > 16 ? 3 : (decades > 8 ? 2 : 1)
        var ticks: [Double] = [], minor: [Double] = []
        for k in Int(a)...Int(b) {
            if (k - Int(a)) % every == 0 { ticks.append(pow(10, Double(k))) }
            if k < Int(b) && decades <= 8 { for m in 2...9 { minor.append(Double(m) * pow(10, Double(k))) } }
        }
        return Axis(scale: .log10, lower: pow(10, a), upper: pow(10, b), ticks: ticks, minorTicks: minor,
                    title: title, unit: unit, engineering: true)
    }

    /// The fraction 0…1 of the axis length at which `v` lies (NaN for v ≤ 0 on a log axis).
    public func fraction(_ v: Double) -> Double {
        switch scale {
        case .linear: return (v - lower) / (upper - lower)
        case .log10:
            guard v > 0 else { return .nan }
            return (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        }
    }

    /// The label of tick value `v`: a plain number, the unit and any engineering prefix being on the caption
    /// (``caption``), so labels stay short. Linear axes divide by 10^``prefixExponent`` and keep enough significant
    /// digits (at least 3) that neighbouring ticks read differently (19.95, 20, 20.05 rather than 20, 20, 20.1);
    /// log axes print each decade with its own prefix and no unit ("10m", "1", "1k" on an "f / Hz" axis).
    public func label(_ v: Double) -> String {
        if scale == .log10 { return Engineering.format(v, unit: "", significant: 3) }
        return Engineering.plain(v / pow(10, Double(prefixExponent)), significant: significantDigits)
    }

    /// The power of ten (a multiple of 3, −15…12) factored out of linear tick labels onto the caption: that of the
    /// largest |tick| for engineering axes (ticks 0…25e-6 F → "µF" on the caption, labels 0…25), 0 otherwise.
    public var prefixExponent: Int {
        guard engineering, scale == .linear else { return 0 }
        let top = ticks.map(abs).max() ?? 0
        guard top > 0, top.isFinite else { return 0 }
        return min(max(Int((log10(top) / 3).rounded(.down)) * 3, -15), 12)
    }

    /// Digits needed on a linear axis: those of the largest |tick| down to the tick step's leading digit.
    var significantDigits: Int {
        guard scale == .linear, ticks.count >= 2 else { return 3 }
        let step = abs(ticks[1] - ticks[0]), top = ticks.map(abs).max() ?? 0
        guard step > 0, top > 0, step.isFinite, top.isFinite else { return 3 }
        let d = Int(log10(top).rounded(.down)) - Int(log10(step * (1 + 1e-9)).rounded(.down)) + 1
        return min(max(3, d), 8)
    }

    /// The axis caption "title / unit" with the engineering prefix of the tick labels: "Z′ / kΩ", "f / Hz",
    /// "Q2 / µF·s^(n−1)"; a unitless axis with a prefix reads "n / 10³"; no unit and no prefix gives the title.
    public var caption: String {
        let e = prefixExponent
        let prefix = e == 0 ? "" : (Engineering.prefixes.first { $0.0 == e }?.1 ?? "")
        if unit.isEmpty {
            let sup = String(String(e).map { Self.superscripts[$0] ?? $0 })
            return e == 0 ? title : "\(title) / 10\(sup)"
        }
        return "\(title) / \(prefix)\(unit)"
    }

    static let superscripts: [Character: Character] = [
        "-": "⁻", "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹"]

    static func sane(_ lo: Double, _ hi: Double) -> (Double, Double) {
        var a = lo.isFinite ? lo : 0, b = hi.isFinite ? hi : 1
        if a > b { swap(&a, &b) }
        if b - a <= max(abs(a), abs(b)) * 1e-12 {
            let d = a == 0 ? 1 : abs(a) * 0.1
            a -= d
            b += d
        }
        return (a, b)
    }
}

/// "Nice" steps 1, 2, 5 × 10ᵏ and the ticks on them.
public enum NiceTicks {
    /// The smallest 1-2-5 step ≥ `raw` (> 0).
    public static func step(for raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let e = log10(raw).rounded(.down)
        let base = pow(10, e)
        for m in [1.0, 2, 5, 10] where m * base >= raw * (1 - 1e-12) { return m * base }
        return 10 * base
    }

    /// Multiples of `step` within [lo, hi] (inclusive, with a relative tolerance), exact-looking (k·step).
    public static func ticks(_ lo: Double, _ hi: Double, step: Double) -> [Double] {
        guard step > 0, hi >= lo else { return [] }
        let first = (lo / step - 1e-9).rounded(.up), last = (hi / step + 1e-9).rounded(.down)
        guard last - first < 1000 else { return [] }
        var t: [Double] = []
        var k = first
        while k <= last {
            let v = k * step
            t.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return t
    }
}
