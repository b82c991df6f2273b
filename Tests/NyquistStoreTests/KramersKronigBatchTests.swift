import Foundation
import NyquistCircuit
import NyquistFit
import NyquistIO
import NyquistNumerics
@testable import NyquistStore
import NyquistTestSupport
import Numerics
import Testing

/// The lin-KK verdict stored beside every fit of a batch (store schema v2).
@Suite struct KramersKronigBatchTests {
    /// The cathode model R1-p(R2,CPE2)-p(R3,CPE3) with R1 = 20 Ω, R2 = 40 Ω, Q2 = 10 nF·s^(n−1), n2 = 0.9,
    /// R3 = 200 Ω, Q3 = 100 µF·s^(n−1), n3 = 0.8: 1 MHz…10 mHz, 10 points per decade, 0.2 % proportional noise.
    /// With `drift`, R3 grows linearly by that fraction over the sweep (point i of N uses R3·(1 + drift·i/N)) — a
    /// cell changing during the measurement, which no single circuit reproduces (the drift of the lin-KK suite).
    static let circuitText = "R1-p(R2,CPE2)-p(R3,CPE3)"

    static func cathode(seed: UInt64, drift: Double = 0, points: ClosedRange<Int>? = nil) throws -> Spectrum {
        let circuit = try Circuit(parsing: circuitText)
        let grid = try FrequencyGrid.logSpaced(from: 1e6, to: 1e-2, pointsPerDecade: 10)
        let plan = EvaluationPlan(circuit: circuit)
        var g = SeededRandom(seed: seed)
        var f: [Double] = [], z: [Complex<Double>] = []
        for i in 0..<grid.count where points?.contains(i) ?? true {
            let p = [20, 40, 1e-8, 0.9, 200 * (1 + drift * Double(i) / Double(grid.count)), 1e-4, 0.8]
            let v = plan.impedance(try FrequencyGrid(frequencies: [grid.frequencies[i]]), parameters: p)[0]
            let s = v.length * 0.002
            f.append(grid.frequencies[i])
            z.append(v + Complex(s * g.normal(), s * g.normal()))
        }
        return Spectrum(frequencies: f, impedances: z, metadata: SpectrumMetadata(index: Int(seed), cycleLabel: Int(seed)))
    }

    static func settings(kk: Bool = true) throws -> BatchSettings {
        var fit = FitSettings()
        fit.method = .auto
        return BatchSettings(circuit: try Circuit(parsing: circuitText), fit: fit, mode: .sequential,
                             kramersKronig: kk ? KramersKronigSettings() : nil)
    }

    /// Five spectra, the third (position 2) drifting 30 % during its sweep, plus a 4-point spectrum in a second
    /// series (lin-KK needs 5 points; the 7-parameter fit still runs: 8 residuals).
    static func input() throws -> [BatchSeries] {
        let cell = try (0..<5).map { try cathode(seed: UInt64($0), drift: $0 == 2 ? 0.3 : 0) }
        let short = try cathode(seed: 9, points: 40...43)
        return [BatchSeries(name: "cell", spectra: cell), BatchSeries(name: "short", spectra: [short])]
    }

    @Test func driftingSpectrumIsFlaggedNotSkipped() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try await CycleSeries.collect(BatchRunner(store: store, settings: try Self.settings(), jobs: 2),
                                                try Self.input())
        #expect(out.count == 6)
        for o in out {
            // Every spectrum is fitted, the flagged one too.
            guard case .fitted(let r, _, _) = o.event else { Issue.record("not fitted: \(o)"); continue }
            let flagged = o.series == "cell" && o.position == 2
            #expect(r.warnings.contains { $0.message.hasPrefix("Kramers–Kronig test failed") } == flagged)
        }

        let table = try store.export()
        let kk = table.rows.map { "\($0.series)#\($0.position):\($0.kramersKronig?.status.rawValue ?? "nil")" }
        #expect(kk == ["cell#0:pass", "cell#1:pass", "cell#2:fail", "cell#3:pass", "cell#4:pass", "short#0:not-tested"])
        let drifting = try #require(table.rows.first { $0.series == "cell" && $0.position == 2 }?.kramersKronig)
        #expect(drifting.reasons.contains("systematic"))
        #expect(drifting.elementCount != nil && drifting.noisePercent != nil && drifting.maximumResidualPercent != nil)
        let short = try #require(table.rows.last?.kramersKronig)
        #expect(short.reasons.contains("too few") && short.noisePercent == nil)
        #expect(table.rows.last?.status != .failed)
        // Passing spectra: the noise estimate reads about 0.8–0.9 × the true 0.2 % (docs/validation-and-plots.md).
        for r in table.rows where r.kramersKronig?.status == .pass {
            let n = try #require(r.kramersKronig?.noisePercent)
            #expect(n > 0.1 && n < 0.3)
        }

        // CSV: kk and kk_noise_percent, then the warning codes.
        let csv = table.text(.csv).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(csv[0].suffix(3) == ["kk", "kk_noise_percent", "warnings"])
        #expect(csv.dropFirst().map { String($0[$0.count - 3]) } == ["pass", "pass", "fail", "pass", "pass", "not-tested"])
        #expect(csv.last.map { $0[$0.count - 2] } == "")
        #expect(csv.dropFirst().map { $0.last?.split(separator: ";").contains("kramers-kronig-failed") == true }
            == [false, false, true, false, false, false])
    }

    @Test func verdictIsIdenticalForAnyJobsAndOffWhenDisabled() async throws {
        var texts: [String] = []
        for jobs in [1, 2] {
            let (store, dir) = try CycleSeries.temporaryStore()
            defer { try? FileManager.default.removeItem(at: dir) }
            _ = try await CycleSeries.collect(BatchRunner(store: store, settings: try Self.settings(), jobs: jobs),
                                              try Self.input())
            texts.append(try store.export().text(.csv))
        }
        #expect(texts[0] == texts[1])

        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try await CycleSeries.collect(BatchRunner(store: store, settings: try Self.settings(kk: false)),
                                          try Self.input())
        #expect(try store.export().rows.allSatisfy { $0.kramersKronig == nil })
    }
}
