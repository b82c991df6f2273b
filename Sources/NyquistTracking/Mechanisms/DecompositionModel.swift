import Foundation

/// The decomposition model (tracking-models §4(b)): side charge → moles of SE decomposed → interphase thickness →
/// interfacial resistance, plus the void model's contact terms (§4(c)) evaluated on the same path.
///
/// Per cycle k: q_side,k (mAh) from ``CyclingData/sideCharges(cell:reference:)``;
/// N_dec(n) = Σ_{k≤n} q_side,k·3.6/(zF) (µmol); f_dec = N_dec/N_SE;
/// L(n) = L0 + N_dec·V̄_prod/A_c0 (A_c0 = θ0·a_s·m_CAM; nm = µmol·mL mol⁻¹·10/cm²);
/// voids from ``VoidModel`` (one step per cycle of the cycling data, b_k = |ε_v|·u_k·V_CAM, u_k = Q_dis,k/Q_ref):
/// V_void(n) = β·ΔV̄·N_dec(n) + η·Σ_{k≤n} b_k·(1 − φ_dead,k) − V_heal(n), with φ_dead,k from the void reached
/// before cycle k and the creep closure integrated exactly over Δt_k = cycle_hours·(c_k − c_{k−1});
/// θ/θ0 = exp[−V_void/(δ_c·A_c0)]; φ_dead = Σ_{j<m_min} C(N_c, j) r^j (1 − r)^(N_c−j), r = θ/θ0;
/// R3(n) = [ASR_ct + L(n)/σ_int]/[A_c0·(θ/θ0)·(1 − φ_dead)]. For a carbon-free electrode the rows also carry the
/// electronic percolation ratio σ_e,eff/σ_e,CAM = [(φ_CAM(1 − φ_dead) − φc)/(1 − φc)]^t (p_e = φ_dead, see
/// ``ElectronicPercolation``).
public struct DecompositionTrack: Sendable, Hashable, Codable {
    public struct Row: Sendable, Hashable, Codable {
        public var cycle: Int
        /// q_side,k, mAh.
        public var sideChargeMAh: Double
        public var cumulativeSideChargeMAh: Double
        /// N_dec, µmol, and f_dec = N_dec/N_SE.
        public var decomposedMicromoles: Double
        public var decomposedFraction: Double
        /// L, nm.
        public var interphaseNm: Double
        /// Net (after creep closure) V_dec and V_br, mm³.
        public var decompositionVoidMm3: Double
        public var breathingVoidMm3: Double
        /// V_heal, mm³ (0 without a creep time).
        public var healedVoidMm3: Double
        /// 1 − φ_dead,k, the live CAM fraction whose breathing ratchets in this cycle.
        public var breathingLiveFraction: Double
        /// θ/θ0 and φ_dead.
        public var contactRatio: Double
        public var deadFraction: Double
        /// R3 predicted by the interphase alone, Ω ([ASR_ct + L/σ_int]/A_c0), and with the contact loss, Ω.
        public var predictedChemicalR3: Double
        public var predictedR3: Double
        /// σ_e,eff/σ_e,CAM (carbon-free electrodes only; 0 below the percolation threshold).
        public var electronicConductivityRatio: Double?
        /// σ_e,eff, S cm⁻¹ (carbon-free electrodes with a given σ_e,CAM only).
        public var electronicConductivity: Double?
        /// Predicted pressure drift (k_A/A)·[−β·ΔV̄·N_dec + V_heal], MPa, once a ``PressureCalibration`` is applied
        /// with ``DecompositionTrack/applyPressureCalibration(_:)``.
        public var predictedPressureDriftMPa: Double?
    }

    public var cell: CellDescription
    /// ASR_ct, Ω cm², used (given, or calibrated so that the first cycle reproduces a measured R3).
    public var chargeTransferASR: Double
    public var rows: [Row]
    public var notes: [String]

    /// The row of cycle `n` (or the last one before it).
    public func row(atCycle n: Double) -> Row? { rows.last { Double($0.cycle) <= n } }

    /// Fills each row's ``Row/predictedPressureDriftMPa`` from the calibrated stiffness (tracking-models §4(c)5
    /// without the reversible term): ΔP = (k_A/A)·[−β·ΔV̄·N_dec + V_heal].
    public mutating func applyPressureCalibration(_ calibration: PressureCalibration) {
        for i in rows.indices {
            rows[i].predictedPressureDriftMPa = calibration.predictedChangeMPa(
                reversibleBreathingMm3: 0, decompositionMicromoles: rows[i].decomposedMicromoles,
                healedMm3: rows[i].healedVoidMm3, cell: cell)
        }
    }
}

/// The contact functions of the void model.
public enum ContactModel {
    /// θ/θ0 = exp[−V/(δ_c·A_c0)], V in mm³, δ_c in nm, A_c0 in cm² (δ·A = nm·cm²·10⁻⁴ mm³ per (nm·cm²)).
    public static func contactRatio(voidMm3: Double, cell: CellDescription) -> Double {
        Foundation.exp(-voidMm3 / (cell.gapNm * 1e-6 * cell.initialContactAreaCm2 * 100))
    }

    /// φ_dead = Σ_{j<m_min} C(N_c, j) r^j (1 − r)^(N_c − j): the binomial probability that a particle keeps fewer
    /// than m_min of its N_c contacts when each survives with probability r = θ/θ0.
    public static func deadFraction(contactRatio r: Double, contacts: Int, minimum: Int) -> Double {
        var total = 0.0
        var binomial = 1.0
        for j in 0..<min(minimum, contacts + 1) {
            if j > 0 { binomial *= Double(contacts - j + 1) / Double(j) }
            total += binomial * Foundation.pow(r, Double(j)) * Foundation.pow(1 - r, Double(contacts - j))
        }
        return min(max(total, 0), 1)
    }

    /// g(V) = −ln(θ/θ0) − ln(1 − φ_dead): the contact part of ln R3.
    public static func contactLogTerm(voidMm3: Double, cell: CellDescription) -> Double {
        let r = contactRatio(voidMm3: voidMm3, cell: cell)
        let dead = deadFraction(contactRatio: r, contacts: cell.contacts, minimum: cell.minimumContacts)
        return voidMm3 / (cell.gapNm * 1e-6 * cell.initialContactAreaCm2 * 100) - Foundation.log(max(1 - dead, 1e-300))
    }
}

extension DecompositionTrack {
    /// Runs the model over the cycling data.
    /// - Parameters:
    ///   - chargeTransferASR: ASR_ct, Ω cm²; when nil it is calibrated from `firstR3` (R3 at the first cycle, Ω)
    ///     as ASR_ct = R3·A_act(1) − L(1)/σ_int (clamped at 0), or 0 without it.
    public static func compute(
        cycling: CyclingData, cell: CellDescription, reference: CyclingData? = nil,
        chargeTransferASR: Double? = nil, firstR3: Double? = nil
    ) throws(TrackingError) -> DecompositionTrack {
        try cell.validateCreep()
        let q = try cycling.sideCharges(cell: cell, reference: reference)
        let perMAh = cell.micromolesPerMilliampHour
        let area = cell.initialContactAreaCm2
        guard area > 0, cell.seMicromoles > 0 else {
            throw .invalidSetting(name: "cell", reason: "the contact area and SE amount must be positive")
        }
        let qRef = cell.referenceCapacityMAh ?? cycling.cycles.first?.dischargeMAh ?? 0
        var notes: [String] = []
        var cumulative = 0.0
        var nDec: [Double] = []
        var cumulativeCharge: [Double] = []
        for qk in q {
            cumulative += qk
            cumulativeCharge.append(cumulative)
            nDec.append(cumulative * perMAh)
        }
        let cycles = cycling.cycles.map { Double($0.cycle) }
        let drivers = VoidDrivers(
            cycles: cycles, decomposedMicromoles: nDec,
            breathingMm3: cycling.cycles.map {
                qRef > 0 ? cell.camVolumeStrain * $0.dischargeMAh / qRef * cell.camVolumeMm3 : 0
            },
            durationHours: VoidModel.durations(cycles: cycles, start: (cycles.first ?? 1) - 1, cell: cell))
        let states = VoidModel.path(drivers, cell: cell)
        var rows: [Row] = []
        for (k, c) in cycling.cycles.enumerated() {
            let state = states[k]
            var ratio: Double? = nil
            var conductivity: Double? = nil
            if cell.isCarbonFree {
                let r = ElectronicPercolation.conductivityRatio(cell: cell, deadFraction: state.deadFraction)
                ratio = r
                conductivity = cell.camElectronicConductivity.map { $0 * r }
            }
            rows.append(
                Row(cycle: c.cycle, sideChargeMAh: q[k], cumulativeSideChargeMAh: cumulativeCharge[k],
                    decomposedMicromoles: nDec[k], decomposedFraction: nDec[k] / cell.seMicromoles,
                    interphaseNm: cell.initialInterphaseNm + nDec[k] * cell.productsMolarVolume * 10 / area,
                    decompositionVoidMm3: state.decompositionVoidMm3, breathingVoidMm3: state.breathingVoidMm3,
                    healedVoidMm3: state.healedMm3, breathingLiveFraction: state.breathingLiveFraction,
                    contactRatio: state.contactRatio, deadFraction: state.deadFraction, predictedChemicalR3: 0,
                    predictedR3: 0, electronicConductivityRatio: ratio, electronicConductivity: conductivity,
                    predictedPressureDriftMPa: nil))
        }
        if qRef <= 0 { notes.append("no reference capacity: breathing voids set to 0") }
        if let tau = cell.creepTimeHours, let hours = cell.cycleHours {
            notes.append("creep closure τ_creep = \(tau) h over \(hours) h per cycle")
        }
        if cell.isCarbonFree, let first = rows.first, first.electronicConductivityRatio == 0 {
            notes.append(
                "carbon-free electrode at or below the percolation threshold from the start: φ_CAM = "
                    + "\(cell.camVolumeFraction) ≤ φc = \(cell.percolationThreshold)")
        }
        var asr = chargeTransferASR ?? 0
        if chargeTransferASR == nil, let firstR3, let first = rows.first {
            let active = area * first.contactRatio * (1 - first.deadFraction)
            asr = firstR3 * active - first.interphaseNm * 1e-7 / cell.interphaseConductivity
            if asr < 0 {
                notes.append("ASR_ct calibrated from R3(first) came out negative (\(asr) Ω cm²); set to 0")
                asr = 0
            } else {
                notes.append("ASR_ct = \(asr) Ω cm² calibrated from R3 = \(firstR3) Ω at cycle \(first.cycle)")
            }
        }
        for i in rows.indices {
            let chem = asr + rows[i].interphaseNm * 1e-7 / cell.interphaseConductivity
            rows[i].predictedChemicalR3 = chem / area
            rows[i].predictedR3 = chem / (area * rows[i].contactRatio * max(1 - rows[i].deadFraction, 1e-300))
        }
        if let last = rows.last, last.decomposedFraction > 1 {
            notes.append("the side charge exceeds full oxidation of the SE (f_dec = \(last.decomposedFraction)); check χ")
        }
        return DecompositionTrack(cell: cell, chargeTransferASR: asr, rows: rows, notes: notes)
    }
}
