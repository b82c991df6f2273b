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
                                    "--param", "Q3=1e-5", "--param", "n3=0.8", "--noise", "0.005", "--seed", "\(n)",
                                    "--output", dir.appendingPathComponent("cycle\(n).csv").path])
            #expect(r.status == 0, "\(r.stderr)")
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

        // Plain CSV files carry no cycle label, so the tracking input gets the cycle numbers written in.
        var table = "cycle,R3,R3_err\n"
        for (row, n) in zip(lines.dropFirst(), cycles) {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            table += "\(n),\(f[value]),\(f[error])\n"
        }
        let csv = dir.appendingPathComponent("r3.csv").path
        try table.write(toFile: csv, atomically: true, encoding: .utf8)
        let track = try runNyquist(["track", csv, "--param", "R3", "--format", "json"])
        #expect(track.status == 0, "\(track.stderr)")
        #expect(track.stdout.contains("\"G2\"") || track.stdout.contains("squareRoot"), "\(track.stdout.prefix(400))")
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
