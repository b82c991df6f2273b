import Foundation
import Testing
@testable import NyquistTracking

/// Worked numbers of the models document §2 and §6, each recomputed here from first principles (IUPAC atomic
/// weights, CODATA F, densities) rather than from the module's constants.
@Suite struct UnitConversionTests {
    // Independent inputs.
    let li = 6.94, p = 30.974, s = 32.06, cl = 35.45, co = 58.933, o = 15.999
    let faraday = 96485.33212
    var lpsclMass: Double { 6 * li + p + 5 * s + cl }
    let lco = CellDescription()  // defaults are the [S0] bare LCO cell

    @Test func molarMassAndFaradayConversion() {
        #expect(abs(lpsclMass - 268.37) < 0.01)
        #expect(abs(TrackingConstants.lpsclMolarMass - lpsclMass) < 0.01)
        // 1 mAh = 3.6 C → 3.6/(5F) mol = 7.462 µmol.
        let micromoles = 3.6 / (5 * faraday) * 1e6
        #expect(abs(micromoles - 7.462) < 5e-4)
        #expect(abs(lco.micromolesPerMilliampHour - micromoles) < 1e-9)
        // Theoretical oxidation capacity 5F/M = 499 mAh g⁻¹.
        #expect(abs(5 * faraday / lpsclMass / 3.6 - 499.3) < 0.1)
        var step = CellDescription()
        step.pathway = .li3ps4
        #expect(abs(step.micromolesPerMilliampHour - 3.6 / (2 * faraday) * 1e6) < 1e-9)
    }

    @Test func productMolarVolumesFromDensities() {
        let licl = (li + cl) / 2.068
        let p2s5Half = (2 * p + 5 * s) / 2.09 / 2
        let sulfur = 2.5 * s / 1.96
        #expect(abs(licl + p2s5Half + sulfur - 114.55) < 0.05)
        let li3ps4 = (3 * li + p + 4 * s) / 1.87
        #expect(abs(li3ps4 + licl + s / 1.96 - TrackingConstants.firstStepProductsMolarVolume) < 0.05)
        // X-ray density for a = 9.85 Å, Z = 4.
        let rho = 4 * lpsclMass / 6.02214076e23 / pow(9.85e-8, 3)
        #expect(abs(rho - 1.865) < 0.001)
        #expect(abs(lpsclMass / rho - 143.9) < 0.05)
        #expect(abs(lpsclMass / 163.64 - 1.640) < 0.001)
    }

    @Test func lcoCellInventory() {
        let area = Double.pi * 0.65 * 0.65
        let mLCO = 7.35 * area  // mg
        let mSE = mLCO * 7 / 13
        let nSE = mSE / lpsclMass * 1000  // µmol
        #expect(abs(nSE - 19.6) < 0.05)
        #expect(abs(lco.seMicromoles / nSE - 1) < 1e-4)  // 268.37 vs 268.364 g/mol
        let fullCharge = nSE * 1e-6 * 5 * faraday / 3.6
        #expect(abs(fullCharge - 2.62) < 0.005)
        #expect(abs(lco.fullOxidationChargeMAh / fullCharge - 1) < 1e-4)
        #expect(abs(fullCharge / (mLCO * 1e-3) - 269) < 0.5)  // mAh g⁻¹(LCO)
        // 1 % decomposed: 0.01·N·(163.64 − 114.55) mL/mol, in mm³.
        let shrink = 0.01 * nSE * 1e-6 * (163.64 - 114.55) * 1000
        #expect(abs(shrink - 9.61e-3) < 0.01e-3)
        #expect(abs(lco.shrinkageMm3(micromoles: 0.01 * lco.seMicromoles) / shrink - 1) < 1e-4)
        // … = 0.161 % of the 45 µm cathode, 72 nm over the cell face.
        #expect(abs(shrink / (area * 100 * 0.045) - 0.00161) < 0.00001)
        #expect(abs(shrink / (area * 100) * 1e6 - 72) < 0.5)
        // LCO breathing 1.4 % of 9.76 mg/5.05 = 0.027 mm³ ≙ 2.8 % of the LPSCl.
        let breathing = 0.014 * mLCO / 5.05
        #expect(abs(breathing / shrink - 2.8) < 0.05)
    }

    @Test func voidToContactExample() {
        // §6.1: 3 % decomposition, A_c0 = θ0·6/(ρ d)·m = 46 cm², δ_c = 10/20/50 nm → θ/θ0 = 0.54/0.73/0.88.
        let area = Double.pi * 0.65 * 0.65
        let envelope = 6 / (5.05 * 1.25e-4) * 7.35 * area * 1e-3
        #expect(abs(envelope - 93) < 0.5)
        #expect(abs(lco.camSurfaceCm2 - envelope) < 1e-9)
        let v = 0.03 * lco.seMicromoles * 1e-6 * 49.09 * 1000  // mm³
        let gapNm = v / (0.5 * envelope * 100) * 1e6
        #expect(abs(gapNm - 6.2) < 0.1)
        for (delta, expected) in [(10.0, 0.54), (20.0, 0.73), (50.0, 0.88)] {
            var cell = lco
            cell.gapNm = delta
            #expect(abs(ContactModel.contactRatio(voidMm3: v, cell: cell) - expected) < 0.006)
            #expect(abs(exp(-gapNm / delta) - expected) < 0.006)
        }
        // Dead particles, N_c = 6, m_min = 1: p⁶ = 1.6 %, 11.8 %, 53 % at p = 0.5, 0.7, 0.9.
        for (lost, expected) in [(0.5, 0.0156), (0.7, 0.1176), (0.9, 0.5314)] {
            #expect(abs(ContactModel.deadFraction(contactRatio: 1 - lost, contacts: 6, minimum: 1) - expected) < 1e-4)
        }
        // m_min = 2 adds the one-contact term C(6,1) r (1 − r)⁵.
        let r = 0.3
        #expect(abs(ContactModel.deadFraction(contactRatio: r, contacts: 6, minimum: 2) - (pow(0.7, 6) + 6 * r * pow(0.7, 5))) < 1e-12)
    }

    @Test func ncaIceDifferenceAndDigitalTwinASR() {
        // §6.2: 13 mm, 11.3 mg cm⁻² NCA, 70:30 NCA:LPSCl; ICE 74.1 % vs 81.6 % at 171/202 mAh g⁻¹.
        var nca = CellDescription()
        nca.camLoading = 11.3
        nca.camWeight = 70
        nca.seWeight = 30
        let qIrr = 171 / 0.741 - 171 - (202 / 0.816 - 202)
        #expect(abs(qIrr - 14.2) < 0.05)
        let mAh = qIrr * nca.camMassMg * 1e-3
        #expect(abs(mAh - 0.213) < 0.001)
        let fraction = mAh * 3.6 / (5 * faraday) * 1e6 / (nca.camMassMg * 30 / 70 / lpsclMass * 1000)
        #expect(abs(fraction - 0.066) < 0.001)
        #expect(abs(mAh * nca.micromolesPerMilliampHour / nca.seMicromoles / fraction - 1) < 1e-4)
        // ASR = 0.25 µm / 1.8e-8 S cm⁻¹ = 1389 Ω cm²; R3 = 501 Ω → A_act = 2.77 cm².
        #expect(abs(0.25e-4 / 1.8e-8 - 1389) < 0.5)
        #expect(abs(0.25e-4 / 1.8e-8 / 501 - 2.77) < 0.01)
        _ = (co, o)
    }

    @Test func pressureCalibrationReproducesTheBreathingRatio() throws {
        // f_dec,bare ≈ 2.8 % × ΔP_decay/ΔP_osc (β = γ = 1, u = 1): a decay equal to the oscillation ↔ 2.8 %.
        let cal = try PressureCalibration(oscillationMPa: 0.021, decayMPa: 0.021, cell: lco)
        #expect(abs(cal.decomposedFraction - 0.0282) < 0.0005)
        let half = try PressureCalibration(oscillationMPa: 0.042, decayMPa: 0.021, cell: lco)
        #expect(abs(half.decomposedFraction - 0.0141) < 0.0003)
        // k_A = ΔP·A/Δh with Δh = 0.027 mm³/132.7 mm² = 0.204 µm: 0.021 MPa·132.7 mm²/0.204 µm = 13.7 N µm⁻¹.
        let dh = 0.014 * lco.camVolumeMm3 / (lco.area * 100) * 1000
        #expect(abs(cal.stiffnessNPerMicrometre - 0.021 * lco.area * 100 / dh) < 1e-9)
        #expect(abs(cal.stiffnessNPerMicrometre - 13.7) < 0.1)
        #expect(throws: TrackingError.self) { try PressureCalibration(oscillationMPa: 0, decayMPa: 0.01, cell: lco) }
    }
}
