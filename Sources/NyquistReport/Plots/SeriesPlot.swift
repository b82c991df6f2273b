import Foundation

/// One series of a parameter against cycle (or any x): values with optional error bars [yLower, yUpper].
public struct SeriesData: Sendable, Hashable, Codable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    /// Lower and upper ends of each error bar (e.g. the 95 % interval), in the units of y; nil = no bars.
    public var yLower: [Double]?
    public var yUpper: [Double]?

    public init(name: String, x: [Double], y: [Double], yLower: [Double]? = nil, yUpper: [Double]? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.yLower = yLower
        self.yUpper = yUpper
    }
}

/// A model curve with an optional confidence band [yLower, yUpper].
public struct SeriesModel: Sendable, Hashable, Codable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    public var yLower: [Double]?
    public var yUpper: [Double]?

    public init(name: String, x: [Double], y: [Double], yLower: [Double]? = nil, yUpper: [Double]? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.yLower = yLower
        self.yUpper = yUpper
    }
}

/// Any parameter against cycle: several series (cells) with error bars and a legend, an optional model curve with
/// its confidence band.
public enum SeriesPlot {
    public static func layout(series: [SeriesData], model: SeriesModel? = nil, xTitle: String = "cycle",
                              xUnit: String = "", yTitle: String, yUnit: String, yScale: AxisScale = .linear,
                              options: PlotOptions = PlotOptions()) -> Panel {
        let m = options.margins
        let area = Rect(x: m.left, y: m.top, width: options.width - m.left - m.right,
                        height: options.height - m.top - m.bottom)
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            xs += s.x
            ys += s.y + (s.yLower ?? []) + (s.yUpper ?? [])
        }
        if let model {
            xs += model.x
            ys += model.y + (model.yLower ?? []) + (model.yUpper ?? [])
        }
        xs = xs.filter(\.isFinite)
        ys = ys.filter { $0.isFinite && (yScale == .linear || $0 > 0) }
        let x = Axis.linear(xs.min() ?? 0, xs.max() ?? 1, target: 8, title: xTitle, unit: xUnit,
                            engineering: !xUnit.isEmpty)
        let y = yScale == .log10
            ? Axis.logarithmic(ys.min() ?? 1, ys.max() ?? 10, title: yTitle, unit: yUnit)
            : Axis.linear(ys.min() ?? 0, ys.max() ?? 1, target: 6, title: yTitle, unit: yUnit)
        return Panel(area: area, x: x, y: y)
    }

    public static func svg(series: [SeriesData], model: SeriesModel? = nil, xTitle: String = "cycle",
                           xUnit: String = "", yTitle: String, yUnit: String, yScale: AxisScale = .linear,
                           options: PlotOptions = PlotOptions()) -> String {
        let p = layout(series: series, model: model, xTitle: xTitle, xUnit: xUnit, yTitle: yTitle, yUnit: yUnit,
                       yScale: yScale, options: options)
        var c = SVGCanvas(width: options.width, height: options.height)
        options.drawTitle(&c)
        p.drawAxes(&c)
        let clip = c.clipRect(p.area)
        c.beginGroup(clip: clip)
        var legend: [LegendEntry] = []
        if let model {
            if let lo = model.yLower, let hi = model.yUpper, lo.count == model.x.count, hi.count == model.x.count {
                let upper = zip(model.x, hi).map { (p.px($0), p.py($1)) }
                let lower = zip(model.x, lo).map { (p.px($0), p.py($1)) }.reversed()
                c.polygon(upper + lower, fill: "#777777", opacity: 0.22)
            }
            c.polyline(zip(model.x, model.y).map { (p.px($0), p.py($1)) }, stroke: "#444", width: 2)
            legend.append(LegendEntry(label: model.name, color: "#444", marker: nil, dash: nil, line: true))
        }
        let shapes = MarkerShape.allCases
        for (k, s) in series.enumerated() {
            let color = plotPalette[k % plotPalette.count], shape = shapes[k % shapes.count]
            if let lo = s.yLower, let hi = s.yUpper {
                for i in 0..<min(s.x.count, lo.count, hi.count) {
                    let x = p.px(s.x[i])
                    c.line(x, p.py(lo[i]), x, p.py(hi[i]), stroke: color, width: 1.2)
                    c.line(x - 3, p.py(lo[i]), x + 3, p.py(lo[i]), stroke: color, width: 1.2)
                    c.line(x - 3, p.py(hi[i]), x + 3, p.py(hi[i]), stroke: color, width: 1.2)
                }
            }
            c.polyline(zip(s.x, s.y).map { (p.px($0), p.py($1)) }, stroke: color, width: 1, dash: "3 3")
            for (x, y) in zip(s.x, s.y) { c.marker(p.px(x), p.py(y), shape, color: color) }
            legend.append(LegendEntry(label: s.name, color: color, marker: shape, dash: nil, line: false))
        }
        c.endGroup()
        drawLegend(&c, legend, in: p.area, corner: .topLeft)
        return c.document
    }
}
