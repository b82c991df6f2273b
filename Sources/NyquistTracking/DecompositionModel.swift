import Foundation

/// The decomposition model (tracking-models §4(b)): side charge → moles of SE decomposed → interphase thickness →
/// interfacial resistance, plus the void model's contact terms (§4(c)) evaluated on the same path.
///
/// Per cycle k: q_side,k (mAh) from ``CyclingData/sideCharges(cell:reference:)``;
/// N_dec(n) = Σ_{k≤n} q_side,k·3.6/(zF) (µmol); f_dec = N_dec/N_SE;
/// L(n) = L0 + N_dec·V̄_prod/A_c0 (A_c0 = θ0·a_s·m_CAM; nm = µmol·mL mol⁻¹·10/cm²);
/// V_dec = β·ΔV̄·N_dec; V_br(n) = η·Σ_{k≤n} |ε_v|·u_k·V_CAM, u_k = Q_dis,k/Q_ref (mm³; the document's
/// (1 − φ_dead,k) factor in the breathing sum is not applied);
/// θ/θ0 = exp[−V_void/(δ_c·A_c0)]; φ_dead = Σ_{j<m_min} C(N_c, j) r^j (1 − r)^(N_c−j), r = θ/θ0;
/// R3(n) = [ASR_ct + L(n)/σ_int]/[A_c0·(θ/θ0)·(1 − φ_dead)].
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
        /// V_dec and V_br, mm³.
        public var decompositionVoidMm3: Double
        public var breathingVoidMm3: Double
        /// θ/θ0 and φ_dead.
        public var contactRatio: Double
        public var deadFraction: Double
        /// R3 predicted by the interphase alone, Ω ([ASR_ct + L/σ_int]/A_c0), and with the contact loss, Ω.
        public var predictedChemicalR3: Double
        public var predictedR3: Double
    }

    public var cell: CellDescription
    /// ASR_ct, Ω cm², used (given, or calibrated so that the first cycle reproduces a measured R3).
    public var chargeTransferASR: Double
    public var rows: [Row]
    public var notes: [String]

    /// The row of cycle `n` (or the last one before it).
    public func row(atCycle n: Double) -> Row? { rows.last { Double($0.cycle) <= n } }
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
        let q = try cycling.sideCharges(cell: cell, reference: reference)
        let perMAh = cell.micromolesPerMilliampHour
        let area = cell.initialContactAreaCm2
        guard area > 0, cell.seMicromoles > 0 else {
            throw .invalidSetting(name: "cell", reason: "the contact area and SE amount must be positive")
        }
        let qRef = cell.referenceCapacityMAh ?? cycling.cycles.first?.dischargeMAh ?? 0
        var notes: [String] = []
        var cumulative = 0.0
        var breathing = 0.0
        var rows: [Row] = []
        for (c, qk) in zip(cycling.cycles, q) {
            cumulative += qk
            let nDec = cumulative * perMAh
            let interphase = cell.initialInterphaseNm + nDec * cell.productsMolarVolume * 10 / area
            let vDec = cell.voidShare * cell.shrinkageMm3(micromoles: max(nDec, 0))
            let u = qRef > 0 ? c.dischargeMAh / qRef : 0
            breathing += cell.ratchet * cell.camVolumeStrain * u * cell.camVolumeMm3
            let ratio = ContactModel.contactRatio(voidMm3: vDec + breathing, cell: cell)
            let dead = ContactModel.deadFraction(contactRatio: ratio, contacts: cell.contacts, minimum: cell.minimumContacts)
            rows.append(
                Row(cycle: c.cycle, sideChargeMAh: qk, cumulativeSideChargeMAh: cumulative, decomposedMicromoles: nDec,
                    decomposedFraction: nDec / cell.seMicromoles, interphaseNm: interphase, decompositionVoidMm3: vDec,
                    breathingVoidMm3: breathing, contactRatio: ratio, deadFraction: dead, predictedChemicalR3: 0,
                    predictedR3: 0))
        }
        if qRef <= 0 { notes.append("no reference capacity: breathing voids set to 0") }
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
