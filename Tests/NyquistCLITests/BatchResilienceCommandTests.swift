import Foundation
import NyquistTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 12, points 2 and 6, end to end: one bad file never stops `nyquist batch`, and `export`/`report` never
/// change a file they read.
@Suite struct BatchResilienceCommandTests {
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-resilience-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// One simulated R1-p(R2,CPE2) spectrum (R2 = 100 Ω) as CSV.
    static func simulated(seed: Int) throws -> String {
        let r = try runNyquist(["simulate", "--circuit", "R1-p(R2,CPE2)", "--param", "R1=20", "--param", "R2=100",
                                "--param", "Q2=1e-5", "--param", "n2=0.9", "--noise", "0.005", "--seed", "\(seed)"])
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
    }

    /// cycle1…cycle4 with cycle2 broken on line 3, plus an empty file, a FIFO and a broken link: the batch reports
    /// and skips the three entries, stores cycle2 as failed, fits the other three and exits 1; a rerun skips the
    /// failed one and says so; `--retry-failed` reads it again.
    @Test func aBadFileInTheMiddleIsStoredFailedAndTheRestIsFitted() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("cell")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let p = { (name: String) in data.appendingPathComponent(name).path }
        for n in [1, 3, 4] { try Self.simulated(seed: n).write(toFile: p("cycle\(n).csv"), atomically: true, encoding: .utf8) }
        try "freq,Z_re,Z_im\n1000,20,-1\n100,4O,-10\n".write(toFile: p("cycle2.csv"), atomically: true, encoding: .utf8)
        try Data().write(to: URL(fileURLWithPath: p("cycle5.csv")))
        #expect(mkfifo(p("cycle6.csv"), 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: p("cycle7.csv"), withDestinationPath: p("moved.csv"))
        let store = dir.appendingPathComponent("fits.sqlite").path
        let args = ["batch", data.path, "--circuit", "R1-p(R2,CPE2)", "--store", store, "--quiet", "--no-kk"]

        let first = try runNyquist(args)
        #expect(first.status == 1, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("4 spectra in 1 series: 3 fitted"), "\(first.stdout)")
        #expect(first.stdout.contains("1 failed"), "\(first.stdout)")
        let lines = first.stderr.split(separator: "\n").map(String.init)
        #expect(lines == ["nyquist: \(p("cycle5.csv")): skipped: is empty",
                          "nyquist: \(p("cycle6.csv")): skipped: is a FIFO (named pipe)",
                          "nyquist: \(p("cycle7.csv")): skipped: broken symbolic link"], "\(first.stderr)")

        let export = try runNyquist(["export", store, "--param", "R2"])
        #expect(export.status == 0, "\(export.stderr)")
        let rows = export.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.map { ($0[2] as NSString).lastPathComponent } == ["cycle1.csv", "cycle2.csv", "cycle3.csv", "cycle4.csv"])
        #expect(rows.map { $0[5] } == ["converged", "failed", "converged", "converged"])
        for row in rows where row[5] == "converged" {
            let r2 = try #require(Double(row[7])), se = try #require(Double(row[8]))
            #expect(abs(r2 - 100) <= 5 * se, "R2 = \(r2) ± \(se)")
        }

        let rerun = try runNyquist(args)
        #expect(rerun.status == 1)
        #expect(rerun.stdout.contains("4 already stored (1 of them failed, not retried: --retry-failed), 0 failed"),
                "\(rerun.stdout)")

        let retry = try runNyquist(args + ["--retry-failed"])
        #expect(retry.status == 1)
        #expect(retry.stdout.contains("3 already stored, 1 failed"), "\(retry.stdout)")
    }

    /// `export` and `report` on files that are not stores: exit 3, the reason named, the bytes untouched, no file
    /// created beside them.
    @Test func exportAndReportLeaveANonStoreByteIdentical() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var random = SystemRandomNumberGenerator()
        let files: [(String, Data, String)] = [
            ("random.sqlite", Data((0..<2048).map { _ in UInt8.random(in: 0...255, using: &random) }),
             "not an SQLite database (no SQLite header)"),
            ("cycle1.csv", Data(try Self.simulated(seed: 1).utf8), "not an SQLite database (no SQLite header)"),
            ("empty.sqlite", Data(), "is empty"),
        ]
        for (name, bytes, _) in files { try bytes.write(to: dir.appendingPathComponent(name)) }
        for (name, bytes, reason) in files {
            let path = dir.appendingPathComponent(name).path
            let export = try runNyquist(["export", path])
            #expect(export.status == 3, "\(export.stderr)")
            #expect(export.stderr == "nyquist: \(path): not a nyquist results store: \(reason) (the file was not changed)\n")
            let report = try runNyquist(["report", path, "--output", dir.appendingPathComponent("r.html").path])
            #expect(report.status == 3 && report.stderr.contains("not a nyquist results store"), "\(report.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(name) changed")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
                == ["cycle1.csv", "empty.sqlite", "random.sqlite"])
    }

    /// A finished store made read-only (files 444, folder 555) exports and reports, and nothing in the folder
    /// changes.
    @Test func aReadOnlyStoreInAReadOnlyFolderExportsAndReports() throws {
        let dir = try Self.temporaryDirectory()
        let archive = dir.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        defer { chmod(archive.path, 0o755); try? FileManager.default.removeItem(at: dir) }
        let store = archive.appendingPathComponent("fits.sqlite").path
        let batch = try runNyquist(["batch", "--synthetic", "2", "--circuit", "R1-p(R2,CPE2)", "--store", store,
                                    "--quiet", "--no-kk"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: archive.path).sorted()
        let before = try names.map { try Data(contentsOf: archive.appendingPathComponent($0)) }
        for n in names { #expect(chmod(archive.appendingPathComponent(n).path, 0o444) == 0) }
        #expect(chmod(archive.path, 0o555) == 0)
        let export = try runNyquist(["export", store, "--param", "R2"])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.split(separator: "\n").count == 3)
        let report = try runNyquist(["report", store, "--growth", "none", "--output", dir.appendingPathComponent("r.html").path])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: archive.path).sorted() == names)
        #expect(try names.map { try Data(contentsOf: archive.appendingPathComponent($0)) } == before)
    }
}
