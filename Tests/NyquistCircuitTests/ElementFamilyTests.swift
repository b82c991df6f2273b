import Foundation
import Numerics
import NyquistCircuit
import NyquistTestSupport
import Testing

/// Issue 13.4, "one home per element family": every kind's facts come from one model file under
/// Sources/NyquistCircuit/Elements/, checked against the tables in docs/circuit-language.md (written by hand from
/// impedance.py, pyimpspec and EC-Lab) and against the sources themselves.
@Suite struct ElementFamilyTests {
    /// The documented table: impedance.py, CDC, EC-Lab symbols, then the parameter symbols and units.
    static let documented: [ElementKind: (py: String, cdc: String, ecLab: String, slots: [(String, String)])] = [
        .resistor: ("R", "R", "R", [("R", "Ω")]),
        .capacitor: ("C", "C", "C", [("C", "F")]),
        .inductor: ("L", "L", "L", [("L", "H")]),
        .cpe: ("CPE", "Q", "Q", [("Q", "F·s^(n−1)"), ("n", "1")]),
        .modifiedInductor: ("La", "La", "La", [("La", "H·s^(n−1)"), ("n", "1")]),
        .warburg: ("W", "W", "W", [("W", "Ω·s^(−1/2)")]),
        .warburgShort: ("Ws", "Ws", "Wd", [("R", "Ω"), ("tau", "s")]),
        .warburgOpen: ("Wo", "Wo", "M", [("R", "Ω"), ("tau", "s")]),
        .gerischer: ("G", "G", "G", [("R", "Ω"), ("tau", "s")]),
        .zarc: ("Zarc", "Zarc", "Zarc", [("R", "Ω"), ("tau", "s"), ("n", "1")]),
        .havriliakNegami: ("HN", "H", "H", [("R", "Ω"), ("tau", "s"), ("alpha", "1"), ("beta", "1")]),
        .transmissionLine: ("TLMQ", "Tlmq", "Tlmq", [("Rion", "Ω"), ("Q", "F·s^(n−1)"), ("n", "1")]),
    ]

    @Test(arguments: ElementKind.allCases)
    func descriptorHasSymbolsInEverySyntaxAndUnits(kind: ElementKind) throws {
        let d = kind.descriptor
        let expected = try #require(Self.documented[kind])
        #expect(d.kind == kind)
        #expect(d.symbols.cdc == kind.rawValue, "the raw value is the CDC symbol")
        #expect(d.symbols[.impedancePy] == expected.py)
        #expect(d.symbols[.cdc] == expected.cdc)
        #expect(d.symbols[.ecLab] == expected.ecLab)
        for syntax in CircuitSyntax.allCases {
            #expect(ElementKind(symbol: d.symbols[syntax], in: syntax) == kind, "\(syntax)")
        }
        #expect(d.slots.map(\.symbol) == expected.slots.map(\.0))
        #expect(d.slots.map(\.unit) == expected.slots.map(\.1))
        for slot in d.slots {
            #expect((slot.domain == .exponent) == (slot.unit == "1"), "\(kind) \(slot.symbol)")
            #expect(slot.lower < slot.defaultValue && slot.defaultValue <= slot.upper, "\(kind) \(slot.symbol)")
            #expect(slot.typical.contains(slot.defaultValue), "\(kind) \(slot.symbol)")
        }
        #expect(!d.family.isEmpty && !d.name.isEmpty && d.formula.hasPrefix("Z = "))
        // Inline names point at real slots and do not shadow slot symbols.
        for alias in d.inlineNames {
            if let slot = alias.slot { #expect(d.slots.contains { $0.symbol == slot }, "\(kind) \(alias.name)") }
            #expect(!d.slots.contains { $0.symbol == alias.name }, "\(kind) \(alias.name)")
        }
    }

    /// The asterisks of the docs table: names the original program does not have.
    @Test func nyquistExtensionsMatchTheDocs() {
        let extensions = Dictionary(uniqueKeysWithValues: ElementKind.allCases.map { ($0, $0.symbols.nyquistExtensions) })
        #expect(extensions[.zarc] == [.ecLab])
        #expect(extensions[.havriliakNegami] == [.impedancePy, .ecLab])
        #expect(extensions[.transmissionLine] == [.ecLab])
        #expect(ElementKind.allCases.filter { !(extensions[$0] ?? []).isEmpty } == [.zarc, .havriliakNegami, .transmissionLine])
    }

    /// pyimpspec's inline names (docs: `Q{Y=…}`, `La{L=…}`, `Tlmq{R_i=…,Y=…}`, `H{a=…,b=…}`, `W{Y=…,n=0.5}`).
    @Test func inlineNamesMatchPyimpspec() {
        func names(_ k: ElementKind) -> [String] { k.descriptor.inlineNames.map(\.name) }
        #expect(names(.cpe) == ["Y"])
        #expect(names(.modifiedInductor) == ["L"])
        #expect(names(.transmissionLine) == ["R_i", "Y"])
        #expect(names(.havriliakNegami) == ["a", "b"])
        #expect(names(.warburg) == ["Y", "n"])
        // Y = 1/(σ√2): σ = 50/√2 Ω·s^(−½) ↔ Y = 1/50 = 0.02 S·s^½, and the bounds 0 ↔ ∞.
        let y = ElementKind.warburg.descriptor.inlineNames[0]
        #expect(abs(y.convert(50 / 2.0.squareRoot()) - 0.02) < 1e-17)
        #expect(y.convert(0) == .infinity && y.convert(.infinity) == 0)
        for k in ElementKind.allCases where ![.cpe, .modifiedInductor, .transmissionLine, .havriliakNegami, .warburg].contains(k) {
            #expect(names(k).isEmpty, "\(k)")
        }
    }

    /// Arc-ordering time constants against the closed forms: R‖C τ = RC, R‖Q τ = (RQ)^(1/n), ZARC/HN/G τ itself.
    @Test func arcTimeConstantsFromTheHints() {
        let r = ElementKind.resistor.arcResistance([200])
        #expect(r == 200)
        #expect(abs((ElementKind.capacitor.arcTimeConstant(parallelResistance: 200, [5e-6]) ?? 0) - 1e-3) < 1e-18)
        // (100 · 1e-5)^(1/0.5) = (1e-3)² = 1e-6
        let q = ElementKind.cpe.arcTimeConstant(parallelResistance: 100, [1e-5, 0.5])
        #expect(abs((q ?? 0) - 1e-6) < 1e-20)
        #expect(ElementKind.zarc.arcTimeConstant([10, 2e-3, 0.8]) == 2e-3)
        #expect(ElementKind.havriliakNegami.arcTimeConstant([10, 3e-3, 0.8, 0.7]) == 3e-3)
        #expect(ElementKind.gerischer.arcTimeConstant([10, 4e-3]) == 4e-3)
        #expect(ElementKind.allCases.filter(\.formsArc) == [.gerischer, .zarc, .havriliakNegami])
        #expect(ElementKind.allCases.filter { $0.arcResistance(Array(repeating: 0.5, count: $0.slots.count)) != nil } == [.resistor])
        #expect(ElementKind.resistor.arcTimeConstant(parallelResistance: 1, [1]) == nil)
    }

    /// Initial-guess rules against hand values on a made-up spectrum: f 1e5 … 0.1 Hz, Z(f_max) = 10 + 0.5j Ω,
    /// Z(f_min) = 60 − 40j Ω, largest |Z| = 80 Ω.
    @Test func initialGuessRulesFromTheHints() throws {
        let wHigh = 2 * Double.pi * 1e5, wLow = 2 * Double.pi * 0.1
        let s = SpectrumReading(omegaHigh: wHigh, omegaLow: wLow, zHigh: Complex(10, 0.5), zLow: Complex(60, -40), scale: 80)
        #expect(s.intercept == 10)
        #expect(abs(s.warburgSigma - 40 * wLow.squareRoot()) < 1e-12)
        #expect(abs(s.lowFrequencyCapacitance - 1 / (wLow * 40)) < 1e-15)
        func values(_ v: [Double?]) -> [Double] { v.map { $0 ?? .nan } }
        #expect(values(ElementKind.resistor.startInSeries(s, earlier: 0)) == [10])
        #expect(values(ElementKind.resistor.startInSeries(s, earlier: 2)) == [1])
        #expect(values(ElementKind.inductor.startInSeries(s, earlier: 0)) == [0.5 / wHigh])
        #expect(values(ElementKind.warburgShort.startInSeries(s, earlier: 0)) == [50, 1 / wLow])
        #expect(values(ElementKind.transmissionLine.startInSeries(s, earlier: 0)) == [150, 1 / (wLow * 40), 0.9])
        let arc = ArcReading(resistance: 100, timeConstant: 1e-3, exponent: 0.5)
        let cpe = values(ElementKind.cpe.startInArc(arc, s))
        #expect(abs(cpe[0] - Double.pow(1e-3, 0.5) / 100) < 1e-18 && cpe[1] == 0.5)
        #expect(abs(values(ElementKind.capacitor.startInArc(arc, s))[0] - 1e-5) < 1e-20)
        let hn = ElementKind.havriliakNegami.startInArc(arc, s)
        #expect(hn.count == 4 && hn[0] == 100 && hn[1] == 1e-3 && hn[2] == 0.5 && hn[3] == nil)
        #expect(ElementKind.modifiedInductor.startInSeries(s, earlier: 0).isEmpty)
    }

    /// The "one file" claim, checked on the sources: each model type is declared once, under Elements/, and no
    /// file outside Elements/ and Model/ElementKind.swift branches on individual kinds (`case .cpe`, `== .zarc`).
    @Test func everyKindLivesInOneFile() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        try #require(files.count > 20, "Sources/ not found at \(sources.path)")
        let kindCases = ["resistor", "capacitor", "inductor", "cpe", "modifiedInductor", "warburg", "warburgShort",
                         "warburgOpen", "gerischer", "zarc", "havriliakNegami", "transmissionLine"]
        #expect(kindCases.count == ElementKind.allCases.count)
        let pattern = try Regex("(case|==|!=)\\s+\\.(" + kindCases.joined(separator: "|") + ")\\b")
        var modelFiles: [String: [String]] = [:]
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let path = file.path
            let inElements = path.contains("/Sources/NyquistCircuit/Elements/")
            if !inElements && !path.hasSuffix("/Sources/NyquistCircuit/Model/ElementKind.swift") {
                #expect(text.firstMatch(of: pattern) == nil, "\(path) branches on an element kind")
            }
            for line in text.split(separator: "\n") where line.contains(": ElementModel {") {
                modelFiles[String(line.trimmingCharacters(in: .whitespaces)), default: []].append(path)
                #expect(inElements, "\(line) outside Elements/")
            }
        }
        #expect(modelFiles.count == ElementKind.allCases.count, "\(modelFiles.keys.sorted())")
        #expect(modelFiles.values.allSatisfy { $0.count == 1 })
    }
}
