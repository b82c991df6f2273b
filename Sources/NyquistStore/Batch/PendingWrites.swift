/// What one batch worker has done and not yet committed: fits, DRTs and their outcomes in series order. One
/// ``flush(to:markers:state:deliver:)`` writes them in one transaction (``ResultStore/commit(_:)``), together with
/// the in-progress markers of the group of spectra the worker works on next, and then delivers the outcomes.
struct PendingWrites {
    private var batch: StoreBatch
    /// Each outcome with the index of its fit in `batch.fits` (nil: nothing of its own to store, or only a DRT).
    private var outcomes: [(outcome: BatchOutcome, fit: Int?)] = []

    /// When the oldest pending outcome was added.
    private var since: ContinuousClock.Instant?

    init(fitSet: Int64) { batch = StoreBatch(fitSet: fitSet) }

    /// Whether what is pending should be committed now, though no new group needs its markers: `limit` outcomes
    /// or `seconds` since the oldest (a long stretch of stored spectra whose DRTs are computed now must not wait
    /// for the end of the series).
    func isDue(seconds: Double, limit: Int) -> Bool {
        guard let since else { return false }
        let d = ContinuousClock.now - since
        return outcomes.count >= limit || Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 >= seconds
    }

    mutating func add(_ outcome: BatchOutcome, fit: FitRecord? = nil, replace: Bool = false, drt: DRTRecord? = nil) {
        var index: Int?
        if let fit {
            index = batch.fits.count
            batch.fits.append((fit, replace))
        }
        if let drt { batch.drts.append(drt) }
        if outcomes.isEmpty { since = .now }
        outcomes.append((outcome, index))
    }

    /// Commits everything pending, the markers of `markers` and the release of `released` (markers this run wrote
    /// for spectra it will not work on after all), then delivers the outcomes in order (a fit that
    /// another series of the run stored meanwhile — the same spectrum given twice — is delivered as skipped).
    /// - Returns: false when the store failed (the run is ended through ``RunState/fail(_:)``).
    mutating func flush(to store: ResultStore, markers: [Int64], released: [Int64] = [], state: RunState,
                        deliver: (BatchOutcome) -> Void) -> Bool {
        guard !(outcomes.isEmpty && markers.isEmpty && released.isEmpty) else { return true }
        batch.markers = markers
        batch.released = released
        let written: [Bool]
        do { written = try store.commit(batch) } catch {
            state.fail(error)
            return false
        }
        for (outcome, fit) in outcomes {
            var o = outcome
            if let k = fit, !written[k] { o.event = .skipped(batch.fits[k].record.status) }
            deliver(o)
        }
        batch = StoreBatch(fitSet: batch.fitSet)
        outcomes.removeAll(keepingCapacity: true)
        since = nil
        return true
    }
}
