/// EC-Lab (BioLogic ZFit) circuit strings: `R1+Q2/R2+Q3/R3+W4`, `R0+Q1/(R1+W1)`.
///
/// ```
/// circuit  := series END
/// series   := branch ('+' branch)*
/// branch   := atom ('/' atom)*            ; '/' binds tighter than '+'
/// atom     := NAME | '(' series ')'
/// NAME     := TYPE LABEL                  ; see ElementName
/// ```
/// Each `(` opens one level, limited to ``CircuitSyntax/maximumDepth``.
struct ECLabParser {
    var scanner: GrammarScanner
    var names = NameRegistry()
    let symbols = ElementKind.symbolTables[.ecLab] ?? [:]

    init(_ text: String) throws(CircuitSyntaxError) {
        scanner = try GrammarScanner(text)
    }

    static func isInAlphabet(_ c: Character) -> Bool {
        c.isASCIIWordCharacter || c == "+" || c == "/" || c == "(" || c == ")"
    }

    mutating func parse() throws(CircuitSyntaxError) -> Circuit {
        let circuit = try parseSeries(depth: 0).circuit
        try scanner.requireEnd(alphabet: Self.isInAlphabet)
        return circuit
    }

    mutating func parseSeries(depth: Int) throws(CircuitSyntaxError) -> ParsedNode {
        let start = scanner.index
        var items = [try parseBranch(depth: depth)]
        while scanner.current == "+" {
            scanner.index += 1
            items.append(try parseBranch(depth: depth))
        }
        return try scanner.checkHeight(TreeBuilder.series(items), startingAt: start)
    }

    mutating func parseBranch(depth: Int) throws(CircuitSyntaxError) -> ParsedNode {
        let start = scanner.index
        var items = [try parseAtom(depth: depth)]
        while scanner.current == "/" {
            scanner.index += 1
            items.append(try parseAtom(depth: depth))
        }
        return try scanner.checkHeight(TreeBuilder.parallel(items), startingAt: start)
    }

    mutating func parseAtom(depth: Int) throws(CircuitSyntaxError) -> ParsedNode {
        guard let c = scanner.current else { throw scanner.error(.expectedElement, at: scanner.index) }
        if c == "(" {
            let open = scanner.index
            try scanner.checkDepth(depth + 1, at: open)
            scanner.index += 1
            if scanner.current == ")" { throw scanner.error(.emptyGroup, at: open) }
            let inner = try parseSeries(depth: depth + 1)
            switch scanner.current {
            case ")":
                scanner.index += 1
                return inner
            case nil:
                throw scanner.error(.unbalancedParenthesis, at: open)
            case let c?:
                throw scanner.error(.unexpectedCharacter(c), at: scanner.index)
            }
        }
        guard c.isASCIILetter else {
            if !Self.isInAlphabet(c) { throw scanner.error(.unexpectedCharacter(c), at: scanner.index) }
            throw scanner.error(.expectedElement, at: scanner.index)
        }
        let start = scanner.index
        let word = scanner.scanWord()
        guard let (kind, label) = ElementName.split(word, symbols: symbols) else {
            throw scanner.error(.unknownElement(word), at: start)
        }
        let element = Element(kind: kind, label: label)
        try names.register(element, written: word, at: start, scanner: scanner)
        return .element(element)
    }
}
