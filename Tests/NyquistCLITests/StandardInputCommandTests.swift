import Foundation
import NyquistTestSupport
import Testing

/// `fit -`, `info -`, `convert -`, `validate -` read standard input, and `convert --to csv` writes one tidy table
/// that `info` and `fit` read back spectrum by spectrum (issue 14, tables).
@Suite struct StandardInputCommandTests {
    /// R1 + R2‖C with R1 = 10 Ω, C = 10 µF, 1e5 … 0.1 Hz at 5 points per decade:
    /// Z′ = R1 + R2/(1 + x²), Z″ = −x·R2/(1 + x²) with x = 2πf·R2·C.
    static func sweep(r2: Double) -> [(f: Double, re: Double, im: Double)] {
        (0...30).map { k in
            let f = 1e5 * pow(10, -Double(k) / 5), x = 2 * Double.pi * f * r2 * 1e-5
            return (f, 10 + r2 / (1 + x * x), -x * r2 / (1 + x * x))
        }
    }

    /// Two sweeps (R2 = 100 Ω, then 200 Ω) stacked in one headed CSV.
    static let twoSweeps: String = {
        var text = "freq,Zre,Zim\n"
        for r2 in [100.0, 200.0] { for p in sweep(r2: r2) { text += "\(p.f),\(p.re),\(p.im)\n" } }
        return text
    }()

    static func temporary(_ text: String, _ ext: String = "csv") throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stdin-\(UUID().uuidString).\(ext)").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A tiny CSV parser (no quotes needed here): the header and the rows as fields.
    static func parse(_ csv: String) -> (header: [String], rows: [[String]]) {
        let lines = csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.first.map { $0.split(separator: ",").map(String.init) } ?? []
        let rows = lines.dropFirst().filter { !$0.isEmpty }
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (header, rows)
    }

    @Test func infoReadsStandardInputAndSaysSo() throws {
        let r = try runNyquist(["info", "-", "--verbose"], input: Data(Self.twoSweeps.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("-: csv, 2 spectra"))
        #expect(r.stdout.contains("#0  31 pts") && r.stdout.contains("#1  31 pts"))
        #expect(r.stdout.contains("read from standard input"))
    }

    @Test func infoDetectsABinaryFileOnStandardInputFromItsContent() throws {
        let mpr = try Data(contentsOf: RepositoryPaths.root.appendingPathComponent("samples/PEIS_LPSCl_IonBlocking_-25C.mpr"))
        let r = try runNyquist(["info", "-"], input: mpr)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("-: biologic-mpr, 1 spectrum"))
        #expect(r.stdout.contains("79 pts"))
    }

    @Test func emptyStandardInputIsBadDataNamingStdin() throws {
        let r = try runNyquist(["info", "-"], input: Data())
        #expect(r.status == 3)
        #expect(r.stderr.contains("<stdin>") && r.stderr.contains("empty"), "\(r.stderr)")
        let bad = try runNyquist(["fit", "-", "--circuit", "R1-p(R2,C2)"], input: Data("freq,Zre,Zim\n1,2,3\n10,2,x\n".utf8))
        #expect(bad.status == 3)
        #expect(bad.stderr.contains("<stdin>:3: not a number: 'x'"), "\(bad.stderr)")
    }

    @Test func fitReadsStandardInput() throws {
        var text = "freq_Hz,Z_re_Ohm,Z_im_Ohm\n"
        for p in Self.sweep(r2: 100) { text += "\(p.f),\(p.re),\(p.im)\n" }
        let r = try runNyquist(["fit", "-", "--circuit", "R1-p(R2,C2)", "--method", "lm", "--format", "csv"],
                               input: Data(text.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let rows = Self.parse(r.stdout).rows
        let r2 = try #require(rows.first { $0.first == "R2" }.flatMap { Double($0[1]) })
        #expect(abs(r2 - 100) < 1e-3, "R2 = \(r2), the data were made with 100 Ω")
    }

    @Test func validateReadsStandardInput() throws {
        var text = "freq_Hz,Z_re_Ohm,Z_im_Ohm\n"
        for p in Self.sweep(r2: 100) { text += "\(p.f),\(p.re),\(p.im)\n" }
        let r = try runNyquist(["validate", "-", "--format", "json"], input: Data(text.utf8))
        #expect(r.status == 0, "an exact R-RC spectrum passes lin-KK: \(r.stderr)")
        #expect(r.stdout.contains("\"file\" : \"-\"") && r.stdout.contains("\"passed\" : true"), "\(r.stdout)")
    }

    @Test func convertFromStandardInputMatchesConvertFromTheFile() throws {
        let path = try Self.temporary(Self.twoSweeps)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let fromFile = try runNyquist(["convert", path, "--to", "csv"])
        let fromPipe = try runNyquist(["convert", "-", "--to", "csv"], input: Data(Self.twoSweeps.utf8))
        #expect(fromPipe.status == 0 && fromFile.status == 0, "\(fromPipe.stderr)")
        #expect(fromPipe.stdout == fromFile.stdout)
        let json = try runNyquist(["convert", "-", "--to", "json"], input: Data(Self.twoSweeps.utf8))
        #expect(json.stdout.contains("\"sourceFile\" : \"<stdin>\""))
        #expect(json.stdout.contains("read from standard input"))
    }

    @Test func convertWritesOneTidyTableThatReadsBackSpectrumBySpectrum() throws {
        let path = try Self.temporary(Self.twoSweeps)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try runNyquist(["convert", path, "--to", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!r.stdout.contains("\n\n"), "no blank-line separators")
        let (header, rows) = Self.parse(r.stdout)
        #expect(header == ["spectrum", "freq_Hz", "Z_re_Ohm", "Z_im_Ohm"])
        #expect(rows.count == 62 && rows.allSatisfy { $0.count == 4 })
        for (k, r2) in [100.0, 200.0].enumerated() {
            let mine = rows.filter { $0[0] == "\(k)" }
            let expected = Self.sweep(r2: r2)
            #expect(mine.count == 31)
            for (row, p) in zip(mine, expected) {
                #expect(Double(row[1]) == p.f && Double(row[2]) == p.re && Double(row[3]) == p.im)
            }
        }
        // Round trip: the tidy table is itself a valid input, split by its spectrum column.
        let tidy = try Self.temporary(r.stdout)
        defer { try? FileManager.default.removeItem(atPath: tidy) }
        let info = try runNyquist(["info", tidy])
        #expect(info.stdout.contains("csv, 2 spectra") && info.stdout.contains("#1  31 pts"), "\(info.stdout)")
        let again = try runNyquist(["convert", tidy, "--to", "csv"])
        #expect(again.stdout == r.stdout)
        let fit = try runNyquist(["fit", tidy, "--spectrum", "1", "--circuit", "R1-p(R2,C2)", "--method", "lm",
                                  "--format", "csv"])
        let r2 = try #require(Self.parse(fit.stdout).rows.first { $0.first == "R2" }.flatMap { Double($0[1]) })
        #expect(abs(r2 - 200) < 1e-3, "R2 = \(r2): spectrum 1 has R2 = 200 Ω")
    }

    @Test func convertOfOneSpectrumKeepsItsFileIndex() throws {
        let r = try runNyquist(["convert", "-", "--to", "csv", "--spectrum", "1"], input: Data(Self.twoSweeps.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let rows = Self.parse(r.stdout).rows
        #expect(rows.count == 31 && rows.allSatisfy { $0[0] == "1" })
    }
}
