import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Numerics
import NyquistCircuit
import NyquistFit
import NyquistIO
import NyquistReport
import NyquistTestSupport
import Testing

/// Parses an SVG string with XMLParser; returns the error, or nil when well-formed, plus element counts by name.
final class SVGProbe: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    var texts: [String] = []
    private var current = ""

    static func parse(_ svg: String) -> (error: Error?, probe: SVGProbe) {
        let probe = SVGProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        let ok = parser.parse()
        return (ok ? nil : (parser.parserError ?? CocoaError(.propertyListReadCorrupt)), probe)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
        current = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { texts.append(current) }
    }
}

enum Gallery {
    static let circuit = Synthetic.assbCathode
    static let truth: [Double] = [20, 40, 1e-8, 0.9, 200, 1e-4, 0.8]

    static func spectrum() throws -> Spectrum {
        try Synthetic.spectrum(circuit, parameters: truth, pointsPerDecade: 8, noise: 0.004, seed: 3)
    }

    static func model(_ s: Spectrum) throws -> (f: [Double], z: [Complex<Double>]) {
        let g = try FrequencyGrid.logSpaced(from: 1e6, to: 1e-2, pointsPerDecade: 40)
        return (g.frequencies, EvaluationPlan(circuit: circuit).impedance(g, parameters: truth))
    }

    static func series() -> ([SeriesData], [SeriesModel]) {
        let x = (1...12).map(Double.init)
        let a = SeriesData(name: "cell A & <B>", x: x, y: x.map { 20 + 2 * $0 },
                           yLower: x.map { 18.5 + 2 * $0 }, yUpper: x.map { 21.5 + 2 * $0 })
        let b = SeriesData(name: "cell C", x: x, y: x.map { 25 + 1.5 * $0 + ($0 > 6 ? 3 : 0) },
                           yLower: x.map { 24 + 1.5 * $0 + ($0 > 6 ? 3 : 0) },
                           yUpper: x.map { 26 + 1.5 * $0 + ($0 > 6 ? 3 : 0) })
        let mx = stride(from: 1.0, through: 12, by: 0.25).map { $0 }
        let m = SeriesModel(name: "growth law — cell A & <B>", x: mx, y: mx.map { 21 + 1.9 * $0 },
                            yLower: mx.map { 19 + 1.9 * $0 }, yUpper: mx.map { 23 + 1.9 * $0 }, series: a.name)
        let n = SeriesModel(name: "growth law — cell C", x: mx, y: mx.map { 25.5 + 1.6 * $0 },
                            yLower: mx.map { 24 + 1.6 * $0 }, yUpper: mx.map { 27 + 1.6 * $0 }, series: b.name)
        return ([a, b], [m, n])
    }

    /// Relative residuals (Z − Ẑ)/|Z| via a lin-KK run with the given model... built by hand: PointResidual has no
    /// public initialiser, so decode it from JSON.
    static func residuals(_ s: Spectrum, _ m: [Complex<Double>]) throws -> [PointResidual] {
        let rows = zip(zip(s.frequencies, s.impedances), m).map { fz, mz in
            let (f, z) = fz
            return "{\"frequency\":\(f),\"real\":\((z.real - mz.real) / z.length),"
                + "\"imaginary\":\((z.imaginary - mz.imaginary) / z.length)}"
        }
        return try JSONDecoder().decode([PointResidual].self, from: Data(("[" + rows.joined(separator: ",") + "]").utf8))
    }

    /// All four plots, named.
    static func all() throws -> [(String, String)] {
        let s = try spectrum()
        let (mf, mz) = try model(s)
        let kk = try KramersKronig.test(s)
        // "Fit" residuals: the data against the true model at the data frequencies.
        let truthAtData = EvaluationPlan(circuit: circuit).impedance(
            try FrequencyGrid(frequencies: s.frequencies), parameters: truth)
        let fitLike = try residuals(s, truthAtData)
        let (series, models) = series()
        return [
            ("nyquist", NyquistPlot.svg(spectrum: s, model: mz, modelLabel: "R1-p(R2,CPE2)-p(R3,CPE3)",
                                        options: PlotOptions(title: "Nyquist <synthetic> & noise"))),
            ("bode", BodePlot.svg(spectrum: s, model: mz, modelFrequencies: mf, options: PlotOptions(title: "Bode"))),
            ("residuals", ResidualPlot.svg(fit: fitLike.map { $0 }, kk: kk.residuals,
                                           options: PlotOptions(title: "Residuals"))),
            ("series", SeriesPlot.svg(series: series, models: models, yTitle: "R₂", yUnit: "Ω",
                                      options: PlotOptions(title: "R₂ vs cycle"))),
        ]
    }
}

@Suite("SVG output")
struct SVGWellFormedTests {
    @Test("every plot is well-formed XML with an <svg> root, clip paths and escaped text")
    func wellFormed() throws {
        for (name, svg) in try Gallery.all() {
            let (error, probe) = SVGProbe.parse(svg)
            #expect(error == nil, "\(name): \(String(describing: error))")
            #expect(probe.counts["svg"] == 1)
            #expect((probe.counts["clipPath"] ?? 0) >= 1, "\(name)")
            #expect((probe.counts["text"] ?? 0) >= 5, "\(name)")
            if name == "nyquist" { #expect(probe.texts.contains("Nyquist <synthetic> & noise")) }
            if name == "series" { #expect(probe.texts.contains("cell A & <B>")) }
        }
    }

    @Test("xmlEscape escapes the five XML specials and drops forbidden control characters")
    func escaping() {
        #expect(xmlEscape("a<b>&\"c'\u{01}\td") == "a&lt;b&gt;&amp;&quot;c&apos;\td")
        let svg = NyquistPlot.svg(spectrum: Spectrum(frequencies: [1, 10, 100], impedances: [
            Complex(3, -1), Complex(2, -1), Complex(1, 0)]), options: PlotOptions(title: "\u{02}]]><x>"))
        #expect(SVGProbe.parse(svg).error == nil)
    }

    @Test("degenerate input (one point, NaN values, empty model) still gives well-formed SVG")
    func degenerate() {
        let one = Spectrum(frequencies: [1], impedances: [Complex(5, 0)])
        let nan = Spectrum(frequencies: [1, .nan, 3], impedances: [Complex(.nan, 1), Complex(1, 1), Complex(2, -1)])
        for s in [one, nan] {
            #expect(SVGProbe.parse(NyquistPlot.svg(spectrum: s, model: [])).error == nil)
            #expect(SVGProbe.parse(BodePlot.svg(spectrum: s)).error == nil)
        }
        #expect(SVGProbe.parse(ResidualPlot.svg()).error == nil)
        #expect(SVGProbe.parse(SeriesPlot.svg(series: [], yTitle: "x", yUnit: "")).error == nil)
    }

    /// Writes the gallery when NYQUIST_PLOT_DIR is set (scripts/render-plots.sh renders it to PNG).
    @Test("gallery for scripts/render-plots.sh")
    func gallery() throws {
        guard let dir = ProcessInfo.processInfo.environment["NYQUIST_PLOT_DIR"] else { return }
        for (name, svg) in try Gallery.all() {
            try svg.write(toFile: dir + "/\(name).svg", atomically: true, encoding: .utf8)
        }
    }
}
