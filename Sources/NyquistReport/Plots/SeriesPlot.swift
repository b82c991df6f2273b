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

/// A model curve with an optional confidence band [yLower, yUpper], e.g. a growth law fitted to one series.
///
/// x is in the plot's x unit (cycle, or position in the series), y, yLower and yUpper in the units of the series'
/// values (e.g. Ω). `series` names the ``SeriesData`` the curve belongs to: curve and band are drawn in that series'
/// colour. A model without a series, or naming one that is not plotted, is drawn in neutral grey.
public struct SeriesModel: Sendable, Hashable, Codable {
    /// Legend label of the curve.
    public var name: String
    public var x: [Double]
    public var y: [Double]
    /// Lower and upper ends of the band at each x (same count as x), in the units of y; nil = no band.
    public var yLower: [Double]?
    public var yUpper: [Double]?
    /// ``SeriesData/name`` of the series this curve was fitted to; nil = not tied to a series.
    public var series: String?

    public init(name: String, x: [Double], y: [Double], yLower: [Double]? = nil, yUpper: [Double]? = nil,
                series: String? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.yLower = yLower
        self.yUpper = yUpper
        self.series = series
    }
}

/// Any parameter against cycle: several series (cells) with error bars and a legend, and model curves with their
/// confidence bands, each in the colour of the series it belongs to.
public enum SeriesPlot {
    /// Colour of a model not tied to a plotted series (its band is the same colour, translucent).
    static let neutralColor = "#444444"

    /// Colour and marker of the k-th series (0-based): the palette and the marker shapes in turn.
    static func style(_ k: Int) -> (color: String, shape: MarkerShape) {
        let shapes = MarkerShape.allCases
        return (plotPalette[k % plotPalette.count], shapes[k % shapes.count])
    }

    /// Index of the series `model` belongs to (the first of that name), nil when it names none of them.
    static func owner(of model: SeriesModel, in series: [SeriesData]) -> Int? {
        model.series.flatMap { name in series.firstIndex { $0.name == name } }
    }

    /// The panel: x and y ranges cover every series (with its error bars) and every model (with its band).
    public static func layout(series: [SeriesData], models: [SeriesModel] = [], xTitle: String = "cycle",
                              xUnit: String = "", yTitle: String, yUnit: String, yScale: AxisScale = .linear,
                              options: PlotOptions = PlotOptions()) -> Panel {
        var xs: [Double] = [], ys: [Double] = []
        for s in series {
            xs += s.x
            ys += s.y + (s.yLower ?? []) + (s.yUpper ?? [])
        }
        for model in models {
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
        return Panel(area: Panel.area(options, x: x, yAxes: [y]), x: x, y: y)
    }

    /// The plot as an SVG document. Bands are drawn first (translucent), then the model curves (solid, 2 px), then
    /// the series (error bars, dashed joins, markers). The legend lists each series followed by its models; models
    /// not tied to a plotted series come first. It takes the plot corner covering the fewest points; when every
    /// corner covers some, the plot area moves down and the legend sits above it, covering nothing.
    public static func svg(series: [SeriesData], models: [SeriesModel] = [], xTitle: String = "cycle",
                           xUnit: String = "", yTitle: String, yUnit: String, yScale: AxisScale = .linear,
                           options: PlotOptions = PlotOptions()) -> String {
        let inside = draw(series: series, models: models, xTitle: xTitle, xUnit: xUnit, yTitle: yTitle, yUnit: yUnit,
                          yScale: yScale, options: options, legendAbove: false)
        guard inside.legendCovers else { return inside.document }
        var o = options
        o.extraTop += legendHeight(inside.legendRows) + 8
        return draw(series: series, models: models, xTitle: xTitle, xUnit: xUnit, yTitle: yTitle, yUnit: yUnit,
                    yScale: yScale, options: o, legendAbove: true).document
    }

    static func draw(series: [SeriesData], models: [SeriesModel], xTitle: String, xUnit: String, yTitle: String,
                     yUnit: String, yScale: AxisScale, options: PlotOptions, legendAbove: Bool)
        -> (document: String, legendCovers: Bool, legendRows: Int) {
        let p = layout(series: series, models: models, xTitle: xTitle, xUnit: xUnit, yTitle: yTitle, yUnit: yUnit,
                       yScale: yScale, options: options)
        var c = SVGCanvas(width: options.width, height: options.height)
        options.drawTitle(&c)
        p.drawAxes(&c)
        let clip = c.clipRect(p.area)
        c.beginGroup(clip: clip)
        let owners = models.map { owner(of: $0, in: series) }
        let colors = owners.map { $0.map { style($0).color } ?? neutralColor }
        // What the legend must not cover: band columns (sampled top to bottom), curves, error bars and markers.
        var occupied: [(Double, Double)] = []
        for (model, color) in zip(models, colors) {
            if let lo = model.yLower, let hi = model.yUpper, lo.count == model.x.count, hi.count == model.x.count {
                let upper = zip(model.x, hi).map { (p.px($0), p.py($1)) }
                let lower = zip(model.x, lo).map { (p.px($0), p.py($1)) }.reversed()
                c.polygon(upper + lower, fill: color, opacity: 0.18)
                for (a, b) in zip(upper, lower.reversed()) { occupied += densified([a, b], spacing: 8) }
            }
        }
        for (model, color) in zip(models, colors) {
            let line = zip(model.x, model.y).map { (p.px($0), p.py($1)) }
            c.polyline(line, stroke: color, width: 2)
            occupied += densified(line)
        }
        /// Legend rows of the models whose owner is `k`.
        func entries(_ k: Int?) -> [LegendEntry] {
            models.indices.filter { owners[$0] == k }
                .map { LegendEntry(label: models[$0].name, color: colors[$0], marker: nil, dash: nil, line: true) }
        }
        var legend = entries(nil)
        for (k, s) in series.enumerated() {
            let (color, shape) = style(k)
            if let lo = s.yLower, let hi = s.yUpper {
                for i in 0..<min(s.x.count, lo.count, hi.count) {
                    let x = p.px(s.x[i])
                    c.line(x, p.py(lo[i]), x, p.py(hi[i]), stroke: color, width: 1.2)
                    occupied += densified([(x, p.py(lo[i])), (x, p.py(hi[i]))])
                    c.line(x - 3, p.py(lo[i]), x + 3, p.py(lo[i]), stroke: color, width: 1.2)
                    c.line(x - 3, p.py(hi[i]), x + 3, p.py(hi[i]), stroke: color, width: 1.2)
                }
            }
            let joins = zip(s.x, s.y).map { (p.px($0), p.py($1)) }
            c.polyline(joins, stroke: color, width: 1, dash: "3 3")
            occupied += densified(joins)
            for (x, y) in zip(s.x, s.y) { c.marker(p.px(x), p.py(y), shape, color: color) }
            occupied += zip(s.x, s.y).map { (p.px($0), p.py($1)) }
            legend.append(LegendEntry(label: s.name, color: color, marker: shape, dash: nil, line: false))
            legend += entries(k)
        }
        c.endGroup()
        let placed = drawLegend(&c, legend, in: p.area, avoiding: occupied,
                                corners: [.topLeft, .topRight, .bottomRight, .bottomLeft], above: legendAbove)
        return (c.document, (placed?.covered ?? 0) > 0, legend.count)
    }
}
