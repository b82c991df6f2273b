import Foundation
import NyquistNumerics

/// One cell's data for the physical (mechanistic) fit: R3 at EIS cycles with the decomposition and breathing
/// drivers at those cycles.
public struct CellHistory: Sendable, Hashable, Codable {
    public var name: String
    public var cell: CellDescription
    public var cycles: [Double]
    /// R3, Ω, and its 1σ standard errors (0 = unknown; the fit floor applies).
    public var r3: [Double]
    public var standardErrors: [Double]
    /// N_dec at each EIS cycle, µmol.
    public var decomposedMicromoles: [Double]
    /// B(n) = Σ_{k≤n} |ε_v|·u_k·V_CAM at each EIS cycle, mm³: the breathing sum before the ratchet η and the live
    /// fraction (1 − φ_dead,k) (the breathing void is η·Σ b_k·(1 − φ_dead,k), see ``VoidModel``).
    public var breathingVolumeMm3: [Double]
    /// Per-cycle drivers from the cycling data and, for each EIS point, the index of its cycle in them; nil when
    /// the history was built from EIS-point arrays only (then ``voidDrivers()`` uses one step per EIS cycle).
    public var cycleDrivers: VoidDrivers?
    public var cycleDriverIndex: [Int]?

    public init(
        name: String, cell: CellDescription, cycles: [Double], r3: [Double], standardErrors: [Double],
        decomposedMicromoles: [Double], breathingVolumeMm3: [Double]
    ) {
        self.name = name
        self.cell = cell
        self.cycles = cycles
        self.r3 = r3
        self.standardErrors = standardErrors
        self.decomposedMicromoles = decomposedMicromoles
        self.breathingVolumeMm3 = breathingVolumeMm3
        self.cycleDrivers = nil
        self.cycleDriverIndex = nil
    }

    /// The steps of the void recursion and the step of each EIS point. From the cycling data when known (one step
    /// per cycle); otherwise one step per distinct EIS cycle in ascending order, with N_dec and B of the first
    /// point at that cycle, b = B(n_i) − B(n_{i−1}) (B = 0 before the first) and Δt = cycle_hours·(n_i − n_{i−1})
    /// from n₀ = 0.
    public func voidDrivers() -> (drivers: VoidDrivers, pointSteps: [Int]) {
        if let cycleDrivers, let cycleDriverIndex, cycleDriverIndex.count == cycles.count {
            return (cycleDrivers, cycleDriverIndex)
        }
        let distinct = Array(Set(cycles)).sorted()
        var nDec: [Double] = []
        var increments: [Double] = []
        var previous = 0.0
        for n in distinct {
            let i = cycles.firstIndex(of: n) ?? 0
            nDec.append(decomposedMicromoles[i])
            increments.append(breathingVolumeMm3[i] - previous)
            previous = breathingVolumeMm3[i]
        }
        let drivers = VoidDrivers(
            cycles: distinct, decomposedMicromoles: nDec, breathingMm3: increments,
            durationHours: VoidModel.durations(cycles: distinct, start: 0, cell: cell))
        let steps = cycles.map { n in distinct.firstIndex(of: n) ?? 0 }
        return (drivers, steps)
    }

    /// Builds the history from a series and the cell's cycling data (drivers from ``DecompositionTrack``).
    public init(
        name: String, series: ParameterSeries, cycling: CyclingData, cell: CellDescription,
        reference: CyclingData? = nil
    ) throws(TrackingError) {
        let track = try DecompositionTrack.compute(cycling: cycling, cell: cell, reference: reference)
        let qRef = cell.referenceCapacityMAh ?? cycling.cycles.first?.dischargeMAh ?? 0
        var total = 0.0
        var strainSum: [Double] = []
        var perCycle: [Double] = []
        for c in cycling.cycles {
            let b = qRef > 0 ? cell.camVolumeStrain * c.dischargeMAh / qRef * cell.camVolumeMm3 : 0
            perCycle.append(b)
            total += b
            strainSum.append(total)
        }
        var nDec: [Double] = []
        var breathing: [Double] = []
        var steps: [Int] = []
        for n in series.cycles {
            guard let index = cycling.cycles.lastIndex(where: { Double($0.cycle) <= n }) else {
                throw .inconsistentInputs(reason: "cycle \(n) of \(series.source) precedes the cycling data")
            }
            guard n < Double(cycling.cycles[cycling.cycles.count - 1].cycle + 1) else {
                throw .inconsistentInputs(reason: "cycle \(n) of \(series.source) is beyond the cycling data")
            }
            nDec.append(track.rows[index].decomposedMicromoles)
            breathing.append(strainSum[index])
            steps.append(index)
        }
        self.init(
            name: name, cell: cell, cycles: series.cycles, r3: series.values, standardErrors: series.standardErrors,
            decomposedMicromoles: nDec, breathingVolumeMm3: breathing)
        let cycleNumbers = cycling.cycles.map { Double($0.cycle) }
        self.cycleDrivers = VoidDrivers(
            cycles: cycleNumbers, decomposedMicromoles: track.rows.map(\.decomposedMicromoles), breathingMm3: perCycle,
            durationHours: VoidModel.durations(cycles: cycleNumbers, start: (cycleNumbers.first ?? 1) - 1, cell: cell))
        self.cycleDriverIndex = steps
    }
}

/// The mechanistic model variants compared by AICc (tracking-models §4(d)).
public enum MechanismModel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Interphase chemistry only (β = η = 0).
    case chemistry
    /// Interphase + decomposition voids (η = 0).
    case decompositionVoids
    /// Interphase + breathing voids (β = 0).
    case breathingVoids
    /// Interphase + both void sources.
    case full
}

/// Shared material parameters and cell-specific ASR_ct of the mechanistic model.
public struct MechanismParameters: Sendable, Hashable, Codable {
    /// ASR_ct per cell, Ω cm².
    public var chargeTransferASR: [Double]
    /// σ_int, S cm⁻¹.
    public var interphaseConductivity: Double
    /// β and η.
    public var voidShare: Double
    public var ratchet: Double

    public init(chargeTransferASR: [Double], interphaseConductivity: Double, voidShare: Double, ratchet: Double) {
        self.chargeTransferASR = chargeTransferASR
        self.interphaseConductivity = interphaseConductivity
        self.voidShare = voidShare
        self.ratchet = ratchet
    }

    /// The void path of `history` (per step of ``CellHistory/voidDrivers()``) for these β and η.
    public func voidPath(_ history: CellHistory) -> [VoidState] {
        VoidModel.path(history.voidDrivers().drivers, cell: history.cell, voidShare: voidShare, ratchet: ratchet)
    }

    /// The three parts of ln R3 at point i of `history` (cell index c), given its void path and point steps:
    /// chemistry ln(ASR + L/σ) − ln A_c0, and the net decomposition and breathing voids (mm³) of ``VoidModel``.
    func parts(_ history: CellHistory, cellIndex c: Int, point i: Int, path: [VoidState], steps: [Int])
        -> (chem: Double, vDec: Double, vBr: Double)
    {
        let cell = history.cell
        let area = cell.initialContactAreaCm2
        let nDec = history.decomposedMicromoles[i]
        let interphaseCm = (cell.initialInterphaseNm + nDec * cell.productsMolarVolume * 10 / area) * 1e-7
        let chem = Foundation.log(chargeTransferASR[c] + interphaseCm / interphaseConductivity) - Foundation.log(area)
        let state = path[steps[i]]
        return (chem, state.decompositionVoidMm3, state.breathingVoidMm3)
    }

    /// ln R3 predicted at every point of cell c: chemistry + g(V_void), g = −ln θ/θ0 − ln(1 − φ_dead).
    public func logR3(_ history: CellHistory, cellIndex c: Int) -> [Double] {
        let (drivers, steps) = history.voidDrivers()
        return logR3(history, cellIndex: c, drivers: drivers, steps: steps)
    }

    func logR3(_ history: CellHistory, cellIndex c: Int, drivers: VoidDrivers, steps: [Int]) -> [Double] {
        let path = VoidModel.path(drivers, cell: history.cell, voidShare: voidShare, ratchet: ratchet)
        return history.r3.indices.map { i in
            let p = parts(history, cellIndex: c, point: i, path: path, steps: steps)
            return p.chem + ContactModel.contactLogTerm(voidMm3: p.vDec + p.vBr, cell: history.cell)
        }
    }

    /// ln R3 predicted at point i of cell c.
    public func logR3(_ history: CellHistory, cellIndex c: Int, point i: Int) -> Double {
        logR3(history, cellIndex: c)[i]
    }
}
