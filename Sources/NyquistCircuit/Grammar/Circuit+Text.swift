extension Circuit {
    /// Parses `text` in `syntax`, or detects the syntax from the text when nil (``detectSyntax(of:)``).
    ///
    /// All three syntaxes build the same ``normalized()`` tree: `R0-p(R1-W1,CPE1)`, `R(Q[RW])` and `R0+Q1/(R1+W1)`
    /// differ only in labels (CDC has none; see ``CDCLabels``). Whitespace anywhere is ignored. The text may be at
    /// most ``CircuitSyntax/maximumLength`` characters and nest at most ``CircuitSyntax/maximumDepth`` groups; parsing
    /// is linear in the length of the text. The grammar of each syntax is in `docs/circuit-language.md`.
    ///
    /// - Throws: ``CircuitSyntaxError`` with the reason and the 0-based character position in `text`.
    public init(parsing text: String, syntax: CircuitSyntax? = nil) throws(CircuitSyntaxError) {
        switch syntax ?? Circuit.detectSyntax(of: text) {
        case .impedancePy:
            var parser = try ImpedancePyParser(text)
            self = try parser.parse()
        case .cdc:
            var parser = try CDCParser(text)
            self = try parser.parse()
        case .ecLab:
            var parser = try ECLabParser(text)
            self = try parser.parse()
        }
    }

    /// Guesses the syntax of a circuit description, looking only at characters outside `{ }` (CDC inline values),
    /// with whitespace ignored:
    ///
    /// 1. `p(` or `-` → impedance.py;
    /// 2. otherwise `+` or `/` → EC-Lab;
    /// 3. otherwise a letter directly followed by a digit or `_` (a labelled name such as `R1`): EC-Lab if one such
    ///    name uses a symbol only EC-Lab has (`Q`, `Wd`, `M`, `H`, `Tlmq`) or there is a `(` not preceded by `p`
    ///    (`(R1)`), else impedance.py;
    /// 4. otherwise CDC (`R(RQ)(RQ)W`, `R`).
    ///
    /// The guess never fails; a wrong guess shows up as a parse error of the guessed syntax.
    public static func detectSyntax(of text: String) -> CircuitSyntax {
        var braces = 0
        var previous: Character?
        var word = ""
        var sawLabelledName = false
        var sawECLabName = false
        var sawBareParenthesis = false
        let ecLabOnly: Set<String> = ["Q", "Wd", "M", "H", "Tlmq"]
        for c in text where !c.isWhitespace {
            defer { previous = c }
            if c == "{" { braces += 1; continue }
            if c == "}" { braces = max(0, braces - 1); continue }
            if braces > 0 { continue }
            if c == "-" || (c == "(" && previous == "p") { return .impedancePy }
            if c == "+" || c == "/" { return .ecLab }
            if c == "(" { sawBareParenthesis = true }
            if c.isASCIILetter {
                if let p = previous, p.isASCIILetter { word.append(c) } else { word = String(c) }
            } else if c.isASCIIDigit || c == "_" {
                if let p = previous, p.isASCIILetter {
                    sawLabelledName = true
                    if ecLabOnly.contains(word) { sawECLabName = true }
                }
            }
        }
        if sawLabelledName { return sawECLabName || sawBareParenthesis ? .ecLab : .impedancePy }
        return .cdc
    }

    /// Canonical text of the (normalised) circuit in `syntax`:
    ///
    /// - impedance.py `R1-p(R2,CPE2)-p(R3,CPE3)-W4` (a series inside a parallel is written with `-` inside `p( , )`);
    /// - CDC `R(RQ)(RQ)W`, with `[ ]` only around a series inside a parallel (`R(Q[RW])`);
    /// - EC-Lab `R1+Q2/R2+Q3/R3+W4`, with `( )` only around a series inside a parallel (`R0+Q1/(R1+W1)`).
    ///
    /// Labels are printed as they are (an empty label prints just the symbol); CDC prints none. With `parameters`
    /// (looked up by element name and slot symbol), CDC elements carry pyimpspec-style inline values
    /// (`R{R=10}Q{Y=1e-05,n=0.9F/0.5/1}`): `F` marks a fixed value, `/lower/upper` is written when either bound
    /// differs from the slot's default; Q's coefficient is written `Y`, La's `L`, and W as `Y = 1/(σ√2)` with
    /// `n=0.5F`, so pyimpspec reads those elements as meant. Other syntaxes ignore `parameters`.
    public func text(in syntax: CircuitSyntax, parameters: ParameterTable? = nil) -> String {
        var out = ""
        let tree = normalized()
        switch syntax {
        case .impedancePy:
            CircuitPrinter.writeImpedancePy(tree, to: &out)
        case .ecLab:
            CircuitPrinter.writeECLab(tree, insideParallel: false, to: &out)
        case .cdc:
            let lookup = parameters.map(CircuitPrinter.index)
            CircuitPrinter.writeCDC(tree, insideParallel: false, parameters: lookup, to: &out)
        }
        return out
    }
}
