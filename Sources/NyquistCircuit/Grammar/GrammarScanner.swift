/// The character cursor all three circuit parsers share.
///
/// The input is checked against ``CircuitSyntax/maximumLength`` before anything else, then copied once into an array
/// of characters with whitespace removed (impedance.py's rule, applied to all three syntaxes). `offsets` maps each kept
/// character back to its 0-based position in the original text, so errors point into what the user wrote. Every
/// parser advances `index` monotonically, which keeps parsing linear in the length of the input.
struct GrammarScanner {
    let input: String
    let chars: [Character]
    let offsets: [Int]
    /// Character count of `input`: the position reported for errors at the end of the text.
    let endOffset: Int
    var index = 0

    init(_ text: String) throws(CircuitSyntaxError) {
        let limit = CircuitSyntax.maximumLength
        // utf8.count is O(1) for native strings and never smaller than the character count.
        if text.utf8.count > limit,
           let cut = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), cut < text.endIndex {
            throw CircuitSyntaxError(.tooLong(limit: limit), at: limit, in: text)
        }
        var chars: [Character] = []
        var offsets: [Int] = []
        var count = 0
        for c in text {
            if !c.isWhitespace {
                chars.append(c)
                offsets.append(count)
            }
            count += 1
        }
        guard !chars.isEmpty else { throw CircuitSyntaxError(.emptyInput, at: 0, in: text) }
        self.input = text
        self.chars = chars
        self.offsets = offsets
        self.endOffset = count
    }

    var isAtEnd: Bool { index >= chars.count }
    var current: Character? { index < chars.count ? chars[index] : nil }
    func peek(_ k: Int) -> Character? { index + k < chars.count ? chars[index + k] : nil }

    /// Original position of the kept character at `i` (the end of the text when `i` is past the last one).
    func offset(_ i: Int) -> Int { i < offsets.count ? offsets[i] : endOffset }

    /// Ends a parse: whatever is left is an unbalanced `)`, a character outside the syntax's `alphabet`, or
    /// trailing input.
    func requireEnd(alphabet: (Character) -> Bool) throws(CircuitSyntaxError) {
        guard let c = current else { return }
        if c == ")" { throw error(.unbalancedParenthesis, at: index) }
        if !alphabet(c) { throw error(.unexpectedCharacter(c), at: index) }
        throw error(.trailingInput, at: index)
    }

    func error(_ reason: CircuitSyntaxError.Reason, at i: Int) -> CircuitSyntaxError {
        CircuitSyntaxError(reason, at: offset(i), in: input)
    }

    /// Consumes the longest run of ASCII letters, digits and `_` and returns it.
    mutating func scanWord() -> String {
        let start = index
        while let c = current, c.isASCIIWordCharacter { index += 1 }
        return String(chars[start..<index])
    }

    /// Throws `tooDeep` when opening the `depth`-th nested bracket at `i` would exceed ``CircuitSyntax/maximumDepth``.
    /// This bounds the parsers' recursion before it happens; ``checkHeight(_:startingAt:)`` then bounds the tree.
    func checkDepth(_ depth: Int, at i: Int) throws(CircuitSyntaxError) {
        if depth > CircuitSyntax.maximumDepth {
            throw error(.tooDeep(limit: CircuitSyntax.maximumDepth), at: i)
        }
    }
}

extension Character {
    var isASCIILetter: Bool { isASCII && isLetter }
    var isASCIIUpper: Bool { isASCII && isUppercase }
    var isASCIILower: Bool { isASCII && isLowercase }
    var isASCIIDigit: Bool { isASCII && isNumber }
    var isASCIIWordCharacter: Bool { isASCII && (isLetter || isNumber || self == "_") }
}

/// A parsed subtree and its height: the number of nested groups in it (an element has height 0).
struct ParsedNode {
    var circuit: Circuit
    var height: Int

    static func element(_ e: Element) -> ParsedNode { ParsedNode(circuit: .element(e), height: 0) }
}

/// Builders that keep the tree in ``Circuit/normalized()`` form while parsing, given members already in that form,
/// and track its height so that no parsed tree is deeper than ``CircuitSyntax/maximumDepth``.
enum TreeBuilder {
    static func series(_ items: [ParsedNode]) -> ParsedNode { group(items, parallel: false) }
    static func parallel(_ items: [ParsedNode]) -> ParsedNode { group(items, parallel: true) }

    private static func group(_ items: [ParsedNode], parallel: Bool) -> ParsedNode {
        if items.count == 1 { return items[0] }
        var flat: [Circuit] = []
        flat.reserveCapacity(items.count)
        var height = 0
        for item in items {
            switch (item.circuit, parallel) {
            case (.series(let inner), false), (.parallel(let inner), true):
                flat.append(contentsOf: inner)
                height = max(height, item.height - 1)
            default:
                flat.append(item.circuit)
                height = max(height, item.height)
            }
        }
        return ParsedNode(circuit: parallel ? .parallel(flat) : .series(flat), height: height + 1)
    }
}

extension GrammarScanner {
    /// Throws `tooDeep` at `i` (where the group starts) when `node` is deeper than ``CircuitSyntax/maximumDepth``.
    func checkHeight(_ node: ParsedNode, startingAt i: Int) throws(CircuitSyntaxError) -> ParsedNode {
        if node.height > CircuitSyntax.maximumDepth {
            throw error(.tooDeep(limit: CircuitSyntax.maximumDepth), at: i)
        }
        return node
    }
}

/// Element names of the labelled syntaxes (impedance.py and EC-Lab): `TYPE LABEL`.
///
/// `TYPE` is the maximal run of ASCII letters; it must be one of the syntax's symbols exactly (so with a label that
/// cannot start with a letter this is the longest match: `Wo4` is Wo + `4`, `CPE2` is CPE + `2`). `LABEL` is
/// `[0-9]*`, then lower-case letters if at least one digit came before (`1b`, the CDC rule's suffix), then optionally
/// `_` followed by letters, digits and `_` (`_s`, `_ct`).
enum ElementName {
    static func split(_ word: String, symbols: [String: ElementKind]) -> (kind: ElementKind, label: String)? {
        let chars = Array(word)
        var i = 0
        while i < chars.count, chars[i].isASCIILetter { i += 1 }
        guard i > 0, let kind = symbols[String(chars[0..<i])] else { return nil }
        let labelStart = i
        let digitsStart = i
        while i < chars.count, chars[i].isASCIIDigit { i += 1 }
        if i > digitsStart {
            while i < chars.count, chars[i].isASCIILower { i += 1 }
        }
        if i < chars.count, chars[i] == "_" {
            i += 1
            while i < chars.count, chars[i].isASCIIWordCharacter { i += 1 }
        }
        guard i == chars.count else { return nil }
        return (kind, String(chars[labelStart...]))
    }
}
