import Foundation
import NyquistTestSupport
import Testing

/// Every command's exit code and message follow the README's table: 0 ok; 1 not converged / batch failures /
/// validation failed; 2 bad circuit, parameter or option; 3 unreadable or invalid data; 4 numerical failure.
@Suite struct ExitCodeCommandTests {
    static let sample = "samples/assb-cathode-synthetic.csv"

    /// A folder of its own under the temporary directory, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-exit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// ArgumentParser exits 64 (EX_USAGE) on its own errors; ours is 2. Help and version stay 0.
    @Test func argumentErrorsExitTwoAndHelpExitsZero() throws {
        let unknown = try runNyquist(["fit", Self.sample, "--circuit", "assb-cathode", "--bogus"])
        #expect(unknown.status == 2 && unknown.stderr.contains("Unknown option '--bogus'"), "\(unknown.stderr)")
        let missing = try runNyquist(["fit", Self.sample])
        #expect(missing.status == 2 && missing.stderr.contains("--circuit"), "\(missing.stderr)")
        let badEnum = try runNyquist(["fit", Self.sample, "--circuit", "assb-cathode", "--format", "xml"])
        #expect(badEnum.status == 2 && badEnum.stderr.contains("xml"), "\(badEnum.stderr)")
        let notANumber = try runNyquist(["validate", Self.sample, "--max-noise", "lots"])
        #expect(notANumber.status == 2 && notANumber.stderr.contains("lots"), "\(notANumber.stderr)")
        let help = try runNyquist(["fit", "--help"])
        #expect(help.status == 0 && help.stdout.contains("OVERVIEW"))
        let version = try runNyquist(["--version"])
        #expect(version.status == 0 && !version.stdout.isEmpty)
    }

    /// `--fmin -5` used to fail as "Missing value for '--fmin'": the value now reaches the option's own check.
    @Test func negativeValuesGetTheirDomainMessage() throws {
        let fmin = try runNyquist(["fit", Self.sample, "--circuit", "assb-cathode", "--fmin", "-5"])
        #expect(fmin.status == 2 && fmin.stderr.contains("--fmin must be > 0 Hz, got -5"), "\(fmin.stderr)")
        #expect(!fmin.stderr.contains("Missing value"))
        let param = try runNyquist(["simulate", "--circuit", "R1", "--param", "R1=-3"])
        #expect(param.status == 2 && param.stderr.contains("--param R1=-3") && param.stderr.contains("R must be > 0"),
                "\(param.stderr)")
        let noise = try runNyquist(["simulate", "--circuit", "R1", "--param", "R1=3", "--noise", "-0.1"])
        #expect(noise.status == 2 && noise.stderr.contains("--noise"), "\(noise.stderr)")
        let spectrum = try runNyquist(["convert", Self.sample, "--to", "csv", "--spectrum", "-1"])
        #expect(spectrum.status == 2 && spectrum.stderr.contains("--spectrum must be a 0-based index ≥ 0, got -1"),
                "\(spectrum.stderr)")
        let maxNoise = try runNyquist(["validate", Self.sample, "--max-noise", "-1"])
        #expect(maxNoise.status == 2 && maxNoise.stderr.contains("--max-noise must be > 0 %, got -1"), "\(maxNoise.stderr)")
    }

    /// Options that contradict each other, or the data, are errors naming both sides.
    @Test func contradictoryOptionsExitTwoNamingBoth() throws {
        func fit(_ extra: [String]) throws -> CommandOutput {
            try runNyquist(["fit", Self.sample, "--circuit", "assb-cathode"] + extra)
        }
        let twice = try fit(["--param", "R1=20", "--param", "R1=25"])
        #expect(twice.status == 2 && twice.stderr.contains("--param R1=25 contradicts --param R1=20"), "\(twice.stderr)")
        let paramAndFix = try fit(["--param", "n2=0.9", "--fix", "n2=0.8"])
        #expect(paramAndFix.status == 2 && paramAndFix.stderr.contains("--fix n2=0.8 contradicts --param n2=0.9"),
                "\(paramAndFix.stderr)")
        let exponent = try fit(["--fix", "n2=1.2"])
        #expect(exponent.status == 2 && exponent.stderr.contains("--fix n2=1.2") && exponent.stderr.contains("≤ 1"),
                "\(exponent.stderr)")
        let outside = try fit(["--bound", "R3=1:100", "--fix", "R3=5000"])
        #expect(outside.status == 2 && outside.stderr.contains("--fix R3=5000")
                && outside.stderr.contains("--bound R3=1:100"), "\(outside.stderr)")
        let unknown = try fit(["--fix", "X9=1"])
        #expect(unknown.status == 2 && unknown.stderr.contains("--fix X9=1: unknown parameter 'X9'"), "\(unknown.stderr)")
        let points = try fit(["--points", "1:500"])
        #expect(points.status == 2 && points.stderr.contains("--points 1:500") && points.stderr.contains("161 points"),
                "\(points.stderr)")
        let window = try fit(["--fmin", "1000", "--fmax", "10"])
        #expect(window.status == 2 && window.stderr.contains("--fmin 1000 Hz must be below --fmax 10 Hz"), "\(window.stderr)")
        let spectrum = try fit(["--spectrum", "3"])
        #expect(spectrum.status == 2 && spectrum.stderr.contains("--spectrum 3"), "\(spectrum.stderr)")
    }

    /// A `param` line repeated in a `.circuit` file is exit 2 with the file and both lines.
    @Test func duplicateParamLineInACircuitFileExitsTwo() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("twice.circuit")
        try "circuit R1\nparam R1 5 0 inf\nparam R1 6 0 inf\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try runNyquist(["simulate", "--circuit", file.path])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("\(file.path):3: parameter R1 is set twice (first on line 2)"), "\(r.stderr)")
    }

    /// `info`, `convert` and `validate` exit 3 on unreadable or invalid data (they exited 1), naming the file.
    @Test func unreadableDataExitsThree() throws {
        for args in [["info", "no/such.csv"], ["convert", "no/such.csv", "--to", "csv"], ["validate", "no/such.csv"]] {
            let r = try runNyquist(args)
            #expect(r.status == 3 && r.stderr.contains("no/such.csv"), "\(args): \(r.status) \(r.stderr)")
        }
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("empty.csv")
        try "freq_Hz,Z_re_Ohm,Z_im_Ohm\n".write(to: empty, atomically: true, encoding: .utf8)
        for command in ["info", "validate"] {
            let r = try runNyquist([command, empty.path])
            #expect(r.status == 3 && r.stderr.contains(empty.path), "\(command): \(r.status) \(r.stderr)")
        }
    }

    /// `info` printed a 1e30 Hz frequency through Int(_:), which trapped (SIGILL); it now prints it.
    @Test func infoPrintsAHugeFrequencyWithoutATrap() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("huge.csv")
        try "freq_Hz,Z_re_Ohm,Z_im_Ohm\n1e30,10,-1\n100,12,-3\n10,20,-5\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try runNyquist(["info", file.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1e+24 MHz → 10 Hz"), "\(r.stdout)")
    }

    /// Too few points for lin-KK is invalid data (exit 3) with the reason, not a usage text.
    @Test func validateWithTooFewPointsSaysSo() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("three.csv")
        try "freq_Hz,Z_re_Ohm,Z_im_Ohm\n1000,10,-1\n100,12,-3\n10,20,-5\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try runNyquist(["validate", file.path])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("3 points are too few for a Kramers–Kronig test"), "\(r.stderr)")
        #expect(!r.stderr.contains("Usage"))
    }

    /// A spectrum whose real part ignores its imaginary part fails lin-KK: exit 1 with FAIL in the table.
    /// Z″ is the R2‖C arc's −ωR2²C/(1 + (ωR2C)²) (R2 = 100 Ω, C = 1e-5 F), but Z′ stays at 10 Ω instead of
    /// 10 + R2/(1 + (ωR2C)²), which no causal linear system does.
    @Test func validateExitsOneWhenASpectrumFails() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = "freq_Hz,Z_re_Ohm,Z_im_Ohm\n"
        for k in 0...60 {
            let f = pow(10, 5 - Double(k) / 10), w = 2 * Double.pi * f, x = w * 100 * 1e-5
            csv += "\(f),10,\(-100 * x / (1 + x * x))\n"
        }
        let file = dir.appendingPathComponent("not-kk.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let r = try runNyquist(["validate", file.path])
        #expect(r.status == 1, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("\tFAIL\t"), "\(r.stdout)")
    }

    /// `export` names an unknown `--param` or `--fit-set` as an option error (exit 2) and a missing store as
    /// unreadable data (exit 3).
    @Test func exportOptionErrorsExitTwoAndAMissingStoreThree() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = dir.appendingPathComponent("results.sqlite").path
        let batch = try runNyquist(["batch", Self.sample, "--circuit", "assb-cathode", "--store", store,
                                    "--method", "lm", "--no-kk", "--quiet"])
        #expect(batch.status == 0, "\(batch.stdout)\(batch.stderr)")
        let param = try runNyquist(["export", store, "--param", "R9"])
        #expect(param.status == 2 && param.stderr.contains("unknown parameter 'R9'"), "\(param.stderr)")
        let fitSet = try runNyquist(["export", store, "--fit-set", "99"])
        #expect(fitSet.status == 2 && fitSet.stderr.contains("no fit set 99"), "\(fitSet.stderr)")
        let missing = try runNyquist(["export", dir.appendingPathComponent("none.sqlite").path])
        #expect(missing.status == 3 && missing.stderr.contains("none.sqlite"), "\(missing.stderr)")
    }

    /// A file that cannot be written is reported with its path, exit 3.
    @Test func unwritableOutputExitsThree() throws {
        let r = try runNyquist(["convert", Self.sample, "--to", "csv", "--output", "/no/such/folder/out.csv"])
        #expect(r.status == 3 && r.stderr.contains("/no/such/folder/out.csv"), "\(r.stderr)")
    }
}
