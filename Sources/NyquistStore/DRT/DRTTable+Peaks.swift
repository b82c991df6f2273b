import Foundation
import NyquistDRT

extension DRTTable {
    /// The computed DRTs of `series` in order.
    public func okRows(series: String) -> [StoredDRT] {
        rows.filter { $0.series == series && $0.status == .ok }
    }

    /// The peak tracks of `series` (computed DRTs only), matched by τ proximity (``DRTPeakTracks``).
    public func tracks(series: String, toleranceDecades: Double = DRTPeakTracks.defaultTolerance) -> DRTPeakTracks {
        DRTPeakTracks(peaks: okRows(series: series).map(\.peaks), toleranceDecades: toleranceDecades)
    }

    /// The series a caller means: `name` when given (it must exist), else the only series.
    /// - Throws: ``StoreError/unknownDRTPeak(_:reason:)`` when `name` is unknown or several series exist.
    public func seriesName(_ name: String?, for what: String) throws(StoreError) -> String {
        let names = seriesNames
        if let name {
            guard names.contains(name) else {
                throw .unknownDRTPeak(what, reason: "no series '\(name)'; the DRTs are of \(names.joined(separator: ", "))")
            }
            return name
        }
        guard names.count == 1, let only = names.first else {
            throw .unknownDRTPeak(what, reason: names.isEmpty ? "the DRT set has no spectra"
                : "the DRT set holds \(names.count) series; choose one (\(names.joined(separator: ", ")))")
        }
        return only
    }

    /// The resistance of the peak track `selector` names against cycle, for `series` (the only one when nil).
    /// - Throws: ``StoreError/unknownDRTPeak(_:reason:)``.
    public func peakSeries(_ selector: DRTPeakSelector, series: String? = nil,
                           toleranceDecades: Double = DRTPeakTracks.defaultTolerance) throws(StoreError) -> DRTPeakSeries {
        let name = try seriesName(series, for: selector.text)
        let ok = okRows(series: name)
        let tracks = DRTPeakTracks(peaks: ok.map(\.peaks), toleranceDecades: toleranceDecades)
        let track = try tracks.track(selector)
        let labelled = isLabelled
        let points = track.members.map { m -> DRTPeakSeries.Point in
            let r = ok[m.spectrum], p = r.peaks[m.peak]
            return .init(cycle: labelled ? r.cycleLabel ?? r.position : r.position, position: r.position,
                         spectrumIndex: r.spectrumIndex, file: r.file, tau: p.tau, frequency: p.frequency,
                         resistance: p.resistance, resistanceStdError: p.resistanceStdError)
        }
        var notes = ["DRT peak tracks of \(name) (matched by τ within \(toleranceDecades) decade): \(tracks.summary)"]
        if !labelled { notes.append("some spectra have no cycle label; using the position in the series (0-based)") }
        let failed = rows.filter { $0.series == name && $0.status == .failed }.count
        if failed > 0 { notes.append("\(failed) spectra of \(name) have a failed DRT and no point") }
        if points.count < ok.count {
            notes.append("track \(track.number) has a peak in \(points.count) of \(ok.count) spectra")
        }
        return DRTPeakSeries(series: name, selector: selector, track: track, points: points, labelled: labelled,
                             notes: notes)
    }
}
