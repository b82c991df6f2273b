import NyquistDRT
import NyquistStore
import NyquistTracking

extension ResultStore {
    /// The resistance (Ω) of one DRT peak track of a series, from the newest DRT set (`batch --drt`), as a parameter
    /// series: one point per spectrum where the track has a peak, its bootstrap standard error as the point's
    /// standard error, cycle = cycle label (or position, for a series with unlabelled spectra). Peaks are matched
    /// across cycles by τ (``NyquistStore/DRTPeakTracks``); the tracks found are the first note.
    /// - Parameters:
    ///   - selector: `drt:peakN` (track N, 1 = fastest) or `drt:tau=T` (the major track nearest T seconds).
    ///   - series: which series; may be nil when the DRT set holds only one.
    /// - Throws: ``StoreError`` (`.noDRT`, `.unknownDRTPeak`, database), ``AnalysisError`` (`.unknownSeries`,
    ///   `.ambiguousSeries`), ``TrackingError/noData(_:reason:)`` when the track has no point.
    public func drtPeakParameterSeries(_ selector: DRTPeakSelector, series: String? = nil) throws -> ParameterSeries {
        let table = try drts()
        let names = table.seriesNames
        let name: String
        if let series {
            guard names.contains(series) else { throw AnalysisError.unknownSeries(series, known: names, store: path) }
            name = series
        } else if names.count > 1 {
            throw AnalysisError.ambiguousSeries(store: path, names: names)
        } else if let only = names.first {
            name = only
        } else {
            throw TrackingError.noData(TrackingLocation(source: path), reason: "the DRT set has no spectra")
        }
        let peaks = try table.peakSeries(selector, series: name)
        var points: [ParameterSeries.Point] = [], skipped: [String] = []
        for p in peaks.points {
            // Growth laws are fitted to ln R: a peak without positive area has no point (listed as skipped).
            guard p.resistance > 0, p.resistance.isFinite else {
                skipped.append("\(path): \(name) cycle \(p.cycle): \(selector.text) resistance \(p.resistance) Ω is not positive")
                continue
            }
            let se = p.resistanceStdError.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
            points.append(ParameterSeries.Point(cycle: Double(p.cycle), value: p.resistance, standardError: se,
                                                spectrum: p.spectrumIndex, file: p.file))
        }
        guard !points.isEmpty else {
            throw TrackingError.noData(TrackingLocation(source: path), reason: "\(selector.text) has no peak in any spectrum")
        }
        return ParameterSeries(parameter: selector.text, points: points, source: path, skipped: skipped,
                               notes: peaks.notes)
    }
}
