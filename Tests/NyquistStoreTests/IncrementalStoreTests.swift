import Foundation
import GRDB
import NyquistCircuit
import NyquistFit
import NyquistStore
import NyquistTestSupport
import Testing

/// Counts straight from the SQLite file (through GRDB, not the store's own queries).
func count(_ store: ResultStore, _ sql: String) throws -> Int {
    let q = try DatabaseQueue(path: store.path)
    return try q.read { try Int.fetchOne($0, sql: sql) ?? -1 }
}

func fittedValues(_ outcomes: [BatchOutcome]) -> [String: [Double]] {
    var out: [String: [Double]] = [:]
    for o in outcomes { if case .fitted(let r, _, _) = o.event { out["\(o.series)#\(o.position)"] = r.parameters.map(\.value) } }
    return out
}

@Suite struct IncrementalStoreTests {
    @Test func rerunSkipsEverythingAndRefitReplacesWithoutDuplicates() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let series = [BatchSeries(name: "cell", spectra: try CycleSeries.spectra(0..<12))]
        let first = try await CycleSeries.collect(BatchRunner(store: store, settings: CycleSeries.settings()), series)
        #expect(first.allSatisfy { if case .fitted = $0.event { true } else { false } })
        #expect(try count(store, "SELECT COUNT(*) FROM fit") == 12)
        #expect(try count(store, "SELECT COUNT(*) FROM fit_parameter") == 12 * 8)

        let again = try await CycleSeries.collect(BatchRunner(store: store, settings: CycleSeries.settings()), series)
        #expect(again.count == 12)
        #expect(again.allSatisfy { if case .skipped(.converged) = $0.event { true } else { false } })
        #expect(try count(store, "SELECT COUNT(*) FROM fit") == 12)
        #expect(try count(store, "SELECT COUNT(*) FROM spectrum") == 12)
        #expect(try count(store, "SELECT COUNT(*) FROM source_file") == 12)

        let refit = try await CycleSeries.collect(BatchRunner(store: store, settings: CycleSeries.settings(), refit: true), series)
        #expect(refit.allSatisfy { if case .fitted = $0.event { true } else { false } })
        #expect(try count(store, "SELECT COUNT(*) FROM fit") == 12)
        #expect(try count(store, "SELECT COUNT(*) FROM fit_parameter") == 12 * 8)
        #expect(try count(store, "SELECT COUNT(*) FROM fit_set") == 1)
        // Same seed, same data: the refit reproduces the first run exactly.
        #expect(fittedValues(refit) == fittedValues(first))
    }

    @Test func anotherCircuitOrWindowMakesANewFitSetBesideTheOld() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let series = [BatchSeries(name: "cell", spectra: try CycleSeries.spectra(0..<6))]
        _ = try await CycleSeries.collect(BatchRunner(store: store, settings: CycleSeries.settings()), series)
        let withoutWarburg = try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,CPE3)")
        let other = try await CycleSeries.collect(
            BatchRunner(store: store, settings: CycleSeries.settings(circuit: withoutWarburg)), series)
        #expect(other.allSatisfy { if case .fitted = $0.event { true } else { false } })
        var windowed = CycleSeries.settings()
        windowed.fit.window = FrequencyWindow(minimumFrequency: 0.1, maximumFrequency: 1e5)
        let third = try await CycleSeries.collect(BatchRunner(store: store, settings: windowed), series)
        for o in third { if case .fitted(let r, _, _) = o.event { #expect(r.frequencyRange.upperBound <= 1e5) } }

        let sets = try store.fitSets()
        #expect(sets.count == 3)
        #expect(sets.map(\.fitCount) == [6, 6, 6])
        #expect(sets[0].parameterNames == ["R1", "R2", "Q2", "n2", "R3", "Q3", "n3", "W4"])
        #expect(sets[1].parameterNames == ["R1", "R2", "Q2", "n2", "R3", "Q3", "n3"])
        #expect(sets[1].circuit == "R1-p(R2,CPE2)-p(R3,CPE3)")
        #expect(Set(sets.map(\.settingsHash)).count == 3)
        #expect(sets.allSatisfy { $0.identityRule.hasPrefix("ordering constraint") })
        // Spectra are stored once and shared by the three fit sets.
        #expect(try count(store, "SELECT COUNT(*) FROM spectrum") == 6)
        #expect(try count(store, "SELECT COUNT(*) FROM fit") == 18)
        // Both circuits can be compared: the old set is untouched and exports on its own.
        let old = try store.export(fitSet: sets[0].id, parameters: ["W4"])
        #expect(old.rows.count == 6 && old.rows.allSatisfy { $0.values[0] != nil })
        #expect(throws: StoreError.unknownParameter("W4", known: sets[1].parameterNames)) {
            try store.export(fitSet: sets[1].id, parameters: ["W4"])
        }
    }

    /// A killed run leaves whole fits for a prefix of each series; a resumed run skips them, warm-starts from the
    /// stored values and ends with exactly the fits — bit for bit — of a run that was never interrupted.
    @Test func resumedRunEqualsUninterruptedRun() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        let (clean, cleanDir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: cleanDir) }
        let spectra = try CycleSeries.spectra(0..<10)
        let full = [BatchSeries(name: "cell", spectra: spectra)]
        let prefix = [BatchSeries(name: "cell", spectra: Array(spectra.prefix(4)))]
        _ = try await CycleSeries.collect(BatchRunner(store: store, settings: CycleSeries.settings()), prefix)
        let resumed = try await CycleSeries.collect(BatchRunner(store: store, settings: CycleSeries.settings()), full)
        #expect(resumed.filter { if case .skipped = $0.event { true } else { false } }.count == 4)
        let reference = try await CycleSeries.collect(BatchRunner(store: clean, settings: CycleSeries.settings()), full)
        let a = try store.export(), b = try clean.export()
        #expect(a.rows.count == 10)
        #expect(a.rows.map(\.values) == b.rows.map(\.values))
        #expect(try count(store, "SELECT COUNT(DISTINCT spectrum_id) FROM fit") == 10)
        // The resumed part matches the reference outcomes too.
        let refValues = fittedValues(reference)
        for (key, v) in fittedValues(resumed) { #expect(refValues[key] == v) }
    }

    /// Three cells: identical results with one job and with three.
    @Test func resultsDoNotDependOnTheNumberOfJobs() async throws {
        let (one, d1) = try CycleSeries.temporaryStore()
        let (three, d3) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: d1); try? FileManager.default.removeItem(at: d3) }
        let series = try (0..<3).map { c in
            BatchSeries(name: "cell-\(c)", spectra: try CycleSeries.spectra(0..<5, seedBase: 100 * UInt64(c + 1)))
        }
        let a = try await CycleSeries.collect(BatchRunner(store: one, settings: CycleSeries.settings(), jobs: 1), series)
        let b = try await CycleSeries.collect(BatchRunner(store: three, settings: CycleSeries.settings(), jobs: 3), series)
        #expect(a.count == 15 && b.count == 15)
        #expect(fittedValues(a) == fittedValues(b))
        #expect(try one.export().text(.csv) == three.export().text(.csv))
        // Within a series the order is kept.
        for name in ["cell-0", "cell-1", "cell-2"] {
            #expect(b.filter { $0.series == name }.map(\.position) == Array(0..<5))
        }
    }

    @Test func independentModeStartsEverySpectrumGlobally() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let series = [BatchSeries(name: "cell", spectra: try CycleSeries.spectra(0..<3))]
        let out = try await CycleSeries.collect(
            BatchRunner(store: store, settings: CycleSeries.settings(mode: .independent)), series)
        #expect(out.allSatisfy { if case .fitted(_, .global, nil) = $0.event { true } else { false } })
        #expect(try store.fitSets().first?.mode == .independent)
    }

    @Test func aFailedFitIsStoredAndTheSeriesGoesOn() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        var spectra = try CycleSeries.spectra(0..<3)
        spectra[1].frequencies[5] = -1
        let out = try await CycleSeries.collect(BatchRunner(store: store, settings: CycleSeries.settings()),
                                                [BatchSeries(name: "cell", spectra: spectra)])
        let sorted = out.sorted { $0.position < $1.position }
        guard case .failed(.invalidPoint(index: 5, _)) = sorted[1].event else {
            Issue.record("expected a failed fit at point 6, got \(sorted[1].event)")
            return
        }
        // The third spectrum warm-starts from the first.
        guard case .fitted(_, .warm, _) = sorted[2].event else { Issue.record("\(sorted[2].event)"); return }
        #expect(try count(store, "SELECT COUNT(*) FROM fit WHERE status = 'failed' AND reason LIKE 'point 6:%'") == 1)
        #expect(try store.export().rows.map(\.status) == [.converged, .failed, .converged])
    }
}
