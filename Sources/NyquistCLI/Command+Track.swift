import ArgumentParser
import Foundation
import Nyquist

/// Output format of `nyquist track`.
enum TrackFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// `nyquist track SERIES --param R3`: growth laws, decomposition and void models for a fitted parameter.
struct Track: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Track a fitted parameter (R3) over cycling: growth laws, decomposition, voids, attribution.",
        discussion: """
        SERIES is a CSV batch export (cycle,spectrum,file,R1,R1_err,…,status) or a minimal cycle,R3[,R3_err] \
        table. Fits the growth laws G1–G8 in log space and ranks them by AICc (refused when N < k + 3). With \
        --cycling, runs the decomposition and void models; with --pressure, calibrates the stack stiffness from the \
        breathing oscillation; with --compare and both cycling files, fits the two cells jointly and splits Δln R3 \
        into interphase chemistry, decomposition voids, breathing voids and residual. See docs/tracking.md.
        """)

    @Argument(help: "The parameter series: a results store from `nyquist batch` (its newest fit set) or a CSV.")
    var series: String

    @Option(help: "Parameter column to track.")
    var param = "R3"

    @Option(help: ArgumentHelp("Clock: cycle, time-above:VOLTS or side-charge.", valueName: "clock"))
    var clock = "cycle"

    @Option(help: "Cell description file (key = value); defaults are the bare LCO/LPSCl cell of Kim et al. 2024.")
    var cell: String?

    @Option(help: """
        Cycling data: per-cycle CSV (cycle, charge_mAh, discharge_mAh[, time_above_h][, side_charge_mAh]), or a \
        cycler curve (BioLogic .mpt or .mpr, Gamry .DTA, or CSV time_s, voltage_V, current_mA[, cycle]).
        """)
    var cycling: String?

    @Option(help: "Cycling data of a protected reference cell (formats as --cycling), subtracted from the side charge.")
    var reference: String?

    @Option(help: "Pressure CSV: time_s or cycle, pressure_MPa.")
    var pressure: String?

    @Option(name: .customLong("series"), help: "Which series (cell) of a store holding several.")
    var seriesName: String?

    @Option(help: "Which series of the --compare store.")
    var compareSeries: String?

    @Option(help: "A second cell's series (e.g. coated) for the paired analysis.")
    var compare: String?

    @Option(help: "Cycling data of the --compare cell (formats as --cycling).")
    var compareCycling: String?

    @Option(help: "Cell file of the --compare cell (default: --cell).")
    var compareCell: String?

    @Option(help: "Comma-separated laws (G1…G8, G2b, G3a, G4a, G7b or names); default G1–G8.")
    var laws: String?

    @Option(help: "Relative error floor s_floor added in quadrature to each point's relative standard error.")
    var floor = 0.03

    @Flag(help: "Estimate the error scale from the scatter instead of trusting the standard errors.")
    var estimateScale = false

    @Option(help: "Parametric bootstrap replicates behind the 95 % intervals of the laws and the attribution shares (0 = none; fewer than 200 places the percentiles poorly).")
    var bootstrap = 200

    @Flag(help: "Add 95 % profile-likelihood intervals for every growth-law parameter (tens of re-fits each).")
    var profile = false

    @Option(help: "Seed of the bootstrap.")
    var seed: UInt64 = 1

    @OptionGroup var progressOptions: ProgressOptions

    @Option(help: "table or json.")
    var format: TrackFormat = .table

    @Option(name: .shortAndLong, help: "Write to this file instead of stdout.")
    var output: String?

    mutating func run() throws {
        try reportingFailures {
            let result = try analysis().runReportingProgress(mode: bootstrap > 0 ? progressOptions.progress : .none)
            let text = format == .json ? try TrackOutput.json(result) : TrackOutput.table(result)
            try emit(text, to: output)
        }
    }

    /// The options as a library ``TrackingAnalysis``.
    func analysis() throws -> TrackingAnalysis {
        var a = TrackingAnalysis(series: series, parameter: param)
        a.clock = try TrackingAnalysis.clock(parsing: clock)
        if let laws { a.laws = try TrackingAnalysis.laws(parsing: laws) }
        a.options = GrowthFitOptions(
            relativeErrorFloor: floor, variance: estimateScale ? .estimated : .trusted, bootstrapSamples: bootstrap,
            seed: seed, profileIntervals: profile)
        a.seriesName = seriesName
        a.cell = cell
        a.cycling = cycling
        a.reference = reference
        a.pressure = pressure
        a.compare = compare
        a.compareSeries = compareSeries
        a.compareCycling = compareCycling
        a.compareCell = compareCell
        return a
    }
}

extension TrackingAnalysis {
    /// `run` with progress over every bootstrap replicate on stderr and the series' notes written there, one line
    /// each.
    func runReportingProgress(mode: ProgressMode) throws -> TrackingResult {
        let progress = ProgressReporter.start(total: bootstrapReplicates, unit: "bootstrap replicates", mode: mode)
        let result = try run(progress: { done, _ in progress.update(done: done) })
        progress.finish()
        for n in result.notes { FileHandle.standardError.write(Data("nyquist: note: \(n)\n".utf8)) }
        return result
    }
}
