/// The circuit description languages Nyquist reads and writes.
public enum CircuitSyntax: String, CaseIterable, Sendable, Codable {
    /// impedance.py: `R1-p(R2,CPE2)-p(R3,CPE3)-W4` (`-` series, `p(a,b,…)` parallel).
    case impedancePy = "impedance.py"
    /// Boukamp's circuit description code with pyimpspec's inline parameters: `R(RQ)(RQ)W`,
    /// `R{R=10}Q{Y=1e-5,n=0.9F/0.5/1}` (juxtaposition series, `( )` parallel, `[ ]` series).
    case cdc = "cdc"
    /// EC-Lab: `R1+Q2/R2+Q3/R3+W4` (`+` series, `/` parallel, `/` binds tighter, `( )` groups).
    case ecLab = "ec-lab"

    /// The longest circuit description the parsers accept, in characters (``CircuitSyntaxError/Reason/tooLong(limit:)``).
    public static let maximumLength = 100_000
    /// The deepest nesting of groups the parsers accept (``CircuitSyntaxError/Reason/tooDeep(limit:)``): both the
    /// number of open brackets (checked before recursing) and the height of the parsed tree (series and parallel
    /// levels, an element being 0). Keeps every recursive walk of a parsed tree (normalisation, printing, `Hashable`)
    /// far from the stack limit, and its synthesized `Codable` form (three JSON levels per tree level) well inside
    /// Foundation's JSON nesting limit of 512, with room for an enclosing document.
    public static let maximumDepth = 100
}

/// A circuit description that could not be read: what is wrong and where.
public struct CircuitSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: Sendable, Hashable {
        case emptyInput
        case unknownElement(String)
        case unbalancedParenthesis
        case emptyGroup
        case duplicateName(String)
        case trailingInput
        case unexpectedCharacter(Character)
        case invalidInlineParameter(String)
        case tooDeep(limit: Int)
        case tooLong(limit: Int)
        /// An element or a group was expected here (after `-`, `+`, `/`, `,`, an opening bracket, or at the end).
        case expectedElement
        /// A parallel group with a single member: impedance.py `p(R1)`, CDC `(R)`.
        case tooFewMembers
        /// The text ended inside a construct (for example a CDC `!V=1!` version tag).
        case unexpectedEnd
    }

    public var reason: Reason
    /// 0-based character offset into `input` where the problem is.
    public var position: Int
    /// The text that was parsed.
    public var input: String

    public init(_ reason: Reason, at position: Int, in input: String) {
        self.reason = reason
        self.position = position
        self.input = input
    }

    /// One line: `position N: reason`.
    public var message: String {
        let what: String
        switch reason {
        case .emptyInput: what = "empty circuit description"
        case .unknownElement(let s): what = "unknown element '\(s)'"
        case .unbalancedParenthesis: what = "unbalanced parenthesis"
        case .emptyGroup: what = "empty parentheses"
        case .duplicateName(let s): what = "duplicate element name '\(s)'"
        case .trailingInput: what = "unexpected text after the end of the circuit"
        case .unexpectedCharacter(let c): what = "unexpected character '\(c)'"
        case .invalidInlineParameter(let s): what = "invalid inline parameter: \(s)"
        case .tooDeep(let limit): what = "nesting deeper than \(limit) levels"
        case .tooLong(let limit): what = "circuit description longer than \(limit) characters"
        case .expectedElement: what = "expected an element or a group here"
        case .tooFewMembers: what = "a parallel group needs at least two members"
        case .unexpectedEnd: what = "unexpected end of the circuit description"
        }
        return "position \(position + 1): \(what)"
    }

    /// The message, then the input and a caret under the offending character (the input is clipped around the
    /// position when it is long).
    public var description: String {
        let chars = Array(input)
        let window = 60
        let start = max(0, min(position - window / 2, chars.count - window))
        let end = min(chars.count, start + window)
        let shown = String(chars[start..<end])
        let prefix = start > 0 ? "…" : ""
        let caretOffset = prefix.count + max(0, min(position, chars.count) - start)
        return message + "\n  " + prefix + shown + (end < chars.count ? "…" : "") + "\n  "
            + String(repeating: " ", count: caretOffset) + "^"
    }
}
