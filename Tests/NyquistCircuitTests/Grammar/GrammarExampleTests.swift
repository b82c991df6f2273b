import NyquistCircuit
import Testing

/// Shorthand for hand-written expected trees.
func el(_ kind: ElementKind, _ label: String) -> Circuit { .element(Element(kind: kind, label: label)) }

@Suite("Circuit grammars: examples written by hand")
struct GrammarExampleTests {
    /// The papers' R1–(R2‖Q2)–(R3‖Q3)–W4.
    static let papers: Circuit = .series([
        el(.resistor, "1"),
        .parallel([el(.resistor, "2"), el(.cpe, "2")]),
        .parallel([el(.resistor, "3"), el(.cpe, "3")]),
        el(.warburg, "4"),
    ])

    /// Randles with a Warburg in the faradaic branch, CPE first: R0–(Q1 ‖ (R1–W1)).
    static let randles: Circuit = .series([
        el(.resistor, "0"),
        .parallel([el(.cpe, "1"), .series([el(.resistor, "1"), el(.warburg, "1")])]),
    ])

    @Test func papersCircuitInAllThreeSyntaxes() throws {
        #expect(try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,CPE3)-W4", syntax: .impedancePy) == Self.papers)
        #expect(try Circuit(parsing: "R(RQ)(RQ)W", syntax: .cdc) == Self.papers)
        #expect(try Circuit(parsing: "R1+R2/Q2+R3/Q3+W4", syntax: .ecLab) == Self.papers)
        // EC-Lab's usual order puts the CPE first in each parallel pair.
        let ecLabOrder: Circuit = .series([
            el(.resistor, "1"),
            .parallel([el(.cpe, "2"), el(.resistor, "2")]),
            .parallel([el(.cpe, "3"), el(.resistor, "3")]),
            el(.warburg, "4"),
        ])
        #expect(try Circuit(parsing: "R1+Q2/R2+Q3/R3+W4", syntax: .ecLab) == ecLabOrder)
    }

    @Test func randlesInAllThreeSyntaxes() throws {
        #expect(try Circuit(parsing: "R0-p(CPE1,R1-W1)", syntax: .impedancePy) == Self.randles)
        #expect(try Circuit(parsing: "R0+Q1/(R1+W1)", syntax: .ecLab) == Self.randles)
        // CDC labels by top-level term: R1, then Q2, R2, W2 in the second term.
        let cdc: Circuit = .series([
            el(.resistor, "1"),
            .parallel([el(.cpe, "2"), .series([el(.resistor, "2"), el(.warburg, "2")])]),
        ])
        #expect(try Circuit(parsing: "R(Q[RW])", syntax: .cdc) == cdc)
        // The impedance.py spelling from the docs, with the faradaic branch first.
        let branchFirst: Circuit = .series([
            el(.resistor, "0"),
            .parallel([.series([el(.resistor, "1"), el(.warburg, "1")]), el(.cpe, "1")]),
        ])
        #expect(try Circuit(parsing: "R0-p(R1-W1,CPE1)", syntax: .impedancePy) == branchFirst)
    }

    @Test func canonicalPrinting() {
        #expect(Self.papers.text(in: .impedancePy) == "R1-p(R2,CPE2)-p(R3,CPE3)-W4")
        #expect(Self.papers.text(in: .cdc) == "R(RQ)(RQ)W")
        #expect(Self.papers.text(in: .ecLab) == "R1+R2/Q2+R3/Q3+W4")
        #expect(Self.randles.text(in: .impedancePy) == "R0-p(CPE1,R1-W1)")
        #expect(Self.randles.text(in: .cdc) == "R(Q[RW])")
        #expect(Self.randles.text(in: .ecLab) == "R0+Q1/(R1+W1)")
    }

    @Test func printingNormalisesAndHandlesEmptyLabels() {
        let messy: Circuit = .series([
            .series([el(.resistor, ""), .parallel([.parallel([el(.capacitor, "")]), el(.warburgShort, "")])]),
        ])
        #expect(messy.text(in: .impedancePy) == "R-p(C,Ws)")
        #expect(messy.text(in: .cdc) == "R(CWs)")
        #expect(messy.text(in: .ecLab) == "R+C/Wd")
        let nested: Circuit = .parallel([el(.resistor, "1"), .series([el(.capacitor, "1"),
                                         .parallel([el(.resistor, "2"), el(.warburgOpen, "2")])])])
        #expect(nested.text(in: .impedancePy) == "p(R1,C1-p(R2,Wo2))")
        #expect(nested.text(in: .cdc) == "(R[C(RWo)])")
        #expect(nested.text(in: .ecLab) == "R1/(C1+R2/M2)")
    }

    @Test func parsingNormalises() throws {
        // Nested same-kind groups merge; single-member groups disappear.
        let expected: Circuit = .parallel([el(.resistor, "1"), el(.resistor, "2"), el(.capacitor, "1")])
        #expect(try Circuit(parsing: "p(p(R1,R2),C1)", syntax: .impedancePy) == expected)
        #expect(try Circuit(parsing: "((R1/R2))/C1", syntax: .ecLab) == expected)
        #expect(try Circuit(parsing: "[[R]([R]R)]", syntax: .cdc) == .series([
            el(.resistor, "1"), .parallel([el(.resistor, "2"), el(.resistor, "2b")])]))
        #expect(try Circuit(parsing: "R1", syntax: .impedancePy) == el(.resistor, "1"))
        #expect(try Circuit(parsing: "(R1)", syntax: .ecLab) == el(.resistor, "1"))
    }

    @Test func whitespaceIsIgnored() throws {
        #expect(try Circuit(parsing: " R1 - p( R2 , CPE2 )\n-p(R3,CPE3)\t- W4 ") == Self.papers)
        #expect(try Circuit(parsing: "R (R Q) (R Q) W", syntax: .cdc) == Self.papers)
        #expect(try Circuit(parsing: "R1 + R2 / Q2 + R3 / Q3 + W4", syntax: .ecLab) == Self.papers)
    }

    @Test(arguments: [
        ("R1", ElementKind.resistor, "1"), ("C1", .capacitor, "1"), ("L1", .inductor, "1"), ("CPE2", .cpe, "2"),
        ("La1", .modifiedInductor, "1"), ("W", .warburg, ""), ("Ws4", .warburgShort, "4"), ("Wo4", .warburgOpen, "4"),
        ("G1", .gerischer, "1"), ("Zarc1", .zarc, "1"), ("TLMQ1", .transmissionLine, "1"),
        ("HN1", .havriliakNegami, "1"), ("R_s", .resistor, "_s"), ("CPE2b", .cpe, "2b"), ("R12_ct", .resistor, "12_ct"),
    ])
    func impedancePyElementNames(text: String, kind: ElementKind, label: String) throws {
        #expect(try Circuit(parsing: text, syntax: .impedancePy) == el(kind, label))
    }

    @Test(arguments: [
        ("R1", ElementKind.resistor, "1"), ("C1", .capacitor, "1"), ("L1", .inductor, "1"), ("Q2", .cpe, "2"),
        ("La1", .modifiedInductor, "1"), ("W4", .warburg, "4"), ("Wd4", .warburgShort, "4"), ("M4", .warburgOpen, "4"),
        ("G1", .gerischer, "1"), ("Zarc1", .zarc, "1"), ("Tlmq1", .transmissionLine, "1"),
        ("H1", .havriliakNegami, "1"), ("R", .resistor, ""),
    ])
    func ecLabElementNames(text: String, kind: ElementKind, label: String) throws {
        #expect(try Circuit(parsing: text, syntax: .ecLab) == el(kind, label))
    }

    @Test(arguments: [
        ("R", ElementKind.resistor), ("C", .capacitor), ("L", .inductor), ("Q", .cpe), ("La", .modifiedInductor),
        ("W", .warburg), ("Ws", .warburgShort), ("Wo", .warburgOpen), ("G", .gerischer), ("Zarc", .zarc),
        ("H", .havriliakNegami), ("Tlmq", .transmissionLine),
    ])
    func cdcSymbols(text: String, kind: ElementKind) throws {
        #expect(try Circuit(parsing: text, syntax: .cdc) == el(kind, "1"))
    }

    @Test func cdcLabelRule() throws {
        // Same kind twice in one top-level term: b, c, …
        let tree = try Circuit(parsing: "R(R[RC]C[RQ])", syntax: .cdc)
        #expect(tree.elements.map(\.name) == ["R1", "R2", "R2b", "C2", "C2b", "R2c", "Q2"])
        let wide = try Circuit(parsing: "(" + String(repeating: "R", count: 28) + ")", syntax: .cdc)
        let names = wide.elements.map(\.name)
        #expect(names.prefix(3) == ["R1", "R1b", "R1c"])
        #expect(names[25] == "R1z")
        #expect(names[26] == "R1aa")
        #expect(names[27] == "R1ab")
        // The papers' parameter names follow.
        #expect(ParameterTable(circuit: try Circuit(parsing: "R(RQ)(RQ)W", syntax: .cdc)).names
                == ["R1", "R2", "Q2", "n2", "R3", "Q3", "n3", "W4"])
    }

    @Test(arguments: [
        ("R1-p(R2,CPE2)", CircuitSyntax.impedancePy), ("R0-W1", .impedancePy), ("p(R1,C1)", .impedancePy),
        ("R1", .impedancePy), ("R_s", .impedancePy), ("CPE1", .impedancePy),
        ("R1+Q2/R2", .ecLab), ("Q1/R1", .ecLab), ("Q1", .ecLab), ("Wd2", .ecLab), ("M3", .ecLab),
        ("R(RQ)(RQ)W", .cdc), ("R", .cdc), ("R(Q[RW])", .cdc), ("!V=1!R(RC)", .cdc),
        ("R{R=1e-3/10%/200%}Q{Y=1e-5,n=0.9F}", .cdc), ("W{Y=-1e-2}", .cdc),
    ])
    func syntaxDetection(text: String, syntax: CircuitSyntax) {
        #expect(Circuit.detectSyntax(of: text) == syntax)
    }

    /// The "More examples" table of docs/circuit-language.md.
    @Test(arguments: [
        ("R0-p(R1,C1)", "R(RC)", "R0+R1/C1"),
        ("L0-R0-p(R1,CPE1)-p(R2,CPE2)-Wo3", "LR(RQ)(RQ)Wo", "L0+R0+R1/Q1+R2/Q2+M3"),
        ("R0-p(CPE1,R1-p(R2,CPE2))", "R(Q[R(RQ)])", "R0+Q1/(R1+R2/Q2)"),
        ("R0-Zarc1-Zarc2-Ws3", "RZarcZarcWs", "R0+Zarc1+Zarc2+Wd3"),
        ("p(R1,C1)", "(RC)", "R1/C1"),
    ])
    func documentedExamples(impedancePy: String, cdc: String, ecLab: String) throws {
        let tree = try Circuit(parsing: impedancePy, syntax: .impedancePy)
        #expect(try Circuit(parsing: ecLab, syntax: .ecLab) == tree)
        #expect(tree.text(in: .cdc) == cdc)
        #expect(tree.text(in: .ecLab) == ecLab)
        let fromCDC = try Circuit(parsing: cdc, syntax: .cdc)
        #expect(fromCDC.text(in: .cdc) == cdc)
        #expect(fromCDC.elements.map(\.kind) == tree.elements.map(\.kind))
    }

    @Test func documentedCDCLabels() throws {
        #expect(try Circuit(parsing: "LR(RQ)(RQ)Wo", syntax: .cdc).elements.map(\.name)
                == ["L1", "R2", "R3", "Q3", "R4", "Q4", "Wo5"])
        #expect(try Circuit(parsing: "R(R[RC]C)", syntax: .cdc).elements.map(\.name)
                == ["R1", "R2", "R2b", "C2", "C2b"])
        #expect(try Circuit(parsing: "R0-p(CPE1,R1-W1)").text(in: .cdc) == "R(Q[RW])")
    }

    @Test func parsingWithoutSyntaxUsesDetection() throws {
        #expect(try Circuit(parsing: "R1-p(R2,CPE2)-p(R3,CPE3)-W4") == Self.papers)
        #expect(try Circuit(parsing: "R(RQ)(RQ)W") == Self.papers)
        #expect(try Circuit(parsing: "R0+Q1/(R1+W1)") == Self.randles)
    }
}
