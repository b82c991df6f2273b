import Foundation
import NyquistTestSupport
import Testing
@testable import NyquistTracking

/// The synthetic protocol written as an EC-Lab `.mpt`, a Gamry `.DTA` and time-series CSVs, read back through
/// ``CyclingData/read(path:timeAboveVolts:)``: every format gives the hand-derived Q_ch, Q_dis and t_HV.
@Suite struct CyclerExportReaderTests {
    static let protocolData = SyntheticCycling(cycles: 3, step: 650)

    func write(_ text: String, _ name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nyquist-cycling-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func expectHandValues(_ data: CyclingData, volts: Double) {
        #expect(data.cycles.map(\.cycle) == [1, 2, 3])
        for c in data.cycles {
            #expect(abs(c.chargeMAh - SyntheticCycling.chargeMAh) < 1e-9, "cycle \(c.cycle) Q_ch \(c.chargeMAh)")
            #expect(abs(c.dischargeMAh - SyntheticCycling.dischargeMAh) < 1e-9, "cycle \(c.cycle) Q_dis \(c.dischargeMAh)")
            #expect(abs((c.timeAboveHours ?? -1) - SyntheticCycling.hoursAbove(volts)) < 1e-6, "cycle \(c.cycle)")
        }
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
    func ecLabTextWithImpedanceRows(comma: Bool, crlf: Bool) throws {
        let text = Self.protocolData.mpt(impedanceRows: 4, comma: comma, crlf: crlf)
        let path = try write(text, "cell.mpt")
        let data = try CyclingData.read(path: path, timeAboveVolts: 4.0)
        expectHandValues(data, volts: 4.0)
        let curve = try #require(data.curve)
        #expect(curve.format == .bioLogicText)
        #expect(curve.count == Self.protocolData.samples.count)
        // 4 rows inside each of the 2 rest intervals of each of the 3 cycles.
        #expect(curve.skippedImpedanceRows == 4 * 2 * 3)
        #expect(curve.cycleNumbers?.first == 0)  // EC-Lab numbering, raised by 1 in `cycles`
        #expect(curve.lines.first == 10)  // the 9 header lines come first
        #expect(curve.notes.contains("decimal separator ','") == comma)
    }

    @Test func ecLabTextWithoutHeaderAndWithAveragedColumns() throws {
        let full = Self.protocolData.mpt()
        let body = full.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(8)
            .joined(separator: "\n").replacingOccurrences(of: "\tEwe/V\tI/mA\t", with: "\t<Ewe>/V\t<I>/mA\t")
        let data = try CyclingData.read(path: try write(body, "export.txt.mpt"), timeAboveVolts: 4.1)
        expectHandValues(data, volts: 4.1)
    }

    @Test(arguments: [false, true])
    func gamryCurveTables(comma: Bool) throws {
        let data = try CyclingData.read(path: try write(Self.protocolData.dta(comma: comma), "cell.DTA"))
        expectHandValues(data, volts: 3.9)
        let curve = try #require(data.curve)
        #expect(curve.format == .gamryDTA && curve.cycleNumbers == nil)
        #expect(curve.notes.filter { $0.contains("offset") }.count == 2)  // CURVE2 and CURVE3 restart at 0 s
        #expect(curve.count == Self.protocolData.samples.count)  // the OCVCURVE table is not read
    }

    @Test func timeSeriesCSV() throws {
        for cycleColumn in [true, false] {
            let data = try CyclingData.read(path: try write(Self.protocolData.csv(cycleColumn: cycleColumn), "ts.csv"))
            expectHandValues(data, volts: 3.9)
            #expect(data.curve?.cycleNumbers == (cycleColumn ? Self.protocolData.samples.map { $0.cycle + 1 } : nil))
        }
        let european = try CyclingData.read(
            path: try write(Self.protocolData.csv(cycleColumn: false, european: true), "eu.csv"), timeAboveVolts: 4.0)
        expectHandValues(european, volts: 4.0)
        #expect(european.curve?.notes.contains("time column 'time_h' in hours") == true)
    }

    @Test func perCycleCSVStillReadsAsBeforeAndKeepsItsColumn() throws {
        let path = try write("cycle,charge_mAh,discharge_mAh,time_above_h\n1,3,2.8,1.5\n2,3,2.9,1.25\n", "pc.csv")
        let data = try CyclingData.read(path: path)
        #expect(data.curve == nil && data.timeAboveVolts == nil)
        // The column is what the user gave, whatever threshold the clock names.
        #expect(try TrackingClock.timeAbove(volts: 4.2).values(for: [1, 2], cycling: data) == [1.5, 2.75])
    }
}
