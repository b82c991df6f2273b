import Foundation
import Numerics
import NyquistCircuit
import NyquistIO
import NyquistStore

/// Options of ``BatchReport/html(store:options:)``.
public struct BatchReportOptions: Sendable {
    /// The fit set to report; the newest when nil.
    public var fitSet: Int64?
    /// Parameters to plot against cycle, in this order; all of the circuit's when nil.
    public var parameters: [String]?
    /// At most this many per-spectrum Nyquist overlays, evenly spaced over the fits (first and last included).
    public var maximumOverlays: Int
    /// At most this many points per series in a series plot, evenly spaced (the table still lists every fit).
    public var maximumSeriesPoints: Int
    /// Model curves (with confidence bands) drawn in a parameter's series plot, by parameter name — e.g. one
    /// growth-law fit of R3 against cycle per series (cell). x in the plot's x unit (cycle label, or position when
    /// unlabelled), y in the parameter's unit; a model whose ``SeriesModel/series`` names a series of the fit set is
    /// drawn in that series' colour.
    public var models: [String: [SeriesModel]]
    /// Directory against which relative source paths are tried when they are not found as given (the store's
    /// directory by default).
    public var sourceDirectory: String?
    /// The DRT set drawn in the DRT section (`batch --drt`); the newest when nil.
    public var drtSet: Int64?

    public init(fitSet: Int64? = nil, parameters: [String]? = nil, maximumOverlays: Int = 200,
                maximumSeriesPoints: Int = 500, models: [String: [SeriesModel]] = [:], sourceDirectory: String? = nil) {
        self.fitSet = fitSet
        self.parameters = parameters
        self.maximumOverlays = max(0, maximumOverlays)
        self.maximumSeriesPoints = max(2, maximumSeriesPoints)
        self.models = models
        self.sourceDirectory = sourceDirectory
    }
}

/// A self-contained HTML report of one fit set of a results store: inline SVG, inline CSS, no scripts, no network.
///
/// Sections: a header (store, circuit, settings, counts of statuses and Kramers–Kronig verdicts); one series plot
/// per parameter — value vs cycle label (position in the series when any spectrum is unlabelled) with ±1σ error
/// bars, one colour per series (cell); the table of fits (series, file, spectrum, cycle, status, χ², χ²/ν,
/// χ²/|Z|, KK verdict); and a small Nyquist plot per spectrum (at most ``BatchReportOptions/maximumOverlays``):
/// the data re-read from the source file with the stored circuit evaluated at the fitted values. A source file
/// that is gone or unreadable is named in its place; the report is still written.
public enum BatchReport {
    /// The report as one HTML document.
    ///
    /// `progress`, when given, is called with (plots drawn, plots to draw) after each series plot and each spectrum
    /// overlay (a missing source counts as drawn); plots to draw = parameters plotted + overlays shown.
    /// - Throws: ``StoreError`` (no fit sets, unknown fit set or parameter, database error).
    public static func html(
        store: ResultStore, options: BatchReportOptions = BatchReportOptions(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(StoreError) -> String {
        let table = try store.export(fitSet: options.fitSet)
        let plotted = options.parameters ?? table.parameters
        for p in plotted where !table.parameters.contains(p) {
            throw .unknownParameter(p, known: table.parameters)
        }
        let set = table.fitSet
        var h = HTMLText()
        h.raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        h.raw("<title>" + xmlEscape("Nyquist batch report — \(set.circuit)") + "</title>")
        h.raw("<style>\(css)</style></head><body>\n")
        header(&h, store: store, table: table)

        let labelled = table.rows.allSatisfy { $0.cycleLabel != nil }
        h.raw("<h2>Parameters vs \(labelled ? "cycle" : "position in series")</h2>\n")
        h.raw("<p class=\"note\">Error bars ±1 standard error; failed fits left out.")
        let longest = Dictionary(grouping: table.rows, by: \.series).values.map(\.count).max() ?? 0
        if longest > options.maximumSeriesPoints {
            h.raw(" Series longer than \(options.maximumSeriesPoints) points are thinned to \(options.maximumSeriesPoints) evenly spaced points for plotting.")
        }
        h.raw("</p>\n<div class=\"plots\">\n")
        let total = plotted.count + evenlySpaced(table.rows.count, cap: options.maximumOverlays).count
        for (done, name) in plotted.enumerated() {
            defer { progress?(done + 1, total) }
            guard let k = table.parameters.firstIndex(of: name) else { continue }
            h.svg(seriesPlot(table, parameter: k, labelled: labelled, options: options))
        }
        h.raw("</div>\n")
        drtSection(&h, store: store, fitSet: set.id, options: options)
        fitTable(&h, table)
        overlays(&h, table, store: store, options: options,
                 progress: progress.map { p in { @Sendable done in p(plotted.count + done, total) } })
        h.raw("</body></html>\n")
        return h.text
    }

    static func header(_ h: inout HTMLText, store: ResultStore, table: ExportTable) {
        let s = table.fitSet
        h.raw("<h1>Batch report</h1>\n<table class=\"meta\">\n")
        let window = [s.minimumFrequency.map { "≥ " + Engineering.format($0, unit: "Hz") },
                      s.maximumFrequency.map { "≤ " + Engineering.format($0, unit: "Hz") }].compactMap { $0 }
        let statuses = FitStatus.allCases.map { st in "\(table.rows.filter { $0.status == st }.count) \(st.rawValue)" }
        let kk = KramersKronigStatus.allCases.map { st in
            "\(table.rows.filter { $0.kramersKronig?.status == st }.count) \(st.rawValue)"
        } + ["\(table.rows.filter { $0.kramersKronig == nil }.count) not run"]
        let items: [(String, String)] = [
            ("store", store.path), ("fit set", "\(s.id) (settings \(s.settingsHash.prefix(12)), created \(s.createdAt))"),
            ("circuit", s.circuit), ("mode", s.mode?.rawValue ?? "?"), ("weighting", s.weighting),
            ("global start", s.method), ("window", window.isEmpty ? "all points" : window.joined(separator: ", ")),
            ("seed", s.seed), ("element identity", s.identityRule), ("program", s.programVersion),
            ("fits", "\(table.rows.count): " + statuses.joined(separator: ", ")),
            ("Kramers–Kronig", kk.joined(separator: ", ")),
        ]
        for (k, v) in items { h.raw("<tr><th>\(xmlEscape(k))</th><td>\(xmlEscape(v))</td></tr>\n") }
        h.raw("</table>\n")
    }

    /// Evenly spaced indices 0..<n, at most `cap`, first and last included.
    static func evenlySpaced(_ n: Int, cap: Int) -> [Int] {
        guard n > cap else { return Array(0..<n) }
        guard cap > 1 else { return cap == 1 ? [0] : [] }
        var out: [Int] = []
        for k in 0..<cap {
            let i = Int((Double(k) * Double(n - 1) / Double(cap - 1)).rounded())
            if out.last != i { out.append(i) }
        }
        return out
    }

    static func seriesPlot(_ table: ExportTable, parameter k: Int, labelled: Bool, options: BatchReportOptions) -> String {
        var order: [String] = []
        var rows: [String: [ExportTable.Row]] = [:]
        for r in table.rows {
            if rows[r.series] == nil { order.append(r.series) }
            rows[r.series, default: []].append(r)
        }
        let series = order.map { name -> SeriesData in
            let all = (rows[name] ?? []).filter { $0.values[k]?.isFinite == true }
            let kept = evenlySpaced(all.count, cap: options.maximumSeriesPoints).map { all[$0] }
            let x = kept.map { Double(labelled ? $0.cycleLabel ?? $0.position : $0.position) }
            let y = kept.map { $0.values[k] ?? .nan }
            let se = kept.map { $0.standardErrors[k].flatMap { $0.isFinite ? $0 : nil } ?? 0 }
            return SeriesData(name: name, x: x, y: y, yLower: zip(y, se).map { $0 - $1 },
                              yUpper: zip(y, se).map { $0 + $1 })
        }
        let name = table.parameters[k], unit = table.units[k]
        return SeriesPlot.svg(series: series, models: options.models[name] ?? [],
                              xTitle: labelled ? "cycle" : "position", yTitle: name, yUnit: unit == "1" ? "" : unit,
                              options: PlotOptions(width: 560, height: 380, title: name))
    }

    static func fitTable(_ h: inout HTMLText, _ table: ExportTable) {
        h.raw("<h2>Fits</h2>\n<table class=\"fits\"><thead><tr><th>series</th><th>file</th><th>spectrum</th>"
              + "<th>cycle</th><th>status</th><th>χ²</th><th>χ²/ν</th><th>χ²/|Z|</th><th>KK</th>"
              + "<th>KK noise</th></tr></thead><tbody>\n")
        func num(_ v: Double?) -> String { v.map { Engineering.plain($0) } ?? "—" }
        for r in table.rows {
            let kk = r.kramersKronig
            let flagged = kk?.status == .fail || r.status != .converged
            let kkText = kk?.status.rawValue ?? "not run"
            let title = (kk?.reasons).flatMap { $0.isEmpty ? nil : " title=\"\(xmlEscape($0))\"" } ?? ""
            h.raw("<tr\(flagged ? " class=\"flag\"" : "")><td>\(xmlEscape(r.series))</td><td>\(xmlEscape(r.file))</td>"
                  + "<td>\(r.spectrumIndex)</td><td>\(r.cycleLabel.map(String.init) ?? "—")</td>"
                  + "<td>\(r.status.rawValue)</td><td>\(num(r.chiSquare))</td><td>\(num(r.reducedChiSquare))</td>"
                  + "<td>\(num(r.chiSquareOverModulus))</td><td class=\"kk-\(kkText.replacingOccurrences(of: " ", with: "-"))\"\(title)>"
                  + "\(kkText)\(kk?.status == .fail ? ": " + xmlEscape(kk?.reasons ?? "") : "")</td>"
                  + "<td>\(kk?.noisePercent.map { Engineering.plain($0) + " %" } ?? "—")</td></tr>\n")
        }
        h.raw("</tbody></table>\n")
    }

    static let css = """
        body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:1.5em;color:#222}\
        h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ccc}\
        table{border-collapse:collapse;font-size:.85em}th,td{padding:2px 8px;text-align:left;vertical-align:top}\
        table.fits tbody tr:nth-child(even){background:#f4f4f4}table.fits tr.flag{background:#fde8e0}\
        table.meta th{color:#555;font-weight:normal}td.kk-fail{color:#b00;font-weight:bold}\
        .plots{display:flex;flex-wrap:wrap;gap:8px}.overlay{display:inline-block;margin:4px}\
        .missing{display:inline-block;width:300px;height:150px;border:1px dashed #aaa;margin:4px;padding:6px;\
        font-size:.8em;color:#555;overflow:hidden}.note{color:#555;font-size:.9em}
        """
}

/// HTML text being built; SVG documents are inlined without their XML declaration and with ids made unique.
struct HTMLText {
    var text = ""
    private var svgCount = 0

    mutating func raw(_ s: String) { text += s }

    /// Inlines an SVG document: the XML declaration dropped and every `id` (clip paths) prefixed so that the
    /// `url(#…)` references of one plot never resolve to another plot's definitions.
    mutating func svg(_ document: String) {
        svgCount += 1
        var s = Substring(document)
        if s.hasPrefix("<?xml"), let end = s.range(of: "?>") { s = s[end.upperBound...] }
        let prefix = "p\(svgCount)-"
        text += String(s).replacingOccurrences(of: "id=\"", with: "id=\"\(prefix)")
            .replacingOccurrences(of: "url(#", with: "url(#\(prefix)")
    }
}
