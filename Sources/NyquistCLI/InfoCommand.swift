import ArgumentParser
import Foundation
import Nyquist

extension FileFormat: ExpressibleByArgument {}

/// `nyquist info FILE…`: what each file holds.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "List the spectra in impedance data files.",
        discussion: """
        For each file: the detected format and, per spectrum, its points, frequency range, cycle label and warnings \
        (fragments, inductive points, Re(Z) < 0). Formats: \(FileFormat.names.joined(separator: ", ")).
        """
    )

    @Argument(help: "Data files (format detected from content; `-`: standard input).")
    var files: [String]

    @OptionGroup var reading: ReaderOptions

    @Flag(name: .long, help: "Also print every reader assumption (provenance).")
    var verbose = false

    mutating func run() throws {
        var failed = 0
        for file in files {
            do {
                let spectra = try SpectrumFile.read(path: file, format: reading.format, options: reading.readOptions)
                print(InfoCommand.describe(file: file, spectra: spectra, verbose: verbose), terminator: "")
                if spectra.isEmpty {
                    ReaderCommandOutput.error("warning: \(file): no impedance spectrum in this file (empty, or every row was skipped as non-impedance data)")
                }
            } catch {
                failed += 1
                ReaderCommandOutput.error(error.description)
            }
        }
        // Unreadable or invalid data (README: exit 3); the other files are still described.
        if failed > 0 { throw ExitCode(3) }
    }

    static func describe(file: String, spectra: [Spectrum], verbose: Bool) -> String {
        let format = spectra.first?.metadata.format ?? "-"
        var out = "\(file): \(format), \(spectra.count) spectr\(spectra.count == 1 ? "um" : "a")\n"
        for s in spectra {
            let m = s.metadata
            var line = "  #\(m.index)  \(s.count) pts"
            if let f0 = s.frequencies.first, let f1 = s.frequencies.last {
                line += "  \(hz(f0)) → \(hz(f1))"
            }
            if let c = m.cycleLabel { line += "  cycle \(c)" }
            if let l = m.label { line += "  [\(l)]" }
            if let ch = m.channel { line += "  channel \(ch)" }
            if let r = m.rowRange { line += "  rows \(r.lowerBound)–\(r.upperBound)" }
            if m.isFragment { line += "  FRAGMENT" }
            out += line + "\n"
            for w in m.warnings { out += "      warning: \(w)\n" }
            if verbose { for p in m.provenance { out += "      · \(p)\n" } }
        }
        return out
    }

    static func hz(_ f: Double) -> String {
        let units: [(Double, String)] = [(1e6, "MHz"), (1e3, "kHz"), (1, "Hz"), (1e-3, "mHz"), (1e-6, "µHz")]
        for (scale, unit) in units where f >= scale { return "\(trim(f / scale)) \(unit)" }
        return "\(f) Hz"
    }

    /// `x` rounded to 3 decimals, without ".0" when whole (`Int(exactly:)`: no trap for huge or non-finite x).
    static func trim(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        if abs(r) < 1e15, let whole = Int(exactly: r) { return String(whole) }
        return String(r)
    }
}

/// Reader options shared by the commands that read data files (`@OptionGroup var reading: ReaderOptions`).
struct ReaderOptions: ParsableArguments {
    @Option(help: "Force the format instead of detecting it from the content.")
    var format: FileFormat?

    @Option(help: "Frequency column of a table: 0-based index or header name.")
    var frequencyColumn: String?

    @Option(help: "Real-part column of a table: 0-based index or header name.")
    var realColumn: String?

    @Option(help: "Imaginary-part column of a table: 0-based index or header name.")
    var imaginaryColumn: String?

    @Option(help: "The imaginary column holds Im(Z) ('signed') or -Im(Z) ('negated'); default: from the header.")
    var imaginarySign: ReadOptions.ImaginarySign?

    @Option(help: "Unit of a phase column: degrees or radians; default: from the header, else degrees.")
    var phaseUnit: ReadOptions.PhaseUnit?

    @Option(help: "Decimal separator: dot or comma; default: detected.")
    var decimal: ReadOptions.DecimalSeparator?

    /// The library options these flags describe.
    var readOptions: ReadOptions {
        func column(_ s: String?) -> ReadOptions.Column? { s.map { Int($0).map(ReadOptions.Column.index) ?? .name($0) } }
        return ReadOptions(frequencyColumn: column(frequencyColumn), realColumn: column(realColumn),
                           imaginaryColumn: column(imaginaryColumn), imaginarySign: imaginarySign ?? .auto,
                           phaseUnit: phaseUnit ?? .auto, decimalSeparator: decimal ?? .auto)
    }
}

extension ReadOptions.ImaginarySign: ExpressibleByArgument {}
extension ReadOptions.PhaseUnit: ExpressibleByArgument {}
extension ReadOptions.DecimalSeparator: ExpressibleByArgument {}

/// Output helpers shared by `info` and `convert`.
enum ReaderCommandOutput {
    /// Writes one line to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
