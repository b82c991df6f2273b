import Foundation
import NyquistTestSupport
import Testing

/// Issue 14 end to end: with stderr a pipe (as in a notebook or a log), `batch`, `track --bootstrap`, `validate`
/// over several files and `report` print plain progress lines; `--progress json` lines parse; `--progress none`
/// prints nothing but errors.
@Suite struct ProgressCommandTests {
    /// A directory with four simulated R1-p(R2,CPE2) spectra cycle1…cycle4.csv; `broken` makes cycle2 unreadable.
    static func cell(broken: Bool = false) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for n in 1...4 {
            let r = try runNyquist(["simulate", "--circuit", "R1-p(R2,CPE2)", "--param", "R1=20", "--param", "R2=100",
                                    "--param", "Q2=1e-5", "--param", "n2=0.9", "--noise", "0.005", "--seed", "\(n)"])
            #expect(r.status == 0, "\(r.stderr)")
            let text = broken && n == 2 ? "freq,Z_re,Z_im\n1000,20,-1\n100,4O,-10\n" : r.stdout
            try text.write(to: dir.appendingPathComponent("cycle\(n).csv"), atomically: true, encoding: .utf8)
        }
        return dir
    }

    /// The `progress: ` lines of stderr as (done, total).
    static func counts(_ stderr: String, unit: String) -> [[Int]] {
        stderr.split(separator: "\n").filter { $0.hasPrefix("progress: ") }.compactMap { line in
            let parts = line.dropFirst("progress: ".count).split(separator: " ")
            guard parts.count > 1, parts[1] == Substring(unit.split(separator: " ")[0]) else { return nil }
            return parts[0].split(separator: "/").compactMap { Int($0) }
        }
    }

    /// 4 spectra, one per 25 %: a line after each of the first three and the final line; the broken cycle2 is one
    /// failure from the second line on.
    @Test func batchInAPipePrintsLines() throws {
        let dir = try Self.cell(broken: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("fits.sqlite").path
        let r = try runNyquist(["batch", dir.path, "--circuit", "R1-p(R2,CPE2)", "--store", store, "--no-kk"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(Self.counts(r.stderr, unit: "spectra") == [[1, 4], [2, 4], [3, 4], [4, 4]], "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.last?.hasPrefix("progress: 4/4 spectra (100 %)") == true, "\(r.stderr)")
        #expect(lines.last?.contains("· 1 failures ·") == true, "\(r.stderr)")
        #expect(lines.last?.hasSuffix(" · done") == true, "\(r.stderr)")
        #expect(!r.stderr.contains("\r"))
    }

    @Test func batchJsonLinesParse() throws {
        let dir = try Self.cell(broken: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("fits.sqlite").path
        let r = try runNyquist(["batch", dir.path, "--circuit", "R1-p(R2,CPE2)", "--store", store, "--no-kk",
                                "--progress", "json"])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        let objects = try r.stderr.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
        }
        #expect(objects.map { $0["done"] as? Int } == [1, 2, 3, 4])
        #expect(objects.allSatisfy { $0["total"] as? Int == 4 })
        #expect(objects.map { $0["final"] as? Bool } == [false, false, false, true])
        #expect(objects.last?["failures"] as? Int == 1)
        #expect(objects.last?["eta_s"] as? Double == 0)
        for o in objects {
            let rate = try #require(o["rate_per_s"] as? Double), elapsed = try #require(o["elapsed_s"] as? Double)
            let done = try #require(o["done"] as? Int)
            // rate to 4 significant digits, elapsed to 1 ms.
            #expect(abs(rate * elapsed - Double(done)) <= 1e-3 * Double(done) + 1e-3 * rate, "rate × elapsed = done")
        }
    }

    /// `--progress none` and `--quiet`: only the errors (the skipped entry) on stderr.
    @Test func noneAndQuietPrintOnlyErrors() throws {
        let dir = try Self.cell()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data().write(to: dir.appendingPathComponent("cycle5.csv"))
        for flag in [["--progress", "none"], ["--quiet"]] {
            // Outside the input directory, so that the second run does not see the first run's store.
            let store = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-progress-\(UUID().uuidString).sqlite").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) } }
            let r = try runNyquist(["batch", dir.path, "--circuit", "R1-p(R2,CPE2)", "--store", store, "--no-kk"] + flag)
            #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
            #expect(r.stderr == "nyquist: \(dir.appendingPathComponent("cycle5.csv").path): skipped: is empty\n")
        }
    }

    /// `track --bootstrap 20` with two laws: 40 replicates, a line at every 5 % step (2 replicates) and the final
    /// line at 40/40 (more lines only if 5 s pass between steps).
    @Test func trackBootstrapPrintsLines() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("r3.csv")
        let cycles = [1, 2, 5, 10, 20, 50, 100, 200, 300, 500]
        let text = "cycle,R3,R3_err\n" + cycles.enumerated().map { i, c in
            let r3 = 100 + 20 * Double(c).squareRoot() * (1 + 0.01 * Double(i % 3 - 1))
            return "\(c),\(r3),\(0.02 * r3)"
        }.joined(separator: "\n") + "\n"
        try text.write(to: csv, atomically: true, encoding: .utf8)
        let r = try runNyquist(["track", csv.path, "--laws", "G1,G2", "--bootstrap", "20"])
        #expect(r.status == 0, "\(r.stderr)")
        let counts = Self.counts(r.stderr, unit: "bootstrap replicates")
        #expect(counts.allSatisfy { $0.count == 2 && $0[1] == 40 }, "\(r.stderr)")
        let done = counts.map { $0.first ?? -1 }
        #expect(done.last == 40, "\(r.stderr)")
        #expect(Set(stride(from: 2, through: 40, by: 2)).isSubset(of: Set(done)), "\(r.stderr)")
        #expect(zip(done, done.dropFirst()).allSatisfy { $0 <= $1 })
        let quiet = try runNyquist(["track", csv.path, "--laws", "G1,G2", "--bootstrap", "20", "--progress", "none"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(quiet.stdout == r.stdout)
    }

    /// `validate` over four files: a line per file (25 % each) and the final one; one file alone prints none in a
    /// pipe; the result table on stdout is unchanged by the progress option.
    @Test func validateOverManyFilesPrintsLines() throws {
        let dir = try Self.cell()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = (1...4).map { dir.appendingPathComponent("cycle\($0).csv").path }
        let r = try runNyquist(["validate"] + files)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(Self.counts(r.stderr, unit: "files") == [[1, 4], [2, 4], [3, 4], [4, 4]], "\(r.stderr)")
        let none = try runNyquist(["validate"] + files + ["--progress", "none"])
        #expect(none.stderr.isEmpty && none.stdout == r.stdout)
        let one = try runNyquist(["validate", files[0]])
        #expect(one.status == 0 && one.stderr.isEmpty, "\(one.stderr)")
    }

    /// `report` over a store of 4 spectra of R1-p(R2,CPE2): 4 parameter plots + 4 overlays = 8 plots.
    @Test func reportPrintsLinesOverPlots() throws {
        let dir = try Self.cell()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("fits.sqlite").path
        let batch = try runNyquist(["batch", dir.path, "--circuit", "R1-p(R2,CPE2)", "--store", store, "--no-kk", "--quiet"])
        #expect(batch.status == 0, "\(batch.stderr)")
        let html = dir.appendingPathComponent("report.html").path
        let r = try runNyquist(["report", store, "-o", html, "--growth", "none"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.counts(r.stderr, unit: "plots") == (1...8).map { [$0, 8] }, "\(r.stderr)")
    }
}
