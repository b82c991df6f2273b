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

    /// Frame, grid, ticks, tick labels and axis captions.
    func drawAxes(_ c: inout SVGCanvas, xLabels: Bool = true) {
        let grid = "#e3e3e3", ink = "#333"
        for v in x.minorTicks { c.line(px(v), area.y, px(v), area.maxY, stroke: "#f2f2f2") }
        for v in y.minorTicks { c.line(area.x, py(v), area.maxX, py(v), stroke: "#f2f2f2") }
        for v in x.ticks { c.line(px(v), area.y, px(v), area.maxY, stroke: grid) }
        for v in y.ticks { c.line(area.x, py(v), area.maxX, py(v), stroke: grid) }
        if x.scale == .linear, x.lower < 0, x.upper > 0 { c.line(px(0), area.y, px(0), area.maxY, stroke: "#999") }
        if y.scale == .linear, y.lower < 0, y.upper > 0 { c.line(area.x, py(0), area.maxX, py(0), stroke: "#999") }
        c.rect(area, stroke: ink)
        for v in x.ticks {
            c.line(px(v), area.maxY, px(v), area.maxY + 5, stroke: ink)
            if xLabels { c.text(x.label(v), x: px(v), y: area.maxY + 18, size: 11, anchor: .middle) }
        }
        for v in y.ticks {
            c.line(area.x - 5, py(v), area.x, py(v), stroke: ink)
            c.text(y.label(v), x: area.x - 8, y: py(v) + 4, size: 11, anchor: .end)
        }
        if xLabels { c.text(x.caption, x: area.x + area.width / 2, y: area.maxY + 38, size: 13, anchor: .middle) }
        c.text(y.caption, x: area.x - 62, y: area.y + area.height / 2, size: 13, anchor: .middle, rotate: -90)
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

/// Draws a legend box in the top-right corner of `area`.
func drawLegend(_ c: inout SVGCanvas, _ entries: [LegendEntry], in area: Rect, corner: LegendCorner = .topRight) {
    guard !entries.isEmpty else { return }
    let rowHeight = 17.0
    let widest = entries.map { Double($0.label.count) }.max() ?? 0
    // Text width is estimated at 0.6 em per character; labels too long for the plot area get a smaller font so the
    // box stays inside it (long series names in growth-law rows).
    let available = max(area.width - 16, 60)
    let size = min(11, max(6, (available - 36) / max(widest * 0.6, 1)))
    let w = min(36 + widest * 0.6 * size, available), h = Double(entries.count) * rowHeight + 8
    let x0 = corner == .topRight ? area.maxX - w - 8 : area.x + 8
    let y0 = area.y + 8
    c.rect(Rect(x: x0, y: y0, width: w, height: h), stroke: "#bbb", fill: "white", opacity: 0.85)
    for (i, e) in entries.enumerated() {
        let y = y0 + 4 + rowHeight * (Double(i) + 0.5)
        if e.line { c.line(x0 + 6, y, x0 + 26, y, stroke: e.color, width: 2, dash: e.dash) }
        if let m = e.marker { c.marker(x0 + 16, y, m, color: e.color) }
        c.text(e.label, x: x0 + 32, y: y + 4, size: size)
    }
}

enum LegendCorner { case topRight, topLeft }

/// Common options of every plot.
public struct PlotOptions: Sendable, Hashable {
    /// Image size in pixels.
    public var width: Double = 720
    public var height: Double = 540
    public var title: String = ""

    public init(width: Double = 720, height: Double = 540, title: String = "") {
        self.width = max(200, width.isFinite ? width : 720)
        self.height = max(160, height.isFinite ? height : 540)
        self.title = title
    }

    /// Margins around a plot area: left (tick labels + caption), right, top (title), bottom (ticks + caption).
    var margins: (left: Double, right: Double, top: Double, bottom: Double) { (84, 24, title.isEmpty ? 20 : 40, 56) }

    func drawTitle(_ c: inout SVGCanvas) {
        if !title.isEmpty { c.text(title, x: width / 2, y: 26, size: 15, anchor: .middle, bold: true) }
    }
}
