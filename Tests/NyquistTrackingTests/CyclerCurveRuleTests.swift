import Foundation
import NyquistIO
import NyquistTestSupport
import Testing
@testable import NyquistTracking

/// The per-cycle rules on in-memory curves: trapezoidal charge split at the zero crossing, interpolated time above
/// a threshold, cycle boundaries (column and sign rule). Answers derived by hand.
@Suite struct CyclerCurveRuleTests {
    func curve(_ s: SyntheticCycling, cycleColumn: Bool) throws -> CyclerCurve {
        try CyclerCurve(
            timeSeconds: s.samples.map(\.time), potentialVolts: s.samples.map(\.volts),
            currentMilliamps: s.samples.map(\.milliamps), cycleNumbers: cycleColumn ? s.samples.map(\.cycle) : nil)
    }

    @Test(arguments: [700.0, 311.0, 45.5])
    func rampsGiveTheHandDerivedValuesAtAnySampling(step: Double) throws {
        let s = SyntheticCycling(cycles: 3, step: step)
        for cycleColumn in [true, false] {
            let c = try curve(s, cycleColumn: cycleColumn)
            for volts in [3.9, 4.0, 4.1] {
                let cycles = c.cycles(timeAboveVolts: volts)
                #expect(cycles.map(\.cycle) == [1, 2, 3])
                for k in cycles {
                    #expect(abs(k.chargeMAh - SyntheticCycling.chargeMAh) < 1e-12)
                    #expect(abs(k.dischargeMAh - SyntheticCycling.dischargeMAh) < 1e-12)
                    #expect(abs((k.timeAboveHours ?? -1) - SyntheticCycling.hoursAbove(volts)) < 1e-9, "\(volts) V")
                }
            }
        }
    }

    @Test func trapezoidSplitsAtTheZeroCrossing() {
        // I from +2 to −1 mA over 30 s: zero at 20 s; +2·20/2 = 20 mA·s charge, 1·10/2 = 5 mA·s discharge.
        let (p, n) = CyclerCurve.splitTrapezoid(2, -1, dt: 30)
        #expect(abs(p - 20) < 1e-12 && abs(n - 5) < 1e-12)
        let (p2, n2) = CyclerCurve.splitTrapezoid(-1, 2, dt: 30)
        #expect(abs(p2 - 20) < 1e-12 && abs(n2 - 5) < 1e-12)
        #expect(CyclerCurve.splitTrapezoid(1, 3, dt: 10) == (20, 0))
        // E from 3.8 to 4.0 V over 100 s crosses 3.95 V at 75 s: 25 s above; falling 4.0 → 3.8: 25 s.
        #expect(abs(CyclerCurve.timeAbove(3.8, 4.0, dt: 100, volts: 3.95) - 25) < 1e-12)
        #expect(abs(CyclerCurve.timeAbove(4.0, 3.8, dt: 100, volts: 3.95) - 25) < 1e-12)
        #expect(CyclerCurve.timeAbove(3.95, 3.95, dt: 100, volts: 3.95) == 100)
    }

    @Test func signRuleKeepsLeadingRestAndPulsesAndSplitsAtDischargeToCharge() throws {
        // rest, charge, rest, charge (pulses), discharge, charge, discharge, rest, charge.
        let currents: [Double] = [0, 1, 1, 0, 1, -1, -1, 1, -1, 0, 1]
        let c = try CyclerCurve(
            timeSeconds: currents.indices.map(Double.init), potentialVolts: currents.map { _ in 3.7 },
            currentMilliamps: currents)
        #expect(c.cycleIndex() == [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 3])
        // Discharge first: cycle 1 is the discharge.
        let d = try CyclerCurve(
            timeSeconds: [0, 1, 2, 3, 4], potentialVolts: [3, 3, 3, 3, 3], currentMilliamps: [-1, -1, 1, 1, -1])
        #expect(d.cycleIndex() == [1, 1, 2, 2, 2])
        // Noise below 10⁻³·max|I| is rest: no spurious cycle.
        let e = try CyclerCurve(
            timeSeconds: [0, 1, 2, 3, 4], potentialVolts: [3, 3, 3, 3, 3], currentMilliamps: [1, -1, -1e-5, 2e-4, -1])
        #expect(e.cycleIndex() == [1, 1, 1, 1, 1])
    }

    @Test func fileCycleNumbersFromZeroAreRaisedByOne() throws {
        let c = try CyclerCurve(
            timeSeconds: [0, 1, 2], potentialVolts: [3, 3, 3], currentMilliamps: [1, 1, 1], cycleNumbers: [0, 0, 1])
        #expect(c.cycleIndex() == [1, 1, 2])
        let one = try CyclerCurve(
            timeSeconds: [0, 1, 2], potentialVolts: [3, 3, 3], currentMilliamps: [1, 1, 1], cycleNumbers: [3, 3, 5])
        #expect(one.cycles().map(\.cycle) == [3, 5])
    }

    @Test func clockRecomputesTheThresholdFromTheCurve() throws {
        let s = SyntheticCycling(cycles: 4, step: 500)
        let data = CyclingData(curve: try curve(s, cycleColumn: false))  // t_HV stored at 3.9 V
        #expect(data.timeAboveVolts == 3.9)
        for volts in [3.9, 4.1] {
            let x = try TrackingClock.timeAbove(volts: volts).values(for: [1, 2, 4], cycling: data)
            let h = SyntheticCycling.hoursAbove(volts)
            #expect(zip(x, [h, 2 * h, 4 * h]).allSatisfy { abs($0 - $1) < 1e-9 }, "\(x) at \(volts) V")
        }
        // Side charge χ·(Q_ch − Q_dis) per cycle from the integrated capacities: χ = 1 → 0.2 mAh per cycle.
        var cell = CellDescription()
        cell.chi = 1
        cell.firstCycleCAMLossMAh = 0
        let q = try TrackingClock.sideCharge.values(for: [2, 3], cycling: data, cell: cell)
        #expect(abs(q[0] - 0.4) < 1e-12 && abs(q[1] - 0.6) < 1e-12)
    }
}
