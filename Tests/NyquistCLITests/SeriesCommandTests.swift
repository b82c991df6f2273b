import Foundation
import NyquistTestSupport
import Testing

/// `simulate` → `batch` → `export` → `track`, end to end on a small cycle series.
@Suite struct SeriesCommandTests {
    /// R3 of cycle n: 100 + 25·√n Ω (the other parameters fixed), written as one CSV per cycle.
    static func r3(_ n: Int) -> Double { 100 + 25 * Double(n).squareRoot() }

    @Test func batchExportAndTrackASeries() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-series-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cycles = [1, 2, 4, 8, 12, 16, 20, 25]
        for n in cycles {
            let r = try runNyquist(["simulate", "--circuit", "assb-cathode", "--param", "R1=20", "--param", "R2=30",
                                    "--param", "Q2=1e-7", "--param", "n2=0.9", "--param", "R3=\(Self.r3(n))",
                                    "--param", "Q3=1e-5", "--param", "n3=0.8", "--noise", "0.005", "--seed", "\(n)"])
            #expect(r.status == 0, "\(r.stderr)")
            // Add a cycle column, as a cycler export would have: the readers keep it as the cycle label.
            let lines = r.stdout.split(separator: "\n").enumerated().map { $0.offset == 0 ? "cycle," + $0.element : "\(n)," + $0.element }
            try (lines.joined(separator: "\n") + "\n").write(to: dir.appendingPathComponent("cycle\(n).csv"), atomically: true, encoding: .utf8)
        }
        let store = dir.appendingPathComponent("fits.sqlite").path
        let batch = try runNyquist(["batch", dir.path, "--circuit", "assb-cathode", "--store", store, "--quiet"])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.contains("8 fitted"), "\(batch.stdout)")

        // A rerun finds everything stored.
        let rerun = try runNyquist(["batch", dir.path, "--circuit", "assb-cathode", "--store", store, "--quiet"])
        #expect(rerun.stdout.contains("8 already stored"), "\(rerun.stdout)")

        let export = try runNyquist(["export", store, "--param", "R3"])
        #expect(export.status == 0, "\(export.stderr)")
        let lines = export.stdout.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let value = try #require(header.firstIndex(of: "R3")), error = try #require(header.firstIndex(of: "R3_se"))
        let fileColumn = try #require(header.firstIndex(of: "file"))
        #expect(lines.count == 1 + cycles.count)
        // Files come in natural order (cycle2 before cycle12); each R3 within 4.5 standard errors of its truth.
        for (row, n) in zip(lines.dropFirst(), cycles) {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(f[fileColumn].hasSuffix("cycle\(n).csv"), "\(row)")
            let v = try #require(Double(f[value])), se = try #require(Double(f[error]))
            #expect(abs(v - Self.r3(n)) <= 4.5 * se, "cycle \(n): R3 = \(v) ± \(se), truth \(Self.r3(n))")
        }

        // The store feeds the tracking layer directly: R3 = R3₀ + k√n is recovered within its intervals.
        let track = try runNyquist(["track", store, "--param", "R3", "--format", "json"])
        #expect(track.status == 0, "\(track.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(track.stdout.utf8)) as? [String: Any])
        let comparison = try #require(json["comparison"] as? [String: Any])
        let entries = try #require(comparison["entries"] as? [[String: Any]])
        #expect(entries.first?["law"] as? String == "squareRoot", "the √n law must rank first")
        let fit = try #require(entries.first?["fit"] as? [String: Any])
        let parameters = try #require(fit["parameters"] as? [[String: Any]])
        for (name, truth) in [("R0", 100.0), ("k", 25.0)] {
            let p = try #require(parameters.first { $0["name"] as? String == name })
            let lo = try #require(p["lower"] as? Double), hi = try #require(p["upper"] as? Double)
            #expect(lo <= truth && truth <= hi, "\(name): [\(lo), \(hi)] vs \(truth)")
        }

        // The HTML report draws the same best law with its 95 % band over the R3 plot.
        let html = dir.appendingPathComponent("report.html").path
        let report = try runNyquist(["report", store, "--output", html])
        #expect(report.status == 0, "\(report.stderr)")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.contains("G2 squareRoot (best by AICc"), "growth-law curve missing from the report")
    }

    @Test func trackAsksWhichSeriesOfAMultiCellStore() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-two-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: store) }
        let batch = try runNyquist(["batch", "--synthetic", "12", "--synthetic-cells", "2", "--circuit", "assb-cathode",
                                    "--store", store, "--quiet"])
        #expect(batch.status == 0, "\(batch.stderr)")
        // The summary counts starts: one global per cell, the rest warm, no fallback (a smooth series).
        #expect(batch.stdout.contains("12 fitted (10 warm, 0 fallback to the global start (0 kept), 2 global)"),
                "\(batch.stdout)")
        let mixed = try runNyquist(["track", store, "--param", "R3"])
        #expect(mixed.status == 2 && mixed.stderr.contains("--series"), "\(mixed.stderr)")
        let one = try runNyquist(["track", store, "--param", "R3", "--series", "synthetic-cell-1"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("6 points"), "\(one.stdout.prefix(200))")
    }

    /// `report` on a two-cell store (R3 = 100 + 20√n Ω in both, cycles 0–5): one √n curve with its band per cell,
    /// each in the colour of that cell's markers; a cell whose comparison is refused gets none.
    @Test func reportDrawsOneGrowthCurvePerCell() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-bands-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        /// The R3 plot of the report of a fresh synthetic store of `count` spectra in two cells.
        func r3Plot(count: Int) throws -> String {
            let store = dir.appendingPathComponent("s\(count).sqlite").path
            let html = dir.appendingPathComponent("r\(count).html").path
            let batch = try runNyquist(["batch", "--synthetic", "\(count)", "--synthetic-cells", "2", "--circuit",
                                        "assb-cathode", "--store", store, "--quiet"])
            #expect(batch.status == 0, "\(batch.stderr)")
            let report = try runNyquist(["report", store, "--param", "R3", "--max-spectra", "0", "--output", html])
            #expect(report.status == 0, "\(report.stderr)")
            return try #require(ReportCommandTests.svgs(try String(contentsOfFile: html, encoding: .utf8)).first)
        }
        /// Values of `attribute` of the elements opening with `prefix` that contain every string of `having`.
        func attributes(_ svg: String, _ prefix: String, having: [String], _ attribute: String) -> [String] {
            svg.components(separatedBy: prefix).dropFirst().compactMap { tail -> String? in
                let element = tail.prefix { $0 != ">" }
                guard having.allSatisfy(element.contains),
                      let r = element.range(of: " \(attribute)=\"") else { return nil }
                return String(element[r.upperBound...].prefix { $0 != "\"" })
            }
        }

        // 12 spectra: cycles 0–5 in each cell, 6 points ≥ k + 3 for every two-parameter law.
        let both = try r3Plot(count: 12)
        for cell in ["synthetic-cell-0", "synthetic-cell-1"] {
            #expect(both.contains("G2 squareRoot (best by AICc") && both.contains("95 % band — \(cell)</text>"),
                    "no √n curve labelled for \(cell)")
        }
        let bands = attributes(both, "<polygon", having: ["fill-opacity"], "fill")
        let curves = attributes(both, "<polyline", having: ["stroke-width=\"2\""], "stroke")
        // Cell 0 is drawn with filled circles, cell 1 with open circles (white fill, coloured stroke).
        let cell0 = Set(attributes(both, "<circle", having: ["r=\"3\""], "fill")).subtracting(["white"])
        let cell1 = Set(attributes(both, "<circle", having: ["fill=\"white\""], "stroke"))
        #expect(cell0.count == 1 && cell1.count == 1 && cell0 != cell1, "\(cell0) \(cell1)")
        #expect(bands.count == 2 && Set(bands) == cell0.union(cell1), "bands \(bands)")
        #expect(curves.count == 2 && Set(curves) == cell0.union(cell1), "curves \(curves)")

        // 9 spectra: cell 0 has cycles 0–4 (5 points), cell 1 cycles 0–3 (4 points < k + 3: comparison refused).
        let one = try r3Plot(count: 9)
        #expect(one.contains("95 % band — synthetic-cell-0</text>"))
        #expect(!one.contains("95 % band — synthetic-cell-1"))
        #expect(attributes(one, "<polygon", having: ["fill-opacity"], "fill").count == 1)
    }

    /// A spectrum that cannot be fitted (3 points for 7 parameters) is counted as failed and makes the exit status 1,
    /// while the good one is still stored.
    @Test func batchExitsOneWhenASpectrumFails() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-fail-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try runNyquist(["simulate", "--circuit", "assb-cathode", "--param", "R1=20", "--param", "R2=30",
                                   "--param", "Q2=1e-7", "--param", "n2=0.9", "--param", "R3=150",
                                   "--param", "Q3=1e-5", "--param", "n3=0.8", "--noise", "0.005", "--seed", "1"])
        #expect(good.status == 0, "\(good.stderr)")
        try good.stdout.write(to: dir.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try "freq,Z_re,Z_im\n1000,20,-1\n100,40,-10\n10,120,-30\n"
            .write(to: dir.appendingPathComponent("b.csv"), atomically: true, encoding: .utf8)
        let store = dir.appendingPathComponent("fits.sqlite").path
        let batch = try runNyquist(["batch", dir.path, "--circuit", "assb-cathode", "--store", store, "--quiet"])
        #expect(batch.status == 1, "\(batch.stdout)\(batch.stderr)")
        #expect(batch.stdout.contains("1 fitted") && batch.stdout.contains("1 failed"), "\(batch.stdout)")
        let export = try runNyquist(["export", store, "--param", "R3"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.contains("a.csv"), "\(export.stdout)")
    }

    @Test func trackRefusesTooFewPointsAndSaysWhy() throws {
        let r = try runNyquist(["track", "samples/tracking/r3-nca-kim2023.csv", "--param", "R3"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("refused") && r.stdout.contains("N ≥ k + 3"))
        let bad = try runNyquist(["track", "samples/tracking/r3-nca-kim2023.csv", "--param", "R9"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("R9"))
    }
}
