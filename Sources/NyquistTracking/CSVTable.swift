import Foundation

/// A small comma-separated table with a header row, keeping each data row's 1-based line number for error
/// messages. Blank lines and lines starting with `#` are skipped; fields are trimmed; double-quoted fields may hold
/// commas (`""` is a literal quote). Semicolon- and tab-separated files are accepted when the header has no comma.
struct CSVTable: Sendable {
    struct Row: Sendable {
        var line: Int
        var fields: [String]
    }

    var source: String
    var header: [String]
    var headerLine: Int
    var rows: [Row]

    /// Reads `path` as UTF-8 (or Latin-1 as a fallback).
    static func read(path: String) throws(TrackingError) -> CSVTable {
        let at = TrackingLocation(source: path)
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(at, reason: error.localizedDescription)
        }
        if data.starts(with: Array("SQLite format 3".utf8)) {
            throw .unreadable(
                at,
                reason: "this is an SQLite batch store; export it to CSV first (header cycle,spectrum,file,R1,R1_err,…)"
            )
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw .unreadable(at, reason: "not text")
        }
        return try parse(text: text, source: path)
    }

    static func parse(text: String, source: String) throws(TrackingError) -> CSVTable {
        var header: [String]? = nil
        var headerLine = 0
        var rows: [Row] = []
        var separator: Character = ","
        var lineNumber = 0
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            lineNumber += 1
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line.removeFirst() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if header == nil {
                if !trimmed.contains(","), trimmed.contains(";") { separator = ";" }
                if !trimmed.contains(","), trimmed.contains("\t") { separator = "\t" }
                header = split(trimmed, separator: separator)
                headerLine = lineNumber
                continue
            }
            rows.append(Row(line: lineNumber, fields: split(trimmed, separator: separator)))
        }
        guard let header else { throw .noData(TrackingLocation(source: source), reason: "the file has no header row") }
        for row in rows where row.fields.count != header.count {
            throw .badRow(
                TrackingLocation(source: source, line: row.line),
                reason: "\(row.fields.count) fields, the header has \(header.count)")
        }
        return CSVTable(source: source, header: header, headerLine: headerLine, rows: rows)
    }

    private static func split(_ line: String, separator: Character) -> [String] {
        var fields: [String] = []
        var current = ""
        var quoted = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { current.append("\"") } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    current.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == separator {
                fields.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current.trimmingCharacters(in: .whitespaces))
        return fields
    }

    /// A header name reduced for matching: lower case, without spaces, `_`, `-`, `(`, `)`, `[`, `]`, `/`.
    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { !" _-()[]/".contains($0) })
    }

    /// The index of the first column whose normalized name is one of `names` (already normalized).
    func column(_ names: [String]) -> Int? {
        header.firstIndex { names.contains(CSVTable.normalized($0)) }
    }

    /// The index of a required column; throws `.missingColumn` naming `display`.
    func requireColumn(_ names: [String], display: String) throws(TrackingError) -> Int {
        guard let index = column(names) else {
            throw .missingColumn(TrackingLocation(source: source, line: headerLine), column: display, available: header)
        }
        return index
    }

    /// The number in `row` at `column`, finite; nil for an empty field when `optional`.
    func number(_ row: Row, _ column: Int, optional: Bool = false) throws(TrackingError) -> Double? {
        let text = row.fields[column]
        if optional, text.isEmpty || text == "-" || text.lowercased() == "nan" { return nil }
        guard let value = Double(text), value.isFinite else {
            throw .badValue(
                TrackingLocation(source: source, line: row.line), column: header[column], text: text,
                reason: "is not a finite number")
        }
        return value
    }
}
