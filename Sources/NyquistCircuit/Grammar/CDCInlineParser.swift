import NyquistText

/// The inline part of a CDC element, pyimpspec style: `{R=10}`, `{Y=1e-5,n=0.9F/0.5/1}`, `{R=5/10%/200%:ct}`.
///
/// ```
/// inline := '{' [param (',' param)*] [':' LABELTEXT] '}'
/// param  := NAME '=' NUMBER ['F'|'f'] ['/' [LIMIT] ['/' LIMIT]]   ; value[fixed]/lower/upper; '//upper' sets only upper
/// LIMIT  := 'inf' | NUMBER ['%']                                  ; '%' is relative to the value: 10% → 0.1·value
/// ```
/// Names are the slot symbols of ``ElementKind/slots``, plus pyimpspec's where they differ, which each element's
/// model lists (``ElementDescriptor/inlineNames``): `Q{Y=…}` is Q; `La{L=…}` is La; `Tlmq{R_i=…, Y=…}` are Rion and
/// Q; `H{a=…, b=…}` are alpha and beta; `W{Y=…}` is the Warburg admittance, converted to σ = 1/(Y√2) Ω·s^(−½)
/// (bounds convert the same way and swap), and `W{n=…}` must be 0.5. `inf` as a
/// lower bound means "no lower bound", which for Nyquist's parameters (all non-negative) is 0. The `:label` text is
/// accepted and ignored (CDC labels follow ``CDCLabels``). Each setting is checked with
/// ``Parameter/validationFailure`` against the slot's defaults.
struct CDCInlineParser {
    let kind: ElementKind
    var scanner: GrammarScanner

    init(kind: ElementKind, scanner: GrammarScanner) {
        self.kind = kind
        self.scanner = scanner
    }

    /// Where a name in the braces goes: a slot symbol, or one of the kind's ``InlineName``s.
    func target(of name: String) -> InlineName.Meaning? {
        if kind.slots.contains(where: { $0.symbol == name }) { return .slot(name) }
        return kind.descriptor.inlineNames.first(where: { $0.name == name })?.meaning
    }

    var knownNames: String {
        (kind.slots.map(\.symbol) + kind.descriptor.inlineNames.map(\.name)).joined(separator: ", ")
    }

    func fail(_ reason: String, at i: Int) -> CircuitSyntaxError {
        scanner.error(.invalidInlineParameter(reason), at: i)
    }

    /// At `{`; leaves the scanner after `}`.
    mutating func parse() throws(CircuitSyntaxError) -> [String: ParameterSetting] {
        let open = scanner.index
        scanner.index += 1
        var settings: [String: ParameterSetting] = [:]
        var seen: Set<String> = []
        while let c = scanner.current, c != ":", c != "}" {
            if !seen.isEmpty {
                guard c == "," else { throw fail("expected ',', ':' or '}' but found '\(c)'", at: scanner.index) }
                scanner.index += 1
            }
            let nameStart = scanner.index
            guard let first = scanner.current, first.isASCIILetter else {
                throw scanner.current.map { fail("expected a parameter name but found '\($0)'", at: scanner.index) }
                    ?? fail("missing '}' for the '{'", at: open)
            }
            let name = scanner.scanWord()
            guard let target = target(of: name) else {
                throw fail("'\(name)' is not a parameter of \(kind.rawValue) (known: \(knownNames))", at: nameStart)
            }
            let key: String
            switch target {
            case .slot(let symbol), .reciprocal(of: let symbol, factor: _): key = symbol
            case .constant: key = name
            }
            guard seen.insert(key).inserted else { throw fail("'\(name)' given twice", at: nameStart) }
            guard scanner.current == "=" else { throw fail("expected '=' after '\(name)'", at: scanner.index) }
            scanner.index += 1
            let setting = try parseSetting()
            switch target {
            case .slot(let symbol):
                settings[symbol] = try validated(setting, symbol: symbol, at: nameStart)
            case .reciprocal(of: let symbol, factor: let factor):
                settings[symbol] = try validated(try reciprocal(setting, name: name, factor: factor, at: nameStart),
                                                 symbol: symbol, at: nameStart)
            case .constant(let constant):
                if setting.value != constant {
                    throw fail("\(kind.rawValue) has \(name) = \(constant) by definition "
                               + "(got \(setting.value.map { "\($0)" } ?? "none"))", at: nameStart)
                }
            }
        }
        if scanner.current == ":" {
            while let c = scanner.current, c != "}" {
                if c == "{" { throw fail("'{' inside a label", at: scanner.index) }
                scanner.index += 1
            }
        }
        guard scanner.current == "}" else { throw fail("missing '}' for the '{'", at: open) }
        scanner.index += 1
        return settings
    }

    /// `NUMBER ['F'] ['/' [LIMIT] ['/' LIMIT]]`.
    mutating func parseSetting() throws(CircuitSyntaxError) -> ParameterSetting {
        let value = try parseNumber()
        var setting = ParameterSetting(value: value)
        if let c = scanner.current, c == "F" || c == "f" {
            setting.fixed = true
            scanner.index += 1
        }
        guard scanner.current == "/" else { return setting }
        scanner.index += 1
        if scanner.current == "/" {
            scanner.index += 1
            setting.upper = try parseLimit(relativeTo: value, upper: true)
            return setting
        }
        setting.lower = try parseLimit(relativeTo: value, upper: false)
        if scanner.current == "/" {
            scanner.index += 1
            setting.upper = try parseLimit(relativeTo: value, upper: true)
        }
        return setting
    }

    mutating func parseLimit(relativeTo value: Double, upper: Bool) throws(CircuitSyntaxError) -> Double {
        if scanner.current == "i", scanner.peek(1) == "n", scanner.peek(2) == "f" {
            scanner.index += 3
            return upper ? .infinity : 0
        }
        let limit = try parseNumber()
        if scanner.current == "%" {
            scanner.index += 1
            return value * limit / 100
        }
        return limit
    }

    /// `[+-]? DIGITS ['.' DIGITS?] [('e'|'E') [+-]? DIGITS]`, or `[+-]? '.' DIGITS …`.
    mutating func parseNumber() throws(CircuitSyntaxError) -> Double {
        let start = scanner.index
        func digits(_ s: inout GrammarScanner) -> Int {
            let from = s.index
            while let c = s.current, c.isASCIIDigit { s.index += 1 }
            return s.index - from
        }
        if let c = scanner.current, c == "+" || c == "-" { scanner.index += 1 }
        var mantissa = digits(&scanner)
        if scanner.current == "." {
            scanner.index += 1
            mantissa += digits(&scanner)
        }
        guard mantissa > 0 else {
            let found = scanner.current.map { "'\($0)'" } ?? "the end"
            throw fail("expected a number but found \(found)", at: start)
        }
        if let c = scanner.current, c == "e" || c == "E" {
            scanner.index += 1
            if let s = scanner.current, s == "+" || s == "-" { scanner.index += 1 }
            if digits(&scanner) == 0 { throw fail("malformed exponent in number", at: start) }
        }
        let text = String(scanner.chars[start..<scanner.index])
        guard let value = NumberParser.parse(text), value.isFinite else {
            throw fail("'\(text)' is not a finite number", at: start)
        }
        return value
    }

    /// A slot given through its reciprocal form x (pyimpspec's Warburg Y): value 1/(factor·x), the lower bound
    /// from the upper one and vice versa (``InlineName/convert(_:)``).
    func reciprocal(_ x: ParameterSetting, name: String, factor: Double,
                    at i: Int) throws(CircuitSyntaxError) -> ParameterSetting {
        guard let value = x.value, value > 0 else { throw fail("\(name) of \(kind.rawValue) must be > 0", at: i) }
        let alias = InlineName(name, .reciprocal(of: "", factor: factor), written: false)
        return ParameterSetting(value: alias.convert(value), fixed: x.fixed,
                                lower: x.upper.map(alias.convert), upper: x.lower.map(alias.convert))
    }

    func validated(_ s: ParameterSetting, symbol: String, at i: Int) throws(CircuitSyntaxError) -> ParameterSetting {
        guard let slot = kind.slots.first(where: { $0.symbol == symbol }) else {
            throw fail("'\(symbol)' is not a parameter of \(kind.rawValue)", at: i)
        }
        var p = Parameter(name: symbol, element: kind.rawValue, symbol: slot.symbol, unit: slot.unit,
                          meaning: slot.meaning, domain: slot.domain, value: slot.defaultValue,
                          lower: slot.lower, upper: slot.upper, fixed: false, typical: slot.typical)
        p.apply(s)
        if let reason = p.validationFailure { throw fail("\(kind.rawValue) \(reason)", at: i) }
        return s
    }
}
