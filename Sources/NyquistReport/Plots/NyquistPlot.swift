import Foundation
import Numerics
import NyquistIO

/// The Nyquist plot: −Z″ against Z′ with one Ω the same length on both axes; data as points, a model as a line,
/// data points nearest each frequency decade labelled.
public enum NyquistPlot {
    /// The panel the plot uses: axis ranges include all data and model points (and −Z″ = 0), widened so that
    /// `xPixelsPerUnit == yPixelsPerUnit`, with ticks on one common 1-2-5 step.
    public static func layout(spectrum: Spectrum, model: [Complex<Double>]? = nil,
                              options: PlotOptions = PlotOptions()) -> Panel {
        let m = options.margins
        let area = Rect(x: m.left, y: m.top, width: options.width - m.left - m.right,
                        height: options.height - m.top - m.bottom)
        let points = (spectrum.impedances + (model ?? [])).filter { $0.real.isFinite && $0.imaginary.isFinite }
        var x0 = points.map(\.real).min() ?? 0, x1 = points.map(\.real).max() ?? 1
        var y0 = min(0, points.map { -$0.imaginary }.min() ?? 0), y1 = max(0, points.map { -$0.imaginary }.max() ?? 1)
        (x0, x1) = Axis.sane(x0, x1)
        (y0, y1) = Axis.sane(y0, y1)
        // 4 % padding, then one scale s (px/Ω) that fits both ranges.
        let padX = (x1 - x0) * 0.04, padY = (y1 - y0) * 0.04
        x0 -= padX; x1 += padX
        y0 -= y0 < 0 ? padY : 0; y1 += padY
        let s = min(area.width / (x1 - x0), area.height / (y1 - y0))
        // Widen the shorter range (x centred; y upward from its lower end) to fill the area at scale s.
        let xr = area.width / s, yr = area.height / s
        let cx = (x0 + x1) / 2
        x0 = cx - xr / 2; x1 = cx + xr / 2
        let extraY = yr - (y1 - y0)
        if y0 < 0 { y0 -= extraY / 2; y1 += extraY / 2 } else { y1 = y0 + yr }
        let step = NiceTicks.step(for: max(xr, yr) / 7)
        let x = Axis(scale: .linear, lower: x0, upper: x1, ticks: NiceTicks.ticks(x0, x1, step: step),
                     title: "Z′", unit: "Ω", engineering: true)
        let y = Axis(scale: .linear, lower: y0, upper: y1, ticks: NiceTicks.ticks(y0, y1, step: step),
                     title: "−Z″", unit: "Ω", engineering: true)
        return Panel(area: area, x: x, y: y)
    }

    /// The SVG document. `model` is drawn as a line in the order given (e.g. a fit evaluated on a dense grid).
    public static func svg(spectrum: Spectrum, model: [Complex<Double>]? = nil, modelLabel: String = "model",
                           dataLabel: String = "data", options: PlotOptions = PlotOptions()) -> String {
        let p = layout(spectrum: spectrum, model: model, options: options)
        var c = SVGCanvas(width: options.width, height: options.height)
        options.drawTitle(&c)
        p.drawAxes(&c)
        let clip = c.clipRect(p.area)
        c.beginGroup(clip: clip)
        // Points first, the model line over them, so the line stays visible where the data are dense.
        for z in spectrum.impedances { c.marker(p.px(z.real), p.py(-z.imaginary), .openCircle, color: plotPalette[0]) }
        if let model { c.polyline(model.map { (p.px($0.real), p.py(-$0.imaginary)) }, stroke: plotPalette[1], width: 2) }
        c.endGroup()
        // Decade labels outside the clip group, flipped to the left near the right edge, skipped when off-area.
        for (i, label) in decadeLabels(spectrum.frequencies) {
            let z = spectrum.impedances[i]
            let x = p.px(z.real), y = p.py(-z.imaginary)
            guard x >= p.area.x, x <= p.area.maxX, y >= p.area.y, y <= p.area.maxY else { continue }
            let left = x > p.area.maxX - 60
            c.text(label, x: left ? x - 6 : x + 6, y: y - 6, size: 10, anchor: left ? .end : .start, color: "#555")
        }
        var legend = [LegendEntry(label: dataLabel, color: plotPalette[0], marker: .openCircle, dash: nil, line: false)]
        if model != nil {
            legend.append(LegendEntry(label: modelLabel, color: plotPalette[1], marker: nil, dash: nil, line: true))
        }
        drawLegend(&c, legend, in: p.area)
        return c.document
    }

    /// For each decade 10ᵏ Hz inside the data, the index of the point nearest it (within 0.15 decade) and its label.
    public static func decadeLabels(_ f: [Double]) -> [(Int, String)] {
        let valid = f.enumerated().filter { $0.element > 0 && $0.element.isFinite }
        guard let lo = valid.map(\.element).min(), let hi = valid.map(\.element).max() else { return [] }
        var out: [(Int, String)] = []
        for k in Int(log10(lo).rounded(.up))...max(Int(log10(lo).rounded(.up)), Int(log10(hi).rounded(.down))) {
            let target = Double(k)
            guard let best = valid.min(by: { abs(log10($0.element) - target) < abs(log10($1.element) - target) }),
                  abs(log10(best.element) - target) <= 0.15 else { continue }
            out.append((best.offset, Engineering.format(pow(10, target), unit: "Hz")))
        }
        return out
    }
}
