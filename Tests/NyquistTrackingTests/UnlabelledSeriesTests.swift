import NyquistTracking
import Testing

/// A batch export of spectra without cycle labels is tracked against the position in the series (issue 14).
@Suite struct UnlabelledSeriesTests {
    @Test func emptyCycleColumnFallsBackToPositionWithOneNote() throws {
        let csv = """
            series,position,file,spectrum,cycle,status,start,R3,R3_se
            d,0,a.csv,0,,converged,global,100,1
            d,1,b.csv,0,,converged,warm,110,1
            d,2,c.csv,0,,failed,warm,,
            d,3,e.csv,0,,converged,warm,125,2
            """
        let s = try ParameterSeries.parse(csv: csv, source: "store.sqlite", parameter: "R3")
        #expect(s.cycles == [0, 1, 3])
        #expect(s.values == [100, 110, 125])
        #expect(s.notes.count == 1)
        #expect(s.notes.first?.contains("4 of 4 spectra have no cycle label") == true)
        #expect(s.notes.first?.contains("position") == true)
    }

    @Test func labelledExportKeepsItsCyclesAndHasNoNote() throws {
        let csv = "series,position,file,spectrum,cycle,status,R3\nd,0,a.csv,0,5,converged,100\nd,1,b.csv,0,9,converged,110\n"
        let s = try ParameterSeries.parse(csv: csv, parameter: "R3")
        #expect(s.cycles == [5, 9])
        #expect(s.notes.isEmpty)
    }

    @Test func emptyCycleWithoutPositionColumnIsStillAnErrorNamingTheLine() {
        #expect {
            _ = try ParameterSeries.parse(csv: "cycle,R3\n1,100\n,110\n", source: "t.csv", parameter: "R3")
        } throws: { error in
            (error as? TrackingError)?.description.contains("t.csv:3") == true
        }
    }
}
