/// impedance.py circuit strings: `R1-p(R2,CPE2)-p(R3,CPE3)-W4`.
///
/// ```
/// circuit  := series END
/// series   := term ('-' term)*
/// term     := 'p' '(' series (',' series)+ ')' | NAME
/// NAME     := TYPE LABEL                       ; see ElementName
/// ```
/// Recursive descent over a ``GrammarScanner``; each `p(` opens one level, limited to ``CircuitSyntax/maximumDepth``.
struct ImpedancePyParser {
    var scanner: GrammarScanner
    var names = NameRegistry()
    let symbols = ElementKind.symbolTables[.impedancePy] ?? [:]

    init(_ text: String) throws(CircuitSyntaxError) {
        scanner = try GrammarScanner(text)
    }

    static func isInAlphabet(_ c: Character) -> Bool {
        c.isASCIIWordCharacter || c == "-" || c == "," || c == "(" || c == ")"
    }

    mutating func parse() throws(CircuitSyntaxError) -> Circuit {
        let circuit = try parseSeries(depth: 0).circuit
        try scanner.requireEnd(alphabet: Self.isInAlphabet)
        return circuit
    }

    mutating func parseSeries(depth: Int) throws(CircuitSyntaxError) -> ParsedNode {
        let start = scanner.index
        var items = [try parseTerm(depth: depth)]
        while scanner.current == "-" {
            scanner.index += 1
            items.append(try parseTerm(depth: depth))
        }
        return try scanner.checkHeight(TreeBuilder.series(items), startingAt: start)
    }

    mutating func parseTerm(depth: Int) throws(CircuitSyntaxError) -> ParsedNode {
        guard let c = scanner.current else { throw scanner.error(.expectedElement, at: scanner.index) }
        guard c.isASCIILetter else {
            if !Self.isInAlphabet(c) { throw scanner.error(.unexpectedCharacter(c), at: scanner.index) }
            throw scanner.error(.expectedElement, at: scanner.index)
        }
        let start = scanner.index
        let word = scanner.scanWord()
        if word == "p", scanner.current == "(" {
            return try parseParallel(depth: depth + 1)
        }
        guard let (kind, label) = ElementName.split(word, symbols: symbols) else {
            throw scanner.error(.unknownElement(word), at: start)
        }
        let element = Element(kind: kind, label: label)
        try names.register(element, written: word, at: start, scanner: scanner)
        return .element(element)
    }

    /// At the `(` of `p(`.
    mutating func parseParallel(depth: Int) throws(CircuitSyntaxError) -> ParsedNode {
        let open = scanner.index
        try scanner.checkDepth(depth, at: open)
        scanner.index += 1
        if scanner.current == ")" { throw scanner.error(.emptyGroup, at: open) }
        var members = [try parseSeries(depth: depth)]
        loop: while true {
            switch scanner.current {
            case ",":
                scanner.index += 1
                members.append(try parseSeries(depth: depth))
            case ")":
                scanner.index += 1
                break loop
            case nil:
                throw scanner.error(.unbalancedParenthesis, at: open)
            case let c?:
                throw scanner.error(.unexpectedCharacter(c), at: scanner.index)
            }
        }
        if members.count < 2 { throw scanner.error(.tooFewMembers, at: open) }
        return try scanner.checkHeight(TreeBuilder.parallel(members), startingAt: open)
    }
}

/// Element names seen so far; a second use of a name is an error at the second one.
struct NameRegistry {
    private var seen: Set<String> = []

    mutating func register(_ element: Element, written: String, at i: Int,
                           scanner: GrammarScanner) throws(CircuitSyntaxError) {
        if !seen.insert(element.name).inserted {
            throw scanner.error(.duplicateName(written), at: i)
        }
    }
}
