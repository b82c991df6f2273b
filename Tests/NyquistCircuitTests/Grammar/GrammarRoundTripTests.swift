import NyquistCircuit
import NyquistTestSupport
import Testing

@Suite("Circuit grammars: parse(print(t)) == t on random trees")
struct GrammarRoundTripTests {
    static let seeds: [UInt64] = [1, 2, 3, 42, 2024]
    static let treesPerSeed = 60

    /// The CDC labelling rule, written independently of the library: label = 1-based index of the top-level
    /// series term, then `b`, `c`, … for repeats of a kind within that term.
    static func relabelledByCDCRule(_ circuit: Circuit) -> Circuit {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        func walk(_ c: Circuit, _ term: Int, _ seen: inout [ElementKind: Int]) -> Circuit {
            switch c {
            case .element(let e):
                let k = (seen[e.kind] ?? 0) + 1
                seen[e.kind] = k
                precondition(k <= 26, "test trees are small")
                let label = "\(term)" + (k == 1 ? "" : String(letters[k - 1]))
                return .element(Element(kind: e.kind, label: label))
            case .series(let m):
                var out: [Circuit] = []
                for x in m { out.append(walk(x, term, &seen)) }
                return .series(out)
            case .parallel(let m):
                var out: [Circuit] = []
                for x in m { out.append(walk(x, term, &seen)) }
                return .parallel(out)
            }
        }
        guard case .series(let terms) = circuit else {
            var seen: [ElementKind: Int] = [:]
            return walk(circuit, 1, &seen)
        }
        var out: [Circuit] = []
        for (i, t) in terms.enumerated() {
            var seen: [ElementKind: Int] = [:]
            out.append(walk(t, i + 1, &seen))
        }
        return .series(out)
    }

    static func randomTrees() -> [Circuit] {
        var trees: [Circuit] = []
        for seed in seeds {
            var generator = CircuitGenerator(seed: seed)
            for _ in 0..<treesPerSeed { trees.append(generator.circuit(maxDepth: 4)) }
        }
        return trees
    }

    @Test func generatorGivesNormalisedTreesWithUniqueNames() {
        let trees = Self.randomTrees()
        #expect(trees.contains { if case .parallel = $0 { true } else { false } })
        #expect(trees.contains { if case .series = $0 { true } else { false } })
        for tree in trees {
            #expect(tree == tree.normalized())
            let names = tree.elements.map(\.name)
            #expect(Set(names).count == names.count)
        }
    }

    @Test(arguments: [CircuitSyntax.impedancePy, .ecLab])
    func labelledSyntaxesRoundTrip(syntax: CircuitSyntax) throws {
        for tree in Self.randomTrees() {
            let text = tree.text(in: syntax)
            let parsed = try Circuit(parsing: text, syntax: syntax)
            #expect(parsed == tree, "\(text)")
            // Printing is canonical: printing the parsed tree gives the same text.
            #expect(parsed.text(in: syntax) == text)
        }
    }

    @Test func cdcRoundTripsUpToRelabelling() throws {
        for tree in Self.randomTrees() {
            let text = tree.text(in: .cdc)
            let parsed = try Circuit(parsing: text, syntax: .cdc)
            #expect(parsed == Self.relabelledByCDCRule(tree), "\(text)")
            #expect(parsed.text(in: .cdc) == text)
        }
    }

    @Test func detectionPicksTheRightSyntaxForPrintedTrees() throws {
        for tree in Self.randomTrees() {
            for syntax in CircuitSyntax.allCases {
                let text = tree.text(in: syntax)
                // A single element without a group is ambiguous between impedance.py and EC-Lab; both read it alike
                // except for EC-Lab-only symbols, which the detector sends to EC-Lab.
                if case .element = tree, syntax != .cdc { continue }
                #expect(Circuit.detectSyntax(of: text) == syntax, "\(text)")
            }
        }
    }

    @Test func conversionBetweenSyntaxesKeepsTheTree() throws {
        for tree in Self.randomTrees() {
            let viaECLab = try Circuit(parsing: tree.text(in: .ecLab), syntax: .ecLab)
            let viaImpedance = try Circuit(parsing: viaECLab.text(in: .impedancePy), syntax: .impedancePy)
            #expect(viaImpedance == tree)
            // CDC labels survive the trip through the labelled syntaxes.
            let cdc = try Circuit(parsing: tree.text(in: .cdc), syntax: .cdc)
            #expect(try Circuit(parsing: cdc.text(in: .impedancePy), syntax: .impedancePy) == cdc)
            #expect(try Circuit(parsing: cdc.text(in: .ecLab), syntax: .ecLab) == cdc)
        }
    }
}
