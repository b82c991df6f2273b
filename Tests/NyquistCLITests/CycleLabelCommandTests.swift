import Foundation
import Nyquist
import NyquistTestSupport
import Testing

/// A folder of `cycle_001.csv … cycle_012.csv` without cycle columns → batch → track and report (issue 14).
@Suite(.serialized) struct CycleLabelCommandTests {
    /// R3 of cycle n: 100 + 25·√n Ω; the other parameters of assb-cathode fixed.
    static func truth(_ n: Int) -> [Double] { [20, 30, 1e-7, 0.9, 100 + 25 * Double(n).squareRoot(), 1e-5, 0.8] }

    /// Twelve spectra (100 kHz…0.1 Hz, 8 per decade, 0.5 % noise), one CSV per cycle, no cycle column.
    static func makeFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-cycles-\(UUID().uuidString)")
        let data = dir.appendingPathComponent("cell")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for n in 1...12 {
            let s = try Synthetic.spectrum(Synthetic.assbCathode, parameters: truth(n), from: 1e5, to: 0.1,
                                           pointsPerDecade: 8, noise: 0.005, seed: UInt64(n))
            let name = "cycle_" + String(repeating: "0", count: n < 10 ? 2 : 1) + "\(n).csv"
            try SpectrumWriter.csv([s]).write(to: data.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    func batch(_ folder: URL, store: String, extra: [String] = []) throws -> CommandOutput {
        try runNyquist(["batch", folder.path, "--circuit", "assb-cathode", "--store", store, "--quiet", "--no-kk",
                        "--random-starts", "40"] + extra)
    }

    /// The `cycle` of each point of `track --format json`.
    func trackedCycles(_ json: String) throws -> [Double] {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let points = try #require(object["points"] as? [[String: Any]])
        return points.compactMap { $0["cycle"] as? Double }
    }

    @Test func labelsFromFileNamesReachTrackAndReport() throws {
        let dir = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("fits.sqlite").path
        let b = try batch(dir.appendingPathComponent("cell"), store: store)
        #expect(b.status == 0, "\(b.stderr)")
        let export = try runNyquist(["export", store, "--param", "R3"])
        let rows = export.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let cycle = try #require(rows.first?.firstIndex(of: "cycle"))
        #expect(rows.dropFirst().map { String($0[cycle]) } == (1...12).map(String.init))

        let track = try runNyquist(["track", store, "--param", "R3", "--bootstrap", "0", "--format", "json"])
        #expect(track.status == 0, "\(track.stderr)")
        #expect(try trackedCycles(track.stdout) == (1...12).map(Double.init))
        #expect(!track.stderr.contains("no cycle label"), "\(track.stderr)")
        let table = try runNyquist(["track", store, "--param", "R3", "--bootstrap", "0"])
        #expect(table.status == 0 && table.stdout.contains("G1"), "\(table.stdout)\(table.stderr)")

        let report = try runNyquist(["report", store, "-o", dir.appendingPathComponent("r.html").path,
                                     "--max-spectra", "0"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(!report.stderr.contains("no cycle label"), "\(report.stderr)")
    }

    @Test func unlabelledSeriesIsTrackedAndReportedByPositionWithOneNote() throws {
        let dir = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("fits.sqlite").path
        // A user pattern that matches no name: the series has no labels at all.
        let b = try batch(dir.appendingPathComponent("cell"), store: store, extra: ["--cycle-from-name", #"^run(\d+)"#])
        #expect(b.status == 0, "\(b.stderr)")

        let track = try runNyquist(["track", store, "--param", "R3", "--bootstrap", "0", "--format", "json"])
        #expect(track.status == 0, "\(track.stderr)")
        #expect(try trackedCycles(track.stdout) == (0..<12).map(Double.init))
        let notes = track.stderr.split(separator: "\n").filter { $0.contains("12 of 12 spectra have no cycle label") }
        #expect(notes.count == 1, "\(track.stderr)")

        let html = dir.appendingPathComponent("r.html").path
        let report = try runNyquist(["report", store, "-o", html, "--max-spectra", "0"])
        #expect(report.status == 0, "\(report.stderr)")
        let lines = report.stderr.split(separator: "\n").filter { $0.contains("no cycle label") }
        #expect(lines.count == 1 && lines[0].contains("position"), "\(report.stderr)")
        let text = try String(contentsOfFile: html, encoding: .utf8)
        #expect(text.contains("best by AICc"), "the growth law is drawn against position")

        // A rerun with the default rule fits nothing again but gives the stored spectra their labels.
        let rerun = try batch(dir.appendingPathComponent("cell"), store: store)
        #expect(rerun.status == 0 && rerun.stdout.contains("12 already stored"), "\(rerun.stdout)\(rerun.stderr)")
        let labelled = try runNyquist(["track", store, "--param", "R3", "--bootstrap", "0", "--format", "json"])
        #expect(try trackedCycles(labelled.stdout) == (1...12).map(Double.init))
        #expect(!labelled.stderr.contains("no cycle label"), "\(labelled.stderr)")
    }

    @Test func badCycleRegexIsAnOptionError() throws {
        let dir = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("fits.sqlite").path
        let r = try batch(dir.appendingPathComponent("cell"), store: store, extra: ["--cycle-from-name", "cycle_\\d+"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--cycle-from-name 'cycle_\\d+': needs exactly one capture group"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store), "refused before the store is created")
    }
}
