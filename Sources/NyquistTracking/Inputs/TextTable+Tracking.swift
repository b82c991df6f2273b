import NyquistIO

/// NyquistIO's ``TextTable`` (the one delimited-table reader) with failures as ``TrackingError``s naming the file
/// and line, and the number rule of Tracking's inputs: finite, or absent in an optional column.
extension TextTable {
    /// Reads a table file; see ``TextTable`` for the text rules.
    static func tracking(path: String) throws(TrackingError) -> TextTable {
        do { return try read(path: path) } catch { throw error.tracking(source: path) }
    }

    /// Parses table text already in memory.
    static func tracking(text: String, source: String) throws(TrackingError) -> TextTable {
        do { return try parse(text: text, source: source) } catch { throw error.tracking(source: source) }
    }

    /// The index of a required column; throws `.missingColumn` naming `display`.
    func requireColumn(_ names: [String], display: String) throws(TrackingError) -> Int {
        guard let index = column(names) else {
            throw .missingColumn(TrackingLocation(source: source, line: headerLine), column: display, available: header)
        }
        return index
    }

    /// The number in `row` at `column`, finite; nil for an empty, `-` or `nan` field when `optional`.
    func number(_ row: Row, _ column: Int, optional: Bool = false) throws(TrackingError) -> Double? {
        let text = row.fields[column]
        if optional, text.isEmpty || text == "-" || text.lowercased() == "nan" { return nil }
        guard let value = number(text), value.isFinite else {
            throw .badValue(
                TrackingLocation(source: source, line: row.line), column: header[column], text: text,
                reason: "is not a finite number")
        }
        return value
    }
}

extension TextTable.Failure {
    /// The tracking error with the file (and line) it concerns.
    func tracking(source: String) -> TrackingError {
        switch self {
        case .unreadable(let reason): return .unreadable(TrackingLocation(source: source), reason: reason)
        case .noHeader: return .noData(TrackingLocation(source: source), reason: "the file has no header row")
        case .fieldCount(let line, let found, let expected):
            return .badRow(TrackingLocation(source: source, line: line), reason: "\(found) fields, the header has \(expected)")
        }
    }
}
