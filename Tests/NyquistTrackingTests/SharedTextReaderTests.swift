import Foundation
import NyquistTestSupport
import Testing
@testable import NyquistTracking

/// Tracking's tables (parameter series, per-cycle cycling data, pressure traces) are read by NyquistIO's one
/// delimited reader: RFC 4180 quoting and decimal commas; errors keep naming file and line. Expected values are the
/// numbers written in the inputs.
@Suite struct SharedTextReaderTests {
    @Test func parameterSeriesWithSemicolonsDecimalCommasAndQuotes() throws {
        let text = "cycle;R3;R3_err;file\n1;2,5;0,125;\"a;b.csv\"\n2;\"3,25\";0,25;c.csv\n"
        let series = try ParameterSeries.parse(csv: text, source: "s.csv", parameter: "R3")
        #expect(series.points.map(\.value) == [2.5, 3.25])
        #expect(series.points.map(\.standardError) == [0.125, 0.25])
        #expect(series.points.map(\.file) == ["a;b.csv", "c.csv"])
        #expect(series.points.map(\.line) == [2, 3])
    }

    @Test func badFieldsNameFileAndLine() {
        do {
            _ = try ParameterSeries.parse(csv: "cycle,R3\n1,2\n2,\"1.5x\"\n", source: "p.csv", parameter: "R3")
            Issue.record("expected badValue")
        } catch {
            #expect(error == .badValue(TrackingLocation(source: "p.csv", line: 3), column: "R3", text: "1.5x",
                                       reason: "is not a finite number"))
        }
        #expect(throws: TrackingError.badRow(TrackingLocation(source: "c.csv", line: 3), reason: "2 fields, the header has 3")) {
            try CyclingData.parse(csv: "cycle,charge_mAh,discharge_mAh\n1,1,1\n2,1\n", source: "c.csv")
        }
    }

    @Test func cyclingAndPressureTablesReadDecimalCommas() throws {
        let cycling = try CyclingData.parse(csv: "cycle\tcharge_mAh\tdischarge_mAh\n1\t1,5\t1,25\n2\t1,75\t1,5\n")
        #expect(cycling.cycles.map(\.chargeMAh) == [1.5, 1.75])
        #expect(cycling.cycles.map(\.dischargeMAh) == [1.25, 1.5])
        let trace = try PressureTrace.parse(csv: "\"time_s\",\"pressure_MPa\"\n\"0\",\"10,5\"\n\"60\",\"10,25\"\n")
        #expect(trace.clock == [0, 60] && trace.pressureMPa == [10.5, 10.25])
    }
}
