import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NyquistTestSupport
import Testing

/// `simulate` → `batch` (with lin-KK) → `export` / `report`, end to end on two small cells.
@Suite struct ReportCommandTests {
    /// Writes cycle n of a cell: assb-cathode with R3 = 100 + 25·√n Ω, 0.2 % noise, a `cycle` column added. With
    /// `distort`, line 60 of the CSV, point 60 (1-based) of 161, gets +3 % of |Z| added to Z″ — one bad point, which lin-KK flags as an outlier.
    static func writeCycle(_ n: Int, seed: Int, to url: URL, distort: Bool = false) throws {
        let r = try runNyquist(["simulate", "--circuit", "assb-cathode", "--param", "R1=20", "--param", "R2=30",
                                "--param", "Q2=1e-7", "--param", "n2=0.9", "--param", "R3=\(100 + 25 * Double(n).squareRoot())",
                                "--param", "Q3=1e-5", "--param", "n3=0.8", "--noise", "0.002", "--seed", "\(seed)"])
        #expect(r.status == 0, "\(r.stderr)")
        var lines = r.stdout.split(separator: "\n").map(String.init)
        if distort {
            var f = lines[60].split(separator: ",").map { Double($0) ?? .nan }
            f[2] += 0.03 * (f[1] * f[1] + f[2] * f[2]).squareRoot()
            lines[60] = f.map { "\($0)" }.joined(separator: ",")
        }
        lines = lines.enumerated().map { $0.offset == 0 ? "cycle," + $0.element : "\(n)," + $0.element }
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// Every `<svg …>…</svg>` element of `html`.
    static func svgs(_ html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let a = rest.range(of: "<svg"), let b = rest.range(of: "</svg>", range: a.upperBound..<rest.endIndex) {
            out.append(String(rest[a.lowerBound..<b.upperBound]))
            rest = rest[b.upperBound...]
        }
        return out
    }

    final class Parse: NSObject, XMLParserDelegate, @unchecked Sendable {
        var error: Error?
        func parser(_ parser: XMLParser, parseErrorOccurred e: Error) { error = e }
    }

    @Test func batchFlagsKKAndReportIsSelfContained() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        for cell in ["cellA", "cellB"] {
            let d = dir.appendingPathComponent(cell)
            try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
            for n in 1...3 {
                try Self.writeCycle(n, seed: n + (cell == "cellB" ? 10 : 0), to: d.appendingPathComponent("cycle\(n).csv"),
                                    distort: cell == "cellB" && n == 2)
            }
        }
        let store = dir.appendingPathComponent("fits.sqlite").path
        let batch = try runNyquist(["batch", dir.appendingPathComponent("cellA").path,
                                    dir.appendingPathComponent("cellB").path, "--circuit", "assb-cathode",
                                    "--store", store, "--method", "auto", "--quiet"])
        #expect(batch.status == 0, "\(batch.stderr)")
        #expect(batch.stdout.contains("6 fitted") && batch.stdout.contains("1 failed Kramers–Kronig"), "\(batch.stdout)")

        let export = try runNyquist(["export", store, "--param", "R3"])
        let rows = export.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.first?.suffix(3) == ["kk", "kk_noise_percent", "warnings"])
        let flags = rows.dropFirst().map { "\($0[0].split(separator: "/").last ?? "")/\($0[4]):\($0[$0.count - 3])" }
        #expect(flags == ["cellA/1:pass", "cellA/2:pass", "cellA/3:pass", "cellB/1:pass", "cellB/2:fail", "cellB/3:pass"])

        // One source file gone: the report says so and is still written.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("cellA/cycle3.csv"))
        let output = dir.appendingPathComponent("report.html").path
        let report = try runNyquist(["report", store, "--param", "R2,R3", "--output", output])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        let svgs = Self.svgs(html)
        // Two series plots and five spectra (the sixth is missing).
        #expect(svgs.count == 2 + 5)
        for svg in svgs {
            let parser = XMLParser(data: Data(svg.utf8))
            let delegate = Parse()
            parser.delegate = delegate
            #expect(parser.parse(), "\(String(describing: delegate.error))")
        }
        #expect(html.contains("source not available") && html.contains("cycle3.csv"))
        // Three cycles per cell: too few for a growth law, so no curve and no band for either cell.
        #expect(!html.contains("best by AICc") && !html.contains("fill-opacity=\"0.18\""))
        // The table: one row per fit, the distorted spectrum flagged with its reason.
        let body = try #require(html.components(separatedBy: "<tbody>").last?.components(separatedBy: "</tbody>").first)
        let tableRows = body.components(separatedBy: "<tr").dropFirst()
        #expect(tableRows.count == 6)
        let failing = tableRows.filter { $0.contains("class=\"kk-fail\"") }
        #expect(failing.count == 1 && failing.first?.contains("cellB/cycle2.csv") == true)
        #expect(failing.first?.contains("point 60 ") == true)
        #expect(tableRows.filter { $0.contains("class=\"kk-pass\"") }.count == 5)

        let bad = try runNyquist(["report", store, "--param", "R9", "--output", output])
        #expect(bad.status != 0 && bad.stderr.contains("R9"))
        // A growth parameter the fit set lacks: the report is written, with a note saying why there is no curve.
        let noGrowth = try runNyquist(["report", store, "--growth", "R7", "--output", output])
        #expect(noGrowth.status == 0 && noGrowth.stderr.contains("no parameter 'R7'"), "\(noGrowth.stderr)")
        #expect(!report.stderr.contains("no growth-law curve"), "\(report.stderr)")
    }
}
