import Foundation

/// Conservative text geometry without a font engine: every layout decision (margins, label collisions, legend
/// size) uses these estimates, so that text drawn in DejaVu Sans/Helvetica stays inside its box.
///
/// Width: 0.65 em per character, 1.0 em for wide glyphs (M W m w Ω µ % — and the like), in px = em × font size.
/// Height: ascent 0.8 em above the baseline, descent 0.25 em below it.
public enum TextMetrics {
    static let wide: Set<Character> = ["M", "W", "m", "w", "Ω", "µ", "%", "—", "@", "Φ", "φ", "ω", "∞"]

    /// Estimated width in px of `s` at font size `size` px.
    public static func width(_ s: String, size: Double) -> Double {
        s.reduce(0.0) { $0 + (wide.contains($1) ? 1.0 : 0.65) } * size
    }

    /// The box a `<text>` element covers: anchored at (x, y) = baseline point, optionally rotated by −90° about it
    /// (the only rotation the plots use, for y-axis captions).
    public static func box(_ s: String, x: Double, y: Double, size: Double, anchor: TextAnchor,
                           rotated: Bool = false) -> Rect {
        let w = width(s, size: size)
        let start: Double
        switch anchor {
        case .start: start = 0
        case .middle: start = -w / 2
        case .end: start = -w
        }
        if rotated {
            // rotate(−90): the baseline runs upward; "start" lies at the bottom.
            return Rect(x: x - 0.8 * size, y: y - start - w, width: 1.05 * size, height: w)
        }
        return Rect(x: x + start, y: y - 0.8 * size, width: w, height: 1.05 * size)
    }
}

extension Rect {
    /// True when the two rectangles share interior area (touching edges do not count).
    public func intersects(_ o: Rect) -> Bool {
        x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY
    }

    /// True when `o` lies wholly inside this rectangle.
    public func contains(_ o: Rect) -> Bool {
        o.x >= x && o.y >= y && o.maxX <= maxX && o.maxY <= maxY
    }

    /// True when the point lies inside (edges included).
    func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }
}
