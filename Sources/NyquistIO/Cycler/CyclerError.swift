/// Where in a cycler file a problem was found: the file (or other source name) and a 1-based line (for `.mpr`, the
/// 1-based record number), when known. Renders as `FILE:LINE` or `FILE`.
public struct TextPosition: Sendable, Hashable, Codable, CustomStringConvertible {
    /// File path or source name (e.g. `"cell.mpt"`, `"<string>"`).
    public var source: String
    /// 1-based line number, or nil for problems of the whole input.
    public var line: Int?

    public init(source: String, line: Int? = nil) {
        self.source = source
        self.line = line
    }

    public var description: String { line.map { "\(source):\($0)" } ?? source }
}

/// A failure to read a cycler curve (``CyclerCurve``): always with the file, the line when there is one, and the
/// reason. NyquistTracking turns each case into the ``TrackingError`` case of the same name.
public enum CyclerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read at all (missing; a truncated, corrupt or unsupported `.mpr`, with the byte offset).
    case unreadable(TextPosition, reason: String)
    /// A required column is missing (`available` lists the header as read).
    case missingColumn(TextPosition, column: String, available: [String])
    /// A field is not a number, or a number is outside its valid range.
    case badValue(TextPosition, column: String, text: String, reason: String)
    /// A row is malformed (too few fields; a bad `Nb header lines` line).
    case badRow(TextPosition, reason: String)
    /// The input holds no usable samples.
    case noData(TextPosition, reason: String)
    /// Arrays given to ``CyclerCurve/init(timeSeconds:potentialVolts:currentMilliamps:cycleNumbers:halfCycles:lines:source:format:skippedImpedanceRows:notes:)``
    /// differ in length.
    case inconsistentInputs(reason: String)

    public var description: String {
        switch self {
        case .unreadable(let at, let reason): return "\(at): cannot read: \(reason)"
        case .missingColumn(let at, let column, let available):
            return "\(at): missing column '\(column)' (header: \(available.joined(separator: ", ")))"
        case .badValue(let at, let column, let text, let reason): return "\(at): column '\(column)': '\(text)' \(reason)"
        case .badRow(let at, let reason): return "\(at): \(reason)"
        case .noData(let at, let reason): return "\(at): no data: \(reason)"
        case .inconsistentInputs(let reason): return "inconsistent inputs: \(reason)"
        }
    }
}
