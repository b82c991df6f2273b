import NyquistIO

/// Gamry Framework `.DTA` curves of chronopotentiometry and charge/discharge scripts.
///
/// Every table introduced by an unindented `CURVE\tTABLE` or `CURVEn\tTABLE` line (n = 1, 2, …; `ZCURVE`,
/// `OCVCURVE` and other tables are ignored) has, as the ZCURVE tables the impedance reader handles, a column-name
/// line (`Pt T Vf Im …`), a units line, and data rows that start with whitespace; the table ends at the first line
/// that does not. Fields are split at runs of tabs and spaces. Columns: `T` (s), `Vf` (V vs the reference; the cell
/// voltage of a two-electrode cell), `Im` (A, converted to mA; anodic > 0 = charge), optional `Cycle`. Tables are
/// joined in file order; when a table's first time is below the previous table's last time (the clock restarts
/// per table), its times are offset by that last time — the pause between tables is unknown and taken as zero.
extension CyclerCurve {
    static func readGamry(_ buffer: TextBuffer, source: String) throws(TrackingError) -> CyclerCurve {
        var tables: [Int] = []
        for li in 0..<buffer.count {
            guard let first = buffer.bytes[buffer.lines[li]].first, first != 0x09, first != 0x20 else { continue }
            let fields = buffer.string(li).split(separator: "\t").map { String($0).trimmingSpaces() }
            guard fields.count >= 2, fields[1] == "TABLE", fields[0].hasPrefix("CURVE"),
                  fields[0].dropFirst(5).allSatisfy(\.isNumber) else { continue }
            tables.append(li)
        }
        guard !tables.isEmpty else {
            throw .noData(TrackingLocation(source: source), reason: "no 'CURVE TABLE' or 'CURVEn TABLE' section")
        }
        var parts: [CyclerCurve] = []
        var notes: [String] = []
        for table in tables {
            let namesLine = table + 1
            guard namesLine < buffer.count else {
                throw .noData(TrackingLocation(source: source, line: table + 1), reason: "the table has no column line")
            }
            let names = DelimitedTable.names(buffer, line: namesLine, sep: .whitespace)
            let at = TrackingLocation(source: source, line: namesLine + 1)
            func require(_ name: String) throws(TrackingError) -> Int {
                guard let i = names.firstIndex(of: name) else { throw .missingColumn(at, column: name, available: names) }
                return i
            }
            let columns = CurveColumns(
                names: names, time: try require("T"), potential: try require("Vf"), current: try require("Im"),
                currentScale: 1000, cycle: names.firstIndex(of: "Cycle"))
            let start = min(namesLine + 2, buffer.count)
            var end = start
            while end < buffer.count, let b = buffer.bytes[buffer.lines[end]].first, b == 0x09 || b == 0x20 { end += 1 }
            let comma = decimalComma(buffer, start..<end, separator: .whitespace)
            var part = try readRows(
                buffer, lines: start..<end, separator: .whitespace, decimalComma: comma, columns: columns,
                source: source, format: .gamryDTA, notes: [])
            notes.append("table at line \(table + 1): data lines \(start + 1)–\(end)\(comma ? ", decimal ','" : "")")
            if let previous = parts.last, let last = previous.timeSeconds.last, part.timeSeconds[0] < last {
                part.timeSeconds = part.timeSeconds.map { $0 + last }
                notes.append("table at line \(table + 1): times offset by \(last) s (the clock restarts per table)")
            }
            parts.append(part)
        }
        let cycles: [Int]? = parts.allSatisfy { $0.cycleNumbers != nil } ? parts.flatMap { $0.cycleNumbers ?? [] } : nil
        return try CyclerCurve(
            timeSeconds: parts.flatMap(\.timeSeconds), potentialVolts: parts.flatMap(\.potentialVolts),
            currentMilliamps: parts.flatMap(\.currentMilliamps), cycleNumbers: cycles, lines: parts.flatMap(\.lines),
            source: source, format: .gamryDTA, notes: notes)
    }
}
