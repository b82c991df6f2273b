import ArgumentParser
import Foundation
import Nyquist

extension FileFormat: ExpressibleByArgument {}

/// `nyquist info FILE…`: what each file holds.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the spectra in impedance data files.",
        discussion: """
        For each file: the detected format and, per spectrum, its points, frequency range, cycle label and warnings \
        (fragments, inductive points, Re(Z) < 0). Formats: \(FileFormat.names.joined(separator: ", ")).
        """
    )

    @Argument(help: "Data files (format detected from content).")
    var files: [String]

    @Option(help: "Force the format instead of detecting it.")
    var format: FileFormat?

    @Flag(name: .long, help: "Also print every reader assumption (provenance).")
    var verbose = false

    mutating func run() throws {
        var failed = 0
        for file in files {
            do {
                let spectra = try SpectrumFile.read(path: file, format: format)
                print(Info.describe(file: file, spectra: spectra, verbose: verbose), terminator: "")
            } catch {
                failed += 1
                ReaderCommandOutput.error(error.description)
            }
        }
        if failed > 0 { throw ExitCode(1) }
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

    static func trim(_ x: Double) -> String {
        let r = (x * 1000).rounded() / 1000
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}

/// Output helpers shared by `info` and `convert`.
enum ReaderCommandOutput {
    /// Writes one line to standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
