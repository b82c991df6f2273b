import ArgumentParser
import Foundation
import Nyquist

/// `nyquist export`: one row per spectrum of a fit set, as CSV or JSON.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a fit set from a results store: one row per spectrum (cycle, values ± errors, χ², status).",
        discussion: "Without --fit-set the newest fit set is exported; --list shows them all. See docs/batch.md.")

    @Argument(help: "The SQLite results store.")
    var store: String

    @Option(help: "Comma-separated parameter names (default: all of the circuit's).")
    var param: String?

    @Option(help: "csv or json.")
    var format: String = ExportFormat.csv.rawValue

    @Option(help: "Fit set id (see --list); the newest by default.")
    var fitSet: Int64?

    @Option(name: [.short, .long], help: "Write here (atomically: a temporary file, then renamed) instead of stdout.")
    var output: String?

    @Flag(help: "List the fit sets and exit.")
    var list = false

    @Flag(help: "Export the DRT peaks stored by `batch --drt` instead: one row per spectrum and peak, with its peak track (docs/outputs.md).")
    var drt = false

    @Option(help: "DRT set id (with --drt; see --list); the newest by default.")
    var drtSet: Int64?

    func validate() throws {
        guard ExportFormat(rawValue: format) != nil else { throw ValidationError("--format must be csv or json") }
        if drt, param != nil { throw ValidationError("--param does not apply to --drt (the export has every peak)") }
        if drtSet != nil, !drt, !list { throw ValidationError("--drt-set needs --drt") }
    }

    func run() throws {
        try reportingFailures { try execute() }
    }

    func execute() throws {
        // Read-only: never created, migrated or written (an archived store reads; a non-store stays untouched).
        let results = try ResultStore(path: store, access: .readOnly)
        if list {
            for s in try results.fitSets() {
                print("\(s.id)\t\(s.fitCount) fits\t\(s.mode?.rawValue ?? "?")\t\(s.circuit)\t\(s.createdAt)\t\(s.settingsHash.prefix(12))")
            }
            for s in try results.drtSets() {
                print("drt \(s.id)\t\(s.count) DRTs\t\(s.createdAt)\t\(s.settingsHash.prefix(12))")
            }
            return
        }
        if drt {
            let table = try results.drts(drtSet: drtSet, fitSet: fitSet)
            let f = ExportFormat(rawValue: format) ?? .csv
            if let output { try table.writePeaks(to: output, format: f) } else { print(table.peakText(f), terminator: "") }
            return
        }
        let names = param.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        let table = try results.export(fitSet: fitSet, parameters: names)
        let f = ExportFormat(rawValue: format) ?? .csv
        if let output { try table.write(to: output, format: f) } else { print(table.text(f), terminator: "") }
    }
}
