import Foundation
import NyquistTestSupport
import Testing

/// `nyquist drt` and `plot --kind drt`: output formats, the JSON schema of docs/outputs.md, exit codes.
@Suite struct DRTCommandTests {
    @Test func jsonMatchesTheSchemaAndTheSample() throws {
        let auto = try runNyquist(["drt", "samples/assb-cathode-synthetic.csv", "--format", "json"])
        #expect(auto.status == 0, "\(auto.stderr)")
        let fixed = try runNyquist(["drt", "samples/assb-cathode-synthetic.csv", "--format", "json", "--lambda", "1e-3",
                                    "--bootstrap", "0"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        try OutputSchemaCommandTests.check("drt", [auto.stdout, fixed.stdout])
        // The sample was simulated with R1 = 21.3, R2 = 34.8, R3 = 212 Ω (samples/README.md): within 5 %.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(auto.stdout.utf8)) as? [String: Any])
        let peaks = try #require(json["peaks"] as? [[String: Any]])
        let resistances = peaks.compactMap { $0["resistance"] as? Double }
        try #require(resistances.count == 2, "\(peaks)")
        #expect(abs(resistances[0] / 34.8 - 1) < 0.05 && abs(resistances[1] / 212 - 1) < 0.05, "\(resistances)")
        #expect(abs((json["rInf"] as? Double ?? 0) / 21.3 - 1) < 0.05)
    }

    @Test func tableAndCSV() throws {
        let table = try runNyquist(["drt", "samples/assb-cathode-synthetic.csv", "--bootstrap", "5"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("(rgcv)") && table.stdout.contains("peak"))
        let csv = try runNyquist(["drt", "samples/assb-cathode-synthetic.csv", "--format", "csv", "--bootstrap", "0"])
        #expect(csv.status == 0)
        #expect(csv.stdout.hasPrefix("tau_s,gamma_ohm\n") && csv.stdout.contains("# peaks"))
    }

    @Test func exitCodes() throws {
        let badLambda = try runNyquist(["drt", "samples/assb-cathode-synthetic.csv", "--lambda", "-1"])
        #expect(badLambda.status == 2)
        let badOrder = try runNyquist(["drt", "samples/assb-cathode-synthetic.csv", "--order", "3"])
        #expect(badOrder.status == 2)
        // Three points: a data error naming the file and the reason (exit 3).
        let few = try runNyquist(["drt", "-"], input: Data("freq_Hz,Z_re_Ohm,Z_im_Ohm\n100,1,-1\n10,2,-2\n1,3,-1\n".utf8))
        #expect(few.status == 3, "\(few.stderr)")
        #expect(few.stderr.contains("too few points"), "\(few.stderr)")
        let window = try runNyquist(["drt", "samples/assb-cathode-synthetic.csv", "--fmin", "1e3", "--fmax", "1.1e3"])
        #expect(window.status == 3, "\(window.stderr)")
    }

    @Test func plotKindDRTWritesAnSVGWithThePeaks() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("drt-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try runNyquist(["plot", "samples/assb-cathode-synthetic.csv", "--kind", "drt", "--output", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOf: out, encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.contains("<svg"))
        #expect(svg.contains("R1 = ") && svg.contains("R2 = ") && svg.contains("τ"))
    }
}
