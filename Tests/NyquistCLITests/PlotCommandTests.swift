import Foundation
import NyquistTestSupport
import Testing

/// `nyquist plot` window, limits and zoom options: bad values exit 2 naming the option, a window draws only its
/// points.
@Suite struct PlotCommandTests {
    static let sample = "samples/assb-cathode-synthetic.csv"

    static func output() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-plot-\(UUID().uuidString).svg").path
    }

    @Test func badLimitsAndWindowsExitTwo() throws {
        let out = Self.output()
        defer { try? FileManager.default.removeItem(atPath: out) }
        func plot(_ extra: [String]) throws -> CommandOutput {
            try runNyquist(["plot", Self.sample, "--output", out] + extra)
        }
        let text = try plot(["--xlim", "0:2k"])
        #expect(text.status == 2 && text.stderr.contains("--xlim wants LO:HI") && text.stderr.contains("0:2k"),
                "\(text.stderr)")
        let reversed = try plot(["--ylim", "50:10"])
        #expect(reversed.status == 2 && reversed.stderr.contains("--ylim 50:10: LO must be below HI"), "\(reversed.stderr)")
        let infinite = try plot(["--xlim", "0:inf"])
        #expect(infinite.status == 2 && infinite.stderr.contains("--xlim"), "\(infinite.stderr)")
        let bode = try plot(["--kind", "bode", "--no-zoom"])
        #expect(bode.status == 2 && bode.stderr.contains("--kind nyquist only"), "\(bode.stderr)")
        let empty = try plot(["--fmin", "1e9"])
        #expect(empty.status == 2 && empty.stderr.contains("no point of spectrum 0 lies in the window"), "\(empty.stderr)")
        let order = try plot(["--fmin", "100", "--fmax", "10"])
        #expect(order.status == 2 && order.stderr.contains("--fmin 100 Hz must be below --fmax 10 Hz"), "\(order.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func windowDrawsOnlyItsPoints() throws {
        let out = Self.output()
        defer { try? FileManager.default.removeItem(atPath: out) }
        // Points with 1 Hz ≤ f ≤ 1 kHz, counted from the CSV itself (header, then f,Z′,Z″ rows).
        let csv = try String(contentsOfFile: RepositoryPaths.root.appendingPathComponent(Self.sample).path, encoding: .utf8)
        let inside = csv.split(separator: "\n").dropFirst()
            .compactMap { Double($0.split(separator: ",")[0]) }.filter { $0 >= 1 && $0 <= 1000 }.count
        #expect(inside > 10)
        let r = try runNyquist(["plot", Self.sample, "--fmin", "1", "--fmax", "1000", "--xlim", "0:300",
                                "--output", out])
        #expect(r.status == 0, "\(r.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        // One open circle a point plus the legend's sample marker.
        #expect(svg.components(separatedBy: "<circle").count - 1 == inside + 1)
        #expect(svg.contains(">Z′ / Ω<") && svg.contains(">−Z″ / Ω<"))
    }
}
