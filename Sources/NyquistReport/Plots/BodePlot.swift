import Foundation
import Numerics
import NyquistIO

/// The Bode plot: |Z| (log) above the phase φ = arg Z in degrees, both against log f, sharing the frequency axis.
public enum BodePlot {
    /// The two panels: magnitude on top, phase below, the same frequency axis (whole decades).
    public static func layout(spectrum: Spectrum, model: [Complex<Double>]? = nil, modelFrequencies: [Double]? = nil,
                              options: PlotOptions = PlotOptions()) -> (magnitude: Panel, phase: Panel) {
        let gap = 16.0
        let mf = model.map { _ in modelFrequencies ?? spectrum.frequencies } ?? []
        let f = (spectrum.frequencies + mf).filter { $0 > 0 && $0.isFinite }
        let z = (spectrum.impedances + (model ?? [])).filter { $0.real.isFinite && $0.imaginary.isFinite }
        let fx = Axis.logarithmic(f.min() ?? 1, f.max() ?? 10, title: "f", unit: "Hz")
        let mags = z.map(\.length).filter { $0 > 0 }
        let my = Axis.logarithmic(mags.min() ?? 1, mags.max() ?? 10, title: "|Z|", unit: "Ω")
        let phases = z.map(phaseDegrees)
        let lo = min(phases.min() ?? -90, 0), hi = max(phases.max() ?? 0, 0)
        var py = Axis.linear(lo, hi, target: 5, title: "phase", unit: "°", engineering: false)
        if py.ticks.count < 3 { py = Axis.linear(lo, hi, target: 8, title: "phase", unit: "°", engineering: false) }
        let a = Panel.area(options, x: fx, yAxes: [my, py])
        let h = (a.height - gap) / 2
        return (Panel(area: Rect(x: a.x, y: a.y, width: a.width, height: h), x: fx, y: my),
                Panel(area: Rect(x: a.x, y: a.y + h + gap, width: a.width, height: h), x: fx, y: py))
    }

    public static func svg(spectrum: Spectrum, model: [Complex<Double>]? = nil, modelFrequencies: [Double]? = nil,
                           modelLabel: String = "model", dataLabel: String = "data",
                           options: PlotOptions = PlotOptions()) -> String {
        let (top, bottom) = layout(spectrum: spectrum, model: model, modelFrequencies: modelFrequencies,
                                   options: options)
        var c = SVGCanvas(width: options.width, height: options.height)
        options.drawTitle(&c)
        top.drawAxes(&c, xLabels: false)
        bottom.drawAxes(&c)
        let mf = modelFrequencies ?? spectrum.frequencies
        var occupied: [(Double, Double)] = []
        for (panel, value) in [(top, { (z: Complex<Double>) in z.length }), (bottom, phaseDegrees)] {
            let clip = c.clipRect(panel.area)
            c.beginGroup(clip: clip)
            // Markers first, the model line above them: a fit must not hide under the data.
            let data = zip(spectrum.frequencies, spectrum.impedances).map { (panel.px($0), panel.py(value($1))) }
            for (x, y) in data { c.marker(x, y, .openCircle, color: plotPalette[0]) }
            if let model {
                let line = zip(mf, model).map { (panel.px($0), panel.py(value($1))) }
                c.polyline(line, stroke: plotPalette[1], width: 2)
                if panel == top { occupied += densified(line) }
            }
            if panel == top { occupied += data }
            c.endGroup()
        }
        var legend = [LegendEntry(label: dataLabel, color: plotPalette[0], marker: .openCircle, dash: nil, line: false)]
        if model != nil {
            legend.append(LegendEntry(label: modelLabel, color: plotPalette[1], marker: nil, dash: nil, line: true))
        }
        drawLegend(&c, legend, in: top.area, avoiding: occupied)
        return c.document
    }

    /// φ = atan2(Z″, Z′) in degrees (negative for a capacitive response).
    public static func phaseDegrees(_ z: Complex<Double>) -> Double { atan2(z.imaginary, z.real) * 180 / .pi }
}
