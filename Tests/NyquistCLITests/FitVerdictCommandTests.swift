import Foundation
import NyquistTestSupport
import Testing

/// `nyquist fit` reports a fit far above the noise with exit 1 and names the parameters the data do not determine.
@Suite struct FitVerdictCommandTests {
    /// Simulates `circuit` with `params` (100 kHz–10 mHz, 10 per decade, 0.5 % noise) into a temporary CSV.
    static func simulate(_ circuit: String, _ params: [String]) throws -> URL {
        let r = try runNyquist(["simulate", "--circuit", circuit, "--freq", "1e5:1e-2:10", "--noise", "0.005",
                                "--seed", "3"] + params.flatMap { ["--param", $0] })
        #expect(r.status == 0, "\(r.stderr)")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-verdict-\(UUID().uuidString).csv")
        try r.stdout.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func aWrongBasinExitsOneWithTheWarningAndAutoEscapesIt() throws {
        let circuit = "R1-p(R2,CPE2)-p(R3,CPE3)"
        let url = try Self.simulate(circuit, ["R1=20", "R2=100", "Q2=1e-6", "n2=0.9", "R3=8", "Q3=1e-2", "n3=0.9"])
        defer { try? FileManager.default.removeItem(at: url) }
        // Both arcs started equal: LM stays in the symmetric basin.
        let start = ["R1=20", "R2=50", "Q2=1e-6", "n2=0.9", "R3=50", "Q3=1e-6", "n3=0.9"].flatMap { ["--param", $0] }
        let lm = try runNyquist(["fit", url.path, "--circuit", circuit, "--method", "lm", "--format", "json"] + start)
        #expect(lm.status == 1, "\(lm.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(lm.stdout.utf8)) as? [String: Any])
        let convergence = try #require(json["convergence"] as? [String: Any])
        #expect(convergence["converged"] as? Bool == true)
        #expect(convergence["assessment"] as? String == "above-noise")
        let warnings = try #require(json["warnings"] as? [[String: Any]])
        #expect(warnings.contains { $0["code"] as? String == "fit-above-noise" && ($0["parameters"] as? [String]) == [] })
        let table = try runNyquist(["fit", url.path, "--circuit", circuit, "--method", "lm"] + start)
        #expect(table.status == 1)
        #expect(table.stdout.contains("far above the noise level"))
        #expect(table.stdout.contains("warning: fit far above the noise level"))

        let auto = try runNyquist(["fit", url.path, "--circuit", circuit] + start)
        #expect(auto.status == 0, "\(auto.stdout)")
        #expect(!auto.stdout.contains("far above the noise"))
    }

    @Test func flaggedParametersAreMarkedInTableAndCSV() throws {
        let url = try Self.simulate("R1-p(R2,CPE2)", ["R1=20", "R2=100", "Q2=1e-6", "n2=0.9"])
        defer { try? FileManager.default.removeItem(at: url) }
        let table = try runNyquist(["fit", url.path, "--circuit", "R1-p(R2,CPE2)-L3"])
        #expect(table.status == 0, "\(table.stdout)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("L3 ") && $0.hasSuffix("! (collapsed towards 0)") })
        #expect(lines.contains { $0.hasPrefix("warning: L3 = ") && $0.contains("collapsed towards 0") })
        #expect(!lines.contains { $0.hasPrefix("R2 ") && $0.contains("!") })
        let csv = try runNyquist(["fit", url.path, "--circuit", "R1-p(R2,CPE2)-L3", "--format", "csv"])
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix("L3,") && $0.hasSuffix(",parameter-collapsed") })
        #expect(rows.contains { $0 == "warning,,,,,,\"parameter-collapsed:L3\"" })
    }

    @Test func batchCountsFitsFarAboveTheNoise() throws {
        // The blocking-electrode sample with one CPE too few for its two arcs: lin-KK passes it at ≈ 0.07 % noise but
        // the model misses by ≈ 1.3 % RMS, so the fit is far above the noise; the well-described synthetic sample is not.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-above-noise-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let poor = try runNyquist(["batch", "samples/PEIS_LPSCl_IonBlocking_-25C.mpr", "--circuit", "R1-p(R2,CPE2)-CPE3",
                                   "--store", dir.appendingPathComponent("a.sqlite").path, "--progress", "none"])
        #expect(poor.status == 0 && poor.stdout.contains("1 far above the noise (fit-above-noise)"), "\(poor.stdout)\(poor.stderr)")
        let good = try runNyquist(["batch", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode",
                                   "--store", dir.appendingPathComponent("b.sqlite").path, "--progress", "none"])
        #expect(good.status == 0 && good.stdout.contains("1 fitted") && !good.stdout.contains("above the noise"),
                "\(good.stdout)\(good.stderr)")
    }
}
