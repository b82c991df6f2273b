import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NyquistReport
import Testing

/// Records every SVG element with its attributes, and the text of every `<text>`, in document order.
final class SVGElements: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    private var current = ""

    static func parse(_ svg: String) -> SVGElements? {
        let probe = SVGElements()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        return parser.parse() ? probe : nil
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append((name, attributes))
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(current) }
    }

    /// Band polygons: the only polygons with a fill opacity (triangle markers are opaque).
    var bands: [[String: String]] {
        elements.filter { $0.name == "polygon" && $0.attributes["fill-opacity"] != nil }.map(\.attributes)
    }

    /// Model curves: solid 2 px polylines (series are joined by dashed 1 px polylines).
    var curves: [[String: String]] {
        elements.filter {
            $0.name == "polyline" && $0.attributes["stroke-width"] == "2" && $0.attributes["stroke-dasharray"] == nil
        }.map(\.attributes)
    }

    /// Legend rows of models: the only 2 px `<line>` elements.
    var legendLines: [[String: String]] {
        elements.filter { $0.name == "line" && $0.attributes["stroke-width"] == "2" }.map(\.attributes)
    }
}

/// The pixel points of a `points="x,y x,y …"` attribute.
func pixelPoints(_ attributes: [String: String]) -> [(x: Double, y: Double)] {
    (attributes["points"] ?? "").split(separator: " ").compactMap { pair in
        let v = pair.split(separator: ",").compactMap { Double($0) }
        return v.count == 2 ? (v[0], v[1]) : nil
    }
}

/// Series plots with one model per series: each band and curve in the colour of its series' markers.
@Suite("Series plot models")
struct SeriesModelPlotTests {
    // Series A: filled circles in the first palette colour; series B: open circles in the second (Okabe–Ito).
    static let blue = "#0072B2", vermilion = "#D55E00"
    static let a = SeriesData(name: "A", x: [1, 2, 3], y: [10, 12, 14], yLower: [9, 11, 13], yUpper: [11, 13, 15])
    static let b = SeriesData(name: "B", x: [1, 2, 3], y: [23, 24, 25])
    static let ma = SeriesModel(name: "law A", x: [0, 2, 4], y: [9, 13, 17], yLower: [7, 11, 15],
                                yUpper: [11, 15, 19], series: "A")
    static let mb = SeriesModel(name: "law B", x: [2, 4, 6], y: [22, 25, 28], yLower: [21, 23.5, 26],
                                yUpper: [23, 26.5, 29], series: "B")

    @Test("two models: two bands and two curves in their series' colours, both inside the plot")
    func twoModels() throws {
        // Models listed in the opposite order of their series: the colour must follow the series, not the order.
        let svg = SeriesPlot.svg(series: [Self.a, Self.b], models: [Self.mb, Self.ma], yTitle: "R", yUnit: "Ω")
        let probe = try #require(SVGElements.parse(svg))
        let p = SeriesPlot.layout(series: [Self.a, Self.b], models: [Self.mb, Self.ma], yTitle: "R", yUnit: "Ω")
        // The series' own marker colours, read from the drawing: filled circles (A), open circles (B).
        let filled = probe.elements.filter { $0.name == "circle" && $0.attributes["fill"] != "white" }
        let open = probe.elements.filter { $0.name == "circle" && $0.attributes["fill"] == "white" }
        #expect(Set(filled.compactMap { $0.attributes["fill"] }) == [Self.blue])
        #expect(Set(open.compactMap { $0.attributes["stroke"] }) == [Self.vermilion])
        #expect(filled.count == 3 + 1 && open.count == 3 + 1)  // three points and one legend marker each

        #expect(probe.bands.count == 2)
        #expect(probe.curves.count == 2)
        // Band of B: x 2…6, y 21…29; band of A: x 0…4, y 7…19 (pixel y grows downwards).
        for (color, x0, x1, y0, y1) in [(Self.vermilion, 2.0, 6.0, 21.0, 29.0), (Self.blue, 0.0, 4.0, 7.0, 19.0)] {
            let band = try #require(probe.bands.first { $0["fill"] == color }, "no band in \(color)")
            let pts = pixelPoints(band)
            #expect(pts.count == 6)
            let xs = pts.map(\.x), ys = pts.map(\.y)
            #expect(abs((xs.min() ?? .nan) - p.px(x0)) < 0.01 && abs((xs.max() ?? .nan) - p.px(x1)) < 0.01)
            #expect(abs((ys.min() ?? .nan) - p.py(y1)) < 0.01 && abs((ys.max() ?? .nan) - p.py(y0)) < 0.01)
            // Inside the plot area: the y range covers both bands.
            #expect(ys.allSatisfy { $0 >= p.area.y - 0.01 && $0 <= p.area.maxY + 0.01 })
            let curve = try #require(probe.curves.first { $0["stroke"] == color }, "no curve in \(color)")
            #expect(pixelPoints(curve).count == 3)
        }
        // Legend: each series followed by its model, two model rows in the series' colours.
        let order = ["A", "law A", "B", "law B"].map { probe.texts.firstIndex(of: $0) ?? -1 }
        #expect(order.allSatisfy { $0 >= 0 } && order == order.sorted(), "\(probe.texts)")
        #expect(probe.legendLines.compactMap { $0["stroke"] } == [Self.blue, Self.vermilion])
    }

    @Test("a series without a model has no curve; a model of no plotted series is drawn in grey")
    func unmatched() throws {
        let orphan = SeriesModel(name: "law C", x: [0, 6], y: [5, 6], yLower: [4, 5], yUpper: [6, 7], series: "C")
        let svg = SeriesPlot.svg(series: [Self.a, Self.b], models: [Self.ma, orphan], yTitle: "R", yUnit: "Ω")
        let probe = try #require(SVGElements.parse(svg))
        #expect(Set(probe.bands.compactMap { $0["fill"] }) == ["#444444", Self.blue] && probe.bands.count == 2)
        #expect(Set(probe.curves.compactMap { $0["stroke"] }) == ["#444444", Self.blue] && probe.curves.count == 2)
        #expect(!probe.bands.contains { $0["fill"] == Self.vermilion })
        #expect(probe.legendLines.count == 2 && !probe.texts.contains("law B"))
        // The orphan's row comes first, before any series.
        let c = probe.texts.firstIndex(of: "law C") ?? .max, a = probe.texts.firstIndex(of: "A") ?? -1
        #expect(c < a)
        // Its band (down to 4) widens the y range: 4…25 → step 5 → 0…25.
        let p = SeriesPlot.layout(series: [Self.a, Self.b], models: [Self.ma, orphan], yTitle: "R", yUnit: "Ω")
        #expect(p.y.lower == 0 && p.y.upper == 25)
    }

    @Test("a legend with long labels stays inside the plot area, in a smaller font")
    func longLegendLabelsFit() throws {
        let long = SeriesModel(name: "G2 squareRoot (best by AICc, weight 0.96), 95 % band — synthetic-cell-number-0",
                               x: [0, 4], y: [9, 17], series: "A")
        let svg = SeriesPlot.svg(series: [Self.a], models: [long], yTitle: "R", yUnit: "Ω",
                                 options: PlotOptions(width: 560, height: 420))
        let probe = try #require(SVGElements.parse(svg))
        let p = SeriesPlot.layout(series: [Self.a], models: [long], yTitle: "R", yUnit: "Ω",
                                  options: PlotOptions(width: 560, height: 420))
        // The legend box: the only rect with a grey stroke and a white fill.
        let box = try #require(probe.elements.first { $0.name == "rect" && $0.attributes["fill"] == "white" && $0.attributes["stroke"] == "#bbb" })
        let x = try #require(Double(box.attributes["x"] ?? "")), w = try #require(Double(box.attributes["width"] ?? ""))
        #expect(x >= p.area.x && x + w <= p.area.maxX, "legend [\(x), \(x + w)] outside [\(p.area.x), \(p.area.maxX)]")
        // 80 characters at 0.6 em need 528 px at 11 px, more than the area: the label's font shrinks below the
        // sizes the plot otherwise uses (10–15 px), and a short legend keeps 11 px.
        func fontSizes(_ e: SVGElements) -> [Double] {
            e.elements.filter { $0.name == "text" }.compactMap { $0.attributes["font-size"].flatMap(Double.init) }
        }
        #expect(fontSizes(probe).contains { $0 > 6 && $0 < 10 })
        let short = try #require(SVGElements.parse(SeriesPlot.svg(series: [Self.a], models: [Self.ma], yTitle: "R", yUnit: "Ω")))
        #expect(!fontSizes(short).contains { $0 < 10 })
    }
}
