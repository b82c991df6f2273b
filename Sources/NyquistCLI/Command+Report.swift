import ArgumentParser
import Foundation
import Nyquist
import Synchronization

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

    @Option(help: ArgumentHelp(
        "Draw the best growth law (AICc, tracking layer) with its 95 % band over this parameter's plot, one per series with ≥ 4 points (against position when cycle labels are missing), in the series' colour; 'none' to skip.",
        valueName: "param"))
    var growth = "R3"

    @Option(name: [.short, .long], help: "The HTML file to write (atomically).")
    var output: String

    @OptionGroup var progressOptions: ProgressOptions

    func validate() throws {
        guard maxSpectra >= 0 else { throw ValidationError("--max-spectra must be ≥ 0") }
    }

    func run() throws {
        try reportingFailures { try execute() }
    }

    func execute() throws {
        // Read-only: never created, migrated or written (an archived store reads; a non-store stays untouched).
        let results = try ResultStore(path: store, access: .readOnly)
        let names = param.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let prepared = PreparedReport(store: results, fitSet: fitSet, parameters: names, maximumOverlays: maxSpectra,
                                      growth: growth == "none" ? nil : growth)
        for note in prepared.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        let options = prepared.options
        // Progress over the plots drawn; the reporter learns the count from the first callback.
        let progress = Mutex<ProgressReporter?>(nil)
        let mode = progressOptions.progress
        let html = try BatchReport.html(store: results, options: options) { done, total in
            progress.withLock { reporter in
                if reporter == nil { reporter = .start(total: total, unit: "plots", mode: mode) }
                reporter?.update(done: done)
            }
        }
        progress.withLock { $0?.finish() }
        try emit(html, to: output)
    }
}
