import Foundation

/// Physical constants and molar data used by the decomposition and void models.
public enum TrackingConstants {
    /// Faraday constant F, C mol⁻¹ (CODATA 2018, exact).
    public static let faraday = 96485.33212
    /// 1 mAh = 3.6 C.
    public static let coulombsPerMilliampHour = 3.6
    /// M(Li6PS5Cl) = 6·6.94 + 30.974 + 5·32.06 + 35.45 = 268.37 g mol⁻¹ (IUPAC conventional atomic weights).
    public static let lpsclMolarMass = 268.37
    /// Products of full oxidation (LiCl + ½P2S5 + 5/2 β-S), mL mol⁻¹ per mol Li6PS5Cl ([S0]).
    public static let fullOxidationProductsMolarVolume = 114.55
    /// Products of the first step (Li3PS4 at 1.87 + LiCl at 2.068 + S at 1.96 g cm⁻³): 96.28 + 20.50 + 16.36.
    public static let firstStepProductsMolarVolume = 133.14
}

/// The oxidation pathway of Li6PS5Cl: electrons per formula unit and product molar volume.
public enum DecompositionPathway: String, Sendable, Hashable, Codable, CaseIterable {
    /// Li6PS5Cl → LiCl + ½P2S5 + 5/2 S + 5 Li⁺ + 5 e⁻ (z = 5, products 114.55 mL mol⁻¹).
    case full
    /// Li6PS5Cl → Li3PS4 + LiCl + S + 2 Li⁺ + 2 e⁻ (z = 2, products 133.14 mL mol⁻¹).
    case li3ps4

    public var electrons: Double { self == .full ? 5 : 2 }
    public var productsMolarVolume: Double {
        self == .full ? TrackingConstants.fullOxidationProductsMolarVolume
            : TrackingConstants.firstStepProductsMolarVolume
    }
}

/// Constants of one composite-cathode cell. Defaults describe the bare LiCoO2/Li6PS5Cl cell of [S0] (Kim et al.,
/// Chem. Mater. 2024) with the model defaults of the tracking-models document §5; every value can be set in a
/// `key = value` cell file (see ``parse(text:source:)`` and docs/tracking.md for the key list).
public struct CellDescription: Sendable, Hashable, Codable {
    /// Cell diameter, cm (1.3 [S0]); the area is π(d/2)² unless `areaOverride` is set.
    public var diameterCm = 1.3
    /// Geometric area, cm², overriding the diameter.
    public var areaOverride: Double? = nil
    /// Cathode active material loading, mg cm⁻² (7.35 LCO [S0]).
    public var camLoading = 7.35
    /// Weight parts CAM : SE : carbon (13 : 7 : 0 [S0]).
    public var camWeight = 13.0
    public var seWeight = 7.0
    public var carbonWeight = 0.0
    /// Composite cathode thickness, µm (45 [S0]).
    public var thicknessUm = 45.0
    /// CAM density, g cm⁻³ (LiCoO2 5.05).
    public var camDensity = 5.05
    /// CAM particle diameter d50, µm (1.25 bare LCO [S0]).
    public var camD50Um = 1.25
    /// SE molar mass, g mol⁻¹ (268.37) and molar volume, mL mol⁻¹ (163.64 [S0]; 143.9 crystallographic).
    public var seMolarMass = TrackingConstants.lpsclMolarMass
    public var seMolarVolume = 163.64
    public var pathway = DecompositionPathway.full
    /// Fraction χ of the coulombic inefficiency due to SE oxidation (1).
    public var chi = 1.0
    /// Intrinsic CAM irreversibility q_CAM subtracted in cycle 1, mAh (0).
    public var firstCycleCAMLossMAh = 0.0
    /// θ0, the initial CAM/SE contact fraction (0.5).
    public var contactFraction = 0.5
    /// σ_int, S cm⁻¹ (1.8×10⁻⁸ [S4]).
    public var interphaseConductivity = 1.8e-8
    /// L0, nm (0).
    public var initialInterphaseNm = 0.0
    /// |ε_v|, CAM volume strain at the reference capacity (0.014 for bare LCO at 95.1 mAh g⁻¹).
    public var camVolumeStrain = 0.014
    /// Q_ref, mAh; nil = the first cycle's discharge capacity.
    public var referenceCapacityMAh: Double? = nil
    /// β, fraction of the decomposition shrinkage that stays as interfacial void (1).
    public var voidShare = 1.0
    /// η, irreversible (ratchet) fraction of the breathing per cycle (0.01).
    public var ratchet = 0.01
    /// δ_c, gap thickness that kills Li⁺ transfer, nm (20).
    public var gapNm = 20.0
    /// N_c and m_min of the dead-particle statistics (6, 1).
    public var contacts = 6
    public var minimumContacts = 1
    /// γ, share of the CAM volume change transmitted to the stack (1).
    public var breathingTransfer = 1.0
    /// τ_creep, hours: time constant of creep closure dV_heal/dt = V_void/τ_creep(P_stack) at the cell's stack
    /// pressure; nil (the default) = no healing. Needs ``cycleHours``.
    public var creepTimeHours: Double? = nil
    /// Duration of one cycle, hours (used only by the creep closure); nil = unknown.
    public var cycleHours: Double? = nil
    /// Marks the electrode as carbon-free (electronic conduction through the CAM network only, so the
    /// percolation term is reported); nil (the default) = carbon-free exactly when `carbonWeight` is 0.
    public var carbonFreeOverride: Bool? = nil
    /// φc and t of the electronic percolation law (0.29, 2.0: random packings of equal spheres, 3-D exponent [R]).
    public var percolationThreshold = 0.29
    public var percolationExponent = 2.0
    /// σ_e,CAM, S cm⁻¹, the electronic conductivity of the dense CAM network; nil (the default) = unknown, then
    /// only the ratio σ_e,eff/σ_e,CAM is reported.
    public var camElectronicConductivity: Double? = nil

    public init() {}

    /// Throws `.invalidSetting` when a creep time is set without a cycle duration (the closure could not be
    /// integrated and would silently do nothing).
    public func validateCreep() throws(TrackingError) {
        if creepTimeHours != nil, cycleHours == nil {
            throw .invalidSetting(name: "cell", reason: "creep_time_h needs cycle_hours (the duration of one cycle)")
        }
    }

    /// A, cm².
    public var area: Double { areaOverride ?? Double.pi * diameterCm * diameterCm / 4 }
    /// m_CAM, mg.
    public var camMassMg: Double { camLoading * area }
    /// m_SE, mg.
    public var seMassMg: Double { camMassMg * seWeight / camWeight }
    /// N_SE, µmol.
    public var seMicromoles: Double { seMassMg / seMolarMass * 1000 }
    /// z, electrons per SE formula unit.
    public var electrons: Double { pathway.electrons }
    /// µmol of SE decomposed per mAh of side charge: 3.6/(zF)·10⁶ (7.462 for z = 5).
    public var micromolesPerMilliampHour: Double {
        TrackingConstants.coulombsPerMilliampHour / (electrons * TrackingConstants.faraday) * 1e6
    }
    /// Charge to oxidise all SE, mAh: N_SE·z·F/3.6.
    public var fullOxidationChargeMAh: Double { seMicromoles / micromolesPerMilliampHour }
    /// V̄_prod, mL mol⁻¹.
    public var productsMolarVolume: Double { pathway.productsMolarVolume }
    /// ΔV̄ = V̄_SE − V̄_prod, mL mol⁻¹ (49.09 on the [S0] basis, full pathway).
    public var shrinkageMolarVolume: Double { seMolarVolume - productsMolarVolume }
    /// Shrinkage, mm³, when `micromoles` of SE decompose: N·ΔV̄ (1 µmol·1 mL mol⁻¹ = 10⁻³ mm³).
    public func shrinkageMm3(micromoles: Double) -> Double { micromoles * shrinkageMolarVolume * 1e-3 }
    /// V_CAM, mm³: m_CAM/ρ_CAM.
    public var camVolumeMm3: Double { camMassMg / camDensity }
    /// True when the electrode is treated as carbon-free (``carbonFreeOverride``, else `carbonWeight == 0`).
    public var isCarbonFree: Bool { carbonFreeOverride ?? (carbonWeight == 0) }
    /// φ_CAM, the CAM volume fraction of the composite cathode: V_CAM/(A·thickness) (0.323 for [S0]).
    public var camVolumeFraction: Double { camVolumeMm3 / cathodeVolumeMm3 }
    /// Cathode volume, mm³: A·thickness.
    public var cathodeVolumeMm3: Double { area * 100 * thicknessUm * 1e-3 }
    /// Envelope area of the CAM particles, cm²: a_s·m_CAM with a_s = 6/(ρ_CAM·d50).
    public var camSurfaceCm2: Double { 6 / (camDensity * camD50Um * 1e-4) * camMassMg * 1e-3 }
    /// A_c0 = θ0·a_s·m_CAM, cm².
    public var initialContactAreaCm2: Double { contactFraction * camSurfaceCm2 }
}
