import Foundation

/// The per-step inputs of the void recursion: one step per cycle of the cycling data (or, for a ``CellHistory``
/// built from EIS points only, one step per EIS cycle).
public struct VoidDrivers: Sendable, Hashable, Codable {
    /// Cycle number at the end of each step.
    public var cycles: [Double]
    /// N_dec at the end of each step (cumulative), µmol.
    public var decomposedMicromoles: [Double]
    /// b_k = |ε_v|·u_k·V_CAM of each step (the breathing volume before the ratchet η and the live fraction), mm³.
    public var breathingMm3: [Double]
    /// Δt_k, the duration of each step, hours (used only with a creep time).
    public var durationHours: [Double]

    public init(cycles: [Double], decomposedMicromoles: [Double], breathingMm3: [Double], durationHours: [Double]) {
        self.cycles = cycles
        self.decomposedMicromoles = decomposedMicromoles
        self.breathingMm3 = breathingMm3
        self.durationHours = durationHours
    }

    public var count: Int { cycles.count }
}

/// The void model's state at the end of one step.
public struct VoidState: Sendable, Hashable, Codable {
    /// Net (after creep closure) decomposition and breathing voids, mm³; V_void = their sum.
    public var decompositionVoidMm3: Double
    public var breathingVoidMm3: Double
    /// V_heal, the void closed by creep so far, mm³ (0 without a creep time).
    public var healedMm3: Double
    /// 1 − φ_dead,k: the live CAM fraction that breathed in this step (from the void reached before it).
    public var breathingLiveFraction: Double
    /// θ/θ0 and φ_dead at the end of the step.
    public var contactRatio: Double
    public var deadFraction: Double

    public var voidMm3: Double { decompositionVoidMm3 + breathingVoidMm3 }
}

/// The void recursion of tracking-models §4(c)1:
/// V_void(n) = β·ΔV̄·N_dec(n) + η·Σ_{k≤n} |ε_v|·u_k·V_CAM·(1 − φ_dead,k) − V_heal(n), dV_heal/dt = V_void/τ_creep.
///
/// Discretisation, per step k = 1…K (V₀ = 0, N_dec(0) = 0, N⁺ = max(N, 0)):
/// - φ_dead,k = φ_dead(θ(V_{k−1})/θ0): the particles dead at the end of the previous step do not breathe in step k
///   (φ_dead,1 = φ_dead(1) = 0);
/// - generated void g_dec,k = β·ΔV̄·(N⁺_dec(k) − N⁺_dec(k−1)) and g_br,k = η·b_k·(1 − φ_dead,k);
/// - creep: with a_k = Δt_k/τ_creep and the step's void generated at a constant rate during the step, the exact
///   solution of dV/dt = g/Δt − V/τ is V_k = V_{k−1}·e^(−a) + g_k·(1 − e^(−a))/a (→ V_{k−1} + g_k as τ → ∞),
///   applied to the decomposition and breathing parts separately (the relaxation is linear);
/// - V_heal(k) = Σ_{j≤k}(g_dec,j + g_br,j) − V_k; θ_k/θ0 = exp[−V_k/(δ_c·A_c0)]; φ_dead from
///   ``ContactModel/deadFraction(contactRatio:contacts:minimum:)``.
/// Without creep, V_dec(k) = β·ΔV̄·N⁺_dec(k) as before; with φ_dead ≡ 0 the breathing sum is η·Σ b_k.
public enum VoidModel {
    /// The recursion over `drivers` for the cell's β (``CellDescription/voidShare``) and η (``CellDescription/ratchet``).
    public static func path(_ drivers: VoidDrivers, cell: CellDescription) -> [VoidState] {
        path(drivers, cell: cell, voidShare: cell.voidShare, ratchet: cell.ratchet)
    }

    /// The recursion over `drivers` for given β and η (the other constants from `cell`).
    public static func path(_ drivers: VoidDrivers, cell: CellDescription, voidShare beta: Double, ratchet eta: Double)
        -> [VoidState]
    {
        var states: [VoidState] = []
        states.reserveCapacity(drivers.count)
        var vDec = 0.0
        var vBr = 0.0
        var generated = 0.0
        var previousN = 0.0
        var dead = 0.0
        let tau = cell.creepTimeHours
        for k in 0..<drivers.count {
            let n = max(drivers.decomposedMicromoles[k], 0)
            let gDec = beta * cell.shrinkageMm3(micromoles: n - previousN)
            previousN = n
            let live = 1 - dead
            let gBr = eta * drivers.breathingMm3[k] * live
            generated += gDec + gBr
            var decay = 1.0
            var gain = 1.0
            if let tau, tau > 0 {
                let a = max(drivers.durationHours[k], 0) / tau
                decay = Foundation.exp(-a)
                gain = a > 0 ? -Foundation.expm1(-a) / a : 1
            }
            vDec = vDec * decay + gDec * gain
            vBr = vBr * decay + gBr * gain
            let ratio = ContactModel.contactRatio(voidMm3: vDec + vBr, cell: cell)
            dead = ContactModel.deadFraction(contactRatio: ratio, contacts: cell.contacts, minimum: cell.minimumContacts)
            states.append(
                VoidState(
                    decompositionVoidMm3: vDec, breathingVoidMm3: vBr, healedMm3: generated - vDec - vBr,
                    breathingLiveFraction: live, contactRatio: ratio, deadFraction: dead))
        }
        return states
    }

    /// Step durations Δt_k = cycle_hours·(c_k − c_{k−1}) for cycle numbers c (c₀ = `start`); 0 without
    /// ``CellDescription/cycleHours``.
    static func durations(cycles: [Double], start: Double, cell: CellDescription) -> [Double] {
        guard let hours = cell.cycleHours else { return cycles.map { _ in 0 } }
        var previous = start
        return cycles.map { c in
            defer { previous = c }
            return hours * max(c - previous, 0)
        }
    }
}

/// Electronic percolation of a carbon-free composite electrode (tracking-models §4(c)3).
public enum ElectronicPercolation {
    /// σ_e,eff/σ_e,CAM = [(φ_CAM·(1 − p_e) − φc)/(1 − φc)]^t above the threshold φ_CAM·(1 − p_e) > φc, 0 at and
    /// below it. φ_CAM is the CAM volume fraction of the composite, p_e the fraction of CAM that is electronically
    /// disconnected (here the dead-particle fraction φ_dead), φc the threshold (0.29) and t the exponent (2).
    public static func conductivityRatio(
        camVolumeFraction phi: Double, disconnected pe: Double, threshold: Double = 0.29, exponent: Double = 2
    ) -> Double {
        let connected = phi * (1 - min(max(pe, 0), 1))
        guard connected > threshold, threshold < 1 else { return 0 }
        return Foundation.pow((connected - threshold) / (1 - threshold), exponent)
    }

    /// The ratio for `cell` with p_e = `deadFraction`.
    public static func conductivityRatio(cell: CellDescription, deadFraction: Double) -> Double {
        conductivityRatio(
            camVolumeFraction: cell.camVolumeFraction, disconnected: deadFraction,
            threshold: cell.percolationThreshold, exponent: cell.percolationExponent)
    }
}
