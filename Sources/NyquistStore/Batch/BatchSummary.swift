/// Counts over the outcomes of a batch run: what was fitted, how it was started, how many warm starts fell back to the
/// global start, and what failed. Build it with ``add(_:)`` as outcomes arrive.
public struct BatchSummary: Sendable, Codable, Hashable {
    /// Outcomes seen.
    public var spectra = 0
    /// Fitted in this run, already stored (skipped), and failed to run.
    public var fitted = 0, skipped = 0, failed = 0
    /// Fitted in this run without converging.
    public var notConverged = 0
    /// Fitted in this run, converged, but far above the noise level of the data (warning `fit-above-noise`; stored
    /// as converged with that warning, so they do not change the exit status — see docs/warnings.md).
    public var aboveNoise = 0
    /// Skipped because an earlier run stored them as failed / not converged (rerun with `--retry-failed` / `--refit`).
    public var skippedFailed = 0, skippedNotConverged = 0
    /// Fits by start: kept warm start, global start (first spectrum or independent mode).
    public var warm = 0, global = 0
    /// Warm starts rejected, so that the global start ran too (``StartKind/fallbackGlobal`` +
    /// ``StartKind/fallbackWarm``); of these, `fallbacksKeptGlobal` kept the global result.
    public var fallbacks = 0, fallbacksKeptGlobal = 0
    /// Spectra that failed the lin-KK test, and those it could not test.
    public var kramersKronigFailed = 0, kramersKronigNotTested = 0
    /// DRTs (`batch --drt`): computed now, failed now (stored with the reason; the fit stands), already stored.
    public var drtComputed = 0, drtFailed = 0, drtSkipped = 0

    public init() {}

    /// Counts one outcome.
    public mutating func add(_ o: BatchOutcome) {
        spectra += 1
        switch o.kramersKronig?.status {
        case .fail: kramersKronigFailed += 1
        case .notTested: kramersKronigNotTested += 1
        case .pass, nil: break
        }
        switch o.drt {
        case .computed: drtComputed += 1
        case .failed: drtFailed += 1
        case .skipped: drtSkipped += 1
        case nil: break
        }
        switch o.event {
        case .fitted(let r, let start, _):
            fitted += 1
            if !r.convergence.converged { notConverged += 1 }
            if r.convergence.assessment == .aboveNoise { aboveNoise += 1 }
            switch start {
            case .warm: warm += 1
            case .global: global += 1
            case .fallbackGlobal: fallbacks += 1; fallbacksKeptGlobal += 1
            case .fallbackWarm: fallbacks += 1
            }
        case .skipped(let status):
            skipped += 1
            if status == .failed { skippedFailed += 1 }
            if status == .notConverged { skippedNotConverged += 1 }
        case .failed, .notFitted: failed += 1
        }
    }

    /// Spectra of the inputs whose fit failed or did not converge, in this run or stored so by an earlier one
    /// (`nyquist batch` exits 1 when there are any, so a resumed run ends as an uninterrupted one would).
    public var failures: Int { failed + notConverged + skippedFailed + skippedNotConverged }
}
