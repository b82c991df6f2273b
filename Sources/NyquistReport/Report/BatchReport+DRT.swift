import Foundation
import NyquistDRT
import NyquistStore

extension BatchReport {
    /// The DRT section, when the store holds DRTs (`batch --drt`) of the fit set's spectra: per series, the
    /// DRT-vs-cycle map (``DRTMap``) and the resistance of each peak track against cycle (``DRTPeakTracks``: peaks
    /// matched across cycles by τ proximity), ±1 standard error (bootstrap) where estimated. Nothing when the
    /// store has no DRT (a v3 store, or batches without `--drt`).
    static func drtSection(_ h: inout HTMLText, store: ResultStore, fitSet: Int64, options: BatchReportOptions) {
        guard let table = try? store.drts(drtSet: options.drtSet, fitSet: fitSet), !table.rows.isEmpty else { return }
        let labelled = table.isLabelled
        let failed = table.rows.filter { $0.status == .failed }
        h.raw("<h2>Distribution of relaxation times vs \(labelled ? "cycle" : "position in series")</h2>\n")
        h.raw("<p class=\"note\">DRT set \(table.drtSet.id): γ(ln τ) of each spectrum (colour, one scale per map; "
              + "open circles: peaks); peak resistances ∫γ d ln τ between neighbouring minima, peaks matched across "
              + "cycles by τ (within \(DRTPeakTracks.defaultTolerance) decade of the track's last peak), ±1 standard "
              + "error where estimated.")
        if !failed.isEmpty {
            h.raw(" \(failed.count) DRT\(failed.count == 1 ? "" : "s") failed (their fits stand): "
                  + failed.prefix(5).map { xmlEscape("\($0.series) #\($0.position): \($0.reason ?? "?")") }
                      .joined(separator: "; ") + (failed.count > 5 ? "; …" : "") + ".")
        }
        h.raw("</p>\n<div class=\"plots\">\n")
        for name in table.seriesNames {
            let ok = table.okRows(series: name)
            guard !ok.isEmpty else { continue }
            let kept = evenlySpaced(ok.count, cap: options.maximumSeriesPoints).map { ok[$0] }
            let rows = kept.map { r in
                DRTMapRow(cycle: Double(labelled ? r.cycleLabel ?? r.position : r.position), tau: r.tau,
                          gamma: r.gamma, peakTaus: r.peaks.map(\.tau))
            }
            h.svg(DRTMap.svg(rows: rows, yTitle: labelled ? "cycle" : "position",
                             options: PlotOptions(width: 560, height: 380, title: "DRT map — \(name)")))
            h.svg(peakPlot(table, series: name, labelled: labelled))
        }
        h.raw("</div>\n")
    }

    /// Peak resistance (Ω) against cycle for each peak track of `series`, one plot series per track.
    static func peakPlot(_ table: DRTTable, series name: String, labelled: Bool) -> String {
        let ok = table.okRows(series: name)
        let tracks = table.tracks(series: name)
        let data = tracks.tracks.map { t -> SeriesData in
            var x: [Double] = [], y: [Double] = [], lo: [Double] = [], hi: [Double] = []
            for m in t.members {
                let r = ok[m.spectrum], p = r.peaks[m.peak]
                x.append(Double(labelled ? r.cycleLabel ?? r.position : r.position))
                y.append(p.resistance)
                let se = p.resistanceStdError.flatMap { $0.isFinite ? $0 : nil } ?? 0
                lo.append(p.resistance - se)
                hi.append(p.resistance + se)
            }
            let label = "peak \(t.number): τ ≈ \(Engineering.format(t.medianTau, unit: "s", significant: 2))"
                + (t.isMajor ? "" : " (minor)")
            return SeriesData(name: label, x: x, y: y, yLower: lo, yUpper: hi)
        }
        return SeriesPlot.svg(series: data, xTitle: labelled ? "cycle" : "position", yTitle: "R(peak)", yUnit: "Ω",
                              options: PlotOptions(width: 560, height: 380, title: "DRT peak resistances — \(name)"))
    }
}
