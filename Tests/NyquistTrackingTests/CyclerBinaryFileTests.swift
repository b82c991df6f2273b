import Foundation
import NyquistTestSupport
import Testing
@testable import NyquistTracking

/// BioLogic binary `.mpr` cycling files against `MprReference.swift`, computed once by
/// `scripts/cycling_reference_mpr.py` from the same files read with galvani 0.5.0 (not Nyquist's decoder). The files
/// are read from `../shared/eis-data` and not copied here; the tests are skipped when it is absent.
@Suite(.enabled(if: RepositoryPaths.sharedEISData != nil, "../shared/eis-data is absent: .mpr cycling tests skipped"))
struct CyclerBinaryFileTests {
    static func path(_ relative: String) throws -> String {
        try #require(RepositoryPaths.sharedEISData).appendingPathComponent(relative).path
    }

    /// A temporary copy of `relative` with `edit` applied to its bytes.
    static func copy(_ relative: String, name: String, _ edit: (inout [UInt8]) throws -> Void) throws -> String {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(relative))))
        try edit(&bytes)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-mpr-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func check(_ data: CyclingData, _ ref: MprReference.File, relative tolerance: Double = 1e-12) throws {
        let curve = try #require(data.curve)
        #expect(curve.format == .bioLogicBinary)
        #expect(curve.count == ref.keptRows && curve.skippedImpedanceRows == ref.skippedImpedanceRows)
        #expect(curve.timeSeconds[0] == ref.first.time && curve.potentialVolts[0] == ref.first.potential)
        #expect(curve.currentMilliamps[0] == ref.first.current)
        #expect(data.cycles.map(\.cycle) == ref.cycles.map(\.cycle))
        let second = curve.timeAboveHours(volts: ref.thresholds.1)
        for (c, (r, h)) in zip(data.cycles, zip(ref.cycles, second)) {
            #expect(abs(c.chargeMAh - r.charge) <= tolerance * max(r.charge, 1e-300), "cycle \(c.cycle)")
            #expect(abs(c.dischargeMAh - r.discharge) <= tolerance * max(r.discharge, 1e-300), "cycle \(c.cycle)")
            #expect(abs((c.timeAboveHours ?? -1) - r.above0) <= 1e-12, "cycle \(c.cycle)")
            #expect(abs(h - r.above1) <= 1e-12, "cycle \(c.cycle)")
        }
    }

    @Test func moduloBatMprMatchesTheGalvaniReference() throws {
        let ref = MprReference.mb
        let data = try CyclingData.read(path: Self.path(ref.path), timeAboveVolts: ref.thresholds.0)
        try check(data, ref)
        let curve = try #require(data.curve)
        // No `cycle number` in the binary file: ⌊half cycle / 2⌋, noted.
        #expect(curve.halfCycles?.max() == 7 && curve.notes.contains { $0.contains("⌊half cycle / 2⌋") })
        // The binary twin of mb.mpt: same samples and cycles as the .mpt reference (numpy on the text export, 7–8
        // significant digits there vs float32 here).
        #expect(curve.count == MbReference.keptRows && curve.skippedImpedanceRows == MbReference.skippedImpedanceRows)
        for (c, r) in zip(data.cycles, MbReference.cycles) {
            #expect(abs(c.chargeMAh - r.charge) <= 1e-6 * r.charge && abs(c.dischargeMAh - r.discharge) <= 1e-6 * r.discharge)
        }
        // The same file through CyclerCurve.read gives the same curve.
        #expect(try CyclerCurve.read(path: Self.path(ref.path)) == curve)
    }

    @Test func gcplWithoutEisReadsTheSetPointCurrent() throws {
        let ref = MprReference.col27
        let data = try CyclingData.read(path: Self.path(ref.path), timeAboveVolts: ref.thresholds.0)
        try check(data, ref)
        let curve = try #require(data.curve)
        #expect(curve.notes.contains("current from 'control/mA' (the set point)"))
        #expect(curve.lines == Array(1...20))
        // Hand check: rest (0 mA) to record 5, then −0.2755 mA (float32) to the end; the step's interval is a
        // trapezoid from 0, so Q_dis = 0.2755·(Δt₄₋₅/2 + (t₁₉ − t₅))/3600 mAh.
        let t = curve.timeSeconds, i = Double(Float(0.2755))
        let hand = i * ((t[5] - t[4]) / 2 + (t[19] - t[5])) / 3600
        #expect(abs(data.cycles[0].dischargeMAh - hand) <= 1e-15 && data.cycles[0].chargeMAh == 0)
    }

    @Test func aFileWithoutACurrentColumnNamesWhatItHas() throws {
        // col_27 with its only current column (id 20, control/mA) relabelled as id 19 (control/V, same width).
        let path = try Self.copy(MprReference.col27.path, name: "no-current.mpr") { bytes in
            let ids: [UInt8] = [4, 0, 20, 0, 27, 0]
            let at = try #require((0...(bytes.count - ids.count)).first { Array(bytes[$0..<$0 + ids.count]) == ids })
            bytes[at + 2] = 19
        }
        do {
            _ = try CyclerCurve.read(path: path)
            Issue.record("expected missingColumn")
        } catch {
            guard case .missingColumn(let at, let column, let available) = error else { Issue.record("got \(error)"); return }
            #expect(at.source == path && column == "I/mA or <I>/mA or control/mA")
            #expect(available.contains("control/V") && available.contains("Ewe/V"))
        }
    }

    @Test func unknownColumnIdsAreNamed() throws {
        func patched(_ name: String, _ replace: [Int: UInt8]) throws -> String {
            try Self.copy(MprReference.col27.path, name: name) { bytes in
                let ids: [UInt8] = [4, 0, 20, 0, 27, 0]
                let at = try #require((0...(bytes.count - ids.count)).first { Array(bytes[$0..<$0 + ids.count]) == ids })
                for (k, v) in replace { bytes[at + k] = v; bytes[at + k + 1] = 3 }  // id v + 768
            }
        }
        // One unknown id (27 Ewe-Ece/V → 1000): skipped, width derived, the cycling columns intact.
        let one = try patched("one.mpr", [4: 232])
        let curve = try CyclerCurve.read(path: one)
        #expect(curve.notes.contains { $0.contains("unknown column id 1000 skipped") })
        #expect(curve.count == 20 && curve.potentialVolts[0] == MprReference.col27.first.potential)
        // Two unknown ids (20 → 1001, 27 → 1000): a typed error naming both and the file.
        let two = try patched("two.mpr", [2: 233, 4: 232])
        do {
            _ = try CyclerCurve.read(path: two)
            Issue.record("expected unreadable")
        } catch {
            guard case .unreadable(let at, let reason) = error else { Issue.record("got \(error)"); return }
            #expect(at.source == two && reason.contains("1001, 1000"))
        }
    }

    @Test func truncatedAndCorruptFilesGiveTypedErrors() throws {
        let size = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path(MprReference.mb.path)))).count
        for cut in [40, 52, 70, 500, 5000, size / 2, size - 10] {
            let path = try Self.copy(MprReference.mb.path, name: "cut\(cut).mpr") { $0.removeLast($0.count - cut) }
            do {
                _ = try CyclingData.read(path: path)
                Issue.record("cut at \(cut) was accepted")
            } catch {
                guard case .unreadable(let at, let reason) = error else { Issue.record("cut \(cut): \(error)"); continue }
                #expect(at.source == path && reason.contains("byte"), "cut \(cut): \(reason)")
            }
        }
        // A damaged module tag.
        let bad = try Self.copy(MprReference.mb.path, name: "tag.mpr") { $0[52] = UInt8(ascii: "X") }
        #expect(throws: TrackingError.unreadable(
            NyquistTracking.TrackingLocation(source: bad), reason: "BioLogic binary file, byte 52: expected 'MODULE' tag")) {
            try CyclerCurve.read(path: bad)
        }
        // Text that only claims to be .mpr by its name.
        #expect(throws: TrackingError.self) { try CyclerCurve.parse(text: "time/s\tEwe/V\tI/mA\n0\t3\t1\n", source: "x.mpr") }
    }

    @Test func eisOnlyAndEmptyFilesHoldNoCyclingData() throws {
        // PEIS / GEIS / ZIR files: every record has freq/Hz > 0.
        for relative in ["yadg/peis.mpr", "yadg/geis.issue_149.mpr", "yadg/zir.mpr", "hybrid-drt/PEIS_LPSCl_IonBlocking_-25C.mpr"] {
            let path = try Self.path(relative)
            #expect(throws: TrackingError.noData(
                NyquistTracking.TrackingLocation(source: path), reason: "only impedance records (freq/Hz > 0), no cycling samples")) {
                try CyclingData.read(path: path)
            }
        }
        // A valid header and column list but 0 records (MANIFEST.md: grouped-channel run, galvani reads 0 rows).
        let empty = try Self.path("chemotion/CHD048_CHD050_60C_C01.mpr")
        #expect(throws: TrackingError.noData(NyquistTracking.TrackingLocation(source: empty), reason: "no data records")) {
            try CyclerCurve.read(path: empty)
        }
    }

    @Test func ecLab1150ColumnIdsMatchTheTextExport() throws {
        // mb.issue_223.mpr: u16 column ids (EC-Lab ≥ 11.50) with one id (880) of unknown meaning, which galvani 0.5.0
        // cannot read, so there is no galvani reference: its .mpt twin is the check. 4 EIS sweeps × 19 points are
        // skipped (MANIFEST.md); the cycling samples agree to the 7–8 significant digits of the text export.
        let binary = try CyclerCurve.read(path: Self.path("yadg/mb.issue_223.mpr"))
        let text = try CyclerCurve.read(path: Self.path("yadg/mb.issue_223.mpt"))
        #expect(binary.notes.contains { $0.contains("unknown column id 880 skipped") })
        #expect(binary.skippedImpedanceRows == 4 * 19 && text.skippedImpedanceRows == 4 * 19)
        #expect(binary.count == text.count && binary.count == 32)
        for k in 0..<min(binary.count, text.count) {
            #expect(abs(binary.timeSeconds[k] - text.timeSeconds[k]) <= 1e-9 * max(1, text.timeSeconds[k]), "sample \(k)")
            #expect(abs(binary.potentialVolts[k] - text.potentialVolts[k]) <= 1e-6 * abs(text.potentialVolts[k]), "sample \(k)")
            #expect(abs(binary.currentMilliamps[k] - text.currentMilliamps[k]) <= 1e-6 * abs(text.currentMilliamps[k]) + 1e-12)
        }
        #expect(binary.cycleNumbers == text.cycleNumbers)
    }

    @Test func mutatedHeadersGiveTypedErrorsNotTraps() throws {
        // Seeded byte changes in the magic and first module header, and in the data module's header, point count,
        // column ids and first records (where a bad value moves every later read); each read must return a curve
        // or throw a TrackingError naming the file.
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        func next(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
        for relative in [MprReference.col27.path, MprReference.mb.path] {
            let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.path(relative))))
            let tag = Array("MODULEVMP data".utf8)
            let module = try #require((0...(original.count - tag.count)).first { original[$0..<$0 + tag.count].elementsEqual(tag) })
            let window = min(600, original.count - module)
            var (read, refused) = (0, 0)
            for round in 0..<300 {
                var bytes = original
                for _ in 0...next(3) {
                    bytes[next(2) == 0 ? next(120) : module + next(window)] = UInt8(next(256))
                }
                do {
                    let curve = try CyclerCurve.readBioLogicBinary(bytes, source: "m.mpr")
                    #expect(curve.count > 0 && curve.timeSeconds.allSatisfy(\.isFinite), "\(relative) round \(round)")
                    read += 1
                } catch {
                    #expect(error.description.hasPrefix("m.mpr"), "\(relative) round \(round): \(error)")
                    refused += 1
                }
            }
            // Both outcomes occur, so the loop tests the error paths and not only harmless bytes.
            #expect(read > 0 && refused > 0, "\(relative): \(read) read, \(refused) refused")
        }
    }
}
