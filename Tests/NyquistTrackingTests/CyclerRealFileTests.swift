import Foundation
import NyquistTestSupport
import Testing
@testable import NyquistTracking

/// yadg's `mb.mpt` (Modulo Bat: GCPL + PEIS, `cycle number` 0…3; Li|LLZO|Li, ±4 mV) against the per-cycle values of
/// `scripts/cycling_reference.py` (numpy), kept in `MbReference.swift`. The file is GPL data read from
/// `../shared/eis-data` and is not copied here; the test is skipped when it is absent.
@Suite struct CyclerRealFileTests {
    static var path: String? {
        RepositoryPaths.sharedEISData.map { $0.appendingPathComponent("yadg/mb.mpt").path }
            .flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    }

    @Test(.enabled(if: path != nil, "../shared/eis-data/yadg/mb.mpt is absent"))
    func moduloBatCyclesMatchTheNumpyReference() throws {
        let path = try #require(Self.path)
        let data = try CyclingData.read(path: path, timeAboveVolts: 0.002)
        let curve = try #require(data.curve)
        #expect(curve.count == MbReference.keptRows)
        #expect(curve.skippedImpedanceRows == MbReference.skippedImpedanceRows)
        #expect(data.cycles.map(\.cycle) == MbReference.cycles.map(\.cycle))
        let at375 = curve.timeAboveHours(volts: 0.00375)
        for (c, (r, h375)) in zip(data.cycles, zip(MbReference.cycles, at375)) {
            #expect(abs(c.chargeMAh - r.charge) <= 1e-12 * r.charge, "cycle \(c.cycle)")
            #expect(abs(c.dischargeMAh - r.discharge) <= 1e-12 * r.discharge, "cycle \(c.cycle)")
            #expect(abs((c.timeAboveHours ?? -1) - r.above2mV) <= 1e-12, "cycle \(c.cycle)")
            #expect(abs(h375 - r.above3_75mV) <= 1e-12, "cycle \(c.cycle)")
        }
        // Cross-check against the cycler's own counter (max `Q charge/mA.h` per cycle = 0.002801 mAh): the
        // integrated charge agrees to 0.1 %.
        for c in data.cycles { #expect(abs(c.chargeMAh - 0.002801) < 0.001 * 0.002801) }
        // The clock: cumulative hours above 3.75 mV through cycles 2 and 4.
        let x = try TrackingClock.timeAbove(volts: 0.00375).values(for: [2, 4], cycling: data)
        let r = MbReference.cycles.map(\.above3_75mV)
        #expect(abs(x[0] - (r[0] + r[1])) < 1e-12 && abs(x[1] - r.reduce(0, +)) < 1e-12)
    }
}
