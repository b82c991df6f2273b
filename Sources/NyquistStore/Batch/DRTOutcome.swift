import Foundation
import NyquistDRT

/// What one run does about DRTs (`batch --drt`): the settings, their DRT set, and the DRTs already stored in it.
struct DRTPlan: Sendable {
    var settings: DRTSettings
    var drtSet: Int64
    var existing: [Int64: DRTStatus]
}

/// What happened to one spectrum's DRT in a batch run with ``BatchSettings/drt`` set.
public enum DRTOutcome: Sendable {
    /// Computed now and stored.
    case computed(DRTResult)
    /// Already stored for these DRT settings (status as stored); not computed again.
    case skipped(DRTStatus)
    /// ``DRT/analyze(_:settings:)`` threw (or the spectrum could not be read); stored as failed with this reason.
    /// The spectrum's fit is not affected, and the run goes on.
    case failed(reason: String)
}
