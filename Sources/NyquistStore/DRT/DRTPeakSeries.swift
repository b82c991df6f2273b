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
