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
    /// B(n) = Σ_{k≤n} |ε_v|·u_k·V_CAM at each EIS cycle, mm³ (the breathing void is η·B).
    public var breathingVolumeMm3: [Double]

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
        for c in cycling.cycles {
            total += qRef > 0 ? cell.camVolumeStrain * c.dischargeMAh / qRef * cell.camVolumeMm3 : 0
            strainSum.append(total)
        }
        var nDec: [Double] = []
        var breathing: [Double] = []
        for n in series.cycles {
            guard let index = cycling.cycles.lastIndex(where: { Double($0.cycle) <= n }) else {
                throw .inconsistentInputs(reason: "cycle \(n) of \(series.source) precedes the cycling data")
            }
            guard n < Double(cycling.cycles[cycling.cycles.count - 1].cycle + 1) else {
                throw .inconsistentInputs(reason: "cycle \(n) of \(series.source) is beyond the cycling data")
            }
            nDec.append(track.rows[index].decomposedMicromoles)
            breathing.append(strainSum[index])
        }
        self.init(
            name: name, cell: cell, cycles: series.cycles, r3: series.values, standardErrors: series.standardErrors,
            decomposedMicromoles: nDec, breathingVolumeMm3: breathing)
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

    /// The three parts of ln R3 at point i of `history` (cell index c): chemistry ln(ASR + L/σ) − ln A_c0, and
    /// the decomposition and breathing voids V_dec = β·ΔV̄·N_dec and V_br = η·B (mm³).
    func parts(_ history: CellHistory, cellIndex c: Int, point i: Int) -> (chem: Double, vDec: Double, vBr: Double) {
        let cell = history.cell
        let area = cell.initialContactAreaCm2
        let nDec = history.decomposedMicromoles[i]
        let interphaseCm = (cell.initialInterphaseNm + nDec * cell.productsMolarVolume * 10 / area) * 1e-7
        let chem = Foundation.log(chargeTransferASR[c] + interphaseCm / interphaseConductivity) - Foundation.log(area)
        return (chem, voidShare * cell.shrinkageMm3(micromoles: max(nDec, 0)), ratchet * history.breathingVolumeMm3[i])
    }

    /// ln R3 predicted at point i of cell c.
    public func logR3(_ history: CellHistory, cellIndex c: Int, point i: Int) -> Double {
        let p = parts(history, cellIndex: c, point: i)
        return p.chem + ContactModel.contactLogTerm(voidMm3: p.vDec + p.vBr, cell: history.cell)
    }
}
