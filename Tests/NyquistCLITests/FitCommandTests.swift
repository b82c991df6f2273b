import Foundation
import NyquistTestSupport
import Testing

/// `nyquist fit`, `validate` and `info` end to end on the sample spectrum.
@Suite struct FitCommandTests {
    /// samples/assb-cathode-synthetic.csv was made by `nyquist simulate` with these values and 0.5 % noise (README).
    static let truth: [String: Double] = ["R1": 21.3, "R2": 34.8, "Q2": 4.2e-8, "n2": 0.92, "R3": 212, "Q3": 2.3e-5, "n3": 0.78]

    @Test func jsonResultContainsTheTruthWithinItsIntervals() throws {
        let r = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let parameters = try #require(json["parameters"] as? [[String: Any]])
        #expect(parameters.count == 7)
        for p in parameters {
            let name = try #require(p["name"] as? String)
            let lo = try #require(p["lower95"] as? Double), hi = try #require(p["upper95"] as? Double)
            let t = try #require(Self.truth[name])
            #expect(lo <= t && t <= hi, "\(name): [\(lo), \(hi)] vs \(t)")
        }
        let convergence = try #require(json["convergence"] as? [String: Any])
        #expect(convergence["converged"] as? Bool == true)
    }

    @Test func tableAndCSVCarryUnitsAndMeasures() throws {
        let table = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "R1-p(R2,CPE2)-p(R3,CPE3)"])
        #expect(table.status == 0)
        for s in ["R3", "F·s^(n−1)", "χ²/|Z|", "pseudo-χ²", "AIC", "BIC", "95 % CI"] { #expect(table.stdout.contains(s)) }
        let csv = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "R(RQ)(RQ)", "--format", "csv"])
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "quantity,value,std_error,ci95_lower,ci95_upper,unit,note")
        #expect(rows.contains { $0.hasPrefix("R3,") && $0.contains(",Ω,") })
        #expect(rows.contains { $0.hasPrefix("chi2_over_modulus,") })
    }

    @Test func nonConvergedFitExitsOneAndStillPrints() throws {
        let r = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode",
                                "--method", "lm", "--max-iterations", "1"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("iteration limit") && r.stdout.contains("R3"))
    }

    @Test func badInputGivesExitCodesAndNamesTheProblem() throws {
        let missing = try runNyquist(["fit", "no/such/file.csv", "--circuit", "assb-cathode"])
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no/such/file.csv"))
        let unknownModel = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "no-such-model"])
        #expect(unknownModel.status == 2 && unknownModel.stderr.contains("no-such-model"))
        let badBound = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode",
                                       "--bound", "R3=5"])
        #expect(badBound.status == 2 && badBound.stderr.contains("--bound"))
        let emptyWindow = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode",
                                          "--fmin", "1e7"])
        #expect(emptyWindow.status == 2 && emptyWindow.stderr.contains("window"))
    }

    @Test func fixedParameterStaysFixed() throws {
        let r = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode",
                                "--fix", "n2=1", "--format", "csv"])
        #expect(r.status == 0)
        #expect(r.stdout.split(separator: "\n").contains { $0.hasPrefix("n2,1.0,") && $0.hasSuffix("fixed") })
    }

    @Test func validateAndInfoOnTheSample() throws {
        let kk = try runNyquist(["validate", "samples/assb-cathode-synthetic.csv"])
        #expect(kk.status == 0, "\(kk.stdout)\(kk.stderr)")
        #expect(kk.stdout.contains("pass"))
        let info = try runNyquist(["info", "samples/assb-cathode-synthetic.csv"])
        #expect(info.status == 0)
        #expect(info.stdout.contains("161 pts"))
    }

    @Test func fitWritesAPlot() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-fit-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode", "--plot", path])
        #expect(r.status == 0)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
        #expect(svg.contains("<polyline"))
    }
}

/// A real instrument file shipped in samples/ (BioLogic .mpr, Li6PS5Cl pellet, hybrid-drt, BSD-3).
@Suite struct RealSampleTests {
    @Test func binaryBioLogicFileFitsWithUncertainties() throws {
        let r = try runNyquist(["fit", "samples/PEIS_LPSCl_IonBlocking_-25C.mpr", "--circuit", "R1-p(R2,CPE2)-CPE3",
                                "--format", "csv"])
        // lin-KK passes this file at 0.07 % noise; this model misses it by 1.3 % RMS (more than 10 × in χ²), so the
        // fit is flagged above the noise and exits 1, with the full result printed.
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("warning,,,,,,\"fit-above-noise\""))
        let rows = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        for name in ["R1", "R2", "Q2", "n2", "Q3", "n3"] {
            let row = try #require(rows.first { $0.first.map(String.init) == name })
            #expect(Double(row[2]) != nil, "\(name) has a standard error")
        }
        // The bulk and grain-boundary arcs together span the real axis up to the blocking tail: R1 + R2 is close to
        // the Z′ where −Z″ is smallest between arc and tail (≈ 1.45 kΩ in this file, read off the converted data).
        let r1 = try #require(rows.first { $0.first == "R1" }.flatMap { Double($0[1]) })
        let r2 = try #require(rows.first { $0.first == "R2" }.flatMap { Double($0[1]) })
        #expect(r1 + r2 > 1300 && r1 + r2 < 1600, "R1 + R2 = \(r1 + r2)")
    }
}
