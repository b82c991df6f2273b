import Foundation
import NyquistTestSupport
import Testing

/// Named circuits ship inside the binary; user models come only from `--circuits-dir` and `$NYQUIST_CIRCUITS`.
@Suite struct CircuitCatalogCommandTests {
    /// A folder of its own under the temporary directory, removed by the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-circuits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// No user folders from the test process's environment.
    static let noUserModels = ["NYQUIST_CIRCUITS": ""]

    /// assb-cathode's file values (R1 20, R2 30, Q2 5e-8, n2 0.9, R3 100, Q3 1e-5, n3 0.8) at f Hz, by hand:
    /// Z = R1 + Σ R/(1 + R Q (jω)ⁿ) with (jω)ⁿ = ωⁿ (cos(nπ/2) + j sin(nπ/2)).
    static func assbCathode(_ f: Double) -> (re: Double, im: Double) {
        let w = 2 * Double.pi * f
        var re = 20.0, im = 0.0
        for (r, q, n) in [(30.0, 5e-8, 0.9), (100.0, 1e-5, 0.8)] {
            let a = 1 + r * q * pow(w, n) * cos(n * .pi / 2), b = r * q * pow(w, n) * sin(n * .pi / 2)
            re += r * a / (a * a + b * b)
            im -= r * b / (a * a + b * b)
        }
        return (re, im)
    }

    /// The data row at 1 kHz of `simulate --freq 1e3:1e2:1` output: (Z′, Z″).
    static func firstRow(_ csv: String) throws -> (Double, Double) {
        let lines = csv.split(separator: "\n")
        try #require(lines.count >= 2, "\(csv)")
        let fields = lines[1].split(separator: ",").compactMap { Double($0) }
        try #require(fields.count == 3, "\(lines[1])")
        #expect(fields[0] == 1000)
        return (fields[1], fields[2])
    }

    /// A copy of the binary in a folder outside the source tree, run from another folder, still knows the shipped
    /// models (they were found by walking up from the executable to the source tree before).
    @Test func shippedModelsWorkFromAnyDirectoryAndARelocatedBinary() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = dir.appendingPathComponent("bin/nyquist")
        try FileManager.default.createDirectory(at: binary.deletingLastPathComponent(), withIntermediateDirectories: true)
        do { try FileManager.default.linkItem(at: RepositoryPaths.nyquistExecutable, to: binary) } catch {
            try FileManager.default.copyItem(at: RepositoryPaths.nyquistExecutable, to: binary)
        }
        let list = try runNyquist(["circuits"], environment: Self.noUserModels, directory: dir, executable: binary)
        #expect(list.status == 0, "\(list.stderr)")
        for name in ["assb-cathode", "assb-cathode-warburg", "randles", "randles-finite"] {
            #expect(list.stdout.contains("\n\(name) ") || list.stdout.hasPrefix("\(name) "), "\(name): \(list.stdout)")
        }
        let sim = try runNyquist(["simulate", "--circuit", "assb-cathode", "--freq", "1e3:1e2:1"],
                                 environment: Self.noUserModels, directory: URL(fileURLWithPath: "/tmp"),
                                 executable: binary)
        #expect(sim.status == 0, "\(sim.stderr)")
        let (re, im) = try Self.firstRow(sim.stdout)
        let z = Self.assbCathode(1000)
        #expect(abs(re - z.re) <= 1e-9 * abs(z.re) && abs(im - z.im) <= 1e-9 * abs(z.im), "\(re), \(im) vs \(z)")
    }

    /// A stray ./circuits/assb-cathode.circuit with other content does not replace the shipped model.
    @Test func workingDirectoryCircuitsFolderIsNotSearched() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stray = dir.appendingPathComponent("circuits")
        try FileManager.default.createDirectory(at: stray, withIntermediateDirectories: true)
        try "circuit R1\nparam R1 5 0 inf\n".write(to: stray.appendingPathComponent("assb-cathode.circuit"),
                                                   atomically: true, encoding: .utf8)
        try "circuit R1\nparam R1 5 0 inf\n".write(to: stray.appendingPathComponent("stray-only.circuit"),
                                                   atomically: true, encoding: .utf8)
        let show = try runNyquist(["circuits", "assb-cathode"], environment: Self.noUserModels, directory: dir)
        #expect(show.status == 0 && show.stdout.contains("R1-p(R2,CPE2)-p(R3,CPE3)"), "\(show.stdout)\(show.stderr)")
        let sim = try runNyquist(["simulate", "--circuit", "assb-cathode", "--freq", "1e3:1e2:1"],
                                 environment: Self.noUserModels, directory: dir)
        let (re, _) = try Self.firstRow(sim.stdout)
        #expect(abs(re - Self.assbCathode(1000).re) <= 1e-9 * re, "\(re)")
        let strayOnly = try runNyquist(["simulate", "--circuit", "stray-only"], environment: Self.noUserModels,
                                       directory: dir)
        #expect(strayOnly.status == 2 && strayOnly.stderr.contains("no named circuit 'stray-only'"), "\(strayOnly.stderr)")
    }

    /// User models from `--circuits-dir` and `$NYQUIST_CIRCUITS`; one named like a shipped model wins, with a note.
    @Test func userModelsComeFromTheOptionAndTheVariable() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let models = dir.appendingPathComponent("models")
        try FileManager.default.createDirectory(at: models, withIntermediateDirectories: true)
        // A pure resistor: Z = 7 Ω + 0j at every frequency.
        try "description a 7 Ω resistor\ncircuit R1\nparam R1 7 0 inf\n".write(
            to: models.appendingPathComponent("my-cell.circuit"), atomically: true, encoding: .utf8)
        try "circuit R1\nparam R1 5 0 inf\n".write(
            to: models.appendingPathComponent("assb-cathode.circuit"), atomically: true, encoding: .utf8)
        let args = ["simulate", "--circuit", "my-cell", "--freq", "1e3:1e2:1"]
        let viaOption = try runNyquist(args + ["--circuits-dir", models.path], environment: Self.noUserModels)
        #expect(viaOption.status == 0, "\(viaOption.stderr)")
        let optionRow = try Self.firstRow(viaOption.stdout)
        #expect(optionRow == (7, 0))
        let viaVariable = try runNyquist(args, environment: ["NYQUIST_CIRCUITS": "/no/such/dir:" + models.path])
        #expect(viaVariable.status == 2 && viaVariable.stderr.contains("NYQUIST_CIRCUITS /no/such/dir: no such folder"),
                "\(viaVariable.stderr)")
        let viaVariableOK = try runNyquist(args, environment: ["NYQUIST_CIRCUITS": models.path])
        #expect(viaVariableOK.status == 0, "\(viaVariableOK.stderr)")
        let variableRow = try Self.firstRow(viaVariableOK.stdout)
        #expect(variableRow == (7, 0))
        let neither = try runNyquist(args, environment: Self.noUserModels)
        #expect(neither.status == 2 && neither.stderr.contains("no named circuit 'my-cell'"), "\(neither.stderr)")

        let replaced = try runNyquist(["simulate", "--circuit", "assb-cathode", "--freq", "1e3:1e2:1",
                                       "--circuits-dir", models.path], environment: Self.noUserModels)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        let replacedRow = try Self.firstRow(replaced.stdout)
        #expect(replacedRow == (5, 0))
        #expect(replaced.stderr.contains("note: circuit 'assb-cathode' is read from \(models.path)"), "\(replaced.stderr)")
        let listed = try runNyquist(["circuits", "--circuits-dir", models.path], environment: Self.noUserModels)
        #expect(listed.status == 0 && listed.stdout.contains("my-cell") && listed.stdout.contains("randles"))
        let missing = try runNyquist(["circuits", "--circuits-dir", "/no/such/models"], environment: Self.noUserModels)
        #expect(missing.status == 2 && missing.stderr.contains("--circuits-dir /no/such/models: no such folder"))
    }
}
