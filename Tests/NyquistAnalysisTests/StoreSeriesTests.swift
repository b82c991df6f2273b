import Foundation
import NyquistAnalysis
import NyquistCircuit
import NyquistFit
import NyquistIO
import NyquistReport
import NyquistStore
import NyquistTestSupport
import NyquistTracking
import Testing

/// `ResultStore.parameterSeries` reads a fitted parameter straight from a store, without the CSV export in between.
@Suite struct StoreSeriesTests {
    /// R1-p(R2,C2): Z = R1 + R2/(1 + jωR2C2).
    static let circuit: Circuit = .series([
        .element(Element(kind: .resistor, label: "1")),
        .parallel([.element(Element(kind: .resistor, label: "2")), .element(Element(kind: .capacitor, label: "2"))]),
    ])

    /// The truth of cycle n: R1 = 10 Ω, R2 = 100 + 20√n Ω, C2 = 1 µF.
    static func r2(_ n: Int) -> Double { 100 + 20 * Double(n).squareRoot() }

    /// Noise-free spectra of cycles 0…5; series "a" labelled with cycles 10, 20, …; series "b" without labels.
    static func store() throws -> (ResultStore, URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-analysis-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try ResultStore(path: dir.appendingPathComponent("results.sqlite").path)
        func spectra(labelled: Bool) throws -> [Spectrum] {
            try (0..<6).map { n in
                var s = try Synthetic.spectrum(circuit, parameters: [10, r2(n), 1e-6], from: 1e5, to: 1, pointsPerDecade: 8)
                s.metadata.index = 0
                s.metadata.cycleLabel = labelled ? 10 * n : nil
                return s
            }
        }
        var fit = FitSettings()
        fit.method = .randomizeSimplex
        fit.randomStarts = 20
        fit.refinedStarts = 2
        let runner = BatchRunner(store: store, settings: BatchSettings(circuit: circuit, fit: fit, mode: .sequential), jobs: 1)
        try runner.runBlocking([BatchSeries(name: "a", spectra: try spectra(labelled: true)),
                                BatchSeries(name: "b", spectra: try spectra(labelled: false))]) { _ in }
        return (store, dir)
    }

    @Test func valuesAndCyclesMatchTheTruthAndTheCSVExportPath() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try store.parameterSeries("R2", series: "a")
        // Independent reference: the R2 the spectra were generated with (noise-free, so the fit recovers it).
        #expect(a.cycles == [0, 10, 20, 30, 40, 50])
        for (n, v) in a.values.enumerated() { #expect(abs(v - Self.r2(n)) <= 1e-6 * Self.r2(n), "cycle \(n): \(v)") }
        #expect(a.notes.isEmpty && a.skipped.isEmpty && a.source == store.path)
        // The path it replaces: export to CSV, keep the series' rows, parse with Tracking's CSV reader.
        for name in ["a", "b"] {
            var table = try store.export(parameters: ["R2"])
            table.rows = table.rows.filter { $0.series == name }
            let viaCSV = try ParameterSeries.parse(csv: table.text(.csv), source: store.path, parameter: "R2")
            let direct = try store.parameterSeries("R2", series: name)
            #expect(direct == viaCSV, "series \(name)")
        }
    }

    @Test func unlabelledSeriesUsesThePositionWithOneNote() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = try store.parameterSeries("R2", series: "b")
        #expect(b.cycles == [0, 1, 2, 3, 4, 5])
        #expect(b.notes.count == 1 && b.notes[0].contains("6 of 6 spectra have no cycle label"), "\(b.notes)")
    }

    @Test func seriesChoiceErrorsAreTyped() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: AnalysisError.ambiguousSeries(store: store.path, names: ["a", "b"])) {
            _ = try store.parameterSeries("R2")
        }
        #expect(throws: AnalysisError.unknownSeries("c", known: ["a", "b"], store: store.path)) {
            _ = try store.parameterSeries("R2", series: "c")
        }
        #expect(throws: StoreError.unknownParameter("R9", known: ["R1", "R2", "C2"])) {
            _ = try store.parameterSeries("R9", series: "a")
        }
        // The loader tells a store from a CSV file by its header.
        let loaded = try ParameterSeries.load(path: store.path, parameter: "R2", series: "a")
        #expect(loaded == (try store.parameterSeries("R2", series: "a")))
    }

    /// The report's growth overlay of series "a" is G2 through the truth R2 = 100 + 20·√(x/10) (x = cycle label
    /// 10n), inside its band; series "b" (no labels) is against position. The report notes the unlabelled spectra.
    @Test func growthBandsFollowTheGeneratingLaw() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let models = GrowthBands.models(store: store, fitSet: nil, parameter: "R2")
        #expect(models.map(\.series) == ["a", "b"])
        let a = try #require(models.first)
        #expect(a.name.hasPrefix("G2 "), "\(a.name)")
        // Labels are missing in "b", so every series is plotted against position (0…5): truth 100 + 20·√x.
        #expect(a.x.first == 0 && a.x.last == 5 && a.x.count == 201)
        for (x, y) in zip(a.x, a.y) { #expect(abs(y - (100 + 20 * x.squareRoot())) <= 1e-4 * y, "x \(x): \(y)") }
        let lower = try #require(a.yLower), upper = try #require(a.yUpper)
        #expect(zip(lower, zip(a.y, upper)).allSatisfy { $0 <= $1.0 && $1.0 <= $1.1 })
        let prepared = PreparedReport(store: store, growth: "R2")
        #expect(prepared.options.models["R2"]?.count == 2)
        #expect(prepared.notes == ["6 of 12 spectra of the fit set have no cycle label; parameters and growth laws are "
                                   + "plotted against the position in the series (0-based)"])
        #expect(PreparedReport(store: store, growth: "R9").notes.last?.contains("no parameter 'R9'") == true)
    }
}
