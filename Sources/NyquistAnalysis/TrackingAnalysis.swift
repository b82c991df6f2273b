import Foundation
import NyquistTracking

/// What `nyquist track` does, as one call: a fitted parameter's series (from a results store or a CSV file) against
/// a clock, ranked growth laws G1–G8 (AICc), and with the optional inputs the decomposition and void models, the
/// pressure calibration with creep closure, the second cell's laws, the mechanism attribution or, for series of
/// fewer than 4 points, the few-point analysis. Inputs are file paths as the CLI takes them (formats:
/// docs/tracking.md).
///
/// ```swift
/// var analysis = TrackingAnalysis(series: "results.sqlite", parameter: "R3")
/// analysis.options.bootstrapSamples = 0
/// let result = try analysis.run()
/// print(result.comparison.best?.identifier ?? "no law")
/// ```
public struct TrackingAnalysis: Sendable, Hashable, Codable {
    /// The parameter series: a results store (its newest fit set) or a CSV file.
    public var series: String
    /// The parameter to track (a column of the CSV or a parameter of the store's circuit), e.g. `"R3"`.
    public var parameter: String
    /// Which series (cell) of a store holding several.
    public var seriesName: String?
    /// The clock x of the growth laws.
    public var clock: TrackingClock = .cycle
    /// The growth laws compared.
    public var laws: [GrowthLaw] = GrowthLaw.standard
    /// Error floor, variance model, bootstrap replicates, seed, profile intervals.
    public var options = GrowthFitOptions(bootstrapSamples: 200)
    /// Cell description file (key = value); nil: the bare LCO/LPSCl cell of Kim et al. 2024.
    public var cell: String?
    /// Cycling data (per-cycle CSV or cycler curve), of a protected reference cell, and a pressure trace.
    public var cycling: String?
    public var reference: String?
    public var pressure: String?
    /// A second cell: its series, which series of its store, its cycling data and cell file (default: `cell`).
    public var compare: String?
    public var compareSeries: String?
    public var compareCycling: String?
    public var compareCell: String?

    public init(series: String, parameter: String = "R3") {
        self.series = series
        self.parameter = parameter
    }

    /// Growth laws from a comma-separated list of identifiers or names (`G1,G3a,power law`).
    /// - Throws: ``AnalysisError/invalidSetting(setting:reason:)`` naming an unknown law.
    public static func laws(parsing list: String) throws(AnalysisError) -> [GrowthLaw] {
        var laws: [GrowthLaw] = []
        for name in list.split(separator: ",") {
            guard let law = GrowthLaw(named: name.trimmingCharacters(in: .whitespaces)) else {
                throw .invalidSetting(setting: "--laws", reason: "unknown law '\(name)'")
            }
            laws.append(law)
        }
        return laws
    }

    /// A clock from `cycle`, `time-above[:VOLTS]` or `side-charge`.
    /// - Throws: ``AnalysisError/invalidSetting(setting:reason:)``.
    public static func clock(parsing text: String) throws(AnalysisError) -> TrackingClock {
        guard let clock = TrackingClock(argument: text) else {
            throw .invalidSetting(setting: "--clock '\(text)'", reason: "use cycle, time-above:VOLTS or side-charge")
        }
        return clock
    }

    /// Bootstrap replicates the run makes in all (laws of each cell, then the attribution): the `total` its
    /// progress reports reach.
    public var bootstrapReplicates: Int {
        let perCell = laws.count * options.bootstrapSamples
        return perCell * (compare == nil ? 1 : 2) + (cycling == nil ? 0 : options.bootstrapSamples)
    }

    /// Runs the analysis.
    /// - Parameter progress: called with (replicates done, ``bootstrapReplicates``) as the bootstrap advances.
    /// - Throws: ``AnalysisError`` for a setting out of its domain or a series choice; ``TrackingError``,
    ///   ``NyquistStore/StoreError`` for unreadable or invalid inputs and numerical failures.
    public func run(progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> TrackingResult {
        let floor = options.relativeErrorFloor
        guard floor >= 0, floor.isFinite else { throw AnalysisError.invalidSetting(setting: "--floor", reason: "must be ≥ 0") }
        guard options.bootstrapSamples >= 0, options.bootstrapSamples <= 100_000 else {
            throw AnalysisError.invalidSetting(setting: "--bootstrap", reason: "must be in 0…100000")
        }
        let total = bootstrapReplicates
        let cellDescription = try cell.map { try CellDescription.read(path: $0) } ?? CellDescription()
        let data = try ParameterSeries.load(path: series, parameter: parameter, series: seriesName)
        var notes = data.notes
        let cyclingData = try cycling.map { try CyclingData.read(path: $0) }
        let referenceData = try reference.map { try CyclingData.read(path: $0) }
        let x = try clock.values(for: data.cycles, cycling: cyclingData, cell: cellDescription, reference: referenceData)
        let perCell = laws.count * options.bootstrapSamples
        /// `progress` for a stage whose replicates start after `offset` others.
        func stage(after offset: Int) -> (@Sendable (Int, Int) -> Void)? {
            guard let progress else { return nil }
            return { @Sendable done, _ in progress(offset + done, total) }
        }
        let comparison = GrowthLawComparison(
            x: x, y: data.values, standardErrors: data.standardErrors, laws: laws, options: options,
            clockUnit: clock.unit, progress: stage(after: 0))
        var result = TrackingResult(
            parameter: parameter, source: series, clock: clock.description, clockUnit: clock.unit,
            points: data.points.indices.map {
                TrackingPoint(cycle: data.points[$0].cycle, clock: x[$0], value: data.points[$0].value,
                              standardError: data.points[$0].standardError)
            },
            skippedRows: data.skipped, comparison: comparison)
        if let cyclingData {
            result.decomposition = try DecompositionTrack.compute(
                cycling: cyclingData, cell: cellDescription, reference: referenceData, firstR3: data.values.first)
        }
        if let pressure {
            let calibration = try Self.pressureCalibration(
                trace: try PressureTrace.read(path: pressure), cell: cellDescription, decomposition: result.decomposition)
            result.pressure = calibration
            result.decomposition?.applyPressureCalibration(calibration)
        }
        var histories: [CellHistory] = []
        var paired: [(name: String, series: ParameterSeries)] = [(series, data)]
        if let cyclingData {
            histories.append(try CellHistory(name: series, series: data, cycling: cyclingData, cell: cellDescription,
                                             reference: referenceData))
        }
        if let compare {
            let other = try ParameterSeries.load(path: compare, parameter: parameter, series: compareSeries)
            notes += other.notes
            paired.append((compare, other))
            let otherCycling = try compareCycling.map { try CyclingData.read(path: $0) }
            let otherX = try clock.values(for: other.cycles, cycling: otherCycling, cell: cellDescription)
            result.compareComparison = GrowthLawComparison(
                x: otherX, y: other.values, standardErrors: other.standardErrors, laws: laws, options: options,
                clockUnit: clock.unit, progress: stage(after: perCell))
            if let otherCycling, !histories.isEmpty {
                let otherCell = try compareCell.map { try CellDescription.read(path: $0) } ?? cellDescription
                histories.append(try CellHistory(name: compare, series: other, cycling: otherCycling, cell: otherCell))
            }
        }
        if !histories.isEmpty || compare != nil,
            paired.contains(where: { $0.series.points.count < FewPointAnalysis.minimumPoints })
        {
            result.fewPoints = FewPointAnalysis.analyse(cells: paired, relativeErrorFloor: floor)
        } else if !histories.isEmpty {
            let before = perCell * (compare == nil ? 1 : 2)
            result.mechanisms = try MechanismAnalysis.analyse(
                cells: histories, options: options, progress: stage(after: before))
        }
        result.notes = notes
        return result
    }

    /// The stack stiffness from a pressure trace's oscillation and decay amplitudes (MPa), with creep closure: when
    /// the trace is per cycle and the decomposition is known, the void volume healed between the trace's first and
    /// last cycle (mm³, never negative) gives pressure back (§4(c)5; 0 without creep).
    public static func pressureCalibration(trace: PressureTrace, cell: CellDescription,
                                           decomposition: DecompositionTrack?) throws(TrackingError) -> PressureCalibration
    {
        let amplitude = trace.amplitudes()
        var healed = 0.0
        if trace.isCycle, let track = decomposition, let first = trace.clock.min(), let last = trace.clock.max() {
            healed = max((track.row(atCycle: last)?.healedVoidMm3 ?? 0) - (track.row(atCycle: first)?.healedVoidMm3 ?? 0), 0)
        }
        return try PressureCalibration(oscillationMPa: amplitude.oscillation, decayMPa: amplitude.decay, cell: cell,
                                       healedMm3: healed)
    }
}
