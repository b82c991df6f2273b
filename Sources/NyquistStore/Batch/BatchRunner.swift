import Foundation
import NyquistFit
import Synchronization

/// Refits series of spectra into a ``ResultStore``, several series (cells) at a time.
///
/// Each series runs on one worker thread, in order; up to `jobs` series run at once. A fit depends only on its
/// spectrum, the settings and (sequential mode) the previous spectrum's stored values, so results are identical for
/// any number of jobs, for a rerun with the same seed, and for a run resumed after a kill.
///
/// ```swift
/// let runner = BatchRunner(store: try ResultStore(path: "results.sqlite"), settings: BatchSettings(circuit: c))
/// for try await outcome in runner.run(try BatchInput.series(from: ["cellA/", "cellB/"])) { … }
/// ```
public struct BatchRunner: Sendable {
    public var store: ResultStore
    public var settings: BatchSettings
    /// Series fitted at the same time (≥ 1).
    public var jobs: Int
    /// Fit again spectra that already have a fit in this fit set (each old fit is replaced in the new fit's
    /// transaction).
    public var refit: Bool
    /// Fit again spectra whose stored fit in this fit set is `failed` (without it a rerun skips them).
    public var retryFailed: Bool

    /// Runs that may die (crash, kill) while working on one spectrum before a later run stops trying it: the first
    /// rerun tries it once more; after the second such run it is stored as `failed` ("the process stopped while
    /// fitting this spectrum in 2 runs"), so one spectrum that crashes the process cannot stop its series forever.
    /// A crash cannot be caught inside the process; the store's in-progress marker (`fit_attempt`, committed before
    /// the Kramers–Kronig test and the fit — for a group of spectra at once — and removed with the stored fit) is
    /// what a later run finds; a spectrum a dead run left marked is then worked on alone.
    public static let unfinishedRunLimit = 2

    /// Test hook: called with the spectrum id after its in-progress marker is committed, before its work starts.
    var willWork: (@Sendable (Int64) -> Void)?
    /// The target duration of one group of spectra (one transaction; see ``fitSeries``): what a killed run may
    /// have to redo. Settable for tests.
    var groupSeconds = 0.05
    /// The most spectra in one group (and outcomes in one transaction). Settable for tests.
    var groupLimit = 32

    public init(store: ResultStore, settings: BatchSettings, jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                refit: Bool = false, retryFailed: Bool = false) {
        self.store = store
        self.settings = settings
        self.jobs = max(1, jobs)
        self.refit = refit
        self.retryFailed = retryFailed
    }

    /// Starts the run and returns its outcomes as they are stored (order across series is not fixed; within a
    /// series it is). The stream ends after the last spectrum, or throws ``StoreError`` when the store fails.
    /// Ending the iteration early stops the workers after their current fit; what was stored stays.
    public func run(_ series: [BatchSeries]) -> AsyncThrowingStream<BatchOutcome, any Error> {
        let (stream, continuation) = AsyncThrowingStream<BatchOutcome, any Error>.makeStream()
        let state = RunState()
        continuation.onTermination = { _ in state.cancel() }
        let runner = self
        let main = Thread {
            do {
                try runner.execute(series, state: state) { continuation.yield($0) }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        main.start()
        return stream
    }

    /// Runs to the end on the calling thread (the work itself on `jobs` worker threads), handing each outcome to
    /// `onOutcome` as it is stored — one call at a time, never concurrently.
    /// - Throws: ``StoreError`` when the store fails; fits stored before that stay.
    public func runBlocking(_ series: [BatchSeries], onOutcome: @escaping @Sendable (BatchOutcome) -> Void)
        throws(StoreError)
    {
        let serial = Mutex(())
        try execute(series, state: RunState()) { o in serial.withLock { _ in onOutcome(o) } }
    }

    func execute(_ series: [BatchSeries], state: RunState, deliver: @escaping @Sendable (BatchOutcome) -> Void)
        throws(StoreError)
    {
        let fitSet = try store.fitSet(for: settings)
        let ids = try store.register(series, jobs: jobs)
        let existing = refit ? [:] : try store.existingFits(fitSet: fitSet)
        let unfinished = try store.unfinishedAttempts(fitSet: fitSet)
        let drt = try drtPlan()
        let createdAt = ResultStore.timestamp()
        let runner = self
        runOnJoinedThreads(count: min(jobs, series.count), stackSize: 8 << 20) { _ in
            while let k = state.nextSeries(limit: series.count) {
                runner.fitSeries(series[k], ids: ids[k], fitSet: fitSet, existing: existing, unfinished: unfinished,
                                 drt: drt, createdAt: createdAt, state: state, deliver: deliver)
            }
        }
        if let e = state.failure { throw e }
    }

    /// Fits one series in order. `existing`: the fits already stored (skipped, unless `retryFailed` and failed);
    /// `unfinished`: per spectrum, the earlier runs that died while working on it.
    ///
    /// The worker writes one transaction per group of spectra (``PendingWrites``): the results of the group just
    /// done and the in-progress markers of the next group, committed before its work starts. A group lasts about
    /// ``groupSeconds`` (at most ``groupLimit`` spectra); stored spectra skipped on the way are committed at the
    /// same pace; a spectrum that an earlier run left marked is a group of its own, so that a spectrum that kills
    /// the process is the only one given up.
    func fitSeries(_ s: BatchSeries, ids: [Int64], fitSet: Int64, existing: [Int64: StoredFit],
                   unfinished: [Int64: Int], drt: DRTPlan? = nil, createdAt: String, state: RunState,
                   deliver: @Sendable (BatchOutcome) -> Void) {
        var previous: SeriesFitter.Previous?
        let clock = ContinuousClock()
        var pending = PendingWrites(fitSet: fitSet)
        /// Whether the spectrum at `p` will be worked on (not skipped, not given up): it gets a marker first.
        func needsWork(_ p: Int) -> Bool {
            guard p < s.spectra.count else { return false }
            let id = ids[p]
            if let stored = existing[id], !(retryFailed && stored.status == .failed) { return false }
            return s.spectra[p].failure == nil && (unfinished[id] ?? 0) < Self.unfinishedRunLimit
        }
        /// The end of the group starting at `p` (which needs work): up to `size` consecutive spectra needing work
        /// that no earlier run left marked; just `p` when one did.
        func groupEnd(_ p: Int, size: Int) -> Int {
            guard unfinished[ids[p]] == nil else { return p + 1 }
            var end = p + 1
            while end < p + size, needsWork(end), unfinished[ids[end]] == nil { end += 1 }
            return end
        }
        /// Positions below `markedEnd` have their markers committed; the last worked spectrum's seconds size the
        /// next group.
        var markedEnd = 0, lastSeconds: Double?, stoppedAt = s.spectra.count
        for (position, item) in s.spectra.enumerated() {
            guard !state.isCancelled else {
                stoppedAt = position
                break
            }
            let m = item.spectrum.metadata
            var outcome = BatchOutcome(series: s.name, position: position, seriesLength: s.spectra.count,
                                       source: item.source, spectrumIndex: m.index, cycleLabel: m.cycleLabel,
                                       event: .skipped(.failed))
            let stored = existing[ids[position]]
            if let stored, !(retryFailed && stored.status == .failed) {
                if stored.status != .failed { previous = .init(values: stored.values, reducedChiSquare: stored.reducedChiSquare) }
                outcome.event = .skipped(stored.status)
                // The fit is stored; its DRT may not be (a first `--drt` run over an existing fit set).
                let d = drtRecord(drt, spectrum: item.spectrum, id: ids[position], series: s.name, position: position,
                                  failure: item.failure, createdAt: createdAt)
                outcome.drt = Self.drtOutcome(drt, id: ids[position], record: d)
                pending.add(outcome, drt: d)
                guard flushIfDue(&pending, state: state, deliver: deliver) else { return }
                continue
            }
            let began = clock.now
            var record = FitRecord(fitSet: fitSet, spectrumID: ids[position], series: s.name, position: position,
                                   status: .failed, start: .global, totalSeconds: 0, createdAt: createdAt)
            let died = unfinished[ids[position]] ?? 0
            if let reason = item.failure ?? (died >= Self.unfinishedRunLimit ? Self.abandonedReason(died) : nil) {
                record.error = reason
                outcome.event = .notFitted(reason: reason)
                let d = drtRecord(drt, spectrum: item.spectrum, id: ids[position], series: s.name, position: position,
                                  failure: reason, createdAt: createdAt)
                outcome.drt = Self.drtOutcome(drt, id: ids[position], record: d)
                pending.add(outcome, fit: record, replace: refit || stored != nil, drt: d)
                guard flushIfDue(&pending, state: state, deliver: deliver) else { return }
                continue
            }
            if position >= markedEnd {
                markedEnd = groupEnd(position, size: Self.groupSize(lastSeconds, target: groupSeconds, limit: groupLimit))
                guard pending.flush(to: store, markers: Array(ids[position..<markedEnd]), state: state,
                                    deliver: deliver) else { return }
            }
            willWork?(ids[position])
            if let kk = settings.kramersKronig {
                record.kk = KramersKronigVerdict.test(item.spectrum, window: settings.fit.window, settings: kk)
                outcome.kramersKronig = record.kk
            }
            do {
                var (result, start, reason) = try SeriesFitter.fit(item.spectrum, previous: previous, settings: settings,
                                                               noise: record.kk?.noisePercent.map { $0 / 100 })
                if let w = record.kk?.warning { result.warnings.append(w) }
                record.result = result
                record.status = result.convergence.converged ? .converged : .notConverged
                record.start = start
                record.fallbackReason = reason
                previous = .init(values: result.parameters.map(\.value),
                                 reducedChiSquare: result.goodness.reducedChiSquare)
                outcome.event = .fitted(result, start: start, fallbackReason: reason)
            } catch {
                record.error = error.description
                record.start = previous == nil || settings.mode == .independent ? .global : .warm
                outcome.event = .failed(error)
            }
            // Before the fit's transaction clears the in-progress marker: a DRT that kills the process counts as a
            // run that died on this spectrum, so it cannot stop the series forever.
            let d = drtRecord(drt, spectrum: item.spectrum, id: ids[position], series: s.name, position: position,
                              failure: nil, createdAt: createdAt)
            outcome.drt = Self.drtOutcome(drt, id: ids[position], record: d)
            let elapsed = clock.now - began
            record.totalSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            lastSeconds = record.totalSeconds
            pending.add(outcome, fit: record, replace: refit || stored != nil, drt: d)
        }
        // What was done is stored, also when the run was cancelled (ended early by the caller); the markers of the
        // group's spectra not worked on are taken back.
        let notWorked = stoppedAt < markedEnd ? Array(ids[stoppedAt..<markedEnd]) : []
        _ = pending.flush(to: store, markers: [], released: notWorked, state: state, deliver: deliver)
    }

    /// Spectra in the next group: `target` seconds' worth at the last spectrum's pace, 1 to `limit` (1 before the
    /// first spectrum).
    static func groupSize(_ lastSeconds: Double?, target: Double, limit: Int) -> Int {
        guard let t = lastSeconds, t.isFinite, t > 0, target.isFinite, target > 0 else { return 1 }
        return max(1, Int(min(Double(max(1, limit)), target / t)))
    }

    /// Commits what is pending when it is due (``PendingWrites/isDue(seconds:limit:)``); false when the store failed.
    private func flushIfDue(_ pending: inout PendingWrites, state: RunState,
                            deliver: @Sendable (BatchOutcome) -> Void) -> Bool {
        guard pending.isDue(seconds: groupSeconds, limit: groupLimit) else { return true }
        return pending.flush(to: store, markers: [], state: state, deliver: deliver)
    }

    /// The stored reason of a spectrum given up after `runs` runs died while working on it.
    static func abandonedReason(_ runs: Int) -> String {
        "the process stopped while fitting this spectrum in \(runs) runs (a crash or a kill); not tried again "
            + "(--retry-failed tries it once more)"
    }
}

/// Shared state of one run's workers: the next series to take, cancellation and the first store failure.
final class RunState: Sendable {
    private struct Inner {
        var next = 0
        var cancelled = false
        var failure: StoreError?
    }
    private let inner = Mutex(Inner())

    func nextSeries(limit: Int) -> Int? {
        inner.withLock { s in
            guard !s.cancelled, s.next < limit else { return nil }
            defer { s.next += 1 }
            return s.next
        }
    }
    var isCancelled: Bool { inner.withLock { $0.cancelled } }
    var failure: StoreError? { inner.withLock { $0.failure } }
    func cancel() { inner.withLock { $0.cancelled = true } }
    func fail(_ e: StoreError) {
        inner.withLock { s in
            if s.failure == nil { s.failure = e }
            s.cancelled = true
        }
    }
}
