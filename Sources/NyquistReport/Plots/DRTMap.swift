import Foundation

/// One spectrum's DRT as a row of the map: its cycle (or position), the τ grid (s), γ on it (Ω) and its peaks' τ.
public struct DRTMapRow: Sendable, Hashable, Codable {
    public var cycle: Double
    public var tau: [Double]
    public var gamma: [Double]
    public var peakTaus: [Double]

    public init(cycle: Double, tau: [Double], gamma: [Double], peakTaus: [Double] = []) {
        self.cycle = cycle
        self.tau = tau
        self.gamma = gamma
        self.peakTaus = peakTaus
    }
}

/// The DRT-vs-cycle map: γ(ln τ) of every spectrum of a series as a heat map over τ (log axis, s) and cycle
/// (linear axis), with each spectrum's peaks marked, and a colour bar of γ (Ω).
///
/// Cell geometry: spectrum k covers the cycles from the midpoint to its lower neighbour to the midpoint to its
/// upper one (half the neighbouring gap beyond the first and last, ±0.5 for a single spectrum); grid point i covers
/// τ from the geometric midpoint to its lower neighbour to that to its upper one. The colour is a viridis-like
/// ramp of γ / max γ over the whole map (one scale, so growth is seen as brightening). Cells below 0.5 % of the
/// maximum are left at the ramp's zero colour (the plot background) to keep the document small. The y axis spans
/// exactly the spectra's bands; the axes' grid lies under the map.
public enum DRTMap {
    /// The map as an SVG document; rows with non-finite or non-positive τ, or fewer than 2 grid points, are
    /// left out.
    public static func svg(rows: [DRTMapRow], yTitle: String = "cycle", options: PlotOptions = PlotOptions())
        -> String {
        let usable = rows.filter { r in
            r.cycle.isFinite && r.tau.count >= 2 && r.tau.count == r.gamma.count && r.tau.allSatisfy { $0 > 0 && $0.isFinite }
        }.sorted { $0.cycle < $1.cycle }
        let taus = usable.flatMap(\.tau)
        let cycles = usable.map(\.cycle)
        let top = usable.flatMap { $0.gamma.filter(\.isFinite) }.max() ?? 0
        let scale = top > 0 ? top : 1
        let edges = cycleEdges(cycles)
        let x = Axis.logarithmic(taus.min() ?? 1e-6, taus.max() ?? 1, title: "τ", unit: "s")
        // The y axis spans exactly the spectra's bands (no empty margin that would read as γ = 0), ticks from the
        // nice axis over the same range.
        let lo = edges.first ?? 0, hi = edges.last ?? 1
        let nice = Axis.linear(lo, hi, target: 6, title: yTitle, unit: "", engineering: false)
        let y = Axis(scale: .linear, lower: lo, upper: hi, ticks: nice.ticks.filter { $0 >= lo && $0 <= hi },
                     title: yTitle, unit: "", engineering: false)
        var area = Panel.area(options, x: x, yAxes: [y])
        let bar = 70.0
        area.width = max(area.width - bar, 20)
        let p = Panel(area: area, x: x, y: y)
        var c = SVGCanvas(width: options.width, height: options.height)
        options.drawTitle(&c)
        // Axes first (labels, ticks), then the map over their grid, then the frame again.
        p.drawAxes(&c)
        c.rect(area, fill: color(0))
        let clip = c.clipRect(area)
        c.beginGroup(clip: clip)
        for (k, r) in usable.enumerated() {
            let y0 = p.py(edges[k]), y1 = p.py(edges[k + 1])
            let bounds = tauEdges(r.tau)
            for i in r.tau.indices {
                let g = r.gamma[i]
                guard g.isFinite, g / scale >= 0.005 else { continue }
                let x0 = p.px(bounds[i]), x1 = p.px(bounds[i + 1])
                guard [x0, x1, y0, y1].allSatisfy(\.isFinite) else { continue }
                // A hair wider than the cell so that anti-aliasing leaves no seams between cells.
                c.rect(Rect(x: x0, y: min(y0, y1), width: x1 - x0 + 0.4, height: abs(y1 - y0) + 0.4),
                       fill: color(min(g / scale, 1)))
            }
        }
        for r in usable {
            for t in r.peakTaus where t > 0 && t.isFinite {
                c.marker(p.px(t), p.py(r.cycle), .openCircle, color: "#111111", size: 2.5)
            }
        }
        c.endGroup()
        c.rect(area, stroke: "#333")
        colourBar(&c, x: area.maxX + 18, area: area, maximum: top)
        return c.document
    }

    /// Cycle-band edges: midpoints between neighbours, half a gap beyond the ends (±0.5 for one row).
    static func cycleEdges(_ cycles: [Double]) -> [Double] {
        guard let first = cycles.first, let last = cycles.last else { return [] }
        guard cycles.count > 1 else { return [first - 0.5, first + 0.5] }
        var e = [first - (cycles[1] - first) / 2]
        for k in 1..<cycles.count { e.append((cycles[k - 1] + cycles[k]) / 2) }
        e.append(last + (last - cycles[cycles.count - 2]) / 2)
        // Equal cycles (two spectra at one label) would give empty bands; widen them to be visible.
        for k in 1..<e.count where e[k] <= e[k - 1] { e[k] = e[k - 1] + 1e-6 }
        return e
    }

    /// τ-cell edges: geometric midpoints, the end cells as wide as their neighbour (in log τ).
    static func tauEdges(_ tau: [Double]) -> [Double] {
        let n = tau.count
        var e = [tau[0] * (tau[0] / tau[1]).squareRoot()]
        for i in 1..<n { e.append((tau[i - 1] * tau[i]).squareRoot()) }
        e.append(tau[n - 1] * (tau[n - 1] / tau[n - 2]).squareRoot())
        return e
    }

    /// The colour bar: the ramp from 0 (bottom) to `maximum` (top) with three labels in Ω.
    static func colourBar(_ c: inout SVGCanvas, x: Double, area: Rect, maximum: Double) {
        let steps = 40, h = area.height / Double(steps)
        for k in 0..<steps {
            let f = (Double(k) + 0.5) / Double(steps)
            c.rect(Rect(x: x, y: area.maxY - Double(k + 1) * h, width: 12, height: h + 0.4), fill: color(f))
        }
        c.rect(Rect(x: x, y: area.y, width: 12, height: area.height), stroke: "#333")
        for f in [0.0, 0.5, 1.0] {
            c.text(Engineering.format(f * maximum, unit: "", significant: 3), x: x + 16,
                   y: area.maxY - f * area.height + 4, size: 10)
        }
        c.text("γ / Ω", x: x, y: area.y - 6, size: 11)
    }

    /// Viridis-like ramp: `fraction` 0…1 (clamped) to `#rrggbb`.
    public static func color(_ fraction: Double) -> String {
        let anchors: [(Double, Double, Double)] = [
            (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
            (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
        ]
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let s = f * Double(anchors.count - 1)
        let i = min(Int(s), anchors.count - 2), t = s - Double(i)
        let a = anchors[i], b = anchors[i + 1]
        func hex(_ u: Double, _ v: Double) -> String {
            let x = max(0, min(255, (u + (v - u) * t).rounded()))
            let h = String(Int(x), radix: 16)
            return h.count == 1 ? "0" + h : h
        }
        return "#" + hex(a.0, b.0) + hex(a.1, b.1) + hex(a.2, b.2)
    }
}
