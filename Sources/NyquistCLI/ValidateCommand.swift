import ArgumentParser
import Foundation
import Nyquist
import Numerics

/// `nyquist validate FILE…`: the lin-KK test of every spectrum; exit code 0 when all pass, 1 when any fails.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Kramers–Kronig (lin-KK) validation of impedance spectra.",
        discussion: """
            Fits M Voigt elements with fixed log-spaced time constants to each spectrum (Schönleber 2014) and \
            reports the chosen M, μ, pseudo-χ², the estimated noise and pass/fail. Exit code 0 when every spectrum \
            passes, 1 when any fails, 2 on a bad option, 3 when a file is unreadable or a spectrum cannot be \
            tested (too few points, invalid values, no spectrum), 4 on a numerical failure. See \
            docs/validation-and-plots.md.
            """)

    @Argument(help: "Spectrum files, any supported format (`-`: standard input).")
    var files: [String]

    @Option(help: "Test only spectrum N (0-based) of each file.")
    var spectrum: Int?

    @Option(help: "Output format: table or json.")
    var format: OutputFormat = .table

    @Option(help: "impedance, admittance or auto.")
    var representation: KramersKronigRepresentation = .impedance

    @Option(name: .customLong("fit-type"), help: "complex, real or imaginary.")
    var fitType: KramersKronigFitType = .complex

    @Option(help: "Use exactly M RC elements instead of the automatic choice.")
    var elements: Int?

    @Flag(help: "Add a series capacitance (impedance) / parallel inductance (admittance) for a capacitive tail.")
    var capacitance = false

    @Option(name: .customLong("extension"), help: "Widen the time-constant range by this many decades at both ends (default: 0.5).",
            transform: OptionChecks.number)
    var tauExtension: Double = 0.5

    @Option(name: .customLong("max-noise"), help: "Fail when the estimated noise exceeds this, in % (default 1).",
            transform: OptionChecks.number)
    var maxNoise: Double = 1

    @OptionGroup var progressOptions: ProgressOptions

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, json }

    var settings: KramersKronigSettings {
        var s = KramersKronigSettings()
        s.representation = representation
        s.fitType = fitType
        s.elementCount = elements
        s.includeInverseOmegaTerm = capacitance
        s.tauExtensionDecades = tauExtension
        s.maximumNoise = maxNoise / 100
        return s
    }

    func validate() throws {
        try OptionChecks.spectrumIndex(spectrum)
        if let m = elements, m < 1 { throw ValidationError("--elements must be ≥ 1, got \(m)") }
        try OptionChecks.nonNegative(tauExtension, "--extension")
        try OptionChecks.positive(maxNoise, "--max-noise", unit: "%")
    }

    func run() throws {
        var results: [(String, Int, KramersKronigResult)] = []
        // Progress over files; failures are spectra that failed the test so far.
        let progress = ProgressReporter.start(total: files.count, unit: "files", mode: progressOptions.progress)
        try reportingFailures {
            for (done, path) in files.enumerated() {
                let spectra = try loadSpectra(path: path)
                guard !spectra.isEmpty else { throw CLIFailure.data("\(path): no impedance spectrum in this file") }
                let chosen = try spectrum.map { [try OptionChecks.spectrum($0, of: spectra, file: path)] } ?? spectra
                for s in chosen {
                    do { results.append((path, s.metadata.index, try KramersKronig.test(s, settings: settings))) }
                    catch {
                        let failure = CLIFailure(error)
                        throw CLIFailure(message: "\(path), spectrum \(s.metadata.index): \(failure.message)",
                                         code: failure.code)
                    }
                }
                progress.update(done: done + 1, failures: results.count { !$0.2.passed })
            }
        }
        progress.finish()
        switch format {
        case .table: print(table(results), terminator: "")
        case .json: print(try json(results))
        }
        if results.contains(where: { !$0.2.passed }) { throw ExitCode(1) }
    }

    func table(_ rows: [(String, Int, KramersKronigResult)]) -> String {
        var out = "file\tspectrum\tresult\tM\tmu\tpseudo_chi2\tnoise_%\tmax_residual_%\trho1\treason\n"
        for (file, i, r) in rows {
            let reason = r.passed ? r.selection : r.failures.map(\.description).joined(separator: "; ")
            out += "\(file)\t\(i)\t\(r.passed ? "pass" : "FAIL")\t\(r.elementCount)\t\(shortNumber(r.mu))\t"
            out += "\(shortNumber(r.pseudoChiSquare))\t\(shortNumber(r.noiseEstimate * 100))\t"
            out += "\(shortNumber(r.maximumResidual * 100))\t\(shortNumber(r.autocorrelation))\t\(reason)\n"
        }
        return out
    }

    func json(_ rows: [(String, Int, KramersKronigResult)]) throws -> String {
        struct Row: Encodable {
            var file: String
            var spectrum: Int
            var passed: Bool
            var failures: [String]
            var result: KramersKronigResult
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = try encoder.encode(rows.map {
            Row(file: $0.0, spectrum: $0.1, passed: $0.2.passed, failures: $0.2.failures.map(\.description),
                result: $0.2)
        })
        return String(decoding: data, as: UTF8.self)
    }
}

extension KramersKronigRepresentation: ExpressibleByArgument {}
extension KramersKronigFitType: ExpressibleByArgument {}

/// Every spectrum in a data file, in any supported format (see `nyquist info`).
func loadSpectra(path: String) throws -> [Spectrum] {
    try SpectrumFile.read(path: path)
}
