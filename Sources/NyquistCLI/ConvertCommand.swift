import ArgumentParser
import Foundation
import Nyquist

/// `nyquist convert FILE --to csv|json [--spectrum N]`: normalised data out.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an impedance data file to normalised CSV or JSON.",
        discussion: """
        Output: frequency in Hz, Z' and signed Z'' in Ohm (Z'' < 0 for a capacitor). CSV is one tidy table with the \
        header spectrum[,cycle][,channel][,start_time_s],freq_Hz,Z_re_Ohm,Z_im_Ohm, every row naming its spectrum; \
        JSON carries each spectrum's metadata too. FILE `-` reads standard input. See docs/outputs.md.
        """
    )

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @Argument(help: "The data file (`-`: standard input).")
    var file: String

    @Option(help: "Output format: csv or json.")
    var to: Target

    @Option(help: "Write only the spectrum with this 0-based index.")
    var spectrum: Int?

    @OptionGroup var reading: ReaderOptions

    @Option(name: .shortAndLong, help: "Output file (default: standard output).")
    var output: String?

    func validate() throws {
        try OptionChecks.spectrumIndex(spectrum)
    }

    mutating func run() throws {
        try reportingFailures {
            let spectra = try SpectrumFile.read(path: file, format: reading.format, options: reading.readOptions)
            let selected = try spectrum.map { [try OptionChecks.spectrum($0, of: spectra, file: file)] } ?? spectra
            let text = to == .csv ? SpectrumWriter.csv(selected) : SpectrumWriter.json(selected)
            try emit(text, to: output)
        }
    }
}
