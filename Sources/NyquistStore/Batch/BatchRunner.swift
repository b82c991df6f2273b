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
    /// A crash cannot be caught inside the process; the store's in-progress marker (`fit_attempt`, written before
    /// the Kramers–Kronig test and the fit, removed with the stored fit) is what a later run finds.
    public static let unfinishedRunLimit = 2

    /// Test hook: called with the spectrum id after its in-progress marker is committed, before its work starts.
    var willWork: (@Sendable (Int64) -> Void)?

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
        let ids = try store.register(series)
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
    func fitSeries(_ s: BatchSeries, ids: [Int64], fitSet: Int64, existing: [Int64: StoredFit],
                   unfinished: [Int64: Int], drt: DRTPlan? = nil, createdAt: String, state: RunState,
                   deliver: @Sendable (BatchOutcome) -> Void) {
        var previous: SeriesFitter.Previous?
        let clock = ContinuousClock()
        /// Whether the spectrum at `p` will be worked on (not skipped, not given up): it gets a marker first.
        func needsWork(_ p: Int) -> Bool {
            guard p < s.spectra.count else { return false }
            let id = ids[p]
            if let stored = existing[id], !(retryFailed && stored.status == .failed) { return false }
            return s.spectra[p].failure == nil && (unfinished[id] ?? 0) < Self.unfinishedRunLimit
        }
        /// The spectrum whose marker the last stored fit's transaction wrote (saves a transaction per spectrum).
        var markedAhead: Int64?
        for (position, item) in s.spectra.enumerated() {
            guard !state.isCancelled else { return }
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
                if let d {
                    do { try store.record(d) } catch {
                        state.fail(error)
                        return
                    }
                }
                outcome.drt = Self.drtOutcome(drt, id: ids[position], record: d)
                deliver(outcome)
                continue
            }
            let began = clock.now
            var record = FitRecord(fitSet: fitSet, spectrumID: ids[position], series: s.name, position: position,
                                   status: .failed, start: .global, totalSeconds: 0, createdAt: createdAt)
            let died = unfinished[ids[position]] ?? 0
            let next = needsWork(position + 1) ? ids[position + 1] : nil
            if let reason = item.failure ?? (died >= Self.unfinishedRunLimit ? Self.abandonedReason(died) : nil) {
                record.error = reason
                outcome.event = .notFitted(reason: reason)
                let d = drtRecord(drt, spectrum: item.spectrum, id: ids[position], series: s.name, position: position,
                                  failure: reason, createdAt: createdAt)
                store(record, outcome, replace: refit || stored != nil, markNext: next, drt: (drt, d), state: state,
                      deliver: deliver)
                markedAhead = next
                continue
            }
            if markedAhead != ids[position] {
                do { try store.markStarted(fitSet: fitSet, spectrumID: ids[position]) } catch {
                    state.fail(error)
                    return
                }
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
            let drtRecord = drtRecord(drt, spectrum: item.spectrum, id: ids[position], series: s.name,
                                      position: position, failure: nil, createdAt: createdAt)
            let d = clock.now - began
            record.totalSeconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            store(record, outcome, replace: refit || stored != nil, markNext: next, drt: (drt, drtRecord), state: state,
                  deliver: deliver)
            markedAhead = next
        }
    }

    /// Stores `record` (and, in the same transaction, the marker of the spectrum `markNext` worked on next) and
    /// delivers `outcome`, after the spectrum's DRT record when there is one (its own transaction); a store failure
    /// ends the run (``RunState/fail(_:)``).
    private func store(_ record: FitRecord, _ outcome: BatchOutcome, replace: Bool, markNext: Int64?,
                       drt: (plan: DRTPlan?, record: DRTRecord?) = (nil, nil), state: RunState,
                       deliver: @Sendable (BatchOutcome) -> Void) {
        var outcome = outcome
        do {
            // Another series of this run (the same spectrum given twice) may have stored it meanwhile.
            if try !store.record(record, replace: replace, markNext: markNext) { outcome.event = .skipped(record.status) }
            if let d = drt.record { try store.record(d) }
            outcome.drt = Self.drtOutcome(drt.plan, id: record.spectrumID, record: drt.record)
            deliver(outcome)
        } catch {
            state.fail(error)
        }
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
