import Foundation
import NyquistDRT

/// The outcome class of one stored distribution of relaxation times.
public enum DRTStatus: String, Sendable, Codable, Hashable, CaseIterable {
    /// Computed; γ, λ, R∞ and the peaks are stored.
    case ok
    /// ``DRT/analyze(_:settings:)`` threw, or the spectrum could not be read: the reason is stored, nothing else.
    /// The spectrum's circuit fit is not affected.
    case failed
}

/// One spectrum's DRT as stored by `batch --drt` (schema v4, tables `drt` and `drt_peak`).
public struct StoredDRT: Sendable, Hashable, Codable {
    /// Series (cell) and 0-based position of the spectrum in it, in the run that computed the DRT.
    public var series: String
    public var position: Int
    /// Source file and the spectrum's 0-based index in it; its cycle label.
    public var file: String
    public var spectrumIndex: Int
    public var cycleLabel: Int?
    public var status: DRTStatus
    /// Why the DRT failed (``DRTStatus/failed``), nil otherwise.
    public var reason: String?
    /// The regularisation parameter λ and the criterion that chose it (`gcv`, `re-im-cv`, `fixed`, …).
    public var lambda: Double?
    public var lambdaCriterion: String?
    /// R∞ (Ω) and the series inductance (H).
    public var rInf: Double?
    public var inductance: Double?
    /// ‖residual‖ of the DRT fit (weighted, as reported by ``DRTResult/residualNorm``).
    public var residualNorm: Double?
    /// The τ grid (s) and γ(ln τ) on it (Ω); empty for a failed DRT.
    public var tau: [Double]
    public var gamma: [Double]
    /// Peaks by increasing τ.
    public var peaks: [DRTPeak]
    public var warnings: [String]

    public init(series: String, position: Int, file: String, spectrumIndex: Int, cycleLabel: Int?, status: DRTStatus,
                reason: String? = nil, lambda: Double? = nil, lambdaCriterion: String? = nil, rInf: Double? = nil,
                inductance: Double? = nil, residualNorm: Double? = nil, tau: [Double] = [], gamma: [Double] = [],
                peaks: [DRTPeak] = [], warnings: [String] = []) {
        self.series = series
        self.position = position
        self.file = file
        self.spectrumIndex = spectrumIndex
        self.cycleLabel = cycleLabel
        self.status = status
        self.reason = reason
        self.lambda = lambda
        self.lambdaCriterion = lambdaCriterion
        self.rInf = rInf
        self.inductance = inductance
        self.residualNorm = residualNorm
        self.tau = tau
        self.gamma = gamma
        self.peaks = peaks
        self.warnings = warnings
    }
}
