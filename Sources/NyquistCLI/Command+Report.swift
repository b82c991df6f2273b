import ArgumentParser
import Foundation
import Nyquist

/// `nyquist report`: one self-contained HTML file for a fit set of a results store.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an HTML report of a results store: parameter series, fit table with KK flags, spectra.",
        discussion: """
            One self-contained file (inline SVG and CSS, no scripts, no network). Spectra are re-read from their \
            source files (relative paths are tried as given, then next to the store); a missing file is named in \
            the report. See docs/batch.md.
            """)

    @Argument(help: "The SQLite results store.")
    var store: String

    @Option(help: "Fit set id (see nyquist export --list); the newest by default.")
    var fitSet: Int64?

    @Option(help: "Comma-separated parameters to plot against cycle (default: all of the circuit's).")
    var param: String?

    @Option(help: "At most this many per-spectrum Nyquist plots (evenly spaced).")
    var maxSpectra: Int = 200

    @Option(name: [.short, .long], help: "The HTML file to write (atomically).")
    var output: String

    func validate() throws {
        guard maxSpectra >= 0 else { throw ValidationError("--max-spectra must be ≥ 0") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: store) else {
            throw StoreError.database(path: store, message: "no such file")
        }
        let results = try ResultStore(path: store)
        let names = param.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let options = BatchReportOptions(fitSet: fitSet, parameters: names, maximumOverlays: maxSpectra)
        try emit(try BatchReport.html(store: results, options: options), to: output)
    }
}
