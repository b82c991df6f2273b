import Foundation
import NyquistCircuit
import NyquistTestSupport
import Testing

/// The `.circuit` files in circuits/ and the format's errors.
@Suite struct NamedCircuitTests {
    func load(_ name: String) throws -> NamedCircuit {
        let url = RepositoryPaths.root.appendingPathComponent("circuits/\(name).circuit")
        return try NamedCircuit(name: name, source: try String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    @Test func theShippedModels() throws {
        let cathode = try load("assb-cathode")
        #expect(cathode.circuit.text(in: .impedancePy) == "R1-p(R2,CPE2)-p(R3,CPE3)")
        let t = cathode.parameterTable()
        #expect(t.names == ["R1", "R2", "Q2", "n2", "R3", "Q3", "n3"])
        #expect(t.allSatisfy { !$0.startGiven })
        let given = cathode.parameterTable(startsAreGiven: true)
        #expect(given.allSatisfy { $0.startGiven })
        let n3 = try #require(t.index(of: "n3")), r3 = try #require(t.index(of: "R3"))
        #expect(t[n3].upper == 1 && t[r3].upper == .infinity)
        #expect(cathode.meanings["R3"]?.contains("interfacial") == true)
        #expect(try load("assb-cathode-warburg").circuit.text(in: .cdc) == "R(RQ)(RQ)W")
        #expect(try load("randles").circuit.text(in: .ecLab) == "R0+(R1+W1)/Q1")
        #expect(try load("randles-finite").parameterTable().names == ["R0", "R1", "Wo1_R", "Wo1_tau", "Q1", "n1"])
    }

    @Test func errorsNameFileAndLine() {
        func error(_ source: String) -> String {
            do { _ = try NamedCircuit(name: "x", source: source, file: "x.circuit"); return "" } catch { return error.description }
        }
        #expect(error("circuit R1\nparam R1 1 0\n") == "x.circuit:2: expected 'param NAME START LOWER UPPER [fixed] -- meaning'")
        #expect(error("circuit R1\nparam R1 one 0 inf\n") == "x.circuit:2: 'one' is not a number")
        #expect(error("# nothing\n").hasSuffix("no 'circuit' line"))
        #expect(error("circuit R1-\n").hasPrefix("x.circuit:1: position"))
        #expect(error("circuit R1\nfoo bar\n") == "x.circuit:2: unknown keyword 'foo'")
        #expect(error("circuit R1\nparam R9 1 0 inf\n").contains("unknown parameter 'R9'"))
        #expect(error("circuit R1\nparam R1 -5 0 inf\n").contains("R must be > 0"))
    }

    /// Contradictions inside a file are errors on the line that contradicts: a parameter set twice, a second
    /// circuit or description, and a value outside its own bounds (fixed or not), each with the line number.
    @Test func contradictionsNameTheirLine() {
        func error(_ source: String) -> String {
            do { _ = try NamedCircuit(name: "x", source: source, file: "x.circuit"); return "" } catch { return error.description }
        }
        #expect(error("circuit R1-C2\nparam R1 5 0 inf\nparam C2 1e-6 0 inf\nparam R1 6 0 inf\n")
            == "x.circuit:4: parameter R1 is set twice (first on line 2)")
        #expect(error("circuit R1\n# another\ncircuit R1-C2\n") == "x.circuit:3: a second 'circuit' line (the first is line 1)")
        #expect(error("description a\ndescription b\ncircuit R1\n")
            == "x.circuit:2: a second 'description' line (the first is line 1)")
        #expect(error("circuit R1\nparam R1 500 0 100 fixed\n") == "x.circuit:2: R1 = 500.0 lies outside its bounds [0.0, 100.0]")
        #expect(error("circuit R1-C2\nparam C2 1e-6 0 inf\nparam R9 1 0 inf\n").hasPrefix("x.circuit:3: unknown parameter 'R9'"))
        #expect(error("circuit R1-p(R2,CPE2)\nparam n2 1.2 0 1 fixed\n").hasPrefix("x.circuit:2: "))
    }
}
