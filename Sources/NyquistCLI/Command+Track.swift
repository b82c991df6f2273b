import ArgumentParser
import Foundation
import Nyquist

/// Output format of `nyquist track`.
enum TrackFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

/// Everything `nyquist track` computed, as one Codable value (the JSON output).
struct TrackReport: Codable {
    var parameter: String
    var source: String
    var clock: String
    var clockUnit: String
    var points: [TrackPoint]
    var skippedRows: [String]
    var comparison: GrowthLawComparison
    var compareComparison: GrowthLawComparison?
    var decomposition: DecompositionTrack?
    var pressure: PressureCalibration?
    var mechanisms: MechanismAnalysis?
    /// What series of fewer than 4 points give instead of `mechanisms` (two-point exponent, DiD, breathing bound).
    var fewPoints: FewPointAnalysis?
}

struct TrackPoint: Codable {
    var cycle: Double
    var clock: Double
    var value: Double
    var standardError: Double?
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

    @Option(help: "Parameter column to track, or a DRT peak of a store from `batch --drt`: drt:peakN (N-th peak track, 1 = fastest) or drt:tau=SECONDS (the track nearest that τ); peaks are matched across cycles by τ (docs/drt.md).")
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
            do {
                let report = try makeReport()
                let text = format == .json ? try TrackOutput.json(report) : TrackOutput.table(report)
                try emit(text, to: output)
            } catch let error as TrackingError {
                switch error {
                case .invalidSetting, .comparisonRefused: throw CLIFailure.usage(error.description)
                case .numerical: throw CLIFailure(message: error.description, code: 4)
                default: throw CLIFailure.data(error.description)
                }
            }
        }
    }

    /// A parameter series from a batch store (through its export of the newest fit set; one series of it, chosen
    /// with `--series` when it holds several cells) or from a CSV file.
    static func load(_ path: String, parameter: String, series name: String?) throws -> ParameterSeries {
        let head = FileManager.default.contents(atPath: path)?.prefix(16) ?? Data()
        guard head.starts(with: Data("SQLite format 3".utf8)) else {
            return try ParameterSeries.read(path: path, parameter: parameter)
        }
        if let selector = try DRTPeakSelector(parsing: parameter) {
            return try drtSeries(ResultStore(path: path, access: .readOnly), selector: selector, series: name)
        }
        var table = try ResultStore(path: path, access: .readOnly).export(parameters: [parameter])
        let names = table.rows.reduce(into: [String]()) { if !$0.contains($1.series) { $0.append($1.series) } }
        if let name {
            guard names.contains(name) else {
                throw CLIFailure.usage("--series '\(name)': the store's series are \(names.joined(separator: ", "))")
            }
            table.rows = table.rows.filter { $0.series == name }
        } else if names.count > 1 {
            throw CLIFailure.usage("\(path) holds \(names.count) series; choose one with --series (\(names.joined(separator: ", ")))")
        }
        return try ParameterSeries.parse(csv: table.text(.csv), source: path, parameter: parameter)
    }

    /// `load` with its notes (e.g. position used for missing cycle labels) written to stderr, one line each.
    static func loadNoting(_ path: String, parameter: String, series name: String?) throws -> ParameterSeries {
        let data = try load(path, parameter: parameter, series: name)
        for n in data.notes { FileHandle.standardError.write(Data("nyquist: note: \(n)\n".utf8)) }
        return data
    }

    func makeReport() throws -> TrackReport {
        guard let clock = TrackingClock(argument: clock) else {
            throw CLIFailure.usage("--clock '\(self.clock)': use cycle, time-above:VOLTS or side-charge")
        }
        var selected = GrowthLaw.standard
        if let laws {
            selected = try laws.split(separator: ",").map { name in
                guard let law = GrowthLaw(named: name.trimmingCharacters(in: .whitespaces)) else {
                    throw CLIFailure.usage("--laws: unknown law '\(name)'")
                }
                return law
            }
        }
        guard floor >= 0, floor.isFinite else { throw CLIFailure.usage("--floor must be ≥ 0") }
        guard bootstrap >= 0, bootstrap <= 100_000 else { throw CLIFailure.usage("--bootstrap must be in 0…100000") }
        let options = GrowthFitOptions(
            relativeErrorFloor: floor, variance: estimateScale ? .estimated : .trusted, bootstrapSamples: bootstrap,
            seed: seed, profileIntervals: profile)
        let cellDescription = try cell.map { try CellDescription.read(path: $0) } ?? CellDescription()
        let data = try Self.loadNoting(series, parameter: param, series: seriesName)
        let cyclingData = try cycling.map { try CyclingData.read(path: $0) }
        let referenceData = try reference.map { try CyclingData.read(path: $0) }
        let x = try clock.values(for: data.cycles, cycling: cyclingData, cell: cellDescription, reference: referenceData)
        // Progress over every bootstrap replicate: the laws of each cell, then the mechanism attribution.
        let perCell = selected.count * bootstrap
        let progress = ProgressReporter.start(
            total: perCell * (compare == nil ? 1 : 2) + (cycling == nil ? 0 : bootstrap), unit: "bootstrap replicates",
            mode: bootstrap > 0 ? progressOptions.progress : .none)
        let comparison = GrowthLawComparison(
            x: x, y: data.values, standardErrors: data.standardErrors, laws: selected, options: options,
            clockUnit: clock.unit, progress: { done, _ in progress.update(done: done) })
        var report = TrackReport(
            parameter: param, source: series, clock: clock.description, clockUnit: clock.unit,
            points: data.points.indices.map {
                TrackPoint(
                    cycle: data.points[$0].cycle, clock: x[$0], value: data.points[$0].value,
                    standardError: data.points[$0].standardError)
            },
            skippedRows: data.skipped, comparison: comparison)
        if let cyclingData {
            report.decomposition = try DecompositionTrack.compute(
                cycling: cyclingData, cell: cellDescription, reference: referenceData, firstR3: data.values.first)
        }
        if let pressure {
            let trace = try PressureTrace.read(path: pressure)
            let amplitude = trace.amplitudes()
            // Creep closure over the trace's cycles gives pressure back (§4(c)5); without creep this is 0.
            var healed = 0.0
            if trace.isCycle, let track = report.decomposition, let first = trace.clock.min(),
                let last = trace.clock.max()
            {
                healed = max((track.row(atCycle: last)?.healedVoidMm3 ?? 0) - (track.row(atCycle: first)?.healedVoidMm3 ?? 0), 0)
            }
            let calibration = try PressureCalibration(
                oscillationMPa: amplitude.oscillation, decayMPa: amplitude.decay, cell: cellDescription,
                healedMm3: healed)
            report.pressure = calibration
            report.decomposition?.applyPressureCalibration(calibration)
        }
        var histories: [CellHistory] = []
        var paired: [(name: String, series: ParameterSeries)] = [(series, data)]
        if let cyclingData {
            histories.append(try CellHistory(name: series, series: data, cycling: cyclingData, cell: cellDescription, reference: referenceData))
        }
        if let compare {
            let other = try Self.loadNoting(compare, parameter: param, series: compareSeries)
            paired.append((compare, other))
            let otherCycling = try compareCycling.map { try CyclingData.read(path: $0) }
            let otherX = try clock.values(for: other.cycles, cycling: otherCycling, cell: cellDescription)
            report.compareComparison = GrowthLawComparison(
                x: otherX, y: other.values, standardErrors: other.standardErrors, laws: selected, options: options,
                clockUnit: clock.unit, progress: { done, _ in progress.update(done: perCell + done) })
            if let otherCycling, !histories.isEmpty {
                let otherCell = try compareCell.map { try CellDescription.read(path: $0) } ?? cellDescription
                histories.append(try CellHistory(name: compare, series: other, cycling: otherCycling, cell: otherCell))
            }
        }
        if (!histories.isEmpty || compare != nil),
            paired.contains(where: { $0.series.points.count < FewPointAnalysis.minimumPoints })
        {
            report.fewPoints = FewPointAnalysis.analyse(cells: paired, relativeErrorFloor: floor)
        } else if !histories.isEmpty {
            let before = perCell * (compare == nil ? 1 : 2)
            report.mechanisms = try MechanismAnalysis.analyse(
                cells: histories, options: options, progress: { done, _ in progress.update(done: before + done) })
        }
        progress.finish()
        return report
    }
}

extension Track {
    /// The resistance (Ω) of a DRT peak track of the store's newest DRT set as a parameter series, with the
    /// tracks found as a note.
    static func drtSeries(_ store: ResultStore, selector: DRTPeakSelector, series name: String?) throws -> ParameterSeries {
        let peaks = try store.drts().peakSeries(selector, series: name)
        let points = peaks.points.map {
            ParameterSeries.Point(cycle: Double($0.cycle), value: $0.resistance, standardError: $0.resistanceStdError,
                                  spectrum: $0.spectrumIndex, file: $0.file)
        }
        guard !points.isEmpty else { throw CLIFailure.data("\(store.path): \(selector.text) has no points") }
        return ParameterSeries(parameter: selector.text, points: points, source: store.path, notes: peaks.notes)
    }
}
