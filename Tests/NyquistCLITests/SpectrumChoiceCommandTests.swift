import Foundation
import NyquistTestSupport
import Testing

/// `nyquist fit` on a file with several spectra, and `nyquist info` on a multiplexer session (issue 12, point 3).
@Suite struct SpectrumChoiceCommandTests {
    /// Two sweeps of R1 + R2‖C (R1 = 10 Ω, C = 10 µF; R2 = 100 Ω, then 200 Ω), 1e5 … 0.1 Hz at 5 points per decade:
    /// Z = R1 + R2/(1 + jωR2C), so Z′ = R1 + R2/(1 + (ωR2C)²) and Z″ = −ωR2²C/(1 + (ωR2C)²).
    static func twoSweeps() throws -> String {
        var text = "freq,Zre,Zim\n"
        for r2 in [100.0, 200.0] {
            for k in 0...30 {
                let f = 1e5 * pow(10, -Double(k) / 5), x = 2 * Double.pi * f * r2 * 1e-5
                text += "\(f),\(10 + r2 / (1 + x * x)),\(-x * r2 / (1 + x * x))\n"
            }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("two-sweeps-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func fitRefusesAFileWithSeveralSpectraWithoutSpectrum() throws {
        let path = try Self.twoSweeps()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try runNyquist(["fit", path, "--circuit", "R1-p(R2,C2)", "--method", "lm"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("holds 2 spectra; choose one with --spectrum N"))
        #expect(r.stderr.contains("#0  31 pts") && r.stderr.contains("#1  31 pts"))
    }

    @Test func fitUsesTheSpectrumNamedBySpectrum() throws {
        let path = try Self.twoSweeps()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try runNyquist(["fit", path, "--circuit", "R1-p(R2,C2)", "--method", "lm", "--spectrum", "1",
                                "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let r2 = try #require(rows.first { $0.first == "R2" }.flatMap { Double($0[1]) })
        #expect(abs(r2 - 200) < 1e-3, "R2 = \(r2): the second sweep has R2 = 200 Ω")
    }

    @Test func infoShowsTheChannelOfEachSpectrum() throws {
        let json = PalmSensSession.multiplexer(frequency: [1000, 10], channels: [
            (3, [([1, 2], [5, 6])]), (5, [([3, 4], [7, 8])]),
        ])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mux-\(UUID().uuidString).pssession").path
        try Data(PalmSensSession.bytes(json)).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try runNyquist(["info", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("2 spectra"))
        #expect(r.stdout.contains("#0  2 pts  1 kHz → 10 Hz  channel CH 3"))
        #expect(r.stdout.contains("#1  2 pts  1 kHz → 10 Hz  channel CH 5"))
    }
}
