import Foundation

/// A stack-pressure trace: `time_s` or `cycle` with `pressure_MPa` (CSV).
public struct PressureTrace: Sendable, Hashable, Codable {
    /// Time (s) or cycle number of each sample, and whether it is a cycle.
    public var clock: [Double]
    public var isCycle: Bool
    /// Pressure, MPa.
    public var pressureMPa: [Double]
    public var source: String

    public static func read(path: String) throws(TrackingError) -> PressureTrace {
        try from(table: CSVTable.read(path: path))
    }

    public static func parse(csv text: String, source: String = "<string>") throws(TrackingError) -> PressureTrace {
        try from(table: CSVTable.parse(text: text, source: source))
    }

    static func from(table: CSVTable) throws(TrackingError) -> PressureTrace {
        let cycleColumn = table.column(["cycle"])
        let timeColumn = table.column(["times", "time"])
        guard let clockColumn = cycleColumn ?? timeColumn else {
            throw .missingColumn(
                TrackingLocation(source: table.source, line: table.headerLine), column: "time_s or cycle",
                available: table.header)
        }
        let p = try table.requireColumn(["pressurempa", "pmpa", "pressure"], display: "pressure_MPa")
        var clock: [Double] = []
        var pressure: [Double] = []
        for row in table.rows {
            let c = try table.number(row, clockColumn) ?? 0
            // Cycles are grouped by ⌊c⌋ (an Int): keep them where that conversion is exact.
            if cycleColumn != nil, !(abs(c) < 1e9) {
                throw .badValue(
                    TrackingLocation(source: table.source, line: row.line), column: table.header[clockColumn],
                    text: row.fields[clockColumn], reason: "is not a cycle number below 10⁹")
            }
            clock.append(c)
            pressure.append(try table.number(row, p) ?? 0)
        }
        guard clock.count >= 2 else { throw .noData(TrackingLocation(source: table.source), reason: "fewer than 2 samples") }
        return PressureTrace(clock: clock, isCycle: cycleColumn != nil, pressureMPa: pressure, source: table.source)
    }

    /// (ΔP_osc, ΔP_decay) in MPa. With a cycle column: ΔP_osc = median over cycles of the range (max − min)
    /// within the cycle; ΔP_decay = (mean of the first cycle − mean of the last)·n/(n − 1) over n cycles (the drift
    /// extrapolated to the whole trace). Time-only traces: the line fit absorbs part of an oscillation with few
    /// periods, so prefer a cycle column. With time only: a least-squares line P = a + b·t gives
    /// ΔP_decay = −b·(t_end − t_start) and the oscillation is 2√2 times the RMS of the detrended trace (the
    /// peak-to-peak of a sinusoid).
    public func amplitudes() -> (oscillation: Double, decay: Double) {
        if isCycle {
            var groups: [Int: [Double]] = [:]
            for (c, p) in zip(clock, pressureMPa) { groups[Int(c.rounded(.down)), default: []].append(p) }
            let keys = groups.keys.sorted()
            let ranges = keys.compactMap { k in groups[k].flatMap { g in g.max().map { $0 - (g.min() ?? $0) } } }.sorted()
            let oscillation = Quantile.of(sorted: ranges, 0.5) ?? 0
            let mean = { (k: Int) in (groups[k] ?? []).reduce(0, +) / Double(max(groups[k]?.count ?? 1, 1)) }
            let spanned = Double(max(keys.count - 1, 1))
            let decay = ((keys.first.map(mean) ?? 0) - (keys.last.map(mean) ?? 0)) * Double(keys.count) / spanned
            return (oscillation, decay)
        }
        let n = Double(clock.count)
        let tm = clock.reduce(0, +) / n
        let pm = pressureMPa.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        for (t, p) in zip(clock, pressureMPa) {
            sxy += (t - tm) * (p - pm)
            sxx += (t - tm) * (t - tm)
        }
        let slope = sxx > 0 ? sxy / sxx : 0
        var ss = 0.0
        for (t, p) in zip(clock, pressureMPa) {
            let r = p - (pm + slope * (t - tm))
            ss += r * r
        }
        let span = (clock.max() ?? 0) - (clock.min() ?? 0)
        return (2 * 2.0.squareRoot() * (ss / n).squareRoot(), -slope * span)
    }
}

/// Calibration of the system areal stiffness from the reversible CAM breathing (tracking-models §4(c)5):
/// k_A = ΔP_osc·A/(γ·|ε_v|·u·V_CAM); the decomposition volume seen by the load cell is
/// ΔV_dec = (ΔP_decay/ΔP_osc)·γ·|ε_v|·u·V_CAM. The pressure follows
/// ΔP(t) = (k_A/A)·[γ·ΔV_CAM,rev(t) − β·ΔV̄·N_dec(t) + V_heal(t)] (§4(c)5, the document's convention: the load cell
/// sees the net decomposition void, so creep closure V_heal gives pressure back), hence ΔV_dec = β·ΔV̄·N_dec − V_heal
/// and f_dec = (ΔV_dec + V_heal)/(β·ΔV̄·N_SE) of the SE (V_heal = 0 without creep). Never uses a material modulus.
public struct PressureCalibration: Sendable, Hashable, Codable {
    /// ΔP_osc and ΔP_decay, MPa.
    public var oscillationMPa: Double
    public var decayMPa: Double
    /// u, the utilisation of the breathing cycle (Q_dis/Q_ref), 1 by default.
    public var utilisation: Double
    /// k_A, N µm⁻¹ (force per thickness change over the cell face).
    public var stiffnessNPerMicrometre: Double
    /// ΔV_dec, mm³.
    public var decompositionVolumeMm3: Double
    /// f_dec implied by the pressure decay.
    public var decomposedFraction: Double

    /// V_heal over the decay window, mm³, added back to ΔV_dec for f_dec (0 = no creep).
    public var healedMm3: Double

    /// - Parameter healedMm3: the void closed by creep over the decay window, mm³ (e.g. the difference of
    ///   ``DecompositionTrack/Row/healedVoidMm3`` between its ends); 0 without creep.
    /// - Throws: `.invalidSetting` when ΔP_osc ≤ 0, the breathing volume is 0 or `healedMm3` is negative.
    public init(
        oscillationMPa: Double, decayMPa: Double, cell: CellDescription, utilisation: Double = 1,
        healedMm3: Double = 0
    ) throws(TrackingError) {
        let breathing = cell.breathingTransfer * cell.camVolumeStrain * utilisation * cell.camVolumeMm3
        guard oscillationMPa > 0, oscillationMPa.isFinite else {
            throw .invalidSetting(name: "pressure oscillation", reason: "ΔP_osc = \(oscillationMPa) MPa; need > 0")
        }
        guard breathing > 0, cell.voidShare > 0 else {
            throw .invalidSetting(name: "cell", reason: "breathing volume γ·|ε_v|·u·V_CAM and β must be > 0")
        }
        guard healedMm3 >= 0, healedMm3.isFinite else {
            throw .invalidSetting(name: "healed volume", reason: "V_heal = \(healedMm3) mm³; need ≥ 0")
        }
        self.healedMm3 = healedMm3
        self.oscillationMPa = oscillationMPa
        self.decayMPa = decayMPa
        self.utilisation = utilisation
        // Force ΔP·A (MPa·mm² = N) over the thickness change Δh = ΔV/A (µm).
        let areaMm2 = cell.area * 100
        let deltaHeightMicrometres = breathing / areaMm2 * 1000
        self.stiffnessNPerMicrometre = oscillationMPa * areaMm2 / deltaHeightMicrometres
        self.decompositionVolumeMm3 = decayMPa / oscillationMPa * breathing
        self.decomposedFraction =
            (decompositionVolumeMm3 + healedMm3) / (cell.voidShare * cell.shrinkageMm3(micromoles: cell.seMicromoles))
    }

    /// ΔP = (k_A/A)·[γ·ΔV_CAM,rev − β·ΔV̄·N_dec + V_heal], MPa, for the signed reversible CAM volume change
    /// ΔV_CAM,rev (mm³), N_dec (µmol) and V_heal (mm³): with k_A in N µm⁻¹ and A in mm²,
    /// ΔP = k_A·ΔV·10³/A² (ΔV/A is the thickness change in mm, ×10³ in µm).
    public func predictedChangeMPa(
        reversibleBreathingMm3: Double, decompositionMicromoles: Double, healedMm3: Double, cell: CellDescription
    ) -> Double {
        let areaMm2 = cell.area * 100
        let volume = cell.breathingTransfer * reversibleBreathingMm3
            - cell.voidShare * cell.shrinkageMm3(micromoles: decompositionMicromoles) + healedMm3
        return stiffnessNPerMicrometre * volume * 1000 / (areaMm2 * areaMm2)
    }
}
