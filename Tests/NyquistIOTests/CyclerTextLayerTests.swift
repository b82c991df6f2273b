import Foundation
@testable import NyquistIO
import Testing

/// The cycler-curve readers on NyquistIO's shared text layer: RFC 4180 quoting and decimal commas as in the spectrum
/// readers; errors name the file and line. Expected values are the numbers written in the inputs.
@Suite("Cycler curves on the shared text layer")
struct CyclerTextLayerTests {
    @Test("Time-series CSV with every field quoted, a quoted header and a quoted comma inside a text column")
    func quotedFields() throws {
        let text = """
            "time_s","voltage_V","current_mA","cycle","comment"
            "0","3.5","1.25","1","start, rest"
            "10","3.6","-0.5","1","a ""quoted"" note"
            """
        let curve = try CyclerCurve.parse(text: text, source: "q.csv")
        #expect(curve.timeSeconds == [0, 10])
        #expect(curve.potentialVolts == [3.5, 3.6])
        #expect(curve.currentMilliamps == [1.25, -0.5])
        #expect(curve.cycleNumbers == [1, 1])
        #expect(curve.lines == [2, 3])
    }

    @Test("Decimal commas: semicolon-separated, tab-separated (EC-Lab text) and quoted in a comma-separated file")
    func decimalCommas() throws {
        let semicolon = try CyclerCurve.parse(text: "time_s;voltage_V;current_mA\n0;3,5;1,25\n10;\"3,75\";-0,5\n", source: "s.csv")
        #expect(semicolon.potentialVolts == [3.5, 3.75])
        #expect(semicolon.currentMilliamps == [1.25, -0.5])
        #expect(semicolon.notes.contains("decimal separator ','"))
        let quoted = try CyclerCurve.parse(text: "time_h,Ewe/V,I/mA\n\"0,5\",\"3,5\",\"2\"\n\"1,5\",\"4,25\",\"-2\"\n", source: "c.csv")
        #expect(quoted.timeSeconds == [1800, 5400])  // h → s
        #expect(quoted.potentialVolts == [3.5, 4.25])
        let mpt = "EC-Lab ASCII FILE\nNb header lines : 3\ntime/s\tEwe/V\tI/mA\n0\t3,5\t1\n1,5\t3,625\t1\n"
        let ecLab = try CyclerCurve.parse(text: mpt, source: "e.mpt")
        #expect(ecLab.timeSeconds == [0, 1.5] && ecLab.potentialVolts == [3.5, 3.625])
    }

    @Test("A quoted number that is not one is an error naming file, line and column")
    func badQuotedValue() {
        do {
            _ = try CyclerCurve.parse(text: "time_s,voltage_V,current_mA\n0,3.5,1\n\"1\",\"3.x\",1\n", source: "b.csv")
            Issue.record("expected badValue")
        } catch {
            #expect(error == .badValue(TextPosition(source: "b.csv", line: 3), column: "voltage_V", text: "3.x",
                                       reason: "is not a finite number"))
            #expect(error.description == "b.csv:3: column 'voltage_V': '3.x' is not a finite number")
        }
    }

    @Test("TextTable: header after comments, quoted separators, field-count errors with the line")
    func textTable() throws {
        let table = try TextTable.parse(text: "# exported\n\ncycle,R3,file\n1,\"2,5\",\"a,b.csv\"\n# note\n2,3.5,c\n", source: "t.csv")
        #expect(table.header == ["cycle", "R3", "file"] && table.headerLine == 3)
        #expect(table.rows.map(\.line) == [4, 6])
        #expect(table.rows[0].fields == ["1", "2,5", "a,b.csv"])
        #expect(!table.decimalComma)  // 3.5 has a decimal dot
        #expect(table.number("3.5") == 3.5 && table.number(" \"7e-3\" ") == 0.007 && table.number("x") == nil)
        let semicolon = try TextTable.parse(text: "cycle;R3\n1;2,5\n", source: "s.csv")
        #expect(semicolon.separator == .semicolon && semicolon.decimalComma && semicolon.number("2,5") == 2.5)
        #expect(throws: TextTable.Failure.fieldCount(line: 3, found: 3, expected: 2)) {
            try TextTable.parse(text: "cycle,R3\n1,2\n2,3,4\n", source: "f.csv")
        }
        #expect(throws: TextTable.Failure.noHeader) { try TextTable.parse(text: "# only\n\n", source: "e.csv") }
    }

    @Test("One signature check: cycler and spectrum detection agree on .mpr, EC-Lab text and Gamry; SQLite is named")
    func signatures() {
        #expect(FileSignature.declaredFormat(Array("BIO-LOGIC MODULAR FILE\u{1a}".utf8), firstLines: []) == .biologicMPR)
        #expect(FileSignature.declaredFormat([], firstLines: ["EC-Lab ASCII FILE"]) == .biologicMPT)
        #expect(FileSignature.declaredFormat([], firstLines: ["EXPLAIN"]) == .gamryDTA)
        #expect(FileSignature.declaredFormat([], firstLines: ["time_s,voltage_V"]) == nil)
        #expect(FileSignature.isSQLite(Array("SQLite format 3\u{0}".utf8)))
        #expect(SpectrumFile.detect(bytes: Array("EXPLAIN\nTAG\tEISPOT\n".utf8), name: "x") == .gamryDTA)
        // A file named .csv whose content says EC-Lab is read as EC-Lab text.
        #expect((try? CyclerCurve.parse(text: "EC-Lab ASCII FILE\nNb header lines : 3\ntime/s\tEwe/V\tI/mA\n0\t3\t1\n",
                                        source: "x.csv").format) == .bioLogicText)
    }
}
