import Foundation

/// One plot panel: a pixel rectangle with an x and a y axis. Layout objects expose their panels so tests can check
/// ranges, ticks and scales without reading the SVG.
public struct Panel: Sendable, Hashable {
    /// The plot area in pixels (data are clipped to it).
    public var area: Rect
    public var x: Axis
    public var y: Axis

    public init(area: Rect, x: Axis, y: Axis) {
        self.area = area
        self.x = x
        self.y = y
    }

    /// Pixel x of a data value.
    public func px(_ v: Double) -> Double { area.x + x.fraction(v) * area.width }
    /// Pixel y of a data value (up is larger).
    public func py(_ v: Double) -> Double { area.maxY - y.fraction(v) * area.height }

    /// Pixels per data unit on each axis (linear axes only; log axes give pixels per decade).
    public var xPixelsPerUnit: Double {
        x.scale == .linear ? area.width / (x.upper - x.lower) : area.width / (log10d(x.upper) - log10d(x.lower))
    }
    public var yPixelsPerUnit: Double {
        y.scale == .linear ? area.height / (y.upper - y.lower) : area.height / (log10d(y.upper) - log10d(y.lower))
    }

    /// Font sizes (px) of tick labels and axis captions.
    static let tickSize = 11.0, captionSize = 13.0

    /// The widest y tick label (px, ``TextMetrics`` estimate).
    static func labelWidth(_ axis: Axis) -> Double {
        axis.ticks.map { TextMetrics.width(axis.label($0), size: tickSize) }.max() ?? 0
    }

    /// The plot area of `options`, its left margin grown to hold the widest tick label of any of `yAxes` plus the
    /// rotated caption (8 + label + 4 + 1.05 × 13 + 6 px), its right margin to hold half the last x tick label.
    static func area(_ options: PlotOptions, x: Axis?, yAxes: [Axis]) -> Rect {
        let m = options.margins
        let label = yAxes.map(labelWidth).max() ?? 0
        let left = max(m.left, 8 + label + 4 + 1.05 * captionSize + 6)
        let last = x.flatMap { a in a.ticks.last.map { TextMetrics.width(a.label($0), size: tickSize) / 2 + 4 } } ?? 0
        let right = max(m.right, last)
        return Rect(x: left, y: m.top, width: max(options.width - left - right, 20),
                    height: max(options.height - m.top - m.bottom, 20))
    }

    /// Frame, grid, ticks, tick labels and axis captions. X tick labels that would overlap the previous one are
    /// skipped; captions longer than their side shrink to fit; the y caption sits left of the widest y label.
    func drawAxes(_ c: inout SVGCanvas, xLabels: Bool = true) {
        let grid = "#e3e3e3", ink = "#333"
        for v in x.minorTicks { c.line(px(v), area.y, px(v), area.maxY, stroke: "#f2f2f2") }
        for v in y.minorTicks { c.line(area.x, py(v), area.maxX, py(v), stroke: "#f2f2f2") }
        for v in x.ticks { c.line(px(v), area.y, px(v), area.maxY, stroke: grid) }
        for v in y.ticks { c.line(area.x, py(v), area.maxX, py(v), stroke: grid) }
        if x.scale == .linear, x.lower < 0, x.upper > 0 { c.line(px(0), area.y, px(0), area.maxY, stroke: "#999") }
        if y.scale == .linear, y.lower < 0, y.upper > 0 { c.line(area.x, py(0), area.maxX, py(0), stroke: "#999") }
        c.rect(area, stroke: ink)
        var lastBox: Rect?
        for v in x.ticks {
            c.line(px(v), area.maxY, px(v), area.maxY + 5, stroke: ink)
            guard xLabels else { continue }
            let text = x.label(v), box = TextMetrics.box(text, x: px(v), y: area.maxY + 18, size: Self.tickSize,
                                                         anchor: .middle)
            if let last = lastBox, Rect(x: last.x, y: last.y, width: last.width + 4, height: last.height)
                .intersects(box) { continue }
            c.text(text, x: px(v), y: area.maxY + 18, size: Self.tickSize, anchor: .middle)
            lastBox = box
        }
        for v in y.ticks {
            c.line(area.x - 5, py(v), area.x, py(v), stroke: ink)
            c.text(y.label(v), x: area.x - 8, y: py(v) + 4, size: Self.tickSize, anchor: .end)
        }
        if xLabels {
            let size = min(Self.captionSize, area.width / max(TextMetrics.width(x.caption, size: 1), 1))
            c.text(x.caption, x: area.x + area.width / 2, y: area.maxY + 38, size: size, anchor: .middle)
        }
        let size = min(Self.captionSize, area.height / max(TextMetrics.width(y.caption, size: 1), 1))
        let cx = area.x - 8 - Self.labelWidth(y) - 4 - 0.25 * size
        c.text(y.caption, x: cx, y: area.y + area.height / 2, size: size, anchor: .middle, rotate: -90)
    }
}

func log10d(_ v: Double) -> Double { v > 0 ? log10(v) : .nan }


/// One legend row.
struct LegendEntry {
    var label: String
    var color: String
    var marker: MarkerShape?
    var dash: String?
    var line: Bool
}

/// Where a legend went: its box and how many of the points to avoid it still covers.
struct LegendPlacement {
    var box: Rect
    var covered: Int
}

/// Draws a legend box in the corner of `area` that covers the fewest of the pixel points `avoiding` (the data,
/// model curves and bands as drawn), preferring the corners in the order of `corners`; with `above`, right-aligned
/// just above `area` instead (the caller has made room: ``legendHeight(_:)`` + 8 px). Width: 36 px + the longest
/// label (``TextMetrics``); labels too long for the area get a smaller font (6…11 px).
@discardableResult
func drawLegend(_ c: inout SVGCanvas, _ entries: [LegendEntry], in area: Rect, avoiding points: [(Double, Double)] = [],
                corners: [LegendCorner] = LegendCorner.allCases, above: Bool = false) -> LegendPlacement? {
    guard !entries.isEmpty else { return nil }
    let rowHeight = 17.0
    let widest = entries.map { TextMetrics.width($0.label, size: 1) }.max() ?? 0
    let available = max(area.width - (above ? 0 : 16), 60)
    let size = min(11, max(6, (available - 36) / max(widest, 1)))
    let w = min(36 + widest * size, available), h = legendHeight(entries.count)
    func box(_ corner: LegendCorner) -> Rect {
        let left = corner == .topLeft || corner == .bottomLeft, top = corner == .topLeft || corner == .topRight
        return Rect(x: left ? area.x + 8 : area.maxX - w - 8, y: top ? area.y + 8 : area.maxY - h - 8,
                    width: w, height: h)
    }
    func covered(_ r: Rect) -> Int {
        // A 4 px halo: a marker just outside the box still touches it.
        let halo = Rect(x: r.x - 4, y: r.y - 4, width: r.width + 8, height: r.height + 8)
        return points.filter { halo.contains($0.0, $0.1) }.count
    }
    let order = corners.isEmpty ? LegendCorner.allCases : corners
    let scored = above ? [(Rect(x: area.maxX - w, y: area.y - h - 4, width: w, height: h), 0)]
        : order.map { (box($0), covered(box($0))) }
    let (r, count) = scored.min { $0.1 < $1.1 } ?? (box(order[0]), 0)
    c.rect(r, stroke: "#bbb", fill: "white", opacity: 0.85)
    for (i, e) in entries.enumerated() {
        let y = r.y + 4 + rowHeight * (Double(i) + 0.5)
        if e.line { c.line(r.x + 6, y, r.x + 26, y, stroke: e.color, width: 2, dash: e.dash) }
        if let m = e.marker { c.marker(r.x + 16, y, m, color: e.color) }
        c.text(e.label, x: r.x + 32, y: y + 4, size: size)
    }
    return LegendPlacement(box: r, covered: count)
}

/// Height in px of a legend of `rows` entries: 17 px a row + 8.
func legendHeight(_ rows: Int) -> Double { Double(rows) * 17 + 8 }

/// The corners a legend may take.
enum LegendCorner: CaseIterable { case topRight, topLeft, bottomRight, bottomLeft }

/// Points along the polyline through `points`, at most `spacing` px apart (a legend must avoid lines, not only their
/// vertices).
func densified(_ points: [(Double, Double)], spacing: Double = 6) -> [(Double, Double)] {
    var out: [(Double, Double)] = []
    for (a, b) in zip(points, points.dropFirst()) where [a.0, a.1, b.0, b.1].allSatisfy(\.isFinite) {
        let d = ((b.0 - a.0) * (b.0 - a.0) + (b.1 - a.1) * (b.1 - a.1)).squareRoot()
        let k = Int(min((d / spacing).rounded(.up), 400))
        for i in 0..<max(k, 1) {
            let t = Double(i) / Double(max(k, 1))
            out.append((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
        }
    }
    if let last = points.last { out.append(last) }
    return out
}

/// Common options of every plot.
public struct PlotOptions: Sendable, Hashable {
    /// Image size in pixels.
    public var width: Double = 720
    public var height: Double = 540
    public var title: String = ""
    /// Extra top margin (px) for a note line under the title (a zoomed Nyquist plot).
    var extraTop: Double = 0

    public init(width: Double = 720, height: Double = 540, title: String = "") {
        self.width = max(200, width.isFinite ? width : 720)
        self.height = max(160, height.isFinite ? height : 540)
        self.title = title
    }

    /// Margins around a plot area: left (tick labels + caption), right, top (title), bottom (ticks + caption).
    var margins: (left: Double, right: Double, top: Double, bottom: Double) { (84, 24, (title.isEmpty ? 20 : 40) + extraTop, 56) }

    func drawTitle(_ c: inout SVGCanvas) {
        // Bold text runs wider: 10 % on top of the estimate; a long title shrinks to the image width.
        let size = min(15, (width - 16) / max(1.1 * TextMetrics.width(title, size: 1), 1))
        if !title.isEmpty { c.text(title, x: width / 2, y: 26, size: size, anchor: .middle, bold: true) }
    }
}
