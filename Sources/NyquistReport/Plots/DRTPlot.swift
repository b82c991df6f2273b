import Foundation
import NyquistDRT

/// A distribution of relaxation times: γ (Ω) against τ (s, logarithmic), the area under γ shaded, each peak marked
/// at its τ with its resistance ∫γ d ln τ (± bootstrap SE) and, when known, its 95 % τ interval as a bar.
public enum DRTPlot {
    /// One panel: log τ over the grid, γ from 0 to 1.1·max γ.
    public static func layout(_ result: DRTResult, options: PlotOptions = PlotOptions()) -> Panel {
        let tau = result.tau.filter { $0 > 0 && $0.isFinite }
        let top = max(result.gamma.filter(\.isFinite).max() ?? 0, .leastNormalMagnitude)
        let x = Axis.logarithmic(tau.min() ?? 1e-6, tau.max() ?? 1, title: "τ", unit: "s")
        let y = Axis.linear(0, top * 1.15, target: 6, title: "γ", unit: "Ω")
        return Panel(area: Panel.area(options, x: x, yAxes: [y]), x: x, y: y)
    }

    public static func svg(_ result: DRTResult, options: PlotOptions = PlotOptions()) -> String {
        let p = layout(result, options: options)
        var c = SVGCanvas(width: options.width, height: options.height)
        options.drawTitle(&c)
        p.drawAxes(&c)
        c.beginGroup(clip: c.clipRect(p.area))
        let curve = zip(result.tau, result.gamma).map { (p.px($0), p.py($1)) }
        if let first = curve.first, let last = curve.last {
            c.polygon([(first.0, p.py(0))] + curve + [(last.0, p.py(0))], fill: plotPalette[0], opacity: 0.15)
        }
        c.polyline(curve, stroke: plotPalette[0], width: 2)
        var occupied = densified(curve)
        let top = result.gamma.max() ?? 0
        for (k, peak) in result.peaks.enumerated() {
            let x = p.px(peak.tau)
            c.line(x, p.py(0), x, p.py(top * 1.15), stroke: plotPalette[1], width: 1, dash: "4 3")
            if let interval = peak.tauInterval {
                let y = p.py(top * (1.02 + 0.04 * Double(k % 2)))
                c.line(p.px(interval.lowerBound), y, p.px(interval.upperBound), y, stroke: plotPalette[1], width: 2)
            }
            var label = "R\(k + 1) = \(engineeringText(peak.resistance)) Ω"
            if let se = peak.resistanceStdError { label += " ± \(engineeringText(se))" }
            let y = p.py(top * (1.08 - 0.04 * Double(k % 2)))
            c.text(label, x: x + 4, y: y, size: 11, color: plotPalette[1])
            occupied.append((x, y))
        }
        c.endGroup()
        var legend = [LegendEntry(label: "γ, λ = \(engineeringText(result.lambda)) (\(result.lambdaCriterion))",
                                  color: plotPalette[0], marker: nil, dash: nil, line: true)]
        legend.append(LegendEntry(label: "R∞ = \(engineeringText(result.rInf)) Ω", color: "#666666", marker: nil,
                                  dash: nil, line: false))
        drawLegend(&c, legend, in: p.area, avoiding: occupied)
        return c.document
    }

    /// Three significant digits.
    static func engineeringText(_ v: Double) -> String { String(format: "%.3g", v) }
}
