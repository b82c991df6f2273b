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

    @Option(help: "DRT set drawn in the DRT section (see nyquist export --list); the newest by default.")
    var drtSet: Int64?

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
        var options = BatchReportOptions(fitSet: fitSet, parameters: names, maximumOverlays: maxSpectra)
        options.drtSet = drtSet
        if let drtSet { _ = try results.drts(drtSet: drtSet) }  // an unknown --drt-set is a usage error
        if let rows = try? results.export(fitSet: fitSet, parameters: []).rows {
            let unlabelled = rows.filter { $0.cycleLabel == nil }.count
            if unlabelled > 0 {
                FileHandle.standardError.write(Data("note: \(unlabelled) of \(rows.count) spectra of the fit set have no cycle label; parameters and growth laws are plotted against the position in the series (0-based)\n".utf8))
            }
        }
        if growth != "none" {
            let models = Self.growthModels(results, fitSet: fitSet, parameter: growth)
            if !models.isEmpty { options.models[growth] = models }
            if (try? results.export(fitSet: fitSet, parameters: [growth])) == nil {
                FileHandle.standardError.write(Data("note: no growth-law curve: the fit set has no parameter '\(growth)' (--growth NAME or none)\n".utf8))
            }
        }
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

    /// The best growth law of `parameter` against cycle for each series of the fit set (in the store's order), with
    /// its 95 % band on 201 cycles spanning the series; x in cycles, y in the parameter's unit. A series is left out
    /// when it has fewer than 4 points with a positive value (failed fits skipped) or its comparison is refused
    /// (N < k + 3); all are left out when the store has no such parameter. When any spectrum of the fit set has no
    /// cycle label, x is the 0-based position in the series for all of them, as in the report's plots.
    static func growthModels(_ store: ResultStore, fitSet: Int64?, parameter: String) -> [SeriesModel] {
        guard let table = try? store.export(fitSet: fitSet, parameters: [parameter]) else { return [] }
        let labelled = table.rows.allSatisfy { $0.cycleLabel != nil }
        var order: [String] = []
        for r in table.rows where !order.contains(r.series) { order.append(r.series) }
        return order.compactMap { series in
            growthModel(table.rows.filter { $0.series == series && $0.status != .failed }, series: series,
                        labelled: labelled)
        }
    }

    /// The best growth law of one series' rows (one parameter exported) against cycle label, or against position
    /// when not `labelled`; nil when there are too few points (see ``growthModels``).
    static func growthModel(_ rows: [ExportTable.Row], series: String, labelled: Bool = true) -> SeriesModel? {
        var x: [Double] = [], y: [Double] = [], se: [Double] = []
        for r in rows {
            guard let cycle = labelled ? r.cycleLabel : r.position, let v = r.values.first ?? nil, v > 0 else { continue }
            x.append(Double(cycle)); y.append(v); se.append((r.standardErrors.first ?? nil) ?? 0)
        }
        guard x.count >= 4, let lo = x.min(), let hi = x.max(), hi > lo else { return nil }
        let comparison = GrowthLawComparison(x: x, y: y, standardErrors: se)
        guard let best = comparison.best, let entry = comparison.entries.first(where: { $0.law == best }),
              let fit = entry.fit else { return nil }
        let grid = (0...200).map { lo + (hi - lo) * Double($0) / 200 }
        let band = fit.band(at: grid)
        var name = "\(best.identifier) \(best.rawValue) (best by AICc"
        if let w = entry.akaikeWeight { name += ", weight \(String(format: "%.2f", w))" }
        name += "), 95 % band — \(series)"
        return SeriesModel(name: name, x: grid, y: band.value, yLower: band.lower, yUpper: band.upper, series: series)
    }
}
