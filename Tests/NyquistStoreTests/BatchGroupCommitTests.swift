import Foundation
@testable import NyquistStore
import Testing

/// Issue 17, point 6: a worker commits one transaction per group of spectra (results of the group done, markers of
/// the group next) and keeps the guarantees of one transaction per spectrum: every marker is committed before its
/// spectrum's work, a spectrum a dead run left marked is worked on alone, a cancelled run keeps what it did.
@Suite struct BatchGroupCommitTests {
    static func runner(_ store: ResultStore) -> BatchRunner {
        var r = BatchRunner(store: store, settings: BatchResilienceTests.settings(), jobs: 1)
        r.groupSeconds = 1e6  // every group as long as the series allows (groupLimit)
        return r
    }

    /// `target`/`last` spectra, from 1 to the limit; 1 without a pace (values exact in binary).
    @Test func groupSizeFollowsTheLastSpectrumsPace() {
        #expect(BatchRunner.groupSize(nil, target: 0.5, limit: 32) == 1)
        #expect(BatchRunner.groupSize(0.125, target: 0.5, limit: 32) == 4)
        #expect(BatchRunner.groupSize(0.375, target: 0.5, limit: 32) == 1)
        #expect(BatchRunner.groupSize(2, target: 0.5, limit: 32) == 1)
        #expect(BatchRunner.groupSize(0.0009765625, target: 0.5, limit: 32) == 32)
        #expect(BatchRunner.groupSize(0.125, target: 0.5, limit: 3) == 3)
        #expect(BatchRunner.groupSize(.nan, target: 0.5, limit: 32) == 1)
        #expect(BatchRunner.groupSize(0, target: 0.5, limit: 32) == 1)
        #expect(BatchRunner.groupSize(0.125, target: .infinity, limit: 32) == 1)
    }

    /// Runs six spectra (after marking `deadRuns` as a dead run would have) and returns their ids and, for each
    /// spectrum worked on, the markers committed when its work started; checks that every marker is gone at the
    /// end and all six fits converged.
    static func markersSeen(deadRuns: [Int] = []) throws -> (ids: [Int64], seen: [(Int64, [Int64: Int])]) {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let series = [BatchSeries(name: "cell", spectra: try CycleSeries.spectra(0..<6))]
        let fitSet = try store.fitSet(for: BatchResilienceTests.settings())
        let ids = try store.register(series)[0]
        for k in deadRuns { try store.markStarted(fitSet: fitSet, spectrumID: ids[k]) }
        let seen = LockedList()
        var runner = Self.runner(store)
        runner.willWork = { id in seen.append((id, (try? store.unfinishedAttempts(fitSet: fitSet)) ?? [:])) }
        try runner.runBlocking(series) { _ in }
        #expect(try count(store, "SELECT COUNT(*) FROM fit_attempt") == 0)
        #expect(try count(store, "SELECT COUNT(*) FROM fit WHERE status = 'converged'") == 6)
        return (ids, seen.values)
    }

    /// The first spectrum is a group of one (no pace yet); the five others are marked in the transaction that
    /// stores the first, so each sees its own marker (and its group's) when its work starts.
    @Test func aGroupIsMarkedBeforeItsWorkInTheTransactionOfThePreviousResults() throws {
        let (ids, seen) = try Self.markersSeen()
        let rest = Dictionary(uniqueKeysWithValues: ids[1...].map { ($0, 1) })
        #expect(seen.map(\.0) == ids)
        #expect(seen.map(\.1) == [[ids[0]: 1]] + Array(repeating: rest, count: 5))
    }

    /// A dead run left spectra 1–3 marked (its group): each is now a group of its own, so only the spectrum being
    /// worked on counts one more run; spectra 4 and 5 form a group again.
    @Test func spectraADeadRunLeftMarkedAreWorkedOnOneByOne() throws {
        let (ids, seen) = try Self.markersSeen(deadRuns: [1, 2, 3])
        #expect(seen.map(\.0) == ids)
        #expect(seen.map(\.1) == [
            [ids[0]: 1, ids[1]: 1, ids[2]: 1, ids[3]: 1],
            [ids[1]: 2, ids[2]: 1, ids[3]: 1],
            [ids[2]: 2, ids[3]: 1],
            [ids[3]: 2],
            [ids[4]: 1, ids[5]: 1],
            [ids[4]: 1, ids[5]: 1],
        ])
    }

    /// Cancelled at the first delivered outcome (spectrum 0, delivered when the group 1–5 is marked): spectrum 1,
    /// already started, is finished and stored; the markers of 2–5, never worked on, are taken back.
    @Test func aCancelledRunStoresWhatItDidAndTakesBackTheOtherMarkers() throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let series = [BatchSeries(name: "cell", spectra: try CycleSeries.spectra(0..<6))]
        let state = RunState()
        try Self.runner(store).execute(series, state: state) { _ in state.cancel() }
        #expect(try count(store, "SELECT COUNT(*) FROM fit") == 2)
        #expect(try count(store, "SELECT COUNT(*) FROM fit_attempt") == 0)
    }

    /// A first `--drt` run over five stored fits (no group needs markers): the DRTs are committed every
    /// `groupLimit` (2) spectra, not at the end of the series — cancelled at the first delivered outcome, the two
    /// DRTs of that commit are stored and nothing after them was computed.
    @Test func drtsOfStoredSpectraAreCommittedAsTheyGo() throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let series = [BatchSeries(name: "cell", spectra: try TwoZARC.spectra(0..<5))]
        try BatchRunner(store: store, settings: TwoZARC.settings(drt: nil), jobs: 1).runBlocking(series) { _ in }
        #expect(try count(store, "SELECT COUNT(*) FROM fit") == 5)
        var runner = BatchRunner(store: store, settings: TwoZARC.settings(), jobs: 1)
        runner.groupSeconds = 1e6
        runner.groupLimit = 2
        let state = RunState()
        try runner.execute(series, state: state) { _ in state.cancel() }
        #expect(try count(store, "SELECT COUNT(*) FROM drt") == 2)
        #expect(try count(store, "SELECT COUNT(*) FROM fit") == 5)
    }
}
