import Foundation
import GRDB
import NyquistIO
@testable import NyquistStore
import Testing

/// Issue 12, point 2: one bad spectrum never stops a batch, and a crashing one never stops it on every resume.
@Suite struct BatchResilienceTests {
    /// The cheap settings of ``CycleSeries`` without the lin-KK test (not what these tests are about).
    static func settings() -> BatchSettings {
        var s = CycleSeries.settings()
        s.kramersKronig = nil
        return s
    }

    /// `spectrum` as a three-column CSV (Swift's shortest round-trip form of each number).
    static func csv(_ spectrum: Spectrum) -> String {
        "freq_Hz,Z_re_Ohm,Z_im_Ohm\n" + zip(spectrum.frequencies, spectrum.impedances)
            .map { "\($0),\($1.real),\($1.imaginary)\n" }.joined()
    }

    static func statuses(_ store: ResultStore) throws -> [FitStatus] { try store.export().rows.map(\.status) }

    /// Five cycle files; the third has a non-numeric field on line 4. It is stored `failed` with file, line and
    /// reason, the four others are fitted (the fourth warm-started from the second), a rerun skips it, and a rerun
    /// with `retryFailed` reads it again (and stores it failed again: the bytes have not changed).
    @Test func anUnreadableFileInTheMiddleIsStoredFailedAndTheSeriesGoesOn() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("cell")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for (n, s) in try CycleSeries.spectra(0..<5).enumerated() {
            var text = Self.csv(s)
            if n == 2 {
                var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                lines[3] = "1e5,12.5x,-3"
                text = lines.joined(separator: "\n")
            }
            try text.write(to: data.appendingPathComponent("cycle\(n).csv"), atomically: true, encoding: .utf8)
        }
        let series = try BatchInput.series(from: [data.path])
        #expect(series.count == 1 && series[0].spectra.count == 5)

        let first = try await CycleSeries.collect(BatchRunner(store: store, settings: Self.settings()), series)
            .sorted { $0.position < $1.position }
        guard case .notFitted(let reason) = first[2].event else { Issue.record("\(first[2].event)"); return }
        #expect(reason == data.path + "/cycle2.csv:4: not a number: '12.5x'")
        guard case .fitted(_, .warm, _) = first[3].event else { Issue.record("\(first[3].event)"); return }
        #expect(try Self.statuses(store) == [.converged, .converged, .failed, .converged, .converged])
        #expect(try count(store, "SELECT COUNT(*) FROM fit WHERE status = 'failed' AND reason LIKE '%cycle2.csv:4: not a number%'") == 1)

        let rerun = try await CycleSeries.collect(BatchRunner(store: store, settings: Self.settings()), series)
        #expect(rerun.count == 5)
        #expect(rerun.filter { if case .skipped(.failed) = $0.event { true } else { false } }.count == 1)
        #expect(rerun.allSatisfy { if case .skipped = $0.event { true } else { false } })

        let retry = try await CycleSeries.collect(
            BatchRunner(store: store, settings: Self.settings(), retryFailed: true), series)
        #expect(retry.filter { if case .notFitted = $0.event { true } else { false } }.map(\.position) == [2])
        #expect(retry.filter { if case .skipped(.converged) = $0.event { true } else { false } }.count == 4)
        #expect(try count(store, "SELECT COUNT(*) FROM fit") == 5)
    }

    /// A run that dies while fitting a spectrum leaves its in-progress marker. One such run: the next run fits it
    /// again. Two: the next run stores it `failed` with the reason, without trying (a crash cannot be caught in
    /// the process, so trying again could stop the series forever); a plain rerun skips it; `retryFailed` fits it.
    @Test func aSpectrumLeftInProgressByDeadRunsIsRetriedOnceThenStoredFailed() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let series = [BatchSeries(name: "cell", spectra: try CycleSeries.spectra(0..<4))]
        let settings = Self.settings()
        // Simulate the dead runs: the markers a run writes before the work on spectra 1 (twice) and 2 (once).
        let fitSet = try store.fitSet(for: settings)
        let ids = try store.register(series)[0]
        try store.markStarted(fitSet: fitSet, spectrumID: ids[1])
        try store.markStarted(fitSet: fitSet, spectrumID: ids[1])
        try store.markStarted(fitSet: fitSet, spectrumID: ids[2])
        #expect(try store.unfinishedAttempts(fitSet: fitSet) == [ids[1]: 2, ids[2]: 1])

        let out = try await CycleSeries.collect(BatchRunner(store: store, settings: settings), series)
            .sorted { $0.position < $1.position }
        guard case .notFitted(let reason) = out[1].event else { Issue.record("\(out[1].event)"); return }
        #expect(reason.hasPrefix("the process stopped while fitting this spectrum in 2 runs"))
        // Spectrum 2 (one dead run) is tried again and fitted, warm-started from spectrum 0.
        guard case .fitted(_, .warm, _) = out[2].event else { Issue.record("\(out[2].event)"); return }
        #expect(try Self.statuses(store) == [.converged, .failed, .converged, .converged])
        #expect(try count(store, "SELECT COUNT(*) FROM fit WHERE reason LIKE 'the process stopped while fitting%'") == 1)
        // Every stored fit removed its marker.
        #expect(try count(store, "SELECT COUNT(*) FROM fit_attempt") == 0)

        let rerun = try await CycleSeries.collect(BatchRunner(store: store, settings: settings), series)
        #expect(rerun.allSatisfy { if case .skipped = $0.event { true } else { false } })

        let retry = try await CycleSeries.collect(BatchRunner(store: store, settings: settings, retryFailed: true), series)
            .sorted { $0.position < $1.position }
        guard case .fitted(let r, .warm, _) = retry[1].event else { Issue.record("\(retry[1].event)"); return }
        #expect(r.convergence.converged)
        #expect(try Self.statuses(store) == [.converged, .converged, .converged, .converged])
        #expect(try count(store, "SELECT COUNT(*) FROM fit") == 4)
        #expect(try count(store, "SELECT COUNT(*) FROM fit_attempt") == 0)
    }

    /// The runner commits the marker before the work on a spectrum (seen from inside the work, through the test
    /// hook) and removes it with the stored fit.
    @Test func markersAreWrittenBeforeTheWorkAndRemovedWithTheFit() throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let series = [BatchSeries(name: "cell", spectra: try CycleSeries.spectra(0..<2))]
        let fitSet = try store.fitSet(for: Self.settings())
        let ids = try store.register(series)[0]
        let seen = LockedList()
        var runner = BatchRunner(store: store, settings: Self.settings(), jobs: 1)
        runner.willWork = { id in seen.append((id, (try? store.unfinishedAttempts(fitSet: fitSet)) ?? [:])) }
        try runner.runBlocking(series) { _ in }
        #expect(seen.values.map(\.0) == ids)
        #expect(seen.values.map(\.1) == [[ids[0]: 1], [ids[1]: 1]])
        #expect(try count(store, "SELECT COUNT(*) FROM fit_attempt") == 0)
        #expect(try count(store, "SELECT COUNT(*) FROM fit") == 2)
    }
}

/// A list appended to from the runner's worker thread.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [(Int64, [Int64: Int])] = []
    func append(_ v: (Int64, [Int64: Int])) { lock.withLock { items.append(v) } }
    var values: [(Int64, [Int64: Int])] { lock.withLock { items } }
}
