import NyquistTracking

/// Everything a ``TrackingAnalysis`` computed for one tracked parameter, as one value (the JSON of `nyquist track`).
public struct TrackingResult: Sendable, Codable {
    /// The parameter tracked, e.g. `"R3"` (values in its unit, Ω for a resistance).
    public var parameter: String
    /// Where the series came from (store or CSV path).
    public var source: String
    /// The clock's description, e.g. "cycle number", and its unit (cycle, h, mAh).
    public var clock: String
    public var clockUnit: String
    public var points: [TrackingPoint]
    /// Rows of the series that were skipped (failed fits, no value), as `file:line: reason`.
    public var skippedRows: [String]
    /// Growth laws of the cell, ranked by AICc.
    public var comparison: GrowthLawComparison
    /// Growth laws of the `compare` cell.
    public var compareComparison: GrowthLawComparison?
    /// Decomposition and void models (with cycling data).
    public var decomposition: DecompositionTrack?
    /// Stack stiffness calibrated from the pressure trace (with creep closure when the trace is per cycle).
    public var pressure: PressureCalibration?
    /// Mechanism attribution (cycling data, ≥ 4 points per cell).
    public var mechanisms: MechanismAnalysis?
    /// What series of fewer than 4 points give instead of `mechanisms` (two-point exponent, DiD, breathing bound).
    public var fewPoints: FewPointAnalysis?
    /// How the series were read where the user should know (e.g. positions standing in for cycle labels); not
    /// part of the encoded result.
    public var notes: [String] = []

    enum CodingKeys: String, CodingKey {
        case parameter, source, clock, clockUnit, points, skippedRows, comparison, compareComparison, decomposition,
             pressure, mechanisms, fewPoints
    }

    public init(parameter: String, source: String, clock: String, clockUnit: String, points: [TrackingPoint],
                skippedRows: [String], comparison: GrowthLawComparison) {
        self.parameter = parameter
        self.source = source
        self.clock = clock
        self.clockUnit = clockUnit
        self.points = points
        self.skippedRows = skippedRows
        self.comparison = comparison
    }
}

/// One point of a tracked series: its cycle, its clock value x (in ``TrackingResult/clockUnit``), the fitted value
/// and its 1σ standard error (the parameter's unit).
public struct TrackingPoint: Sendable, Hashable, Codable {
    public var cycle: Double
    public var clock: Double
    public var value: Double
    public var standardError: Double?

    public init(cycle: Double, clock: Double, value: Double, standardError: Double? = nil) {
        self.cycle = cycle
        self.clock = clock
        self.value = value
        self.standardError = standardError
    }
}
