import Foundation
import NyquistFit
import NyquistTestSupport
import Testing

/// `--solver` (issue 17, point 4) and the `--version` fast path (point 5) at the command line.
@Suite struct SolverOptionTests {
    static let sample = "samples/assb-cathode-synthetic.csv"

    @Test func unknownSolverIsAUsageErrorNamingTheChoices() throws {
        let r = try runNyquist(["fit", Self.sample, "--circuit", "assb-cathode", "--solver", "lu"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("--solver lu") && r.stderr.contains("normal-cholesky") && r.stderr.contains("qr"),
                "\(r.stderr)")
    }

    /// The chosen solver reaches the fit: it is recorded in the result's settings (JSON), absent when not chosen.
    @Test func chosenSolverIsRecordedInTheResult() throws {
        let chosen = try runNyquist(["fit", Self.sample, "--circuit", "assb-cathode", "--solver", "normal-cholesky",
                                     "--format", "json"])
        #expect(chosen.status == 0 || chosen.status == 1, "\(chosen.stderr)")
        #expect(chosen.stdout.contains("\"solver\" : \"normal-cholesky\""), "\(chosen.stdout.prefix(400))")
        let plain = try runNyquist(["fit", Self.sample, "--circuit", "assb-cathode", "--format", "json"])
        #expect(!plain.stdout.contains("\"solver\""))
    }

    /// The fast path prints exactly what ArgumentParser printed: the version and a newline, exit 0.
    @Test func versionPrintsTheVersionConstant() throws {
        let r = try runNyquist(["--version"])
        #expect(r.status == 0 && r.stdout == NyquistVersion.current + "\n" && r.stderr.isEmpty)
    }
}
