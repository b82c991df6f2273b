import Foundation
import Testing
@testable import NyquistTracking

/// The void recursion with the live-fraction factor and creep closure, the pressure prediction and the electronic
/// percolation term, against numbers derived by hand or by scripts/tracking-void-reference.py (first principles,
/// independent of the Swift code).
@Suite struct VoidModelTests {
    /// The [S0] cell with a thin gap (δ_c = 2 nm), η = 0.5 and N_c = 2, m_min = 1, so that φ_dead = (1 − r)² is large.
    static var strongCell: CellDescription {
        var cell = CellDescription()
        cell.gapNm = 2
        cell.ratchet = 0.5
        cell.contacts = 2
        cell.minimumContacts = 1
        return cell
    }

    /// Three cycles: q_side = 0.01, 0.005, 0.002 mAh, Q_dis = 1.0, 0.9, 0.8 mAh (Q_ref = the first).
    static let threeCycles = CyclingData(cycles: [
        .init(cycle: 1, chargeMAh: 1.01, dischargeMAh: 1.0, sideChargeMAh: 0.01),
        .init(cycle: 2, chargeMAh: 0.905, dischargeMAh: 0.9, sideChargeMAh: 0.005),
        .init(cycle: 3, chargeMAh: 0.802, dischargeMAh: 0.8, sideChargeMAh: 0.002),
    ])

    static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-10) -> Bool {
        abs(a - b) <= tolerance * max(abs(b), 1e-300)
    }

    @Test func threeCycleExampleWithDeadParticles() throws {
        // scripts/tracking-void-reference.py, "no creep": V_dec, V_br, V_heal, 1 − φ_dead,k, θ/θ0, φ_dead.
        let expected: [[Double]] = [
            [0.00366323038159222, 0.0135229233676217, 0, 1, 0.156706310138398, 0.711144247360396],
            [0.00549484557238833, 0.0170384801541396, 0, 0.288855752639604, 0.0880342530571328, 0.831681523597062],
            [0.00622749164870678, 0.018859406440341, 0, 0.168318476402938, 0.066842875041525, 0.870782219860767],
        ]
        let track = try DecompositionTrack.compute(cycling: Self.threeCycles, cell: Self.strongCell)
        for (row, e) in zip(track.rows, expected) {
            let got = [row.decompositionVoidMm3, row.breathingVoidMm3, row.healedVoidMm3, row.breathingLiveFraction,
                       row.contactRatio, row.deadFraction]
            for j in 0..<6 { #expect(j == 2 ? got[j] == 0 : Self.close(got[j], e[j], 1e-9), "cycle \(row.cycle) item \(j)") }
        }
        // By hand for cycle 2: the breathing added is η·|ε_v|·0.9·V_CAM·(1 − φ_dead,1), φ_dead,1 = (1 − r₁)².
        let vCAM = 7.35 * Double.pi * 0.65 * 0.65 / 5.05
        let added = 0.5 * 0.014 * 0.9 * vCAM * (1 - pow(1 - 0.156706310138398, 2))
        #expect(Self.close(track.rows[1].breathingVoidMm3 - track.rows[0].breathingVoidMm3, added, 1e-9))
    }

    @Test func threeCycleExampleWithCreep() throws {
        var cell = Self.strongCell
        cell.creepTimeHours = 50
        cell.cycleHours = 10
        let expected: [[Double]] = [
            [0.0033201550628654, 0.0122564506751648, 0.00160954801118379, 1, 0.186410197337087, 0.661928366997078],
            [0.00437839058638816, 0.0137639355564563, 0.0049899879044444, 0.338071633002922, 0.141352713652571, 0.737275162351804],
            [0.0042487540346362, 0.0138450165344749, 0.00861343583152612, 0.262724837648196, 0.142094821463135, 0.736001295360371],
        ]
        let track = try DecompositionTrack.compute(cycling: Self.threeCycles, cell: cell)
        for (row, e) in zip(track.rows, expected) {
            let got = [row.decompositionVoidMm3, row.breathingVoidMm3, row.healedVoidMm3, row.breathingLiveFraction,
                       row.contactRatio, row.deadFraction]
            for j in 0..<6 { #expect(Self.close(got[j], e[j], 1e-9), "cycle \(row.cycle) item \(j)") }
        }
    }

    @Test func withoutDeadParticlesTheOldSumIsRecovered() throws {
        // N_c = 1000: φ_dead = (1 − r)^1000 underflows to 0 here, so V_br = η·Σ|ε_v|·u_k·V_CAM and V_dec = β·ΔV̄·N_dec.
        var cell = CellDescription()
        cell.contacts = 1000
        let track = try DecompositionTrack.compute(cycling: Self.threeCycles, cell: cell)
        let vCAM = 7.35 * Double.pi * 0.65 * 0.65 / 5.05
        var sum = 0.0
        var side = 0.0
        for (row, c) in zip(track.rows, Self.threeCycles.cycles) {
            sum += 0.01 * 0.014 * c.dischargeMAh / 1.0 * vCAM
            side += c.sideChargeMAh ?? 0
            let nDec = side * 3.6 / (5 * 96485.33212) * 1e6
            #expect(row.deadFraction == 0)
            #expect(row.breathingLiveFraction == 1)
            #expect(Self.close(row.breathingVoidMm3, sum, 1e-12))
            #expect(Self.close(row.decompositionVoidMm3, nDec * (163.64 - 114.55) * 1e-3, 1e-12))
        }
    }

    @Test func creepClosureFollowsTheClosedForm() {
        // Constant generation g per cycle, no dead particles: V_n = (g/a)·(1 − e^(−n·a)), V_heal = n·g − V_n, a = Δt/τ.
        var cell = CellDescription()
        cell.contacts = 1000
        cell.ratchet = 0.02
        cell.creepTimeHours = 30
        cell.cycleHours = 12
        let b = 0.025  // mm³ per cycle before η
        let cycles = (1...20).map(Double.init)
        let drivers = VoidDrivers(
            cycles: cycles, decomposedMicromoles: cycles.map { _ in 0 }, breathingMm3: cycles.map { _ in b },
            durationHours: VoidModel.durations(cycles: cycles, start: 0, cell: cell))
        let path = VoidModel.path(drivers, cell: cell)
        let g = 0.02 * b
        let a = 12.0 / 30
        for (n, state) in zip(1...20, path) {
            let v = g / a * (1 - exp(-Double(n) * a))
            #expect(Self.close(state.breathingVoidMm3, v, 1e-12))
            #expect(Self.close(state.healedMm3, Double(n) * g - v, 1e-9))
        }
        // Steady state g/a = g·τ/Δt.
        #expect(abs(path[19].voidMm3 - g / a) < 1e-3 * g / a)
    }

    @Test func pressurePredictionAndHealedCalibration() throws {
        let cell = CellDescription()
        let cal = try PressureCalibration(oscillationMPa: 0.021, decayMPa: 0.0105, cell: cell)
        // ΔP = k·ΔV·10³/A² (k in N/µm, V in mm³, A in mm²); a decomposition void equal to ΔV_dec gives back −ΔP_decay.
        let nDec = cal.decompositionVolumeMm3 / ((163.64 - 114.55) * 1e-3)
        let dp = cal.predictedChangeMPa(reversibleBreathingMm3: 0, decompositionMicromoles: nDec, healedMm3: 0, cell: cell)
        #expect(Self.close(dp, -0.0105, 1e-12))
        // The full breathing volume γ|ε_v|V_CAM alone gives +ΔP_osc.
        let vCAM = 7.35 * Double.pi * 0.65 * 0.65 / 5.05
        let up = cal.predictedChangeMPa(reversibleBreathingMm3: 0.014 * vCAM, decompositionMicromoles: 0, healedMm3: 0, cell: cell)
        #expect(Self.close(up, 0.021, 1e-12))
        // Healing V_heal gives pressure back and raises the inferred f_dec by V_heal/(β·ΔV̄·N_SE).
        let healed = try PressureCalibration(oscillationMPa: 0.021, decayMPa: 0.0105, cell: cell, healedMm3: 0.002)
        let nSE = 7.35 * Double.pi * 0.65 * 0.65 * 7 / 13 / (6 * 6.94 + 30.974 + 5 * 32.06 + 35.45) * 1000
        let shrinkAll = nSE * (163.64 - 114.55) * 1e-3
        #expect(Self.close(healed.decomposedFraction - cal.decomposedFraction, 0.002 / shrinkAll, 1e-3))
        #expect(throws: TrackingError.self) {
            try PressureCalibration(oscillationMPa: 0.021, decayMPa: 0.01, cell: cell, healedMm3: -1)
        }
        var track = try DecompositionTrack.compute(cycling: Self.threeCycles, cell: cell)
        track.applyPressureCalibration(cal)
        let expectedDrift = -cal.stiffnessNPerMicrometre * track.rows[2].decompositionVoidMm3 * 1000
            / pow(cell.area * 100, 2)
        #expect(Self.close(try #require(track.rows[2].predictedPressureDriftMPa), expectedDrift, 1e-12))
    }

    @Test func electronicPercolationByHand() throws {
        // ((0.4·0.9 − 0.29)/0.71)² = (0.07/0.71)² = 0.0097203…
        let r = ElectronicPercolation.conductivityRatio(camVolumeFraction: 0.4, disconnected: 0.1)
        #expect(Self.close(r, 0.0049 / 0.5041, 1e-12))
        // At and below the threshold φ_CAM(1 − p_e) ≤ φc: 0.
        #expect(ElectronicPercolation.conductivityRatio(camVolumeFraction: 0.4, disconnected: 0.275) == 0)
        #expect(ElectronicPercolation.conductivityRatio(camVolumeFraction: 0.25, disconnected: 0) == 0)
        // Exponent t = 3 and φc = 0.2 from a cell file.
        #expect(Self.close(
            ElectronicPercolation.conductivityRatio(camVolumeFraction: 0.5, disconnected: 0.2, threshold: 0.2, exponent: 3),
            pow(0.2 / 0.8, 3), 1e-12))
        // [S0] cell: φ_CAM = (9.76 mg/5.05)/(1.327 cm²·45 µm) = 0.3234 (32 vol %), so 10.3 % dead CAM reaches φc.
        let cell = try CellDescription.parse(text: "cam_electronic_conductivity_s_cm = 1e-3\n")
        #expect(cell.isCarbonFree)
        #expect(Self.close(cell.camVolumeFraction, 0.3234323432343234, 1e-12))
        #expect(abs((1 - 0.29 / cell.camVolumeFraction) - 0.1034) < 1e-4)
        let track = try DecompositionTrack.compute(cycling: Self.threeCycles, cell: cell)
        let row = track.rows[0]
        let expected = pow((0.3234323432343234 * (1 - row.deadFraction) - 0.29) / 0.71, 2)
        #expect(Self.close(try #require(row.electronicConductivityRatio), expected, 1e-9))
        #expect(Self.close(try #require(row.electronicConductivity), 1e-3 * expected, 1e-9))
        // With carbon the term is not reported.
        let carbon = try CellDescription.parse(text: "carbon_weight = 1\n")
        #expect(!carbon.isCarbonFree)
        #expect(try DecompositionTrack.compute(cycling: Self.threeCycles, cell: carbon).rows[0].electronicConductivityRatio == nil)
        let marked = try CellDescription.parse(text: "carbon_weight = 1\ncarbon_free = true\n")
        #expect(marked.isCarbonFree)
    }

    @Test func cellKeysOfTheNewTerms() throws {
        let cell = try CellDescription.parse(
            text: "creep_time_h = 100\ncycle_hours = 20\npercolation_threshold = 0.3\npercolation_exponent = 1.8\n")
        #expect(cell.creepTimeHours == 100)
        #expect(cell.cycleHours == 20)
        #expect(cell.percolationThreshold == 0.3)
        #expect(cell.percolationExponent == 1.8)
        #expect(CellDescription().creepTimeHours == nil)
        #expect(throws: TrackingError.self) { try CellDescription.parse(text: "creep_time_h = 100\n") }
        var unset = CellDescription()
        unset.creepTimeHours = 10
        #expect(throws: TrackingError.self) { try DecompositionTrack.compute(cycling: Self.threeCycles, cell: unset) }
        #expect(throws: TrackingError.self) { try CellDescription.parse(text: "creep_time_h = -1\ncycle_hours = 2\n") }
        #expect(throws: TrackingError.self) { try CellDescription.parse(text: "percolation_threshold = 1.5\n") }
        #expect(throws: TrackingError.self) { try CellDescription.parse(text: "carbon_free = maybe\n") }
    }

    @Test func mechanisticModelUsesTheSameVoidPathAsTheDecompositionTrack() throws {
        // A history built from cycling data evaluates ln R3 on the per-cycle path: at matching β, η, σ_int and
        // ASR_ct it equals ln of the track's predicted R3 at the EIS cycles (cycles 1 and 3 of three).
        var cell = Self.strongCell
        cell.creepTimeHours = 50
        cell.cycleHours = 10
        let series = ParameterSeries(parameter: "R3", points: [.init(cycle: 1, value: 50), .init(cycle: 3, value: 80)])
        let history = try CellHistory(name: "x", series: series, cycling: Self.threeCycles, cell: cell)
        let track = try DecompositionTrack.compute(cycling: Self.threeCycles, cell: cell, chargeTransferASR: 300)
        let p = MechanismParameters(
            chargeTransferASR: [300], interphaseConductivity: cell.interphaseConductivity, voidShare: cell.voidShare,
            ratchet: cell.ratchet)
        let model = p.logR3(history, cellIndex: 0)
        #expect(Self.close(model[0], log(track.rows[0].predictedR3), 1e-12))
        #expect(Self.close(model[1], log(track.rows[2].predictedR3), 1e-12))
    }
}
