import Foundation
import NyquistDRT
import NyquistText

/// The DRT peaks of one cycle series linked into tracks by τ proximity, so that one relaxation process can be
/// followed over cycling although peaks appear, vanish or cross index positions.
///
/// The matching rule (docs/drt.md, "Cycle series"):
/// 0. A peak holding less than ``minimumShare`` (2 %) of its spectrum's summed peak resistance is not tracked:
///    an under-regularised γ has such ripples, and they would otherwise become tracks of their own (the peak
///    stays in the export, with an empty track).
/// 1. Spectra are taken in series order (cycle label, or position when unlabelled). Each track remembers the
///    log₁₀ τ of the last peak it took.
/// 2. For the next spectrum, every (track, peak) pair with |log₁₀ τ_peak − log₁₀ τ_track| ≤ ``toleranceDecades``
///    is a candidate; candidates are accepted nearest first, each track and each peak at most once.
/// 3. A peak left over starts a new track. A track with no peak in a spectrum is kept (the process may reappear
///    near its last τ); it simply has no point at that cycle.
/// 4. Tracks present in at least half of the spectra are *major*; they are numbered 1, 2, … by increasing median τ
///    (fastest first: `drt:peak1` is the highest-frequency process), then the minor tracks continue the numbering
///    in the same order.
///
/// Peaks are never matched by their index in the spectrum: a small peak that appears at high frequency in cycle 10
/// would shift every index after it.
public struct DRTPeakTracks: Sendable, Hashable, Codable {
    /// One peak of one spectrum: the spectrum's index in the input list and the peak's index in its list.
    public struct Member: Sendable, Hashable, Codable {
        public var spectrum: Int
        public var peak: Int
    }

    public struct Track: Sendable, Hashable, Codable {
        /// 1-based number (see the rule above).
        public var number: Int
        /// Median τ of the track's peaks, s.
        public var medianTau: Double
        /// Whether the track has a peak in at least half of the spectra.
        public var isMajor: Bool
        /// The track's peaks in spectrum order (one per spectrum at most).
        public var members: [Member]
    }

    /// Tracks by ``Track/number``.
    public var tracks: [Track]
    /// The largest τ step between consecutive peaks of one track, in decades.
    public var toleranceDecades: Double
    /// The smallest share of its spectrum's summed peak resistance a tracked peak holds.
    public var minimumShare: Double

    /// The default smallest share: 2 %.
    public static let defaultMinimumShare = 0.02

    /// The default tolerance: half a decade of τ.
    public static let defaultTolerance = 0.5

    /// Links `peaks` (one list per spectrum, in series order) into tracks.
    public init(peaks: [[DRTPeak]], toleranceDecades: Double = DRTPeakTracks.defaultTolerance,
                minimumShare: Double = DRTPeakTracks.defaultMinimumShare) {
        self.toleranceDecades = toleranceDecades
        self.minimumShare = minimumShare
        var open: [(last: Double, members: [Member])] = []
        for (k, list) in peaks.enumerated() {
            let total = list.map { max($0.resistance, 0) }.reduce(0, +)
            let tracked = Set(list.indices.filter { p in
                let peak = list[p]
                return peak.tau > 0 && peak.tau.isFinite && peak.resistance.isFinite
                    && peak.resistance >= minimumShare * total
            })
            var pairs: [(distance: Double, track: Int, peak: Int)] = []
            for (p, peak) in list.enumerated() where tracked.contains(p) {
                let x = log10(peak.tau)
                for (t, track) in open.enumerated() {
                    let d = abs(x - track.last)
                    if d <= toleranceDecades { pairs.append((d, t, p)) }
                }
            }
            pairs.sort { ($0.distance, $0.track, $0.peak) < ($1.distance, $1.track, $1.peak) }
            var trackTaken = Set<Int>(), peakTaken = Set<Int>()
            for pair in pairs where !trackTaken.contains(pair.track) && !peakTaken.contains(pair.peak) {
                trackTaken.insert(pair.track)
                peakTaken.insert(pair.peak)
                open[pair.track].last = log10(list[pair.peak].tau)
                open[pair.track].members.append(Member(spectrum: k, peak: pair.peak))
            }
            for (p, peak) in list.enumerated() where !peakTaken.contains(p) && tracked.contains(p) {
                open.append((log10(peak.tau), [Member(spectrum: k, peak: p)]))
            }
        }
        let half = (peaks.count + 1) / 2
        let unnumbered = open.map { track -> Track in
            let taus = track.members.map { peaks[$0.spectrum][$0.peak].tau }.sorted()
            let m = taus.count
            let median = m % 2 == 1 ? taus[m / 2] : (taus[m / 2 - 1] * taus[m / 2]).squareRoot()
            return Track(number: 0, medianTau: median, isMajor: m >= half, members: track.members)
        }
        let ordered = unnumbered.filter(\.isMajor).sorted { $0.medianTau < $1.medianTau }
            + unnumbered.filter { !$0.isMajor }.sorted { $0.medianTau < $1.medianTau }
        tracks = ordered.enumerated().map { k, t in
            var t = t
            t.number = k + 1
            return t
        }
    }

    /// The track a selector names: `peakN` (track number N) or `tau=T` (the major track whose median τ is nearest
    /// T seconds in log scale; any track when there is no major one).
    /// - Throws: ``StoreError/unknownDRTPeak(_:reason:)`` for a malformed selector or one naming no track.
    public func track(_ selector: DRTPeakSelector) throws(StoreError) -> Track {
        switch selector {
        case .number(let n):
            guard let t = tracks.first(where: { $0.number == n }) else {
                throw .unknownDRTPeak(selector.text, reason: tracks.isEmpty ? "the series has no DRT peaks"
                    : "the series has peak tracks 1…\(tracks.count) (\(summary))")
            }
            return t
        case .tau(let tau):
            let pool = tracks.contains(where: \.isMajor) ? tracks.filter(\.isMajor) : tracks
            guard let t = pool.min(by: { abs(log10($0.medianTau / tau)) < abs(log10($1.medianTau / tau)) }) else {
                throw .unknownDRTPeak(selector.text, reason: "the series has no DRT peaks")
            }
            return t
        }
    }

    /// `1: τ 1.6e-4 s (20/20)` per track, joined by `; `.
    public var summary: String {
        tracks.map { t in
            "\(t.number): τ \(String(format: "%.3g", t.medianTau)) s (\(t.members.count) spectra\(t.isMajor ? "" : ", minor"))"
        }.joined(separator: "; ")
    }
}

/// Which DRT peak track to follow: `drt:peakN` or `drt:tau=T` (T in s).
public enum DRTPeakSelector: Sendable, Hashable, Codable {
    case number(Int)
    case tau(Double)

    /// The prefix that marks a DRT peak where a circuit parameter name is expected.
    public static let prefix = "drt:"

    /// Parses `drt:peakN` (N ≥ 1) or `drt:tau=T` (T > 0, seconds); nil when `text` does not start with `drt:`.
    /// - Throws: ``StoreError/unknownDRTPeak(_:reason:)`` when it does but the rest is malformed.
    public init?(parsing text: String) throws(StoreError) {
        guard text.lowercased().hasPrefix(Self.prefix) else { return nil }
        let rest = text.dropFirst(Self.prefix.count).lowercased()
        if rest.hasPrefix("peak"), let n = Int(rest.dropFirst(4)), n >= 1 {
            self = .number(n)
        } else if rest.hasPrefix("tau="), let t = NumberParser.parse(rest.dropFirst(4)), t.isFinite, t > 0 {
            self = .tau(t)
        } else {
            throw .unknownDRTPeak(text, reason: "use drt:peakN (N ≥ 1, 1 = fastest track) or drt:tau=SECONDS")
        }
    }

    /// The selector as written (`drt:peak2`, `drt:tau=0.001`).
    public var text: String {
        switch self {
        case .number(let n): return "drt:peak\(n)"
        case .tau(let t): return "drt:tau=\(t)"
        }
    }
}
