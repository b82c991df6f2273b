import Foundation
import NyquistTestSupport
import Testing
@testable import NyquistTracking

/// Bad cycler files give typed errors naming the file, the line and the reason.
@Suite struct CyclerBadInputTests {
    static let header = "EC-Lab ASCII FILE\nNb header lines : 4\n\ntime/s\tEwe/V\tI/mA\tfreq/Hz\tcycle number\n"

    func error(_ text: String, _ source: String) -> TrackingError? {
        do { _ = try CyclerCurve.parse(text: text, source: source) } catch { return error }
        return nil
    }

    @Test func missingColumnsNameTheHeaderLine() {
        let noCurrent = "EC-Lab ASCII FILE\nNb header lines : 4\n\ntime/s\tEwe/V\tfreq/Hz\n0\t3.0\t0\n"
        guard case .missingColumn(let at, let column, let available)? = error(noCurrent, "a.mpt") else {
            Issue.record("expected missingColumn"); return
        }
        #expect(at == NyquistTracking.TrackingLocation(source: "a.mpt", line: 4))
        #expect(column.contains("I/mA") && available == ["time/s", "Ewe/V", "freq/Hz"])
        guard case .missingColumn(let at2, "Vf", _)? = error(
            "EXPLAIN\nCURVE\tTABLE\n\tPt\tT\tIm\n\t#\ts\tA\n\t0\t0\t1\n", "b.DTA") else {
            Issue.record("expected missingColumn Vf"); return
        }
        #expect(at2.line == 3)
        guard case .missingColumn(_, "voltage_V", _)? = error("time_s,current_mA\n0,1\n", "c.csv") else {
            Issue.record("expected missingColumn voltage_V"); return
        }
    }

    @Test func nonNumericCellsNameLineAndColumn() {
        let text = Self.header + "0\t3.0\t1\t0\t0\n10\t3.1\tabc\t0\t0\n"
        guard case .badValue(let at, let column, let value, _)? = error(text, "d.mpt") else {
            Issue.record("expected badValue"); return
        }
        #expect(at.description == "d.mpt:6" && column == "I/mA" && value == "abc")
        let half = Self.header + "0\t3.0\t1\t0\t0.5\n"
        #expect(error(half, "e.mpt")?.description.hasPrefix("e.mpt:5: column 'cycle number': '0.5'") == true)
        let short = "time_s,voltage_V,current_mA\n0,3.0,1\n1,3.1\n"
        #expect(error(short, "f.csv")?.description.hasPrefix("f.csv:3:") == true)
        let dta = "EXPLAIN\nCURVE1\tTABLE\t2\n\tPt\tT\tVf\tIm\n\t#\ts\tV\tA\n\t0\t0\t3.0\t0.001\n\t1\t1\tx\t0.001\n"
        #expect(error(dta, "g.DTA")?.description.hasPrefix("g.DTA:6: column 'Vf': 'x'") == true)
    }

    @Test func nonFiniteValuesAreRefused() {
        #expect(error(Self.header + "0\t3.0\t1\t0\t0\n10\tinf\t1\t0\t0\n", "n.mpt")?.description
            .hasPrefix("n.mpt:6: column 'Ewe/V': 'inf' is not a finite number") == true)
        do {
            _ = try CyclerCurve(timeSeconds: [0, 1], potentialVolts: [3, 3], currentMilliamps: [1, .nan], lines: [7, 8])
            Issue.record("expected badValue")
        } catch {
            guard case .badValue(let at, "I/mA", _, _) = error else { Issue.record("got \(error)"); return }
            #expect(at.line == 8)
        }
    }

    @Test func timeGoingBackwardsIsRefused() {
        let text = Self.header + "0\t3.0\t1\t0\t0\n20\t3.1\t1\t0\t0\n10\t3.2\t1\t0\t0\n"
        guard case .badValue(let at, "time/s", _, let reason)? = error(text, "h.mpt") else {
            Issue.record("expected badValue time/s"); return
        }
        #expect(at.line == 7 && reason.contains("line 6"))
        // An impedance row with an earlier time is dropped before the check.
        let eis = Self.header + "0\t3.0\t1\t0\t0\n5\t9\t9\t1000\t0\n20\t3.1\t1\t0\t0\n"
        #expect(error(eis, "i.mpt") == nil)
        let cycles = Self.header + "0\t3.0\t1\t0\t1\n20\t3.1\t1\t0\t0\n"
        #expect(error(cycles, "j.mpt")?.description.contains("j.mpt:6: column 'cycle number'") == true)
    }

    @Test func emptyAndImpedanceOnlyFilesHoldNoData() throws {
        guard case .noData(let at, _)? = error("", "k.csv") else { Issue.record("expected noData"); return }
        #expect(at.source == "k.csv")
        guard case .noData? = error(Self.header + "0\t3.0\t1\t1000\t0\n", "l.mpt") else {
            Issue.record("expected noData for EIS-only rows"); return
        }
        guard case .noData? = error("EXPLAIN\nZCURVE\tTABLE\n", "m.DTA") else {
            Issue.record("expected noData without CURVE table"); return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let empty = dir.appendingPathComponent("empty.mpt")
        try Data().write(to: empty)
        #expect(throws: TrackingError.noData(NyquistTracking.TrackingLocation(source: empty.path), reason: "the file is empty")) {
            try CyclingData.read(path: empty.path)
        }
        let mpr = dir.appendingPathComponent("cell.mpr")
        try Data("BIO-LOGIC MODULAR FILE\u{1a}".utf8).write(to: mpr)
        do {
            _ = try CyclingData.read(path: mpr.path)
            Issue.record("expected unreadable .mpr")
        } catch {
            // A .mpr cut inside its 52-byte magic: the binary reader's typed error, with the byte offset.
            guard case .unreadable(let at, let reason) = error else { Issue.record("expected unreadable, got \(error)"); return }
            #expect(at.source == mpr.path && reason.contains("byte 23") && reason.contains("truncated"))
        }
        let headerOnly = dir.appendingPathComponent("h.csv")
        try Data("time_s,voltage_V,current_mA\n".utf8).write(to: headerOnly)
        #expect(throws: TrackingError.self) { try CyclingData.read(path: headerOnly.path) }
    }
}
