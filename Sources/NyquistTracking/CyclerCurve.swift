/// A raw cycler curve: potential and current against time, as recorded by the instrument (impedance rows removed).
///
/// Units: time in s, potential (Ewe, or the cell voltage of a two-electrode cell) in V, current in mA with
/// current > 0 = charge (oxidation at the working electrode, the BioLogic and Gamry convention). Time never
/// decreases (equal times are allowed: instruments record both ends of an instantaneous step). Per-cycle values
/// come from ``cycles(timeAboveVolts:)``; files are read by ``read(path:)``.
public struct CyclerCurve: Sendable, Hashable, Codable {
    /// Where a curve came from.
    public enum Format: String, Sendable, Hashable, Codable, CustomStringConvertible {
        /// BioLogic EC-Lab text export (`.mpt`).
        case bioLogicText = "biologic-mpt"
        /// BioLogic EC-Lab binary file (`.mpr`); sample lines are record numbers.
        case bioLogicBinary = "biologic-mpr"
        /// Gamry Framework `.DTA` with `CURVE TABLE` / `CURVEn TABLE` sections.
        case gamryDTA = "gamry-dta"
        /// Plain time-series CSV (`time_s, voltage_V, current_mA[, cycle]`).
        case timeSeriesCSV = "time-series-csv"

        public var description: String { rawValue }
    }

    /// Sample times, s (non-decreasing).
    public var timeSeconds: [Double]
    /// Potential, V.
    public var potentialVolts: [Double]
    /// Current, mA (> 0 charge, < 0 discharge).
    public var currentMilliamps: [Double]
    /// The file's cycle number of each sample, when the file has such a column (EC-Lab counts from 0).
    public var cycleNumbers: [Int]?
    /// The file's half-cycle number of each sample, when present (kept for the user; not used for boundaries).
    public var halfCycles: [Int]?
    /// 1-based source line of each sample (for `.mpr`, the 1-based record number).
    public var lines: [Int]
    public var source: String
    public var format: Format
    /// Number of impedance rows (freq/Hz > 0) that were dropped.
    public var skippedImpedanceRows: Int
    /// How the file was read (column choices, decimal separator, table offsets).
    public var notes: [String]

    /// Checks that the arrays have one entry per sample, every value is finite and time never decreases.
    /// - Throws: `.noData` without samples, `.badValue` (naming the sample's line) otherwise.
    public init(
        timeSeconds: [Double], potentialVolts: [Double], currentMilliamps: [Double], cycleNumbers: [Int]? = nil,
        halfCycles: [Int]? = nil, lines: [Int]? = nil, source: String = "<memory>", format: Format = .timeSeriesCSV,
        skippedImpedanceRows: Int = 0, notes: [String] = []
    ) throws(TrackingError) {
        let n = timeSeconds.count
        let lines = lines ?? (0..<n).map { $0 + 1 }
        guard n > 0 else { throw .noData(TrackingLocation(source: source), reason: "no cycler samples") }
        guard potentialVolts.count == n, currentMilliamps.count == n, lines.count == n,
              cycleNumbers.map({ $0.count == n }) ?? true, halfCycles.map({ $0.count == n }) ?? true else {
            throw .inconsistentInputs(reason: "\(source): curve arrays of different lengths")
        }
        for i in 0..<n {
            let at = TrackingLocation(source: source, line: lines[i])
            if !(timeSeconds[i].isFinite && potentialVolts[i].isFinite && currentMilliamps[i].isFinite) {
                let (name, v) = !timeSeconds[i].isFinite ? ("time/s", timeSeconds[i])
                    : !potentialVolts[i].isFinite ? ("Ewe/V", potentialVolts[i]) : ("I/mA", currentMilliamps[i])
                throw .badValue(at, column: name, text: "\(v)", reason: "is not a finite number")
            }
            if i > 0, timeSeconds[i] < timeSeconds[i - 1] {
                throw .badValue(
                    at, column: "time/s", text: "\(timeSeconds[i])",
                    reason: "is earlier than the previous sample (\(timeSeconds[i - 1]) s on line \(lines[i - 1]))")
            }
            if let c = cycleNumbers, i > 0, c[i] < c[i - 1] {
                throw .badValue(
                    at, column: "cycle number", text: "\(c[i])",
                    reason: "is below the previous sample's \(c[i - 1]) (line \(lines[i - 1]))")
            }
        }
        self.timeSeconds = timeSeconds
        self.potentialVolts = potentialVolts
        self.currentMilliamps = currentMilliamps
        self.cycleNumbers = cycleNumbers
        self.halfCycles = halfCycles
        self.lines = lines
        self.source = source
        self.format = format
        self.skippedImpedanceRows = skippedImpedanceRows
        self.notes = notes
    }

    /// Number of samples.
    public var count: Int { timeSeconds.count }
}
