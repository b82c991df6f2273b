import Foundation
import NyquistCircuit
import NyquistDRT
import NyquistFit
import NyquistIO
@testable import NyquistStore
import NyquistTestSupport
import Testing

/// A two-ZARC cycle series whose slow arc grows with cycle: R1 = 10 Ω; ZARC 2: R2 = 50 Ω peaking at 1 kHz;
/// ZARC 3: R3 = 100 + 20√n Ω peaking at 1 Hz; both with n = 0.9. A ZARC R‖CPE(Q, n) has its DRT peak at
/// τ₀ = (R·Q)^(1/n) and its whole area equal to R, so Q = τ₀ⁿ / R with τ₀ = 1/(2π f₀).
enum TwoZARC {
    static let circuit = Synthetic.assbCathode
    static let f2 = 1000.0, f3 = 1.0, exponent = 0.9
    static let tau2 = 1 / (2 * Double.pi * f2), tau3 = 1 / (2 * Double.pi * f3)

    static func r3(_ n: Int) -> Double { 100 + 20 * Double(n).squareRoot() }

    /// R1, R2, Q2, n2, R3, Q3, n3 of cycle n.
    static func truth(_ n: Int) -> [Double] {
        [10, 50, pow(tau2, exponent) / 50, exponent, r3(n), pow(tau3, exponent) / r3(n), exponent]
    }

    /// Spectra of cycles `range` (1 MHz…10 mHz, 20 per decade), 0.2 % noise, labelled with their cycle.
    static func spectra(_ range: Range<Int>, noise: Double = 0.002) throws -> [Spectrum] {
        try range.map { n in
            var s = try Synthetic.spectrum(circuit, parameters: truth(n), noise: noise, seed: 500 + UInt64(n))
            s.metadata.cycleLabel = n
            s.metadata.index = n
            return s
        }
    }

    /// The DRT settings of these tests: λ fixed at 0.1 (second derivative), 20 bootstrap samples. (The drt
    /// branch's first GCV picks λ ≈ 1e-7 on these 0.2 %-noise spectra: γ then ripples and splits the arcs, which
    /// is its concern, not the series layer's; the series layer is tested on a well-regularised γ.)
    static let drt = DRTSettings(lambda: .fixed(0.1), bootstrapSamples: 20)

    /// Fit and DRT settings kept cheap for debug builds (few random starts, no lin-KK).
    static func settings(drt: DRTSettings? = TwoZARC.drt) -> BatchSettings {
        var fit = FitSettings()
        fit.method = .randomizeSimplex
        fit.randomStarts = 40
        fit.refinedStarts = 3
        return BatchSettings(circuit: circuit, fit: fit, kramersKronig: nil, drt: drt)
    }
}

@Suite struct DRTBatchTests {
    /// `batch --drt` on 6 cycles: every DRT stored, two major peak tracks at the known τ (within 10 %), the fast
    /// one at R2 = 50 Ω and the slow one at 100 + 20√n Ω (each within 5 %), and the fits stored beside them.
    @Test func batchDRTRecoversBothArcsAndTheGrowthOfTheSlowOne() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outcomes = try await CycleSeries.collect(
            BatchRunner(store: store, settings: TwoZARC.settings(), jobs: 1),
            [BatchSeries(name: "cell", spectra: try TwoZARC.spectra(0..<6))])
        #expect(outcomes.count == 6)
        for o in outcomes {
            guard case .computed = o.drt else { Issue.record("DRT of #\(o.position): \(String(describing: o.drt))"); continue }
        }
        let table = try store.drts()
        #expect(table.rows.count == 6)
        #expect(table.rows.allSatisfy { $0.status == .ok && $0.tau.count == $0.gamma.count && !$0.tau.isEmpty })
        let tracks = table.tracks(series: "cell")
        let major = tracks.tracks.filter(\.isMajor)
        #expect(major.count == 2, "tracks: \(tracks.summary)\n\(table.rows.map { $0.peaks.map { "\($0.tau):\($0.resistance)" } })")
        guard major.count == 2 else { return }
        #expect(abs(major[0].medianTau / TwoZARC.tau2 - 1) < 0.10, "\(major[0].medianTau)")
        #expect(abs(major[1].medianTau / TwoZARC.tau3 - 1) < 0.10, "\(major[1].medianTau)")
        let fast = try table.peakSeries(.number(1)), slow = try table.peakSeries(.tau(TwoZARC.tau3))
        #expect(fast.points.map(\.cycle) == Array(0..<6))
        #expect(slow.points.map(\.cycle) == Array(0..<6))
        for p in fast.points { #expect(abs(p.resistance / 50 - 1) < 0.05, "R2 at cycle \(p.cycle): \(p.resistance)") }
        for p in slow.points {
            #expect(abs(p.resistance / TwoZARC.r3(p.cycle) - 1) < 0.05, "R3 at cycle \(p.cycle): \(p.resistance)")
        }
        // R∞ + Σ peak resistances is the low-frequency real part R1 + R2 + R3 (within 5 %).
        for r in table.rows {
            let total = (r.rInf ?? 0) + r.peaks.map(\.resistance).reduce(0, +)
            let dc = 10 + 50 + TwoZARC.r3(r.cycleLabel ?? 0)
            #expect(abs(total / dc - 1) < 0.05, "cycle \(r.cycleLabel ?? -1): \(total) vs \(dc)")
        }
        #expect(try store.export().rows.map(\.status) == Array(repeating: .converged, count: 6))
    }

    /// A store fitted without `--drt` gets its DRTs on a `--drt` rerun (the fits are skipped, not refitted); a
    /// further rerun skips both; `refit` recomputes the DRTs in place (no duplicate rows).
    @Test func drtRunsOnTopOfStoredFitsAndIsSkippedOnRerun() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let series = [BatchSeries(name: "cell", spectra: try TwoZARC.spectra(0..<3))]
        _ = try await CycleSeries.collect(BatchRunner(store: store, settings: TwoZARC.settings(drt: nil)), series)
        #expect(try store.drtSets().isEmpty)
        let second = try await CycleSeries.collect(BatchRunner(store: store, settings: TwoZARC.settings()), series)
        var summary = BatchSummary()
        for o in second { summary.add(o) }
        #expect(summary.skipped == 3 && summary.drtComputed == 3 && summary.drtSkipped == 0)
        let third = try await CycleSeries.collect(BatchRunner(store: store, settings: TwoZARC.settings()), series)
        summary = BatchSummary()
        for o in third { summary.add(o) }
        #expect(summary.skipped == 3 && summary.drtComputed == 0 && summary.drtSkipped == 3)
        _ = try await CycleSeries.collect(BatchRunner(store: store, settings: TwoZARC.settings(), refit: true), series)
        #expect(try store.drts().rows.count == 3)
        #expect(try store.drtSets().map(\.count) == [3])
        // Only the fit sets' settings make fit sets: the DRT settings did not make a second one.
        #expect(try store.fitSets().count == 1)
    }
}

@Suite struct DRTFailureTests {
    /// Spectrum 1 has 7 points (10 kHz…10 mHz, one per decade): enough for the circuit fit, one short of the DRT's
    /// minimum of 8 (``DRT/minimumPoints``). Its DRT is stored as failed with DRTError's message, its fit stands,
    /// and the spectra after it get their DRTs.
    @Test func aFailedDRTIsStoredWithItsReasonAndTheFitStands() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        var spectra = try TwoZARC.spectra(0..<3)
        let keep = spectra[1].frequencies.indices.filter { k in
            let decade = log10(spectra[1].frequencies[k])
            return decade <= 4.0001 && abs(decade - decade.rounded()) < 1e-6
        }
        #expect(keep.count == 7)
        spectra[1] = Spectrum(frequencies: keep.map { spectra[1].frequencies[$0] },
                              impedances: keep.map { spectra[1].impedances[$0] }, metadata: spectra[1].metadata)
        let outcomes = try await CycleSeries.collect(BatchRunner(store: store, settings: TwoZARC.settings(), jobs: 1),
                                                     [BatchSeries(name: "cell", spectra: spectra)])
        #expect(outcomes.count == 3)
        let reason = DRTError.tooFewPoints(count: 7, minimum: DRT.minimumPoints).description
        if case .failed(let r) = outcomes[1].drt { #expect(r == reason) } else {
            Issue.record("spectrum 1: \(String(describing: outcomes[1].drt))")
        }
        guard case .fitted = outcomes[1].event else { Issue.record("the fit of spectrum 1 must stand"); return }
        let table = try store.drts()
        #expect(table.rows.map(\.status) == [.ok, .failed, .ok])
        #expect(table.rows[1].reason == reason && table.rows[1].peaks.isEmpty && table.rows[1].tau.isEmpty)
        #expect(try store.export().rows[1].status != .failed)
        // The export lists the failure on one row with its reason and empty peak columns.
        let csv = table.peakText(.csv).split(separator: "\n").map(String.init)
        let failedRows = csv.filter { $0.contains(",failed,") }
        #expect(failedRows.count == 1)
        #expect(failedRows.first?.hasSuffix(",\"\(reason)\"") == true, "the reason holds a comma: quoted")
    }
}
