import Foundation
import NyquistTestSupport
import Testing

/// Extreme but finite data and options end in a result or a clear error with the README's exit code. A Swift trap
/// (SIGILL) shows as status 4 with nothing on stdout, so each case also checks what was printed.
@Suite struct ExtremeInputCommandTests {
    /// A CSV `freq,Zre,Zim` of R0 + R‖C (20 Ω, 100 Ω, 1 µF) at 1 MHz…10 mHz, 4 points per decade, with f and Z scaled.
    static func file(_ name: String, frequencyScale: Double = 1, impedanceScale: Double = 1) throws -> String {
        var text = "freq,Zre,Zim\n"
        for k in 0...32 {
            let f = Double.pow(10, 6 - 0.25 * Double(k)), w = 2 * Double.pi * f, rc = 100 * 1e-6 * w
            let re = 20 + 100 / (1 + rc * rc), im = -100 * rc / (1 + rc * rc)
            text += "\(f * frequencyScale),\(re * impedanceScale),\(im * impedanceScale)\n"
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-extreme-\(name).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func infoPrintsFrequenciesAboveIntMax() throws {
        // 1e300…1e292 Hz = 1e294…1e286 MHz; 1e19 Hz (> Int.max ≈ 9.22e18) = 1e13 MHz, a whole number printed as such.
        let huge = try runNyquist(["info", Self.file("info-huge", frequencyScale: 1e294)])
        #expect(huge.status == 0, "\(huge.stderr)")
        #expect(huge.stdout.contains("1e+294 MHz → 1e+286 MHz"), "\(huge.stdout)")
        let large = try runNyquist(["info", Self.file("info-large", frequencyScale: 1e13)])
        #expect(large.status == 0 && large.stdout.contains("10000000000000 MHz"), "\(large.stdout)")
    }

    @Test("fit of data beyond the fittable range is refused as data (exit 3), naming the point and the range",
          arguments: [("z-huge", 1.0, 1e306, "|Z|"), ("f-tiny", 1e-306, 1.0, "frequency"), ("f-huge", 1e294, 1.0, "frequency")])
    func fitOfExtremeData(_ name: String, _ frequencyScale: Double, _ impedanceScale: Double, _ what: String) throws {
        let path = try Self.file(name, frequencyScale: frequencyScale, impedanceScale: impedanceScale)
        let r = try runNyquist(["fit", path, "--circuit", "assb-cathode", "--starts", "20", "--refine", "2"])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains(what) && r.stderr.contains("outside the range Nyquist fits"), "\(r.stderr)")
    }

    @Test("extreme but fittable data are fitted: R2 = 100 Ω × scale to 1e-8",
          arguments: [(1e-90, 1.0), (1e90, 1.0), (1.0, 1e-28), (1.0, 1e80)])
    func fitOfFarButFittableData(_ frequencyScale: Double, _ impedanceScale: Double) throws {
        let path = try Self.file("far-\(frequencyScale)-\(impedanceScale)", frequencyScale: frequencyScale,
                                 impedanceScale: impedanceScale)
        let r = try runNyquist(["fit", path, "--circuit", "R1-p(R2,C2)", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = r.stdout.split(separator: "\n").first { $0.hasPrefix("R2,") }.map { $0.split(separator: ",") }
        let value = row.flatMap { $0.count > 1 ? Double($0[1]) : nil }
        // The file is exact R0 + R‖C with R = 100 Ω, scaled: R2 = 100 Ω · impedanceScale.
        #expect(value.map { abs($0 / (100 * impedanceScale) - 1) < 1e-8 } == true, "\(r.stdout)")
    }

    @Test func extremeDataArePlottedAndBatched() throws {
        let path = try Self.file("plot-huge", frequencyScale: 1e294, impedanceScale: 1e306)
        let svg = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-extreme.svg").path
        for kind in ["nyquist", "bode"] {
            let r = try runNyquist(["plot", path, "--kind", kind, "--output", svg])
            #expect(r.status == 0, "\(kind): \(r.stderr)")
            let text = try String(contentsOfFile: svg, encoding: .utf8)
            #expect(text.hasSuffix("</svg>\n") && !text.contains("nan") && !text.contains("inf"))
        }
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-extreme-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: store) }
        let b = try runNyquist(["batch", path, "--circuit", "assb-cathode", "--store", store, "--random-starts", "20",
                                "--quiet", "--no-kk"])
        // One spectrum beyond the fittable range: stored as failed, counted, exit 1 — no trap.
        #expect(b.status == 1 && (b.stdout + b.stderr).contains("1 failed"), "\(b.stdout)\(b.stderr)")
    }

    @Test func hugeStartValueReportsTheNonConvergence() throws {
        // R1 = 1e200 Ω makes every residual overflow: LM cannot move, and says so (the gradient is NaN, which the
        // status once converted to Int: a trap).
        let r = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode",
                                "--method", "lm", "--param", "R1=1e200"])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("no progress") && r.stdout.contains("R1"), "\(r.stdout)")
    }

    @Test func startCountsBeyondTheLimitAreOptionErrors() throws {
        let fit = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode",
                                  "--starts", "9223372036854775807"])
        #expect(fit.status == 2 && fit.stderr.contains("--starts"), "\(fit.stderr)")
        let refine = try runNyquist(["fit", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode",
                                     "--refine", "10001"])
        #expect(refine.status == 2 && refine.stderr.contains("--refine"), "\(refine.stderr)")
        let batch = try runNyquist(["batch", "samples/assb-cathode-synthetic.csv", "--circuit", "assb-cathode",
                                    "--store", "/nonexistent/s.sqlite", "--random-starts", "9223372036854775807"])
        #expect(batch.status == 2 && batch.stderr.contains("--random-starts"), "\(batch.stderr)")
        let synthetic = try runNyquist(["batch", "--synthetic", "9223372036854775807", "--circuit", "assb-cathode",
                                        "--store", "/nonexistent/s.sqlite"])
        #expect(synthetic.status == 2 && synthetic.stderr.contains("--synthetic"), "\(synthetic.stderr)")
    }

    @Test func simulateRefusesAnOverflowingSpectrum() throws {
        // |Z| ≈ 200 Ω times noise 1e308 overflows: the spectrum would be nan; it is a numerical failure instead.
        let noisy = try runNyquist(["simulate", "--circuit", "assb-cathode", "--freq", "1e6:1e-2:1", "--noise", "1e308"])
        #expect(noisy.status == 4 && noisy.stderr.contains("not finite") && noisy.stdout.isEmpty, "\(noisy.stderr)")
        // R1 + R2 = 2e308 = ∞.
        let huge = try runNyquist(["simulate", "--circuit", "R1-R2", "--param", "R1=1e308", "--param", "R2=1e308",
                                   "--freq", "1e6:1e-2:1"])
        #expect(huge.status == 4 && huge.stderr.contains("not finite"), "\(huge.stderr)")
        let fine = try runNyquist(["simulate", "--circuit", "assb-cathode", "--param", "R1=1e300", "--freq", "1e6:1e-2:1"])
        #expect(fine.status == 0 && fine.stdout.contains("1e+300"), "\(fine.stderr)")
    }
}
