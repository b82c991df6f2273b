import Foundation
import Numerics
import NyquistCircuit
import NyquistIO
import NyquistStore

extension BatchReport {
    /// The per-spectrum Nyquist overlays: data re-read from the source file (spectrum `spectrumIndex` of it), the
    /// stored circuit evaluated at the fitted values on 40 points per decade over the data's frequency range.
    /// `progress` is called with the count of overlays done after each (a missing source counts as done).
    static func overlays(_ h: inout HTMLText, _ table: ExportTable, store: ResultStore, options: BatchReportOptions,
                         progress: (@Sendable (Int) -> Void)? = nil) {
        let picked = evenlySpaced(table.rows.count, cap: options.maximumOverlays)
        h.raw("<h2>Spectra</h2>\n<p class=\"note\">Data (circles) and fit (line), −Z″ vs Z′ on equal scales.")
        if picked.count < table.rows.count {
            h.raw(" \(picked.count) of \(table.rows.count) spectra shown, evenly spaced over the table.")
        }
        h.raw("</p>\n<div class=\"plots\">\n")
        let circuit = try? Circuit(parsing: table.fitSet.circuit)
        let plan = circuit.map { EvaluationPlan(circuit: $0) }
        let order = circuit.map { ParameterTable(circuit: $0).names } ?? []
        let base = options.sourceDirectory ?? (store.path as NSString).deletingLastPathComponent
        var files: [String: Result<[Spectrum], ReaderError>] = [:]
        for (done, i) in picked.enumerated() {
            defer { progress?(done + 1) }
            let r = table.rows[i]
            let title = "\(r.series) · \(r.cycleLabel.map { "cycle \($0)" } ?? "#\(r.position)")"
            let loaded: Result<[Spectrum], ReaderError>
            if let l = files[r.file] { loaded = l } else {
                loaded = load(r.file, base: base)
                files = [r.file: loaded]  // consecutive rows share files; keep one file's spectra in memory
            }
            let spectrum: Spectrum
            switch loaded {
            case .failure(let e):
                missing(&h, title, "source not available: \(e)")
                continue
            case .success(let spectra):
                guard let s = spectra.first(where: { $0.metadata.index == r.spectrumIndex })
                    ?? (spectra.indices.contains(r.spectrumIndex) ? spectra[r.spectrumIndex] : nil) else {
                    missing(&h, title, "\(r.file) has no spectrum \(r.spectrumIndex) any more")
                    continue
                }
                spectrum = s
            }
            var model: [Complex<Double>]?
            if let plan, r.status != .failed {
                let values = order.map { n in table.parameters.firstIndex(of: n).flatMap { r.values[$0] } }
                if values.allSatisfy({ $0 != nil }), let lo = spectrum.frequencies.min(), let hi = spectrum.frequencies.max(),
                   let grid = try? FrequencyGrid.logSpaced(from: hi, to: lo, pointsPerDecade: 40) {
                    model = plan.impedance(grid, parameters: values.map { $0 ?? .nan })
                }
            }
            h.raw("<div class=\"overlay\">")
            h.svg(NyquistPlot.svg(spectrum: spectrum, model: model, modelLabel: "fit", dataLabel: "data",
                                  options: PlotOptions(width: 320, height: 280, title: title)))
            h.raw("</div>\n")
        }
        h.raw("</div>\n")
    }

    static func load(_ path: String, base: String) -> Result<[Spectrum], ReaderError> {
        var candidates = [path]
        if !path.hasPrefix("/"), !base.isEmpty { candidates.append(base + "/" + path) }
        var firstError: ReaderError?
        for p in candidates {
            do { return .success(try SpectrumFile.read(path: p)) } catch {
                if firstError == nil { firstError = error }
            }
        }
        return .failure(firstError ?? .emptyFile(file: path))
    }

    static func missing(_ h: inout HTMLText, _ title: String, _ why: String) {
        h.raw("<div class=\"missing\"><b>\(xmlEscape(title))</b><br>\(xmlEscape(why))</div>\n")
    }
}
