import Foundation
import NyquistDRT

/// One DRT peak track of one series against cycle: the resistance under the peak in each spectrum where the track
/// has a peak (Ω), with its bootstrap standard error.
public struct DRTPeakSeries: Sendable, Hashable, Codable {
    public struct Point: Sendable, Hashable, Codable {
        /// Cycle label, or the 0-based position in the series when any spectrum of the table is unlabelled.
        public var cycle: Int
        public var position: Int
        public var spectrumIndex: Int
        public var file: String
        /// The peak's τ (s) and frequency 1/(2πτ) (Hz).
        public var tau: Double
        public var frequency: Double
        /// ∫γ d ln τ between the peak's neighbouring minima, Ω; its standard error (nil when not estimated).
        public var resistance: Double
        public var resistanceStdError: Double?
    }

    public var series: String
    public var selector: DRTPeakSelector
    /// The track followed (its number, median τ, membership).
    public var track: DRTPeakTracks.Track
    public var points: [Point]
    /// Whether x is the cycle label (true) or the position in the series (false).
    public var labelled: Bool
    /// What the user should know, one line each (the tracks found, spectra without the peak, failed DRTs).
    public var notes: [String]
}

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
