import Foundation
import NyquistFit
@testable import NyquistStore
import NyquistTestSupport
import Testing

@Suite struct ExportAndRuleTests {
    /// The export has one row per spectrum with the stored values, readable back by a JSON parser and a CSV split.
    @Test func exportCSVAndJSON() async throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try await CycleSeries.collect(
            BatchRunner(store: store, settings: CycleSeries.settings()),
            [BatchSeries(name: "cell, \"A\"", spectra: try CycleSeries.spectra(0..<4))])
        var byPosition: [Int: FitResult] = [:]
        for o in out { if case .fitted(let r, _, _) = o.event { byPosition[o.position] = r } }

        let table = try store.export(parameters: ["R3", "R1"])
        let csv = table.text(.csv).split(separator: "\n").map(String.init)
        #expect(csv[0] == "series,position,file,spectrum,cycle,status,start,R3,R3_se,R1,R1_se,chi_square,"
            + "reduced_chi_square,chi_square_over_modulus,kk,kk_noise_percent,warnings")
        #expect(csv.count == 5)
        #expect(csv[1].hasPrefix("\"cell, \"\"A\"\"\",0,memory:cell, \"A\"#0,0,0,converged,global,") == false)
        #expect(csv[1].hasPrefix("\"cell, \"\"A\"\"\",0,\"memory:cell, \"\"A\"\"#0\",0,0,converged,global,"))
        let r0 = try #require(byPosition[0])
        // Values go through SQLite unchanged: the shortest round-trip text of the in-memory doubles.
        for (k, line) in csv.dropFirst().enumerated() {
            let r = try #require(byPosition[k])
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).dropLast(3).suffix(7)
                .map { Double($0) }
            #expect(fields == [r.value("R3"), r.parameter("R3")?.standardError, r.value("R1"),
                               r.parameter("R1")?.standardError, r.goodness.chiSquare, r.goodness.reducedChiSquare,
                               r.goodness.chiSquareOverModulus])
        }
        let reduced0 = try #require(r0.goodness.reducedChiSquare)
        #expect(csv[1].contains(",\(r0.goodness.chiSquare),\(reduced0),\(r0.goodness.chiSquareOverModulus),"))

        let json = try #require(try JSONSerialization.jsonObject(with: Data(table.text(.json).utf8)) as? [String: Any])
        #expect((json["units"] as? [String: String]) == ["R3": "Ω", "R1": "Ω"])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.count == 4)
        for row in rows {
            let position = try #require(row["position"] as? Int)
            let r = try #require(byPosition[position])
            // (Foundation's JSON parser on Linux may be off in the last digit; the CSV check below is exact.)
            #expect(relativeDifference(try #require(row["R3"] as? Double), try #require(r.value("R3"))) < 1e-14)
            let se = try #require(r.parameter("R1")?.standardError)
            #expect(relativeDifference(try #require(row["R1_se"] as? Double), se) < 1e-14)
            #expect(row["cycle"] as? Int == position)
            #expect(row["series"] as? String == "cell, \"A\"")
        }
        // Written atomically: the target appears whole and no temporary file is left behind.
        let target = dir.appendingPathComponent("export.json").path
        try table.write(to: target, format: .json)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == table.text(.json))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }.isEmpty)
        #expect(throws: StoreError.unknownFitSet(99, known: [1])) { try store.export(fitSet: 99) }
    }

    @Test func emptyStoreHasNoFitSets() throws {
        let (store, dir) = try CycleSeries.temporaryStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: StoreError.noFitSets(path: store.path)) { try store.export() }
        // Reopening runs the migrations again without harm.
        #expect(try ResultStore(path: store.path).fitSets().isEmpty)
    }

    @Test func notADatabaseIsATypedError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("x.sqlite").path
        try String(repeating: "not a database ", count: 100).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { try ResultStore(path: path) }
    }

    /// The fallback rule of sequential mode, on a real fit with single fields changed.
    @Test func warmStartRejectionRule() throws {
        let s = try CycleSeries.spectra(0..<1)[0]
        let r = try Fitter.fit(s, circuit: CycleSeries.circuit, settings: CycleSeries.settings().fit)
        let chi = try #require(r.goodness.reducedChiSquare)
        let previous = SeriesFitter.Previous(values: r.parameters.map(\.value), reducedChiSquare: chi)
        #expect(SeriesFitter.rejection(r, previous: previous, ratio: 2) == nil)
        #expect(SeriesFitter.rejection(r, previous: .init(values: [], reducedChiSquare: chi / 1.9), ratio: 2) == nil)
        #expect(SeriesFitter.rejection(r, previous: .init(values: [], reducedChiSquare: chi / 2.1), ratio: 2) != nil)
        // A parameter on a bound the physics allows (n2 = 1) is no reason by itself: the fit is judged by χ².
        var bound = r
        bound.parameters[3].atBound = .upper
        #expect(SeriesFitter.rejection(bound, previous: previous, ratio: 2) == nil)
        // The noise floor ε² raises the reference above a lucky-low previous χ²: with a previous χ² of chi/2.1 the
        // fit is rejected, unless the noise alone explains chi (ε² = chi/1.9 → 2ε² > chi).
        let lucky = SeriesFitter.Previous(values: [], reducedChiSquare: chi / 2.1)
        #expect(SeriesFitter.rejection(r, previous: lucky, ratio: 2, noiseFloor: chi / 1.9) == nil)
        #expect(SeriesFitter.rejection(r, previous: lucky, ratio: 2, noiseFloor: chi / 2.2)?.contains("previous") == true)
        #expect(SeriesFitter.rejection(r, previous: .init(values: [], reducedChiSquare: nil), ratio: 2,
                                       noiseFloor: chi / 2.1)?.contains("noise level") == true)
        var unconverged = r
        unconverged.convergence.converged = false
        #expect(SeriesFitter.rejection(unconverged, previous: previous, ratio: 2)?.hasPrefix("warm start did not converge") == true)
    }

    /// The settings identity changes with circuit, window, seed and mode, and not with anything else.
    @Test func settingsHash() throws {
        let base = CycleSeries.settings()
        #expect(base.settingsHash == CycleSeries.settings().settingsHash)
        #expect(base.settingsHash.count == 64)
        var seed = base; seed.fit.seed = 2
        var window = base; window.fit.window.maximumFrequency = 1e4
        var mode = base; mode.mode = .independent
        var weight = base; weight.fit.weighting = .unit
        let hashes = [base, seed, window, mode, weight].map(\.settingsHash)
        #expect(Set(hashes).count == 5)
    }
}
