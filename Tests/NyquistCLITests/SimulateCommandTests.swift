import Foundation
import NyquistTestSupport
import Testing

/// `nyquist simulate` end to end.
@Suite struct SimulateCommandTests {
    struct Fixture: Decodable {
        struct Case: Decodable { let circuit: String; let parameters: [Double]; let Z_re_Ohm: [Double]; let Z_im_Ohm: [Double] }
        let frequencies_Hz: [Double]
        let cases: [Case]
    }

    @Test func outputMatchesImpedancePyOnItsGrid() throws {
        let url = RepositoryPaths.fixtures("NyquistCircuitTests").appendingPathComponent("impedance_py_circuits.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        let c = fixture.cases[1]  // R1-p(R2,CPE2)-p(R3,CPE3)-W4
        let names = ["R1", "R2", "Q2", "n2", "R3", "Q3", "n3", "W4"]
        let params = zip(names, c.parameters).flatMap { ["--param", "\($0)=\($1)"] }
        // impedance.py's grid: logspace(7, -5, 61) = 10 MHz … 10 µHz at 5 points per decade.
        let r = try runNyquist(["simulate", "--circuit", c.circuit, "--freq", "1e7:1e-5:5"] + params)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.first == "freq_Hz,Z_re_Ohm,Z_im_Ohm")
        let rows = lines.dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        #expect(rows.count == fixture.frequencies_Hz.count)
        for (i, row) in rows.enumerated() {
            #expect(relativeDifference(row[0], fixture.frequencies_Hz[i]) < 1e-12)
            #expect(relativeDifference(row[1], c.Z_re_Ohm[i]) < 1e-10, "Z′ at row \(i)")
            #expect(abs(row[2] - c.Z_im_Ohm[i]) <= 1e-10 * max(abs(c.Z_im_Ohm[i]), abs(c.Z_re_Ohm[i])), "Z″ at row \(i)")
        }
    }

    @Test func missingAndUnknownParametersAreNamed() throws {
        let missing = try runNyquist(["simulate", "--circuit", "R1-p(R2,CPE2)", "--param", "R1=20"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("R2") && missing.stderr.contains("Q2") && missing.stderr.contains("n2"))
        let unknown = try runNyquist(["simulate", "--circuit", "R1", "--param", "R7=3"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown parameter 'R7'") && unknown.stderr.contains("R1"))
    }

    @Test func circuitErrorsShowPositionAndCaret() throws {
        let r = try runNyquist(["simulate", "--circuit", "R1-p(R2,CPX2)", "--param", "R1=1"])
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].contains("position 9") && lines[0].contains("CPX2"), "\(r.stderr)")
        // The caret sits under the 'C' of CPX2: same column in the echoed input and the caret line.
        let inputColumn = try #require(lines[1].range(of: "CPX2")).lowerBound.utf16Offset(in: lines[1])
        let caretColumn = try #require(lines[2].firstIndex(of: "^")).utf16Offset(in: lines[2])
        #expect(inputColumn == caretColumn)
    }

    @Test func namedModelsAreListed() throws {
        let r = try runNyquist(["circuits"])
        #expect(r.status == 0)
        for name in ["assb-cathode", "assb-cathode-warburg", "randles", "randles-finite"] {
            #expect(r.stdout.contains(name))
        }
        let one = try runNyquist(["circuits", "assb-cathode"])
        #expect(one.stdout.contains("R(RQ)(RQ)") && one.stdout.contains("R1+R2/Q2+R3/Q3") && one.stdout.contains("F·s^(n−1)"))
    }
}
