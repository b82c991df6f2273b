import ArgumentParser
import Foundation
import Nyquist

/// `nyquist convert FILE --to csv|json [--spectrum N]`: normalised data out.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert an impedance data file to normalised CSV or JSON.",
        discussion: """
        Output: frequency in Hz, Z' and signed Z'' in Ohm (Z'' < 0 for a capacitor). CSV has the header \
        freq_Hz,Z_re_Ohm,Z_im_Ohm with spectra separated by a blank line; JSON carries each spectrum's metadata too.
        """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @Argument(help: "The data file.")
    var file: String

    @Option(help: "Output format: csv or json.")
    var to: Target

    @Option(help: "Write only the spectrum with this 0-based index.")
    var spectrum: Int?

    @OptionGroup var reading: ReaderOptions

    @Option(name: .shortAndLong, help: "Output file (default: standard output).")
    var output: String?

    mutating func run() throws {
        let spectra: [Spectrum]
        do {
            spectra = try SpectrumFile.read(path: file, format: reading.format, options: reading.readOptions)
        } catch {
            ReaderCommandOutput.error(error.description)
            throw ExitCode(1)
        }
        var selected = spectra
        if let n = spectrum {
            guard spectra.indices.contains(n) else {
                ReaderCommandOutput.error("\(file): spectrum \(n) does not exist (the file has \(spectra.count))")
                throw ExitCode(1)
            }
            selected = [spectra[n]]
        }
        let text = to == .csv ? SpectrumWriter.csv(selected) : SpectrumWriter.json(selected)
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                ReaderCommandOutput.error("\(output): cannot write: \(error.localizedDescription)")
                throw ExitCode(1)
            }
        } else {
            print(text, terminator: "")
        }
    }
}
