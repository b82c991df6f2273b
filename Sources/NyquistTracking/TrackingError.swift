/// Where in an input a problem was found: a file (or other source name) and a 1-based line, when known.
public struct TrackingLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// File path or source name (e.g. `"cell.toml"`, `"<string>"`).
    public var source: String
    /// 1-based line number, or nil for problems of the whole input.
    public var line: Int?

    public init(source: String, line: Int? = nil) {
        self.source = source
        self.line = line
    }

    public var description: String { line.map { "\(source):\($0)" } ?? source }
}

/// A failure of the tracking layer: bad input (always with its location) or a question the data cannot answer.
public enum TrackingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A file could not be read at all.
    case unreadable(TrackingLocation, reason: String)
    /// A required column is missing from a CSV header (`available` lists the header as read).
    case missingColumn(TrackingLocation, column: String, available: [String])
    /// A cell is not a number, or a number is outside its valid range.
    case badValue(TrackingLocation, column: String, text: String, reason: String)
    /// A row has the wrong number of fields.
    case badRow(TrackingLocation, reason: String)
    /// A `key = value` line of a cell description is malformed, repeated or names an unknown key.
    case badCellEntry(TrackingLocation, key: String, reason: String)
    /// The input holds no usable rows.
    case noData(TrackingLocation, reason: String)
    /// Too few points for what was asked: `needed` points for a model with `parameters` parameters.
    case tooFewPoints(count: Int, needed: Int, parameters: Int, reason: String)
    /// The model comparison was refused (see ``GrowthLawComparison/refusal``).
    case comparisonRefused(reason: String)
    /// Two inputs disagree (e.g. a series cycle that the cycling data lack).
    case inconsistentInputs(reason: String)
    /// A setting is outside its valid range.
    case invalidSetting(name: String, reason: String)
    /// The numerical fit failed (GSL status or no finite start).
    case numerical(reason: String)

    public var description: String {
        switch self {
        case .unreadable(let at, let reason): return "\(at): cannot read: \(reason)"
        case .missingColumn(let at, let column, let available):
            return "\(at): missing column '\(column)' (header: \(available.joined(separator: ", ")))"
        case .badValue(let at, let column, let text, let reason):
            return "\(at): column '\(column)': '\(text)' \(reason)"
        case .badRow(let at, let reason): return "\(at): \(reason)"
        case .badCellEntry(let at, let key, let reason): return "\(at): '\(key)': \(reason)"
        case .noData(let at, let reason): return "\(at): no data: \(reason)"
        case .tooFewPoints(let count, let needed, let parameters, let reason):
            return "\(count) points, \(needed) needed for \(parameters) parameters: \(reason)"
        case .comparisonRefused(let reason): return "model comparison refused: \(reason)"
        case .inconsistentInputs(let reason): return "inconsistent inputs: \(reason)"
        case .invalidSetting(let name, let reason): return "invalid \(name): \(reason)"
        case .numerical(let reason): return "numerical failure: \(reason)"
        }
    }
}
