import Foundation
import NyquistTestSupport
import Testing
@testable import NyquistTracking

/// Readers of the tracking inputs: typed errors with file:line, the sample files, clocks.
@Suite struct InputTests {
    let samples = RepositoryPaths.root.appendingPathComponent("samples/tracking")

    @Test func batchExportAndMinimalCSV() throws {
        let bare = try ParameterSeries.read(path: samples.appendingPathComponent("r3-bare.csv").path, parameter: "R3")
        #expect(bare.points.count == 12)
        #expect(bare.skipped.count == 1 && bare.skipped[0].contains(":14: status 'failed'"))
        #expect(bare.points[0].spectrum == 0 && bare.points[0].file == "bare_c1.mpr")
        #expect(bare.points.allSatisfy { ($0.standardError ?? 0) > 0 })
        let r1 = try ParameterSeries.read(path: samples.appendingPathComponent("r3-bare.csv").path, parameter: "R1")
        #expect(r1.values.first == 12.1 && r1.standardErrors.first == 0.2)
        let nca = try ParameterSeries.parse(csv: "cycle,R3\n2,61\n10,169\n100,501\n", parameter: "R3")
        #expect(nca.values == [61, 169, 501] && nca.standardErrors == [0, 0, 0])
    }

    @Test func badSeriesInputNamesTheLine() {
        func error(_ text: String, _ parameter: String = "R3") -> TrackingError? {
            do { _ = try ParameterSeries.parse(csv: text, source: "s.csv", parameter: parameter) } catch { return error }
            return nil
        }
        #expect(error("cycle,R3\n1,10\n2,abc\n")?.description.hasPrefix("s.csv:3: column 'R3': 'abc'") == true)
        #expect(error("cycle,R3\n1,10\n2,-4\n")?.description.contains("s.csv:3") == true)
        #expect(error("cycle,R3\n1,10,3\n")?.description.contains("s.csv:2: 3 fields") == true)
        if case .missingColumn(_, let column, _) = error("cycle,R2\n1,10\n") { #expect(column == "R3") } else {
            Issue.record("expected missingColumn")
        }
        #expect(error("cycle,R3,R3_err\n1,10,-1\n")?.description.contains("negative standard error") == true)
        #expect(error("# only a comment\n") != nil)
        #expect(error("cycle,R3\n1,inf\n")?.description.contains("not a finite number") == true)
    }

    @Test func cellFileDefaultsAndErrors() throws {
        let sample = try CellDescription.read(path: samples.appendingPathComponent("lco-bare.toml").path)
        #expect(sample == CellDescription())
        let xray = try CellDescription.parse(text: "se_density_basis = xray\npathway = \"li3ps4\"")
        #expect(xray.seMolarVolume == 143.9 && xray.electrons == 2)
        #expect(abs(xray.shrinkageMolarVolume - (143.9 - 133.14)) < 1e-9)
        func error(_ text: String) -> String? {
            do { _ = try CellDescription.parse(text: text, source: "c.toml") } catch { return error.description }
            return nil
        }
        #expect(error("diameter_cm = 1.3\ndiameter_cm = 1.2")?.hasPrefix("c.toml:2: 'diameter_cm': given twice") == true)
        #expect(error("\n\nbogus = 1")?.hasPrefix("c.toml:3: 'bogus': unknown key") == true)
        #expect(error("chi = 2")?.contains("must be in [0, 1]") == true)
        #expect(error("gap_nm = x")?.contains("not a finite number") == true)
        #expect(error("contacts = 1e300")?.contains("1…1000") == true)
        #expect(error("no equals sign") != nil)
        #expect(error("contacts = 2\nminimum_contacts = 3") != nil)
    }

    @Test func cyclingClocksAndSideCharge() throws {
        let csv = """
            cycle,charge_mAh,discharge_mAh,time_above_3.9V_h,side_charge_mAh
            1,2.5,2.0,4,
            2,2.1,2.0,3,0.05
            3,2.05,2.0,2.5,
            """
        let data = try CyclingData.parse(csv: csv)
        var cell = CellDescription()
        cell.chi = 0.5
        cell.firstCycleCAMLossMAh = 0.1
        // q_side = χ(Q_ch − Q_dis) − q_CAM (cycle 1), the given 0.05, then 0.5·0.05.
        let q = try data.sideCharges(cell: cell)
        #expect(abs(q[0] - 0.15) < 1e-12 && q[1] == 0.05 && abs(q[2] - 0.025) < 1e-12)
        let hours = try TrackingClock(argument: "time-above:3.9")?.values(for: [1, 3], cycling: data)
        #expect(hours == [4, 9.5])
        let side = try TrackingClock.sideCharge.values(for: [2, 3], cycling: data, cell: cell)
        #expect(abs(side[0] - 0.2) < 1e-12 && abs(side[1] - 0.225) < 1e-12)
        #expect(throws: TrackingError.self) { try TrackingClock.sideCharge.values(for: [4], cycling: data, cell: cell) }
        #expect(throws: TrackingError.self) { try TrackingClock.sideCharge.values(for: [1], cycling: nil) }
        #expect(throws: TrackingError.self) { try CyclingData.parse(csv: "cycle,charge_mAh,discharge_mAh\n2,1,1\n1,1,1\n") }
        #expect(throws: TrackingError.self) { try CyclingData.parse(csv: "cycle,charge_mAh,discharge_mAh\n1.5,1,1\n") }
        // Reference subtraction: the protected cell's side charge is removed cycle by cycle.
        let ref = try CyclingData.parse(csv: "cycle,charge_mAh,discharge_mAh\n1,2.1,2.0\n2,2.02,2.0\n3,2.01,2.0\n")
        var plain = CellDescription()
        plain.chi = 1
        let diff = try data.sideCharges(cell: plain, reference: ref)
        #expect(abs(diff[0] - 0.4) < 1e-12 && abs(diff[1] - 0.03) < 1e-12 && abs(diff[2] - 0.04) < 1e-12)
    }

    @Test func decompositionTrackFromCycling() throws {
        let data = try CyclingData.parse(csv: "cycle,charge_mAh,discharge_mAh\n1,1.1,1.0\n2,1.1,1.0\n")
        var cell = CellDescription()
        cell.ratchet = 0
        let track = try DecompositionTrack.compute(cycling: data, cell: cell, chargeTransferASR: 100)
        // 0.2 mAh → 0.2·3.6/(5F) = 1.4925 µmol; L = N·114.55 mL/mol / A_c0.
        let n = 0.2 * 3.6 / (5 * 96485.33212) * 1e6
        let last = try #require(track.rows.last)
        #expect(abs(last.decomposedMicromoles - n) < 1e-9)
        let a = 0.5 * 6 / (5.05 * 1.25e-4) * 7.35 * Double.pi * 0.65 * 0.65 * 1e-3
        let lNm = n * 1e-6 * 114.55 / a * 1e7
        #expect(abs(last.interphaseNm - lNm) < 1e-9)
        #expect(abs(last.predictedChemicalR3 - (100 + lNm * 1e-7 / 1.8e-8) / a) < 1e-9)
        let v = n * 1e-6 * 49.09 * 1000
        #expect(abs(last.contactRatio - exp(-v / (20e-6 * a * 100))) < 1e-12)
    }

    @Test func pressureTraceAmplitudes() throws {
        let trace = try PressureTrace.read(path: samples.appendingPathComponent("pressure-bare.csv").path)
        let a = trace.amplitudes()
        // The synthetic trace: 0.02 MPa peak-to-peak sinusoid, 0.01 MPa linear decay.
        // Per-cycle range = 0.02 + the drift between the crest and the trough half a cycle apart (0.001).
        #expect(abs(a.oscillation - 0.021) < 0.0003)
        #expect(abs(a.decay - 0.01) < 0.0005)
        #expect(throws: TrackingError.self) { try PressureTrace.parse(csv: "t,x\n1,2\n2,3\n") }
    }
}
