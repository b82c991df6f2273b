import Foundation
import NyquistReport
import NyquistTestSupport
import Testing

/// Issue 16 (series): the DRT-vs-cycle map, drawn from the closed-form DRT of a ZARC (Fuoss–Kirkwood):
/// γ(τ) = R/(2π) · sin((1−n)π) / (cosh(n·ln(τ/τ₀)) − cos((1−n)π)), whose maximum is at τ = τ₀.
@Suite struct DRTMapTests {
    static func zarcGamma(_ tau: Double, r: Double, tau0: Double, n: Double) -> Double {
        r / (2 * .pi) * sin((1 - n) * .pi) / (cosh(n * log(tau / tau0)) - cos((1 - n) * .pi))
    }

    /// Cycles 0…5, R = 100 + 20√n Ω at τ₀ = 1/(2π) s (1 Hz), n = 0.8, grid 1 µs…100 s at 10 points per decade
    /// (τ₀ lies between grid points 51 and 52 at 10^(−0.798)).
    static func rows() -> [DRTMapRow] {
        let tau = (0...80).map { pow(10, -6 + Double($0) / 10) }
        return (0..<6).map { k in
            let r = 100 + 20 * Double(k).squareRoot()
            return DRTMapRow(cycle: Double(k), tau: tau,
                             gamma: tau.map { zarcGamma($0, r: r, tau0: 1 / (2 * .pi), n: 0.8) },
                             peakTaus: [1 / (2 * .pi)])
        }
    }

    /// `<rect …/>` attributes of the document, in order.
    static func rects(_ svg: String) -> [[String: String]] {
        svg.components(separatedBy: "<rect ").dropFirst().map { chunk in
            let body = chunk.components(separatedBy: "/>").first ?? ""
            var out: [String: String] = [:]
            // name="value" pairs: split on the quotes, names end with `=`.
            let parts = body.components(separatedBy: "\"")
            var k = 0
            while k + 1 < parts.count {
                let name = parts[k].trimmingCharacters(in: .whitespaces)
                if name.hasSuffix("=") { out[String(name.dropLast())] = parts[k + 1] }
                k += 2
            }
            return out
        }
    }

    @Test func theMapIsWellFormedWithCellsInsideThePlotAndTheMaximumAtTheLastCycleNearTau0() throws {
        let options = PlotOptions(width: 560, height: 380, title: "DRT map")
        let svg = DRTMap.svg(rows: Self.rows(), options: options)
        let (error, probe) = SVGProbe.parse(svg)
        #expect(error == nil)
        #expect(probe.texts.contains("τ / s") && probe.texts.contains("cycle") && probe.texts.contains("γ / Ω"))
        // One peak marker per spectrum.
        #expect(probe.counts["circle"] == 6)
        let cells = Self.rects(svg).filter { $0["fill"]?.hasPrefix("#") == true && $0["stroke"] == nil }
        // Cells: above 0.5 % of the maximum, a band of the 81 grid points in each of the 6 rows, plus the 40 steps
        // of the colour bar and the plot background.
        #expect(cells.count > 6 * 20 && cells.count < 6 * 81 + 41 + 1)
        for c in cells {
            let x = Double(c["x"] ?? "") ?? .nan, y = Double(c["y"] ?? "") ?? .nan
            let w = Double(c["width"] ?? "") ?? .nan, h = Double(c["height"] ?? "") ?? .nan
            #expect(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= 560.5 && y + h <= 380.5, "\(c)")
        }
        // The brightest colour (γ = max) is drawn once in the map (and in the colour bar's top step, which is 97.5 %
        // of the ramp, so not that exact colour): the last cycle (largest R) at the grid point nearest τ₀.
        let top = DRTMap.color(1)
        let brightest = cells.filter { $0["fill"] == top }
        #expect(brightest.count == 1)
        let dark = cells.filter { $0["fill"] == DRTMap.color(0) }
        #expect(dark.count == 1, "the plot background")
        // Cycle 5 is the top band (the smallest y of the map's cells), and the cell's τ span holds τ₀: the x axis
        // spans the grid's whole decades 1 µs…100 s over the plot area (the background rect).
        if let b = brightest.first, let d = dark.first {
            func num(_ r: [String: String], _ k: String) -> Double { Double(r[k] ?? "") ?? .nan }
            let areaX = num(d, "x"), areaW = num(d, "width")
            let map = cells.filter { num($0, "x") + num($0, "width") <= areaX + areaW + 1 && $0["fill"] != DRTMap.color(0) }
            #expect(num(b, "y") == map.map { num($0, "y") }.min())
            let x0 = areaX + (log10(1 / (2 * Double.pi)) + 6) / 8 * areaW
            #expect(num(b, "x") <= x0 && x0 <= num(b, "x") + num(b, "width"), "\(b) vs τ₀ at x = \(x0)")
        }
    }

    @Test func theColourRampRunsFromViridisPurpleToYellowAndClamps() {
        #expect(DRTMap.color(0) == "#440154")
        #expect(DRTMap.color(1) == "#fde725")
        #expect(DRTMap.color(-3) == "#440154")
        #expect(DRTMap.color(.nan) == "#440154")
        #expect(DRTMap.color(7) == "#fde725")
        // Half way: between anchors 4 (#26828e) and 5 (#1f9e89).
        #expect(DRTMap.color(0.5) == "#23908c")
    }

    /// No usable row (non-positive τ, mismatched lengths): a valid empty map, not a trap.
    @Test func unusableRowsGiveAnEmptyMap() {
        let bad = [DRTMapRow(cycle: 0, tau: [0, 1], gamma: [1, 1]), DRTMapRow(cycle: 1, tau: [1, 2, 3], gamma: [1]),
                   DRTMapRow(cycle: .nan, tau: [1, 2], gamma: [1, 1])]
        let (error, probe) = SVGProbe.parse(DRTMap.svg(rows: bad))
        #expect(error == nil)
        #expect(probe.counts["circle"] == nil)
    }
}
