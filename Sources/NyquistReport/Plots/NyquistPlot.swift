import Foundation
import Numerics
import NyquistIO

/// What part of the complex plane a Nyquist plot shows.
public struct NyquistView: Sendable, Hashable, Codable {
    /// Explicit Z′ and −Z″ ranges in Ω. One alone sets the scale and the other axis follows at the same Ω per pixel
    /// (starting at the data's lowest value, or 0); both are honoured exactly, even if one Ω then differs in length.
    public var xLimits: ClosedRange<Double>?
    public var yLimits: ClosedRange<Double>?
    /// Zoom onto the arcs when a few points dominate the range (``NyquistPlot/zoom(_:)``); ignored with limits.
    public var autoZoom: Bool

    public init(xLimits: ClosedRange<Double>? = nil, yLimits: ClosedRange<Double>? = nil, autoZoom: Bool = true) {
        self.xLimits = xLimits
        self.yLimits = yLimits
        self.autoZoom = autoZoom
    }
}

/// The Nyquist plot: −Z″ against Z′ with one Ω the same length on both axes; data as points, a model as a line,
/// data points nearest each frequency decade labelled (labels that would overlap are dropped).
public enum NyquistPlot {
    /// The panel the plot uses: axis ranges include all data and model points (and −Z″ = 0) — or, zoomed, those
    /// with |Z| within the zoom limit; or the view's limits — widened so that `xPixelsPerUnit == yPixelsPerUnit`
    /// (unless both limits are given), with ticks on one common 1-2-5 step.
    public static func layout(spectrum: Spectrum, model: [Complex<Double>]? = nil,
                              options: PlotOptions = PlotOptions(), view: NyquistView = NyquistView()) -> Panel {
        let zoom = view.autoZoom && view.xLimits == nil && view.yLimits == nil ? Self.zoom(spectrum) : nil
        var points = (spectrum.impedances + (model ?? [])).filter { $0.real.isFinite && $0.imaginary.isFinite }
        if let zoom { points = points.filter { $0.length <= zoom.modulusLimit } }
        var o = options
        if zoom != nil { o.extraTop = 14 }
        var area = Panel.area(o, x: nil, yAxes: [])
        var panel = axes(points, area: area, view: view)
        for _ in 0..<3 {  // the left margin depends on the y labels, which depend on the area
            let next = Panel.area(o, x: panel.x, yAxes: [panel.y])
            if next == area { break }
            area = next
            panel = axes(points, area: area, view: view)
        }
        return panel
    }

    static func axes(_ points: [Complex<Double>], area: Rect, view: NyquistView) -> Panel {
        let xs = points.map(\.real), ys = points.map { -$0.imaginary }
        if let xl = view.xLimits, let yl = view.yLimits {
            let (x0, x1) = Axis.sane(xl.lowerBound, xl.upperBound), (y0, y1) = Axis.sane(yl.lowerBound, yl.upperBound)
            return Panel(area: area, x: axis(x0, x1, step: NiceTicks.step(for: (x1 - x0) / 7), title: "Z′"),
                         y: axis(y0, y1, step: NiceTicks.step(for: (y1 - y0) / 7), title: "−Z″"))
        }
        var x0: Double, x1: Double, y0: Double, y1: Double
        if let xl = view.xLimits {
            (x0, x1) = Axis.sane(xl.lowerBound, xl.upperBound)
            y0 = min(0, ys.min() ?? 0)
            y1 = y0 + area.height * (x1 - x0) / area.width
        } else if let yl = view.yLimits {
            (y0, y1) = Axis.sane(yl.lowerBound, yl.upperBound)
            x0 = xs.min() ?? 0
            x1 = x0 + area.width * (y1 - y0) / area.height
        } else {
            x0 = xs.min() ?? 0; x1 = xs.max() ?? 1
            y0 = min(0, ys.min() ?? 0); y1 = max(0, ys.max() ?? 1)
            (x0, x1) = Axis.sane(x0, x1)
            (y0, y1) = Axis.sane(y0, y1)
            // 4 % padding, then one scale s (px/Ω) that fits both ranges.
            let padX = (x1 - x0) * 0.04, padY = (y1 - y0) * 0.04
            x0 -= padX; x1 += padX
            y0 -= y0 < 0 ? padY : 0; y1 += padY
            let s = min(area.width / (x1 - x0), area.height / (y1 - y0))
            // Widen the shorter range (x centred; y upward from its lower end) to fill the area at scale s.
            let xr = area.width / s, yr = area.height / s
            // Centred, but not reaching into Z′ < 0 when the padded data do not (x0 ≤ padded low, x1 ≥ padded high).
            let cx = (x0 + x1) / 2
            x0 = x0 < 0 ? cx - xr / 2 : min(max(cx - xr / 2, 0), x0)
            x1 = x0 + xr
            let extraY = yr - (y1 - y0)
            if y0 < 0 { y0 -= extraY / 2; y1 += extraY / 2 } else { y1 = y0 + yr }
        }
        let step = NiceTicks.step(for: max(x1 - x0, y1 - y0) / 7)
        return Panel(area: area, x: axis(x0, x1, step: step, title: "Z′"), y: axis(y0, y1, step: step, title: "−Z″"))
    }

    static func axis(_ lo: Double, _ hi: Double, step: Double, title: String) -> Axis {
        Axis(scale: .linear, lower: lo, upper: hi, ticks: NiceTicks.ticks(lo, hi, step: step), title: title,
             unit: "Ω", engineering: true)
    }

    /// The SVG document. `model` is drawn as a line in the order given (e.g. a fit evaluated on a dense grid),
    /// above the data points. A zoomed plot says above the plot area which points lie outside.
    public static func svg(spectrum: Spectrum, model: [Complex<Double>]? = nil, modelLabel: String = "model",
                           dataLabel: String = "data", options: PlotOptions = PlotOptions(),
                           view: NyquistView = NyquistView()) -> String {
        let p = layout(spectrum: spectrum, model: model, options: options, view: view)
        var c = SVGCanvas(width: options.width, height: options.height)
        options.drawTitle(&c)
        if view.autoZoom && view.xLimits == nil && view.yLimits == nil, let zoom = Self.zoom(spectrum) {
            let size = min(10, (options.width - 16) / max(TextMetrics.width(zoom.note, size: 1), 1))
            c.text(zoom.note, x: p.area.x, y: p.area.y - 6, size: size, color: "#a04000")
        }
        p.drawAxes(&c)
        let clip = c.clipRect(p.area)
        c.beginGroup(clip: clip)
        // Points first, the model line over them, so the line stays visible where the data are dense.
        let data = spectrum.impedances.map { (p.px($0.real), p.py(-$0.imaginary)) }
        for (x, y) in data { c.marker(x, y, .openCircle, color: plotPalette[0]) }
        let line = (model ?? []).map { (p.px($0.real), p.py(-$0.imaginary)) }
        if model != nil { c.polyline(line, stroke: plotPalette[1], width: 2) }
        c.endGroup()
        var legend = [LegendEntry(label: dataLabel, color: plotPalette[0], marker: .openCircle, dash: nil, line: false)]
        if model != nil {
            legend.append(LegendEntry(label: modelLabel, color: plotPalette[1], marker: nil, dash: nil, line: true))
        }
        let box = drawLegend(&c, legend, in: p.area, avoiding: data + densified(line))
        drawDecadeLabels(&c, spectrum: spectrum, panel: p, avoiding: box.map { [$0.box] } ?? [],
                         obstacles: data + densified(line))
        return c.document
    }

    /// Decade labels beside their points, at 6 or 18 px in one of six directions: the first place whose box lies
    /// in the plot area, overlaps neither an earlier label nor the `avoiding` boxes, and covers none of the
    /// `obstacles` (markers, model line); failing that, the first place that only covers obstacles; a label with
    /// no place at all is dropped.
    static func drawDecadeLabels(_ c: inout SVGCanvas, spectrum: Spectrum, panel p: Panel, avoiding: [Rect],
                                 obstacles: [(Double, Double)]) {
        var taken = avoiding
        let size = 10.0
        for (i, label) in decadeLabels(spectrum.frequencies) {
            let z = spectrum.impedances[i]
            let x = p.px(z.real), y = p.py(-z.imaginary)
            guard p.area.contains(x, y) else { continue }
            var candidates: [(Double, Double, TextAnchor)] = []
            for d in [6.0, 18.0] {
                candidates += [(x + d, y - d, .start), (x - d, y - d, .end), (x + d, y + d + 8, .start),
                               (x - d, y + d + 8, .end), (x + d + 2, y + 4, .start), (x - d - 2, y + 4, .end)]
            }
            let places = candidates.compactMap { tx, ty, anchor -> (Double, Double, TextAnchor, Rect)? in
                let box = TextMetrics.box(label, x: tx, y: ty, size: size, anchor: anchor)
                guard p.area.contains(box), !taken.contains(where: { $0.intersects(box) }) else { return nil }
                return (tx, ty, anchor, box)
            }
            func free(_ b: Rect) -> Bool {
                let halo = Rect(x: b.x - 3, y: b.y - 3, width: b.width + 6, height: b.height + 6)
                return !obstacles.contains { halo.contains($0.0, $0.1) }
            }
            guard let (tx, ty, anchor, box) = places.first(where: { free($0.3) }) ?? places.first else { continue }
            c.text(label, x: tx, y: ty, size: size, anchor: anchor, color: "#555")
            taken.append(box)
        }
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
