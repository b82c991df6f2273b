import Foundation
import NyquistTestSupport
import Testing

/// Issue 16 (series) through the CLI: `batch --drt`, `export --drt`, `report`'s DRT section and `track
/// --param drt:peakN`, on a two-ZARC series written by `nyquist simulate`: R1 = 10 Ω; R2 = 50 Ω ‖ CPE peaking at
/// 1 kHz; R3 = 100 + 20√n Ω ‖ CPE peaking at 1 Hz; n = 0.9 (Q = τ₀ⁿ/R, τ₀ = 1/(2πf₀)); 0.2 % noise.
@Suite(.serialized) struct DRTSeriesCommandTests {
    static let cycles = 0..<7

    /// A folder `cell/` of `cycleN.csv` files and a store fitted with `--drt --drt-lambda 0.1` (the drt branch's
    /// first GCV under-regularises these spectra; see DRTBatchTests).
    static func makeStore() throws -> (dir: URL, store: String, batch: CommandOutput) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("drt-series-\(UUID().uuidString)")
        let cell = dir.appendingPathComponent("cell")
        try FileManager.default.createDirectory(at: cell, withIntermediateDirectories: true)
        let e = 0.9, tau2 = 1 / (2 * Double.pi * 1000), tau3 = 1 / (2 * Double.pi)
        for n in cycles {
            let r3 = 100 + 20 * Double(n).squareRoot()
            let params = ["R1=10", "R2=50", "Q2=\(pow(tau2, e) / 50)", "n2=\(e)", "R3=\(r3)", "Q3=\(pow(tau3, e) / r3)",
                          "n3=\(e)"]
            let sim = try runNyquist(["simulate", "--circuit", "R1-p(R2,CPE2)-p(R3,CPE3)", "--noise", "0.002",
                                      "--seed", "\(500 + n)", "-o", cell.appendingPathComponent("cycle\(n).csv").path]
                                     + params.flatMap { ["--param", $0] })
            #expect(sim.status == 0, "\(sim.stderr)")
        }
        let store = dir.appendingPathComponent("store.sqlite").path
        let batch = try runNyquist(["batch", cell.path, "--circuit", "R1-p(R2,CPE2)-p(R3,CPE3)", "--store", store,
                                    "--drt", "--drt-lambda", "0.1", "--quiet", "--jobs", "1", "--random-starts", "40"])
        return (dir, store, batch)
    }

    @Test func batchExportReportAndTrackFollowTheGrowingArcThroughItsDRTPeak() throws {
        let (dir, store, batch) = try Self.makeStore()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.contains("DRT: 7 computed, 0 failed"), "\(batch.stdout)")

        // export --drt: the documented columns, one row per (spectrum, peak); the 1 Hz peak is track 2 in every
        // spectrum, with R within 5 % of 100 + 20√n.
        let csv = try runNyquist(["export", store, "--drt"])
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        #expect(header == ["series", "position", "file", "spectrum", "cycle", "status", "peak", "track", "tau", "frequency",
                           "resistance", "resistance_se", "tau_lower", "tau_upper", "r_inf", "inductance", "lambda",
                           "lambda_criterion", "residual_norm", "reason"])
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? 0 }
        let slow = lines.dropFirst().filter { Double($0[column("tau")]).map { abs(log10($0 * 2 * .pi)) < 0.1 } ?? false }
        #expect(slow.map { $0[column("cycle")] } == Self.cycles.map(String.init))
        for row in slow {
            #expect(row[column("track")] == "2")
            let n = Double(row[column("cycle")]) ?? .nan, r = Double(row[column("resistance")]) ?? .nan
            #expect(abs(r / (100 + 20 * n.squareRoot()) - 1) < 0.05, "cycle \(n): R = \(r)")
        }
        let json = try runNyquist(["export", store, "--drt", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        try OutputSchemaCommandTests.check("export-drt", [json.stdout])

        // report: the DRT section with its map and peak plot, well-formed, every coordinate inside its image.
        let html = dir.appendingPathComponent("r.html").path
        let report = try runNyquist(["report", store, "-o", html, "--max-spectra", "1", "--progress", "none"])
        #expect(report.status == 0, "\(report.stderr)")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.contains("Distribution of relaxation times vs cycle"))
        let svgs = text.components(separatedBy: "<svg ").dropFirst().map { "<svg " + ($0.components(separatedBy: "</svg>").first ?? "") + "</svg>" }
        let map = try #require(svgs.first { $0.contains("DRT map — ") })
        let peaks = try #require(svgs.first { $0.contains("DRT peak resistances — ") })
        #expect(peaks.contains("peak 1: τ ≈ ") && peaks.contains("peak 2: τ ≈ "))
        #expect(map.components(separatedBy: "<circle ").count - 1 >= 14, "one marker per peak, two peaks per spectrum")
        for svg in [map, peaks] {
            #expect(!svg.contains("nan") && !svg.contains("inf"))
            for (attribute, limit) in [("x", 560.5), ("y", 380.5), ("cx", 560.5), ("cy", 380.5)] {
                for v in Self.values(of: attribute, in: svg) { #expect(v >= -0.5 && v <= limit, "\(attribute)=\(v)") }
            }
        }

        // track --param drt:peak2: the growth law put in, R = 100 + 20√n, is the best by AICc and recovered.
        let track = try runNyquist(["track", store, "--param", "drt:peak2", "--bootstrap", "0", "--format", "json"])
        #expect(track.status == 0, "\(track.stderr)")
        #expect(track.stderr.contains("DRT peak tracks of "))
        let object = try #require(JSONSerialization.jsonObject(with: Data(track.stdout.utf8)) as? [String: Any])
        let comparison = try #require(object["comparison"] as? [String: Any])
        #expect((comparison["aicRanking"] as? [String])?.first == "squareRoot")
        let entries = try #require(comparison["entries"] as? [[String: Any]])
        let best = try #require(entries.first { $0["law"] as? String == "squareRoot" }?["fit"] as? [String: Any])
        let params = try #require(best["parameters"] as? [[String: Any]])
        let value = { (name: String) in params.first { $0["name"] as? String == name }?["value"] as? Double ?? .nan }
        #expect(abs(value("R0") / 100 - 1) < 0.05, "R0 = \(value("R0"))")
        #expect(abs(value("k") / 20 - 1) < 0.10, "k = \(value("k"))")

        // Selectors that name no track are usage errors (exit 2), with the tracks listed.
        let missing = try runNyquist(["track", store, "--param", "drt:peak9"])
        #expect(missing.status == 2 && missing.stderr.contains("peak tracks 1…2"), "\(missing.stderr)")
        let bad = try runNyquist(["track", store, "--param", "drt:width"])
        #expect(bad.status == 2 && bad.stderr.contains("drt:peakN"), "\(bad.stderr)")
    }

    /// A store without DRT (here a v3 store, read-only): `export --drt` is a data error (exit 3) saying what to run.
    @Test func exportDRTOfAStoreWithoutDRTIsADataError() throws {
        let fixture = RepositoryPaths.fixtures("NyquistStoreTests").appendingPathComponent("v3-store.sqlite").path
        let r = try runNyquist(["export", fixture, "--drt"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("the store holds no DRT yet (run `nyquist batch --drt` first)"))
    }

    /// Every numeric value of `attribute="…"` in `svg`.
    static func values(of attribute: String, in svg: String) -> [Double] {
        svg.components(separatedBy: " \(attribute)=\"").dropFirst().compactMap { chunk in
            chunk.split(separator: "\"", maxSplits: 1).first.flatMap { Double($0) }
        }
    }
}

/// DRT options that do not go together are usage errors (exit 2), checked before any store is opened.
@Suite struct DRTOptionCommandTests {
    @Test func mismatchedDRTOptionsAreUsageErrors() throws {
        let cases: [([String], String)] = [
            (["export", "/nonexistent.sqlite", "--drt", "--param", "R3"], "--param does not apply to --drt"),
            (["export", "/nonexistent.sqlite", "--drt-set", "1"], "--drt-set needs --drt"),
            (["batch", "/nonexistent", "--circuit", "R1", "--store", "/tmp/x.sqlite", "--drt-lambda", "0.1"],
             "--drt-lambda needs --drt"),
            (["batch", "/nonexistent", "--circuit", "R1", "--store", "/tmp/x.sqlite", "--drt", "--drt-lambda", "-1"],
             "--drt-lambda must be auto, rgcv, gcv, re-im or a number > 0"),
        ]
        for (arguments, message) in cases {
            let r = try runNyquist(arguments)
            #expect(r.status == 2, "\(arguments): \(r.stderr)")
            #expect(r.stderr.contains(message), "\(arguments): \(r.stderr)")
        }
    }
}
