import Foundation
import NyquistFit

/// Relative residuals in % against log f: the fit's (Z − Ẑ)/|Z| and, when given, the lin-KK residuals.
public enum ResidualPlot {
    /// One panel: log frequency, residuals in % on a symmetric linear axis (at least ±0.5 %).
    public static func layout(fit: [PointResidual]? = nil, kk: [PointResidual]? = nil,
                              options: PlotOptions = PlotOptions()) -> Panel {
        let all = (fit ?? []) + (kk ?? [])
        let f = all.map(\.frequency).filter { $0 > 0 && $0.isFinite }
        let worst = all.flatMap { [abs($0.real), abs($0.imaginary)] }.filter(\.isFinite).max() ?? 0
        let r = max(worst * 100 * 1.05, 0.5)
        let x = Axis.logarithmic(f.min() ?? 1, f.max() ?? 10, title: "f", unit: "Hz")
        let y = Axis.linear(-r, r, target: 6, title: "relative residual", unit: "%", engineering: false)
        return Panel(area: Panel.area(options, x: x, yAxes: [y]), x: x, y: y)
    }

    public static func svg(fit: [PointResidual]? = nil, kk: [PointResidual]? = nil, fitLabel: String = "fit",
                           kkLabel: String = "lin-KK", options: PlotOptions = PlotOptions()) -> String {
        let p = layout(fit: fit, kk: kk, options: options)
        var c = SVGCanvas(width: options.width, height: options.height)
        options.drawTitle(&c)
        p.drawAxes(&c)
        let clip = c.clipRect(p.area)
        c.beginGroup(clip: clip)
        var legend: [LegendEntry] = []
        var occupied: [(Double, Double)] = []
        func draw(_ r: [PointResidual], _ label: String, colors: (String, String), dash: String?,
                  markers: (MarkerShape, MarkerShape)) {
            let sorted = r.sorted { $0.frequency < $1.frequency }
            let re = sorted.map { (p.px($0.frequency), p.py($0.real * 100)) }
            let im = sorted.map { (p.px($0.frequency), p.py($0.imaginary * 100)) }
            c.polyline(re, stroke: colors.0, width: 1, dash: dash)
            c.polyline(im, stroke: colors.1, width: 1, dash: dash)
            occupied += densified(re) + densified(im)
            for q in sorted {
                c.marker(p.px(q.frequency), p.py(q.real * 100), markers.0, color: colors.0, size: 2.8)
                c.marker(p.px(q.frequency), p.py(q.imaginary * 100), markers.1, color: colors.1, size: 2.8)
            }
            legend.append(LegendEntry(label: "\(label) Z′", color: colors.0, marker: markers.0, dash: dash, line: true))
            legend.append(LegendEntry(label: "\(label) Z″", color: colors.1, marker: markers.1, dash: dash, line: true))
        }
        if let fit { draw(fit, fitLabel, colors: (plotPalette[0], plotPalette[1]), dash: nil, markers: (.circle, .square)) }
        if let kk {
            draw(kk, kkLabel, colors: (plotPalette[2], plotPalette[3]), dash: "4 3", markers: (.openCircle, .triangle))
        }
        c.endGroup()
        drawLegend(&c, legend, in: p.area, avoiding: occupied)
        return c.document
    }
}
