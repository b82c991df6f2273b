import NyquistCircuit

/// Why the input of a batch run could not be read. Every case names the file, and the line where there is one.
public enum BatchInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The path does not exist or cannot be read.
    case unreadable(path: String, reason: String)
    /// A directory without any file of a supported kind.
    case emptyDirectory(path: String, extensions: [String])
    /// The first line is not a header the reader knows.
    case unknownHeader(path: String, line: Int, found: String)
    /// A row with the wrong number of fields (1-based line).
    case wrongFieldCount(path: String, line: Int, expected: Int, found: Int)
    /// A field that is not a finite number (1-based line and column).
    case invalidNumber(path: String, line: Int, column: Int, text: String)
    /// A file with a header and no data rows.
    case noData(path: String)
    /// No input paths at all.
    case noInput
    /// A `.circuit` file line that cannot be read (1-based line).
    case circuitFile(path: String, line: Int, reason: String)
    /// A circuit description that does not parse.
    case circuitSyntax(CircuitSyntaxError)

    public var description: String {
        switch self {
        case .unreadable(let p, let r): return "\(p): cannot read: \(r)"
        case .emptyDirectory(let p, let e):
            return "\(p): no spectrum files (\(e.map { "*." + $0 }.joined(separator: ", "))) in this directory"
        case .unknownHeader(let p, let l, let f):
            return "\(p):\(l): unknown header '\(f)'; expected freq_Hz,Z_re_Ohm,Z_im_Ohm, optionally after a "
                + "leading 'spectrum' or 'cycle' column"
        case .wrongFieldCount(let p, let l, let e, let f): return "\(p):\(l): \(f) fields, expected \(e)"
        case .invalidNumber(let p, let l, let c, let t): return "\(p):\(l): column \(c): '\(t)' is not a finite number"
        case .noData(let p): return "\(p): no data rows after the header"
        case .noInput: return "no input given"
        case .circuitFile(let p, let l, let r): return "\(p):\(l): \(r)"
        case .circuitSyntax(let e): return "circuit: \(e.description)"
        }
    }
}
