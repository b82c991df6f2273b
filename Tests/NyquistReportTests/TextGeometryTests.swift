import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Numerics
import NyquistIO
import NyquistReport
import Testing

/// Every `<text>` of an SVG with its estimated box, read back from the document (not from the layout code).
final class TextBoxProbe: NSObject, XMLParserDelegate {
    struct Item { var text: String; var box: Rect }
    var items: [Item] = []
    var viewBox = Rect(x: 0, y: 0, width: 0, height: 0)
    /// The legend frame (white rect with the #bbb stroke) and the centres of all circle markers.
    var legend: [Rect] = []
    var circles: [(Double, Double)] = []
    private var pending: [String: String]?
    private var current = ""

    static func parse(_ svg: String) -> TextBoxProbe {
        let probe = TextBoxProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        _ = parser.parse()
        return probe
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes a: [String: String] = [:]) {
        func d(_ k: String) -> Double { Double(a[k] ?? "") ?? .nan }
        switch name {
        case "svg": viewBox = Rect(x: 0, y: 0, width: d("width"), height: d("height"))
        case "text": pending = a; current = ""
        case "rect" where a["stroke"] == "#bbb":
            legend.append(Rect(x: d("x"), y: d("y"), width: d("width"), height: d("height")))
        case "circle": circles.append((d("cx"), d("cy")))
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard name == "text", let a = pending else { return }
        pending = nil
        let x = Double(a["x"] ?? "") ?? .nan, y = Double(a["y"] ?? "") ?? .nan
        let size = Double(a["font-size"] ?? "") ?? 12
        // Independent conservative estimate: 0.65 em a glyph, 1 em for wide ones, bold +10 %; ascent 0.8 em,
        // descent 0.25 em.
        let wide: Set<Character> = ["M", "W", "m", "w", "Ω", "µ", "%", "—", "@", "φ", "ω"]
        var w = current.reduce(0.0) { $0 + (wide.contains($1) ? 1.0 : 0.65) } * size
        if a["font-weight"] == "bold" { w *= 1.1 }
        let shift = a["text-anchor"] == "middle" ? -w / 2 : (a["text-anchor"] == "end" ? -w : 0)
        let box: Rect
        if a["transform"]?.hasPrefix("rotate(-90") == true {
            box = Rect(x: x - 0.8 * size, y: y - shift - w, width: 1.05 * size, height: w)
        } else {
            box = Rect(x: x + shift, y: y - 0.8 * size, width: w, height: 1.05 * size)
        }
        items.append(Item(text: current, box: box))
    }

    /// Texts whose box leaves the view box.
    var outside: [String] {
        items.filter { !($0.box.x >= 0 && $0.box.y >= 0 && $0.box.maxX <= viewBox.width
                         && $0.box.maxY <= viewBox.height) }.map(\.text)
    }

    /// Pairs of texts whose boxes overlap.
    var overlapping: [(String, String)] {
        var out: [(String, String)] = []
        for i in items.indices {
            for j in items.indices where j > i {
                let a = items[i].box, b = items[j].box
                if a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY { out.append((items[i].text, items[j].text)) }
            }
        }
        return out
    }
}

/// Worst cases: long units, many decades, extreme ranges. Every text box inside the view box, none overlapping.
@Suite("Plot text geometry")
struct TextGeometryTests {
    /// The report's Q panel: 21…25 µF·s^(n−1) over 100 cycles, two cells with long names.
    static func qPanel() -> String {
        let x = (1...100).map(Double.init)
        let a = SeriesData(name: "bare cell (no coating), 25 °C", x: x, y: x.map { 25e-6 - 4e-6 * $0 / 100 })
        let b = SeriesData(name: "coated cell LiNbO₃, 25 °C", x: x, y: x.map { 24e-6 - 2e-6 * $0 / 100 })
        return SeriesPlot.svg(series: [a, b], yTitle: "Q2", yUnit: "F·s^(n−1)",
                              options: PlotOptions(width: 560, height: 380, title: "Q2"))
    }

    /// Many decades (10 mHz…10 MHz) with a tiny high-frequency arc: the decade labels crowd at the origin.
    static func crowdedNyquist() -> Spectrum {
        let f = (0...90).map { Double.pow(10, 7 - Double($0) / 10) }
        let z = f.map { f -> Complex<Double> in
            let w = 2 * Double.pi * f
            return Complex(5, 0) + Complex(20, 0) / Complex(1, w * 20 * 1e-9) + Complex(5000, 0) / Complex(1, w * 5e-3)
        }
        return Spectrum(frequencies: f, impedances: z)
    }

    static func cases() throws -> [(String, String)] {
        let crowded = crowdedNyquist()
        let extreme = Spectrum(frequencies: [1e7, 1e3, 1, 1e-3],
                               impedances: [Complex(1e-3, -1e-4), Complex(2e3, -5e4), Complex(1e6, -2e8),
                                            Complex(3e8, -9e8)])
        let x = (1...12).map(Double.init)
        let long = SeriesData(name: "A", x: x, y: x.map { 1_234_567.8 + 0.01 * $0 })
        return [
            ("q-panel", qPanel()),
            ("nyquist-crowded", NyquistPlot.svg(spectrum: crowded, options: PlotOptions(title: "crowded"))),
            ("nyquist-crowded-unzoomed", NyquistPlot.svg(spectrum: crowded, view: NyquistView(autoZoom: false))),
            ("nyquist-small", NyquistPlot.svg(spectrum: crowded, options: PlotOptions(width: 320, height: 240))),
            ("bode-extreme", BodePlot.svg(spectrum: extreme, options: PlotOptions(title: "extreme"))),
            ("bode-crowded", BodePlot.svg(spectrum: crowded, model: crowded.impedances)),
            ("series-long-labels", SeriesPlot.svg(series: [long], yTitle: "R", yUnit: "Ω")),
            ("long-title", NyquistPlot.svg(spectrum: crowded, options: PlotOptions(
                width: 300, height: 200, title: String(repeating: "PEIS_LPSCl_IonBlocking_-25C.mpr ", count: 3)))),
        ] + (try Gallery.all())
    }

    @Test("every text box lies inside the view box and no two texts overlap")
    func textInsideAndApart() throws {
        for (name, svg) in try Self.cases() {
            let probe = TextBoxProbe.parse(svg)
            #expect(probe.items.count >= 5, "\(name)")
            #expect(probe.outside.isEmpty, "\(name): outside the view box: \(probe.outside)")
            #expect(probe.overlapping.isEmpty, "\(name): overlapping: \(probe.overlapping)")
        }
    }

    @Test("Q panel: the µ prefix and unit sit on the caption; the ticks read 21…25 in full")
    func qPanelLabels() {
        let texts = TextBoxProbe.parse(Self.qPanel()).items.map(\.text)
        #expect(texts.contains("Q2 / µF·s^(n−1)"))
        // y range 21…25 µ, about 6 ticks: step nice(4/6 = 0.67) = 1 µ → ticks 21, 22, …, 25 (not "5…1").
        for t in ["21", "22", "23", "24", "25"] { #expect(texts.contains(t), "\(t) in \(texts)") }
        #expect(!texts.contains { $0.contains("µF") && $0 != "Q2 / µF·s^(n−1)" })
    }

    @Test("the legend covers no marker: off a crowded corner, or above the plot when every corner is taken",
          arguments: [false, true])
    func legendAvoidsData(everyCorner: Bool) {
        let x = (1...100).map(Double.init)
        // Bare cell falls from 25 to 21, its last 15 cycles near the bottom right; the top left is full of points.
        let s = SeriesData(name: "bare cell", x: x, y: x.map { 25 - 4 * $0 / 100 })
        // A second cell rising from 21 to 25 fills the two remaining corners.
        let t = SeriesData(name: "coated cell with a long name", x: x, y: x.map { 21 + 4 * $0 / 100 })
        let probe = TextBoxProbe.parse(SeriesPlot.svg(series: everyCorner ? [s, t] : [s], yTitle: "Q", yUnit: "F",
                                                      options: PlotOptions(title: "Q")))
        #expect(probe.legend.count == 1)
        #expect(probe.outside.isEmpty && probe.overlapping.isEmpty)
        for box in probe.legend {
            #expect(box.x >= 0 && box.maxX <= probe.viewBox.width && box.y >= 0)
            // The legend's own sample marker sits at box.x + 16.
            let covered = probe.circles.filter { abs($0.0 - (box.x + 16)) > 0.01 && $0.0 >= box.x && $0.0 <= box.maxX && $0.1 >= box.y && $0.1 <= box.maxY }
            #expect(covered.isEmpty, "legend \(box) covers \(covered.count) markers")
        }
    }
}
