import Foundation
import NyquistTracking
import Testing

/// Finite but huge cycle numbers in tracking inputs give a located error, not a trap in a Double → Int conversion.
@Suite struct TrackingExtremeValueTests {
    @Test func pressureCycleBeyondTheIntegersIsABadValue() {
        let csv = "cycle,pressure_MPa\n1,5.0\n2,5.2\n1e300,5.1\n"
        do {
            let trace = try PressureTrace.parse(csv: csv, source: "p.csv")
            _ = trace.amplitudes()
            Issue.record("accepted cycle 1e300")
        } catch {
            guard case .badValue(let at, let column, _, _) = error else { Issue.record("\(error)"); return }
            #expect(at.line == 4 && column == "cycle", "\(error)")
        }
    }

    @Test func clockAtAHugeOrUndefinedCycleIsInconsistent() throws {
        let data = try CyclingData.parse(csv: "cycle,charge_mAh,discharge_mAh,time_above_3.9V_h\n1,2.5,2.0,4\n2,2.1,2.0,3\n")
        // Σ of the first two cycles' hours: 4 + 3.
        #expect(try TrackingClock.timeAbove(volts: 3.9).values(for: [2], cycling: data) == [7])
        // Before the first cycle nothing has accumulated yet.
        #expect(try TrackingClock.timeAbove(volts: 3.9).values(for: [-1e300], cycling: data) == [0])
        for cycle in [1e300, .nan] {
            #expect(throws: TrackingError.self) { try TrackingClock.timeAbove(volts: 3.9).values(for: [cycle], cycling: data) }
        }
    }
}
