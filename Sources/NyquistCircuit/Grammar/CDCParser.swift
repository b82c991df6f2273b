/// Boukamp's circuit description code with pyimpspec's inline parameters: `R(RQ)(RQ)W`, `R(Q[RW])`,
/// `R{R=10}Q{Y=1e-5,n=0.9F/0.5/1}`.
///
/// ```
/// circuit  := ['!' 'V' '=' DIGITS '!'] item+ END
/// item     := element | '(' item item+ ')' | '[' item+ ']'
/// element  := SYMBOL ['{' inline '}']         ; SYMBOL := [A-Z][a-z0-9_]*, one of the known symbols
/// ```
/// Juxtaposed items are in series, items inside `( )` are parallel branches, `[ ]` groups a series (needed inside a
/// parallel). Each bracket opens one level, limited to ``CircuitSyntax/maximumDepth``. The inline part is read by
/// ``CDCInlineParser``. CDC has no labels: after parsing, ``CDCLabels/assign(to:)`` labels every element.
struct CDCParser {
    var scanner: GrammarScanner
    let symbols = ElementKind.symbolTables[.cdc] ?? [:]

    init(_ text: String) throws(CircuitSyntaxError) {
        scanner = try GrammarScanner(text)
    }

    mutating func parse() throws(CircuitSyntaxError) -> Circuit {
        try skipVersionTag()
        if scanner.isAtEnd { throw scanner.error(.expectedElement, at: scanner.index) }
        let start = scanner.index
        var items: [ParsedNode] = []
        while let c = scanner.current {
            if c == ")" || c == "]" { throw scanner.error(.unbalancedParenthesis, at: scanner.index) }
            items.append(try parseItem(depth: 0))
        }
        return CDCLabels.assign(to: try scanner.checkHeight(TreeBuilder.series(items), startingAt: start).circuit)
    }

    /// pyimpspec's `!V=1!` prefix: accepted and ignored.
    mutating func skipVersionTag() throws(CircuitSyntaxError) {
        guard scanner.current == "!" else { return }
        scanner.index += 1
        for expected in ["V", "="] as [Character] {
            guard let c = scanner.current else { throw scanner.error(.unexpectedEnd, at: scanner.index) }
            guard c == expected || (expected == "V" && c == "v") else {
                throw scanner.error(.unexpectedCharacter(c), at: scanner.index)
            }
            scanner.index += 1
        }
        let digitsStart = scanner.index
        while let c = scanner.current, c.isASCIIDigit { scanner.index += 1 }
        guard let c = scanner.current else { throw scanner.error(.unexpectedEnd, at: scanner.index) }
        guard c == "!", scanner.index > digitsStart else {
            throw scanner.error(.unexpectedCharacter(c), at: scanner.index)
        }
        scanner.index += 1
    }

    mutating func parseItem(depth: Int) throws(CircuitSyntaxError) -> ParsedNode {
        guard let c = scanner.current else { throw scanner.error(.expectedElement, at: scanner.index) }
        if c == "(" || c == "[" {
            return try parseGroup(parallel: c == "(", depth: depth + 1)
        }
        guard c.isASCIIUpper else { throw scanner.error(.unexpectedCharacter(c), at: scanner.index) }
        let start = scanner.index
        scanner.index += 1
        while let c = scanner.current, c.isASCIILower || c.isASCIIDigit || c == "_" { scanner.index += 1 }
        let symbol = String(scanner.chars[start..<scanner.index])
        guard let kind = symbols[symbol] else { throw scanner.error(.unknownElement(symbol), at: start) }
        var inline: [String: ParameterSetting] = [:]
        if scanner.current == "{" {
            var reader = CDCInlineParser(kind: kind, scanner: scanner)
            inline = try reader.parse()
            scanner.index = reader.scanner.index
        }
        return .element(Element(kind: kind, label: "", inline: inline))
    }

    /// At `(` or `[`.
    mutating func parseGroup(parallel: Bool, depth: Int) throws(CircuitSyntaxError) -> ParsedNode {
        let open = scanner.index
        try scanner.checkDepth(depth, at: open)
        let closing: Character = parallel ? ")" : "]"
        scanner.index += 1
        if scanner.current == closing { throw scanner.error(.emptyGroup, at: open) }
        var items: [ParsedNode] = []
        while true {
            guard let c = scanner.current else { throw scanner.error(.unbalancedParenthesis, at: open) }
            if c == closing {
                scanner.index += 1
                break
            }
            if c == ")" || c == "]" { throw scanner.error(.unbalancedParenthesis, at: scanner.index) }
            items.append(try parseItem(depth: depth))
        }
        if parallel {
            if items.count < 2 { throw scanner.error(.tooFewMembers, at: open) }
            return try scanner.checkHeight(TreeBuilder.parallel(items), startingAt: open)
        }
        return try scanner.checkHeight(TreeBuilder.series(items), startingAt: open)
    }
}

/// The labelling rule for CDC, which has no labels of its own (the convention of the papers):
///
/// the label of an element is the 1-based index of the top-level series term it belongs to, in the normalised tree
/// (`[ ]` at the top level is flattened first). A second element of the same kind in the same term gets the suffix
/// `b`, a third `c`, … (`z`, then `aa`, `ab`, …). `R(RQ)(RQ)W` → R1, R2, Q2, R3, Q3, W4; `R(R[RC]C)` → R1, R2, R2b,
/// C2, C2b.
public enum CDCLabels {
    /// `circuit` (normalised) with every element relabelled by the rule; kinds and inline settings are kept.
    public static func assign(to circuit: Circuit) -> Circuit {
        let terms: [Circuit]
        if case .series(let children) = circuit { terms = children } else { terms = [circuit] }
        let labelled = terms.enumerated().map { index, term -> Circuit in
            var counts: [ElementKind: Int] = [:]
            return relabel(term, term: index + 1, counts: &counts)
        }
        return labelled.count == 1 ? labelled[0] : .series(labelled)
    }

    private static func relabel(_ c: Circuit, term: Int, counts: inout [ElementKind: Int]) -> Circuit {
        switch c {
        case .element(var e):
            let n = (counts[e.kind] ?? 0) + 1
            counts[e.kind] = n
            e.label = String(term) + (n == 1 ? "" : suffix(n))
            return .element(e)
        case .series(let children):
            return .series(children.map { relabel($0, term: term, counts: &counts) })
        case .parallel(let children):
            return .parallel(children.map { relabel($0, term: term, counts: &counts) })
        }
    }

    /// Bijective base 26: 2 → `b`, 26 → `z`, 27 → `aa`.
    static func suffix(_ n: Int) -> String {
        var n = n
        var letters: [Character] = []
        let a = Int(("a" as Unicode.Scalar).value)
        while n > 0 {
            n -= 1
            letters.append(Character(Unicode.Scalar(UInt8(a + n % 26))))
            n /= 26
        }
        return String(letters.reversed())
    }
}
