import NyquistCircuit
import Testing

@Suite("Circuit grammars: CDC inline parameters")
struct GrammarInlineParameterTests {
    func table(_ cdc: String) throws -> ParameterTable {
        ParameterTable(circuit: try Circuit(parsing: cdc, syntax: .cdc))
    }

    func parameter(_ table: ParameterTable, _ name: String) -> Parameter? {
        table.index(of: name).map { table[$0] }
    }

    @Test func papersCircuitWithValues() throws {
        let t = try table("R{R=10}(R{R=100}Q{Y=1e-5,n=0.9})(R{R=500}Q{Y=1e-3,n=0.8})W{Y=1.41e-2,n=0.5F}")
        #expect(t.names == ["R1", "R2", "Q2", "n2", "R3", "Q3", "n3", "W4"])
        #expect(Array(t.values.prefix(7)) == [10, 100, 1e-5, 0.9, 500, 1e-3, 0.8])
        // W: σ = 1/(Y√2) with Y = 1.41e-2 S·s^½ → σ ≈ 50.149 Ω·s^(−½).
        let sigma = t.values[7]
        #expect(abs(sigma - 1 / (1.41e-2 * 2.0.squareRoot())) <= 1e-12 * sigma)
        #expect(abs(sigma - 50.1494) < 1e-3)
        #expect(t.parameters.allSatisfy { !$0.fixed })
    }

    @Test func fixedAndBounds() throws {
        let t = try table("Q{Y=1e-05,n=0.9F/0.5/1}")
        let q = try #require(parameter(t, "Q1"))
        #expect(q.value == 1e-5 && !q.fixed && q.lower == 0 && q.upper == .infinity)
        let n = try #require(parameter(t, "n1"))
        #expect(n.value == 0.9 && n.fixed && n.lower == 0.5 && n.upper == 1)
    }

    @Test func percentInfinityAndUpperOnlyBounds() throws {
        let r = try #require(parameter(try table("R{R=5/10%/200%}"), "R1"))
        #expect(r.lower == 0.5 && r.upper == 10)
        let upperOnly = try #require(parameter(try table("R{R=5//inf}"), "R1"))
        #expect(upperOnly.lower == 0 && upperOnly.upper == .infinity)
        let lowerInf = try #require(parameter(try table("R{R=5/inf/7}"), "R1"))
        #expect(lowerInf.lower == 0 && lowerInf.upper == 7)
        let lowerOnly = try #require(parameter(try table("C{C=2e-6f/1e-7}"), "C1"))
        #expect(lowerOnly.fixed && lowerOnly.lower == 1e-7 && lowerOnly.upper == .infinity)
    }

    @Test func warburgAdmittanceBoundsConvertAndSwap() throws {
        let w = try #require(parameter(try table("W{Y=1/0.5/2}"), "W1"))
        let root2 = 2.0.squareRoot()
        #expect(abs(w.value - 1 / root2) < 1e-15)
        #expect(abs(w.lower - 1 / (2 * root2)) < 1e-15)   // from Y's upper bound 2
        #expect(abs(w.upper - root2) < 1e-15)            // from Y's lower bound 0.5
        let sigma = try #require(parameter(try table("W{W=30F}"), "W1"))
        #expect(sigma.value == 30 && sigma.fixed)
    }

    @Test func pyimpspecAliasesAndOurSlotNames() throws {
        let t = try table("La{L=2e-6,n=0.7}H{R=3,tau=0.01,a=0.6,b=0.4}Tlmq{R_i=5,Y=1e-3,n=0.8}Ws{R=7,tau=2}Zarc{R=4,tau=1e-3,n=0.85}")
        #expect(t.names == ["La1_La", "La1_n", "H2_R", "H2_tau", "H2_alpha", "H2_beta",
                            "Tlmq3_Rion", "Tlmq3_Q", "Tlmq3_n", "Ws4_R", "Ws4_tau", "Zarc5_R", "Zarc5_tau", "Zarc5_n"])
        #expect(t.values == [2e-6, 0.7, 3, 0.01, 0.6, 0.4, 5, 1e-3, 0.8, 7, 2, 4, 1e-3, 0.85])
        let ours = try table("Q{Q=2e-5,n=0.7}H{alpha=0.5,beta=0.6}Tlmq{Rion=6,Q=1e-4}")
        #expect(ours.values.prefix(4) == [2e-5, 0.7, 10, 1e-3])
        #expect(try #require(parameter(ours, "H2_alpha")).value == 0.5)
        #expect(try #require(parameter(ours, "Tlmq3_Rion")).value == 6)
    }

    /// Strings written by pyimpspec 5 itself:
    /// `pyimpspec.parse_cdc("R{R=10}(R{R=100}Q{Y=1e-5,n=0.9})(R{R=500}Q{Y=1e-3,n=0.8})W{Y=1.41e-2,n=0.5F}").serialize()`
    /// and `pyimpspec.parse_cdc("R{R=5/10%/200%:ct}(La{L=2e-6,n=0.7}Zarc{R=4,tau=1e-3,n=0.85F})").serialize()`.
    @Test func readsPyimpspecSerializedOutput() throws {
        let papers = "!V=1![R{R=1.000000000000E+01/0.000000000000E+00/inf}(R{R=1.000000000000E+02/0.000000000000E+00/inf}Q{Y=1.000000000000E-05/1.000000000000E-24/1.000000000000E+06,n=9.000000000000E-01/0.000000000000E+00/1.000000000000E+00})(R{R=5.000000000000E+02/0.000000000000E+00/inf}Q{Y=1.000000000000E-03/1.000000000000E-24/1.000000000000E+06,n=8.000000000000E-01/0.000000000000E+00/1.000000000000E+00})W{Y=1.410000000000E-02/1.000000000000E-24/inf,n=5.000000000000E-01F/0.000000000000E+00/1.000000000000E+00}]"
        #expect(try Circuit(parsing: papers).text(in: .impedancePy) == "R1-p(R2,CPE2)-p(R3,CPE3)-W4")
        let t = try table(papers)
        #expect(Array(t.values.prefix(7)) == [10, 100, 1e-5, 0.9, 500, 1e-3, 0.8])
        #expect(t.parameters.prefix(7).map(\.lower) == [0, 0, 1e-24, 0, 0, 1e-24, 0])
        #expect(t.parameters.prefix(7).map(\.upper) == [.infinity, .infinity, 1e6, 1, .infinity, 1e6, 1])
        let w = t[7]
        #expect(abs(w.value - 1 / (1.41e-2 * 2.0.squareRoot())) <= 1e-12 * w.value)
        #expect(w.lower == 0)
        #expect(abs(w.upper - 1 / (1e-24 * 2.0.squareRoot())) <= 1e-12 * w.upper)
        #expect(t.parameters.allSatisfy { !$0.fixed })

        let other = try table("!V=1![R{R=5.000000000000E+00/5.000000000000E-01/1.000000000000E+01:ct}(La{L=2.000000000000E-06/0.000000000000E+00/1.000000000000E+03,n=7.000000000000E-01/0.000000000000E+00/1.000000000000E+00}Zarc{R=4.000000000000E+00/0.000000000000E+00/inf,tau=1.000000000000E-03/1.000000000000E-24/inf,n=8.500000000000E-01F/0.000000000000E+00/1.000000000000E+00})]")
        #expect(other.names == ["R1", "La2_La", "La2_n", "Zarc2_R", "Zarc2_tau", "Zarc2_n"])
        #expect(other.values == [5, 2e-6, 0.7, 4, 1e-3, 0.85])
        #expect(other[0].lower == 0.5 && other[0].upper == 10)
        #expect(other.map(\.fixed) == [false, false, false, false, false, true])
    }

    @Test func versionTagLabelsAndEmptyBracesAreAccepted() throws {
        let t = try table("!V=1!R{R=5:ct}(R{:x}C{})")
        #expect(t.names == ["R1", "R2", "C2"])
        #expect(t.values == [5, 10, 1e-6])
    }

    @Test func printingWithParameters() throws {
        let circuit = try Circuit(parsing: "R(RQ)", syntax: .cdc)
        var t = ParameterTable(circuit: circuit)
        try t.apply(ParameterSetting(value: 100), to: "R2")
        try t.apply(ParameterSetting(value: 1e-5), to: "Q2")
        try t.apply(ParameterSetting(value: 0.9, fixed: true, lower: 0.5), to: "n2")
        #expect(circuit.text(in: .cdc, parameters: t) == "R{R=10}(R{R=100}Q{Y=1e-05,n=0.9F/0.5/1})")
        #expect(circuit.text(in: .impedancePy, parameters: t) == "R1-p(R2,CPE2)")
        #expect(circuit.text(in: .ecLab, parameters: t) == "R1+R2/Q2")
        // A Warburg prints pyimpspec's admittance Y = 1/(σ√2) = 1/(25√2·√2) = 0.02 with n fixed at 0.5.
        let w = try Circuit(parsing: "W", syntax: .cdc)
        var wt = ParameterTable(circuit: w)
        try wt.apply(ParameterSetting(value: 25 * 2.0.squareRoot()), to: "W1")
        let text = w.text(in: .cdc, parameters: wt)
        #expect(text.hasPrefix("W{Y=0.0"))
        #expect(text.hasSuffix(",n=0.5F}"))
        let back = ParameterTable(circuit: try Circuit(parsing: text, syntax: .cdc))
        #expect(abs(back.values[0] - 25 * 2.0.squareRoot()) < 1e-12)
    }

    @Test func printedValuesReadBackIntoTheSameTable() throws {
        let circuit = try Circuit(parsing: "R0-p(CPE1,R1-W1)-p(Zarc2,HN2)-p(Ws3,Wo3,La3,G3)-TLMQ4", syntax: .impedancePy)
        var t = ParameterTable(circuit: circuit)
        for i in t.indices {
            t[i].value = t[i].domain == .exponent ? 0.5 + Double(i) / 100 : 1.5 * Double(i + 1)
            t[i].lower = t[i].domain == .exponent ? 0.25 : 1e-3
            t[i].upper = t[i].domain == .exponent ? 1 : .infinity
            t[i].fixed = i.isMultiple(of: 3)
        }
        let text = circuit.text(in: .cdc, parameters: t)
        let back = ParameterTable(circuit: try Circuit(parsing: text, syntax: .cdc))
        #expect(back.count == t.count)
        for (a, b) in zip(t, back) {
            #expect(abs(a.value - b.value) <= 1e-14 * a.value, "\(a.name) in \(text)")
            #expect(abs(a.lower - b.lower) <= 1e-14 * a.lower, "\(a.name) in \(text)")
            #expect(a.upper == b.upper || abs(a.upper - b.upper) <= 1e-14 * a.upper, "\(a.name) in \(text)")
            #expect(a.fixed == b.fixed, "\(a.name) in \(text)")
        }
    }

    @Test(arguments: [
        // (text, position, fragment of the reason)
        ("Q{Z=1}", 2, "'Z' is not a parameter of Q"),
        ("W{Y=1,n=0.4}", 6, "n = 0.5"),
        ("W{Y=0}", 2, "Y of W must be > 0"),
        ("R{R=-1}", 2, "must be > 0"),
        ("Q{n=1.5}", 2, "0 < n ≤ 1"),
        ("R{R=1,R=2}", 6, "given twice"),
        ("Q{Y=1e-5,Q=2e-5}", 9, "given twice"),
        ("R{R=5", 1, "missing '}'"),
        ("R{R=abc}", 4, "expected a number"),
        ("R{R=1e}", 4, "malformed exponent"),
        ("R{R:5}", 3, "expected '='"),
        ("R{R=5;}", 5, "expected ',', ':' or '}'"),
        ("R{R=5/20/30}", 2, "outside its bounds"),
        ("R{R=5/7/6}", 2, "not below upper"),
        ("R(R{R=1}C{=1})", 10, "expected a parameter name"),
        ("R{:a{b}", 4, "'{' inside a label"),
    ])
    func invalidInlineParameters(text: String, position: Int, fragment: String) {
        do {
            _ = try Circuit(parsing: text, syntax: .cdc)
            Issue.record("\(text) parsed")
        } catch {
            guard case .invalidInlineParameter(let reason) = error.reason else {
                Issue.record("\(text): \(error.reason)")
                return
            }
            #expect(error.position == position, "\(text): \(reason)")
            #expect(reason.contains(fragment), "\(text): \(reason)")
        }
    }
}
