import NyquistFit

/// What happened to one spectrum of a batch run, delivered as soon as it is stored.
public struct BatchOutcome: Sendable {
    /// The series (cell) and the 0-based position of the spectrum in it, and the series' length.
    public var series: String
    public var position: Int
    public var seriesLength: Int
    public var source: SourceFile
    /// The spectrum's 0-based index in its file and its cycle label.
    public var spectrumIndex: Int
    public var cycleLabel: Int?
    public var event: Event
    /// The lin-KK verdict of the spectrum's fitted points when it was fitted now with the test on; nil otherwise.
    public var kramersKronig: KramersKronigVerdict?
    /// The spectrum's DRT step when the run has ``BatchSettings/drt`` set; nil otherwise.
    public var drt: DRTOutcome?

    public enum Event: Sendable {
        /// Fitted now and stored. `fallbackReason` says why the warm start was rejected, when it was.
        case fitted(FitResult, start: StartKind, fallbackReason: String?)
        /// Already in the store for these settings (status as stored); not fitted again.
        case skipped(FitStatus)
        /// The fit could not be run; the failure is stored too (and skipped on a rerun, unless refitting or
        /// retrying failed fits).
        case failed(FitError)
        /// Not fitted, stored as failed with this reason: its file could not be read (the reader's message, with
        /// file and line), or runs died while fitting it (see ``BatchRunner/unfinishedRunLimit``).
        case notFitted(reason: String)
    }

    /// True for a fit that ran now and did not converge, or failed.
    public var isFailure: Bool {
        switch event {
        case .fitted(let r, _, _): return !r.convergence.converged
        case .skipped: return false
        case .failed, .notFitted: return true
        }
    }
}
